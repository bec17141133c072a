"""The form that records a milestone's completion, or reopens a completed one."""

from textual.widgets import Input

from tracker.services import milestones
from tracker.services.read.models import DistrictState, MilestoneState
from tracker.services.tracker import Tracker
from tracker.tui.modals.forms import Field, FormModal


def milestone_form(
    tracker: Tracker, district: DistrictState, milestone: MilestoneState
) -> FormModal:
    """Complete an open milestone (date, 文号, note), or reopen a done one with a reason."""
    if milestone.done:
        reason: list[Field] = [("重新打开的原因", Input(id="reason"))]

        def reopen(values: dict[str, str]) -> str:
            milestones.reopen_milestone(tracker, district.id, milestone.id, reason=values["reason"])
            return f"已重新打开「{milestone.name}」"

        return FormModal(f"重新打开：{milestone.name}", reason, reopen)

    fields: list[Field] = [
        ("完成日期（默认当天）", Input(id="date")),
        ("文号", Input(id="ref")),
        ("备注", Input(id="note")),
    ]

    def complete(values: dict[str, str]) -> str:
        milestones.complete_milestone(
            tracker,
            district.id,
            milestone.id,
            done=values["date"] or None,
            ref=values["ref"],
            note=values["note"],
        )
        return f"已登记「{milestone.name}」完成"

    return FormModal(f"登记完成：{district.name}·{milestone.name}", fields, complete)
