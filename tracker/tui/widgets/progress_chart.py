"""A district's progress by month: its catalog, and its tasks against the schedule line."""

from textual.widgets import Static

from tracker.presentation import ITEM_STATE_STYLES
from tracker.services.read.progress import DistrictProgress
from tracker.tui.widgets.charts import ChartPair, MonthChart, Series, sparkline

TASK_COLOUR = "blue"
SCHEDULE_COLOUR = "default"
"""The schedule line in the text's own colour: a target, neither good nor bad news."""

TALL_SCREEN = 40
"""Lines from which a screen has room for charts twice as tall."""


def catalog_chart(progress: DistrictProgress, rows: int) -> MonthChart:
    """Items published in front of the items combed (at least), at each month's end."""
    months = progress.catalog
    last = months[-1] if months else None
    top = max((m.combed for m in months), default=0)
    return MonthChart(
        "目录进度（已公开/已梳理）",
        [m.month for m in months],
        Series(
            "已公开",
            [m.published for m in months],
            ITEM_STATE_STYLES["published"],
            f"{last.published:,}" if last else "",
        ),
        top=max(top, 1),
        top_label=f"{top:,}",
        behind=Series(
            "已梳理",
            [m.combed for m in months],
            ITEM_STATE_STYLES["combed"],
            f"{last.combed:,}" if last else "",
        ),
        rows=rows,
    )


def task_chart(progress: DistrictProgress, rows: int) -> MonthChart:
    """The average task progress at each month's end, and where the schedule line stood."""
    months = progress.tasks
    last = months[-1] if months else None
    return MonthChart(
        "任务进度 vs 时间进度",
        [m.month for m in months],
        Series(
            "任务进度",
            [m.progress for m in months],
            TASK_COLOUR,
            f"{round(last.progress)}%" if last else "",
        ),
        top=100,
        top_label="100%",
        line=Series(
            "时间进度",
            [m.expected for m in months],
            SCHEDULE_COLOUR,
            f"{last.expected}%" if last else "",
        ),
        rows=rows,
    )


def card_sparklines(progress: DistrictProgress, width: int) -> str:
    """One line of Rich markup for a dashboard card ``width`` columns wide: the items
    published against the catalog's size, and the task progress, green on or above the
    schedule line and yellow below it, over the last months that fit."""
    shown = max(1, (width - 9) // 2)  # 目录, 任务 and a space take nine columns
    catalog, tasks = progress.catalog[-shown:], progress.tasks[-shown:]
    size = max((m.combed for m in catalog), default=0)
    published = sparkline([m.published for m in catalog], size, ["green"] * len(catalog))
    on_schedule = ["green" if m.progress >= m.expected else "yellow" for m in tasks]
    task_line = sparkline([m.progress for m in tasks], 100, on_schedule)
    return f"目录{published} 任务{task_line}"


class ProgressChart(Static):
    """区详情's two charts: the catalog by month, and the tasks against the schedule line."""

    DEFAULT_CSS = """
    ProgressChart { height: auto; padding: 0 1; margin-bottom: 1; }
    """

    def show(self, progress: DistrictProgress | None) -> None:
        """Draw ``progress``; None while the complete read of the database is under way."""
        if progress is None:
            self.update("[dim]正在读取进度走势…[/]")
            return
        rows = 8 if self.app.size.height >= TALL_SCREEN else 4
        self.update(ChartPair(catalog_chart(progress, rows), task_chart(progress, rows)))
