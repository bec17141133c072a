"""Charts for the reports: a catalog's progress by month, drawn with matplotlib as a PNG.

matplotlib is imported inside the functions that draw, so only making a report pays for it
(0.7 to 1 s, numpy included; ``bench/chart_bench.py``), never ``tracker task update`` or another
command that changes data.
"""

from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import cache
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.services.read.progress import MonthCount

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_CM, HEIGHT_CM = 15.6, 8.0
"""The size of an A4 text column (GB/T 9704: 156 mm wide), so a report shows it unscaled."""
DPI = 200
"""Sharp in print, small enough for an HTML page."""

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "Noto Sans CJK JP",
)
"""Fonts that draw simplified Chinese, best first (sans-serif reads better at chart sizes)."""

SERIES = (
    # state, label, colour, line style, marker
    ("combed", "已梳理", "#9ecae1", "-", "o"),
    ("standardized", "已标准化", "#4292c6", "--", "s"),
    ("published", "已公开", "#08519c", "-.", "^"),
)
"""The three lines, light to dark and with distinct dashes and markers, so that a
black-and-white printout still tells them apart."""

FALLBACK_LABELS = {"combed": "combed", "standardized": "standardized", "published": "published"}
"""Legend words when no font on the machine draws Chinese (empty boxes would say nothing)."""


@cache
def cjk_font() -> str | None:
    """The name of the first font in :data:`CJK_FONTS` installed here, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def month_label(month_index: int, months: Sequence[MonthCount], chinese: bool) -> str:
    """A month tick: ``2017年9月``, or ``2017-09`` without a Chinese font."""
    month = months[month_index].month
    return f"{month.year}年{month.month}月" if chinese else f"{month:%Y-%m}"


def progress_chart(months: list[MonthCount], title: str, path: Path) -> Path:
    """Draw the items combed, standardized and published at each month's end as a PNG at
    ``path`` (15.6 cm wide at 200 dpi) and return ``path``.

    Chinese text needs a CJK font (Debian: fonts-noto-cjk). Without one the chart is still
    drawn, with months as ``2017-09``, the legend in English and no title, and the report's
    own caption says what it shows.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    font = cjk_font()
    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # the Agg renderer: no display, no pyplot state
    with _fonts(font):
        if font is not None and title:
            figure.suptitle(title, fontsize=11)
        axes = figure.add_subplot()
        _draw_series(axes, months, chinese=font is not None)
        peak = max((month.combed for month in months), default=0)
        axes.set_ylim(0, max(peak, 4) * 1.05)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        if not months:
            axes.set_yticks([])
        elif font is not None:
            axes.set_ylabel("事项数（项）")
        _month_ticks(axes, months, chinese=font is not None)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.spines[["top", "right"]].set_visible(False)
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    return path


def _fonts(font: str | None) -> AbstractContextManager[None]:
    """Settings for the drawing: the Chinese font (DejaVu Sans for any glyph it lacks)."""
    from matplotlib import rc_context

    return rc_context(
        {
            "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
            "font.size": 8,
            "axes.unicode_minus": False,
        }
    )


def _draw_series(axes: "Axes", months: Sequence[MonthCount], *, chinese: bool) -> None:
    """One line per state with a light fill beneath it; the legend gives the last month's
    figures."""
    positions = list(range(len(months)))
    for state, label, colour, style, marker in SERIES:
        values = [getattr(month, state) for month in months]
        name = label if chinese else FALLBACK_LABELS[state]
        latest = f" {values[-1]:,}" if values else ""
        axes.fill_between(positions, values, color=colour, alpha=0.18, linewidth=0)
        axes.plot(
            positions,
            values,
            color=colour,
            linestyle=style,
            marker=marker,
            markersize=3.5,
            linewidth=1.6,
            label=f"{name}{latest}",
        )
    if not months:
        axes.text(
            0.5, 0.5, "暂无数据" if chinese else "no data", ha="center", transform=axes.transAxes
        )
    # Above the plot, where no line can run under it.
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1), frameon=False, ncols=3, borderaxespad=0)
    axes.margins(x=0.02)


def _month_ticks(axes: "Axes", months: Sequence[MonthCount], *, chinese: bool) -> None:
    """A tick on every month, labelled on at most eight of them so the labels never overlap."""
    step = max(1, ceil(len(months) / 8))
    axes.set_xticks(range(len(months)), minor=True)
    labelled = range(0, len(months), step)
    axes.set_xticks(list(labelled), [month_label(i, months, chinese) for i in labelled])
    axes.tick_params(axis="x", which="minor", length=2)
