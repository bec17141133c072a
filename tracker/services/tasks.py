"""A district's four tasks: status, progress, owner and note, kept consistent."""

from tracker.domain.errors import InputError
from tracker.domain.records import TaskRecord
from tracker.domain.values import optional_text, parse_int
from tracker.domain.vocab import TASK_STATUSES
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.outcome import Outcome
from tracker.services.people import responsible_login
from tracker.services.tracker import Tracker, incomplete_records


def _task_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return next((t.name for t in tracker.plan.tasks if t.id == key), key)


AUDIT = AuditVocabulary(
    tables=("tasks",),
    actions={"task.update": "更新任务"},
    fields={
        "status": "状态",
        "progress": "进度",
        "owner": "责任人",
        "note": "备注",
        "district": "区",
    },
    values={
        "status": labelled(TASK_STATUSES),
        "progress": lambda tracker, value: f"{value}%",
        "district": district_text,
    },
    record_name=_task_name,
)


def update_task(
    tracker: Tracker,
    district_text: str,
    task_text: str,
    *,
    status: str | None = None,
    progress: str | None = None,
    owner: str | None = None,
    note: str | None = None,
) -> Outcome[TaskRecord]:
    """Change what is given of a district's task; status and progress settle each other."""
    district = tracker.district(district_text)
    task = tracker.plan.find_task(task_text)
    if status is None and progress is None and owner is None and note is None:
        raise InputError("请至少指定 --status、--progress、--owner、--note 中的一项")
    new_status = TASK_STATUSES.resolve(status) if status is not None else None
    new_progress = (
        parse_int(progress, what="进度", low=0, high=100) if progress is not None else None
    )
    if note is not None:
        note = optional_text(note, what="备注（--note）", multiline=True)
    new_owner = responsible_login(tracker, owner, district.id) if owner is not None else None
    with tracker.change(district.id, "task.update") as tx:
        stored = tx.get(district.id, "tasks", task.id)
        if stored is None:
            raise incomplete_records(district.name)
        current = TaskRecord.from_dict(stored)
        record = TaskRecord(
            district.id,
            task.id,
            status=new_status or current.status,
            progress=current.progress if new_progress is None else new_progress,
            owner=current.owner if new_owner is None else new_owner,
            note=current.note if note is None else note,
            noted=tracker.as_of if note and note != current.note else current.noted,
        )
        _settle(record, current, new_status, new_progress, note)
        changed = tx.put(district.id, "tasks", task.id, record.to_dict(), "task.update")
    return Outcome(record, changed)


def assign_task(
    tracker: Tracker, district_text: str, task_text: str, person_text: str
) -> Outcome[TaskRecord]:
    """Make a registered person (by login or name) the owner of one of a district's tasks."""
    person = tracker.person(person_text)
    return update_task(tracker, district_text, task_text, owner=person.login)


def _settle(
    record: TaskRecord,
    current: TaskRecord,
    new_status: str | None,
    new_progress: int | None,
    new_note: str | None,
) -> None:
    """Keep status and progress consistent, refusing contradictions the user typed."""
    if record.status == "done":
        if new_progress is not None and new_progress != 100:
            raise InputError(f"任务已完成时进度应为 100，收到 {new_progress}")
        record.progress = 100
    elif record.status == "not-started" and record.progress > 0:
        if new_status == "not-started":
            raise InputError("任务为「未开始」时进度应为 0")
        record.status = "in-progress"
    if record.status == "blocked" and current.status != "blocked" and not (new_note or "").strip():
        raise InputError("标记「受阻」时请用 --note 说明受阻原因，以便协调员跟进")
