"""A district at a glance: its light and reasons, tasks, milestones, catalog, lead and the
months' trend."""

from textual.widgets import Static

from tracker.presentation import (
    ALERT_LIGHTS,
    ALERT_REASON_STYLES,
    ALERT_STYLES,
    MILESTONE_STATE_STYLES,
    TASK_STATUS_STYLES,
    days_text,
    names_text,
    progress_text,
)
from tracker.services.read.models import DistrictState
from tracker.services.read.progress import DistrictProgress
from tracker.tui.format import escape, styled
from tracker.tui.widgets.progress_chart import card_sparklines

NARROWEST = 22
"""The card's content width on an 80-column terminal, assumed until the card is laid out."""


class DistrictCard(Static):
    """One district's card on the dashboard; ``update_from`` redraws it from the district's state
    and its progress by month."""

    DEFAULT_CSS = """
    DistrictCard {
        border: round $primary;
        padding: 0 1;
        height: auto;
        width: 1fr;
    }
    DistrictCard.red { border: round $error; }
    DistrictCard.yellow { border: round $warning; }
    DistrictCard.green { border: round $success; }
    """

    district: DistrictState | None = None
    progress: DistrictProgress | None = None
    drawn_width = 0
    """The content width the trend was last drawn for."""

    def update_from(self, district: DistrictState, progress: DistrictProgress | None) -> None:
        """Show ``district``, with its trend by month once the complete read gives ``progress``."""
        self.district, self.progress = district, progress
        self.draw()

    def on_resize(self) -> None:
        if self.content_size.width != self.drawn_width:
            self.draw()  # the trend shows as many months as the card is wide

    def draw(self) -> None:
        """Draw the card from the district and its progress last given."""
        district = self.district
        if district is None:
            return
        self.border_title = district.name
        for level in ALERT_LIGHTS:
            self.set_class(level == district.alert, level)
        light = styled(ALERT_LIGHTS[district.alert], ALERT_STYLES[district.alert])
        lead = names_text(p.name for p in district.leads[:1])
        lines = [f"{light}  负责人 {escape(lead)}"]
        for task in district.tasks:
            flag = ""
            if task.status in ("blocked", "done"):
                flag = " " + styled(task.status_name, TASK_STATUS_STYLES[task.status])
            lines.append(f"{escape(task.name[:2])} {progress_text(task.progress, 6)}{flag}")
        for milestone in district.milestones:
            mark = "✓" if milestone.state in ("done", "done-late") else ""
            text = mark + days_text(milestone.state, milestone.days_left, compact=True)
            lines.append(
                f"{escape(milestone.short_name)} {styled(text, MILESTONE_STATE_STYLES[milestone.state])}"
            )
        items = district.items.overall
        lines.append(
            f"事项 {items.total}：公开{items.published} 标准{items.standardized} "
            f"梳理{items.combed} 撤{items.withdrawn}"
        )
        if items.missing_elements:
            lines.append(styled(f"缺要素 {items.missing_elements} 项", "yellow"))
        if self.progress is None:
            lines.append(styled("走势读取中…", "dim"))  # holds the line: the card does not jump
        else:
            self.drawn_width = self.content_size.width
            lines.append(card_sparklines(self.progress, self.drawn_width or NARROWEST))
        reason_style = ALERT_REASON_STYLES[district.alert]
        lines += [styled(f"· {reason}", reason_style) for reason in district.alert_reasons]
        self.update("\n".join(lines))
