"""时间轴: the pilot period from the plan's issue date to the last milestone, with today marked."""

from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from tracker.presentation import MILESTONE_MARKS, MILESTONE_STATE_STYLES, milestone_state_text
from tracker.services.read.models import MilestoneState
from tracker.tui.data import Snapshot
from tracker.tui.format import styled
from tracker.tui.screens.base import TrackerScreen


class TimelineScreen(TrackerScreen):
    """Each district's milestones on one axis of the pilot period."""

    SUB_TITLE = "时间轴"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="timeline")
        yield Footer(compact=True)

    def on_resize(self) -> None:
        if self.tracker_app.snapshot is not None:
            self.show(self.tracker_app.snapshot)

    def show(self, snapshot: Snapshot) -> None:
        state = snapshot.state
        start = self.tracker_app.tracker.plan.issued
        end = max(m.due for m in state.milestones)
        today = state.as_of
        label = 8
        width = max(20, self.size.width - label - 8)

        def column(day: date) -> int:
            share = (day - start).days / max(1, (end - start).days)
            return max(0, min(width - 1, round(share * (width - 1))))

        axis = ["─"] * width
        for month in _months(start, end):
            axis[column(month)] = "┼"
        left, right = f"{start} 印发", f"{end} 截止"
        gap = max(1, width - cell_len(left) - cell_len(right))
        lines = [" " * label + left + " " * gap + right]
        ruler = "".join(axis)
        lines.append(f"{'':<{label}}{ruler}")
        marker = [" "] * width
        marker[column(min(max(today, start), end))] = "▼"
        lines.insert(1, "今天" + " " * (label - 4) + "".join(marker))
        rows: list[tuple[str, tuple[MilestoneState, ...]]] = [
            (d.name, d.milestones) for d in state.districts
        ]
        rows.append(("市级", state.municipal_milestones))
        for name, items in rows:
            cells = [" "] * width
            styles: dict[int, str] = {}
            for m in items:
                at = column(m.due)
                cells[at] = MILESTONE_MARKS[m.state]
                styles[at] = MILESTONE_STATE_STYLES[m.state]
            text = "".join(styled(c, styles[i]) if i in styles else c for i, c in enumerate(cells))
            lines.append(name + " " * max(1, label - cell_len(name)) + text)
        lines.append("")
        lines.append(f"图例：◇ 未到期  ◆ 临近  ✗ 逾期  ✓ 已完成    ▼ 今天（{state.as_of}）")
        lines.append("")
        for name, items in rows:
            for m in items:
                text = milestone_state_text(m.state, m.days_left, compact=True)
                lines.append(
                    f"{name} {m.due} {m.name}：{styled(text, MILESTONE_STATE_STYLES[m.state])}"
                )
        self.query_one("#timeline", Static).update("\n".join(lines))


def _months(start: date, end: date) -> list[date]:
    months, year, month = [], start.year, start.month + 1
    while date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1) <= end:
        months.append(date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1))
        month += 1
    return months
