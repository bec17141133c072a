"""Month-by-month charts in block characters: column charts and sparklines, as Rich text.

Drawn by hand rather than with plotext: a chart of a dozen months needs a column per month,
a level mark and a legend, which a hundred lines of Rich do at any width, without a
dependency or its import cost at start-up.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby, zip_longest

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

BLOCKS = " ▁▂▃▄▅▆▇█"
"""A cell filled from the bottom, by eighths: ``BLOCKS[3]`` is three eighths full."""

LINE_MARKS = "▁─▔"
"""A level mark low, midway or high in its cell."""

MAX_SLOT = 8
"""The most columns a month takes, however wide the chart."""

GAP = 3
"""Columns between two charts side by side."""

MIN_WIDTH = 30
"""The narrowest a chart is drawn beside another; narrower, they stand one above the other."""

STACKED_ROWS = 4
"""The most rows a chart takes when the two stand one above the other."""


@dataclass(frozen=True)
class Series:
    """One series of a chart: a value per month, its colour, and its legend."""

    label: str
    values: Sequence[float]
    colour: str
    """A colour name: the foreground of its cells, the background of a mark drawn over them."""
    latest: str
    """The last month's figure as the legend shows it."""


@dataclass(frozen=True)
class MonthChart:
    """A column per month for ``bar``, with ``behind`` as a taller column behind it (a part
    of a whole) or ``line`` as a level mark across each month (a target)."""

    title: str
    months: Sequence[date]
    """The first day of each month."""
    bar: Series
    top: float
    """The value at the top of the chart."""
    top_label: str
    behind: Series | None = None
    line: Series | None = None
    rows: int = 4

    def lines(self, width: int) -> list[Text]:
        """The chart drawn ``width`` columns wide: title, rows, month labels, legend; the
        months that do not fit are the earliest."""
        title = Text(self.title, style="bold")
        if not self.months:
            return [title, Text("暂无数据", style="dim")]
        axis = max(cell_len(self.top_label), 4) + 1
        plot = max(1, width - axis)
        shown = min(len(self.months), plot)
        first = len(self.months) - shown
        slot = max(1, min(MAX_SLOT, plot // shown))
        bar_width = slot if slot == 1 else slot - 1 if slot <= 4 else slot - 2
        bars = [self._eighths(v) for v in self.bar.values[first:]]
        behind = [self._eighths(v) for v in self.behind.values[first:]] if self.behind else []
        marks = [self._mark(v) for v in self.line.values[first:]] if self.line else []
        drawn = [title]
        for row in reversed(range(self.rows)):
            label = self.top_label if row == self.rows - 1 else "0" if row == 0 else ""
            text = Text()
            text.append(label.rjust(axis - 1) + ("┤" if label else "│"), "dim")
            for month in range(shown):
                for column in range(slot):
                    in_bar = column < bar_width
                    char, style = self._cell(
                        row,
                        bars[month] if in_bar else 0,
                        behind[month] if behind and in_bar else 0,
                        marks[month] if marks else None,
                    )
                    text.append(char, style)
            drawn.append(text)
        drawn.append(self._month_labels(self.months[first:], axis, slot, plot))
        drawn.append(self._legend())
        return drawn

    def _eighths(self, value: float) -> int:
        """A column's height in eighths of a row; any value above nothing shows."""
        height = round(value / self.top * self.rows * 8) if self.top > 0 else 0
        return max(height, 1) if value > 0 else 0

    def _mark(self, value: float) -> tuple[int, int]:
        """The row of a level mark and where in the row (an index of :data:`LINE_MARKS`)."""
        height = value / self.top * self.rows * 8 if self.top > 0 else 0
        if height >= self.rows * 8:
            return self.rows - 1, 2
        row = int(height // 8)
        return row, min(2, int((height - 8 * row) / 8 * 3))

    def _cell(
        self, row: int, bar: int, behind: int, mark: tuple[int, int] | None
    ) -> tuple[str, str]:
        """The character and style of one cell of a month's column."""
        filled = max(0, min(8, bar - 8 * row))
        if mark is not None and mark[0] == row and self.line is not None:
            under = f" on {self.bar.colour}" if filled >= 4 else ""
            return LINE_MARKS[mark[1]], self.line.colour + under
        if filled == 8:
            return BLOCKS[8], self.bar.colour
        back = max(0, min(8, behind - 8 * row))
        if self.behind is None or not back:
            return BLOCKS[filled], self.bar.colour if filled else ""
        if not filled:
            return BLOCKS[back], self.behind.colour
        # Above the bar's top, the column behind shows when it fills most of the cell's rest.
        under = f" on {self.behind.colour}" if 2 * back >= 8 + filled else ""
        return BLOCKS[filled], self.bar.colour + under

    @staticmethod
    def _month_labels(months: Sequence[date], axis: int, slot: int, plot: int) -> Text:
        """``7月``, ``9月`` … under their columns, the last month always; the first year in the
        axis's margin."""
        step = -(-5 // slot)  # a label and a space between: ``12月`` takes four columns
        starts: list[tuple[int, str]] = []
        for index in range(len(months) - 1, -1, -step):
            label = f"{months[index].month}月"
            start = min(index * slot, plot - cell_len(label))
            if starts and start + cell_len(label) >= starts[-1][0]:
                continue  # would touch the label after it
            starts.append((start, label))
        line = f"{months[0].year}".rjust(axis - 1) + " "
        for start, label in reversed(starts):
            line += " " * max(0, axis + start - cell_len(line)) + label
        return Text(line, style="dim")

    def _legend(self) -> Text:
        legend = Text()
        for series, symbol in ((self.bar, "█"), (self.behind, "█"), (self.line, "─")):
            if series is not None:
                if legend:
                    legend.append("  ")
                legend.append(symbol, series.colour)
                legend.append(f" {series.label} {series.latest}")
        return legend


@dataclass(frozen=True)
class ChartPair:
    """Two charts side by side where the width allows, else one above the other."""

    left: MonthChart
    right: MonthChart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        half = (width - GAP) // 2
        lines: list[Text] = []
        if half >= MIN_WIDTH:
            pairs = zip_longest(self.left.lines(half), self.right.lines(half), fillvalue=Text())
            for left, right in pairs:
                left.truncate(half, overflow="crop", pad=True)
                lines.append(Text.assemble(left, " " * GAP, right))
        else:
            upper, lower = (
                replace(chart, rows=min(chart.rows, STACKED_ROWS))
                for chart in (self.left, self.right)
            )
            lines = [*upper.lines(width), Text(), *lower.lines(width)]
        chart = Text("\n").join(lines)
        chart.no_wrap, chart.overflow = True, "crop"
        yield chart


def sparkline(values: Sequence[float], top: float, styles: Sequence[str]) -> str:
    """One character per value, ``▁`` to ``█`` by its share of ``top``, each in its style, as
    Rich markup for a line among others; nothing yet is a dim ``▁``."""
    cells: list[tuple[str, str]] = []
    for value, style in zip(values, styles, strict=True):
        eighths = round(value / top * 8) if top > 0 else 0
        cells.append((BLOCKS[max(1, min(8, eighths))], style) if value > 0 else (BLOCKS[1], "dim"))
    runs = groupby(cells, key=lambda cell: cell[1])
    return "".join(f"[{style}]{''.join(c for c, _ in run)}[/]" for style, run in runs)
