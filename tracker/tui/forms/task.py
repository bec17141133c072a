"""The form that updates a district's task: status, progress and note."""

from textual.widgets import Input, Select

from tracker.domain.vocab import TASK_STATUSES
from tracker.services import tasks
from tracker.services.read.models import DistrictState, TaskState
from tracker.services.tracker import Tracker
from tracker.tui.modals.forms import Field, FormModal


def task_form(tracker: Tracker, district: DistrictState, task: TaskState) -> FormModal:
    """Update ``task`` of ``district`` through :func:`tracker.services.tasks.update_task`."""
    fields: list[Field] = [
        (
            "状态",
            Select(
                [(t.label, t.id) for t in TASK_STATUSES],
                value=task.status,
                id="status",
                allow_blank=False,
            ),
        ),
        ("进度（0–100）", Input(str(task.progress), id="progress")),
        ("备注（标记受阻时须说明原因）", Input(task.note, id="note")),
    ]

    def save(values: dict[str, str]) -> str:
        outcome = tasks.update_task(
            tracker,
            district.id,
            task.id,
            status=values["status"],
            progress=values["progress"],
            note=values["note"],
        )
        return f"已更新{district.name}「{task.name}」" if outcome.changed else "没有变化"

    return FormModal(f"{district.name}·{task.name}", fields, save)
