"""Changes to the pilot's records, validated, permission-checked and audited."""

from dataclasses import dataclass
from datetime import date

from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError
from tracker.domain.permissions import PEOPLE
from tracker.domain.plan import MUNICIPAL, Plan
from tracker.domain.records import (
    Assignment,
    Evaluation,
    MilestoneRecord,
    Note,
    Person,
    TaskRecord,
)
from tracker.domain.values import parse_int, parse_login, require_text
from tracker.domain.vocab import EVALUATION_KINDS, NOTE_KINDS, ROLES, TASK_STATUSES
from tracker.services.tracker import Tracker, incomplete_records


@dataclass(frozen=True)
class Outcome:
    """What a change did: the record after it, and whether anything changed."""

    record: object
    changed: bool


def populate_new_database(tx, plan: Plan, login: str, name: str) -> None:
    """The records a fresh database starts with; the initializer is the first coordinator."""
    for district in plan.districts:
        for task in plan.tasks:
            record = TaskRecord(district.id, task.id)
            tx.put(district.id, "tasks", task.id, record.to_dict(), "init")
        for milestone in plan.district_milestones:
            record = MilestoneRecord(district.id, milestone.id)
            tx.put(district.id, "milestones", milestone.id, record.to_dict(), "init")
    for milestone in plan.municipal_milestones:
        record = MilestoneRecord(MUNICIPAL, milestone.id)
        tx.put(MUNICIPAL, "milestones", milestone.id, record.to_dict(), "init")
    coordinator = Person(login, name or login, "coordinator", unit=plan.issuer)
    tx.put(PEOPLE, "people", login, coordinator.to_dict(), "person.add")


def update_task(
    tracker: Tracker,
    district_text: str,
    task_text: str,
    *,
    status: str | None = None,
    progress: str | None = None,
    owner: str | None = None,
    note: str | None = None,
) -> Outcome:
    district = tracker.district(district_text)
    task = tracker.plan.find_task(task_text)
    if status is None and progress is None and owner is None and note is None:
        raise InputError("请至少指定 --status、--progress、--owner、--note 中的一项")
    new_status = TASK_STATUSES.resolve(status) if status is not None else None
    new_progress = (
        parse_int(progress, what="进度", low=0, high=100) if progress is not None else None
    )
    new_owner = _responsible(tracker, owner, district.id) if owner is not None else None
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
            note=current.note if note is None else note.strip(),
        )
        _settle_task(record, current, new_status, new_progress, note)
        changed = tx.put(district.id, "tasks", task.id, record.to_dict(), "task.update")
    return Outcome(record, changed)


def _settle_task(
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


def complete_milestone(
    tracker: Tracker,
    scope_text: str,
    milestone_text: str,
    *,
    done: str | None = None,
    ref: str | None = None,
    note: str | None = None,
) -> Outcome:
    scope = tracker.scope(scope_text)
    milestone = tracker.plan.find_milestone(
        milestone_text, "municipal" if scope == MUNICIPAL else "district"
    )
    day = _past_date(tracker, done, "完成日期")
    with tracker.change(scope, "milestone.done") as tx:
        stored = tx.get(scope, "milestones", milestone.id)
        if stored is None:
            raise incomplete_records(tracker.scope_name(scope))
        current = MilestoneRecord.from_dict(stored)
        if current.done:
            raise InputError(
                f"「{milestone.name}」已于 {current.done} 完成；如需更正，请先用 tracker milestone reopen 重新打开"
            )
        record = MilestoneRecord(
            scope, milestone.id, day, (ref or "").strip(), (note or "").strip()
        )
        tx.put(scope, "milestones", milestone.id, record.to_dict(), "milestone.done")
    return Outcome(record, True)


def reopen_milestone(
    tracker: Tracker, scope_text: str, milestone_text: str, *, reason: str
) -> Outcome:
    scope = tracker.scope(scope_text)
    milestone = tracker.plan.find_milestone(
        milestone_text, "municipal" if scope == MUNICIPAL else "district"
    )
    reason = require_text(reason, what="重新打开的原因（--reason）")
    with tracker.change(scope, "milestone.reopen") as tx:
        current = tx.get(scope, "milestones", milestone.id)
        if not current or not current.get("done"):
            raise InputError(f"「{milestone.name}」尚未完成，无需重新打开")
        record = MilestoneRecord(scope, milestone.id, None, "", f"重新打开：{reason}")
        tx.put(scope, "milestones", milestone.id, record.to_dict(), "milestone.reopen")
    return Outcome(record, True)


def add_person(
    tracker: Tracker,
    name: str,
    *,
    login: str,
    role: str,
    district: str | None = None,
    unit: str | None = None,
    phone: str | None = None,
) -> Outcome:
    person = Person(
        login=parse_login(login),
        name=require_text(name, what="姓名"),
        role=ROLES.resolve(role),
        district=tracker.district(district).id if district else "",
        unit=(unit or "").strip(),
        phone=(phone or "").strip(),
    )
    if person.role == "district-lead" and not person.district:
        raise InputError("区试点负责人须用 --district 指明所在的区")
    with tracker.change(PEOPLE, "person.add") as tx:
        if tx.get(PEOPLE, "people", person.login):
            raise InputError(f"登录名「{person.login}」已登记")
        tx.put(PEOPLE, "people", person.login, person.to_dict(), "person.add")
    return Outcome(person, True)


def assign(
    tracker: Tracker, district_text: str, person_text: str, *, task: str | None = None
) -> Outcome:
    """Make a person responsible for a district, or the owner of one of its tasks."""
    district = tracker.district(district_text)
    person = tracker.person(person_text)
    _responsible(tracker, person.login, district.id)
    if not task:
        assignment = Assignment(district.id, person.login)
        with tracker.change(PEOPLE, "assign") as tx:
            changed = tx.put(PEOPLE, "assignments", assignment.key, assignment.to_dict(), "assign")
        return Outcome(assignment, changed)
    return update_task(tracker, district.id, task, owner=person.login)


def add_note(
    tracker: Tracker, district_text: str, *, kind: str, text: str, day: str | None = None
) -> Outcome:
    district = tracker.district(district_text)
    kind_id = NOTE_KINDS.resolve(kind)
    body = require_text(text, what="记录内容")
    when = _past_date(tracker, day, "记录日期")
    with tracker.change(district.id, "note.add") as tx:
        note = Note(
            tx.next_id(district.id, "notes"), district.id, kind_id, body, when, tracker.actor.user
        )
        tx.put(district.id, "notes", note.key, note.to_dict(), "note.add")
    return Outcome(note, True)


def add_evaluation(
    tracker: Tracker,
    district_text: str,
    *,
    kind: str,
    score: str,
    respondents: str | None = None,
    by: str | None = None,
    day: str | None = None,
    summary: str | None = None,
) -> Outcome:
    district = tracker.district(district_text)
    kind_id = EVALUATION_KINDS.resolve(kind)
    value = parse_int(score, what="评分", low=0, high=100)
    count = (
        parse_int(respondents, what="参评人数", low=0, high=100_000_000)
        if respondents is not None
        else None
    )
    when = _past_date(tracker, day, "评价日期")
    with tracker.change(district.id, "evaluation.add") as tx:
        evaluation = Evaluation(
            tx.next_id(district.id, "evaluations"),
            district.id,
            kind_id,
            value,
            when,
            count,
            (by or "").strip(),
            (summary or "").strip(),
        )
        tx.put(district.id, "evaluations", evaluation.key, evaluation.to_dict(), "evaluation.add")
    return Outcome(evaluation, True)


def _responsible(tracker: Tracker, text: str, district_id: str) -> str:
    """The login of a person who may answer for work in a district; empty text clears it."""
    if not text.strip():
        return ""
    person = tracker.person(text)
    district = tracker.plan.district(district_id).name
    if person.role == "viewer":
        raise InputError(f"{person.name}是只读用户，不能作为{district}的责任人")
    if person.role == "district-lead" and person.district != district_id:
        own = tracker.plan.district(person.district).name
        raise InputError(f"{person.name}是{own}试点负责人，不能作为{district}的责任人")
    return person.login


def _past_date(tracker: Tracker, text: str | None, what: str) -> date:
    """A date no later than the as-of date (the default) and not before the plan was issued."""
    if text is None:
        return tracker.as_of
    day = parse_date(text, what=what)
    if day > tracker.as_of:
        raise InputError(f"{what} {day} 晚于当前日期 {tracker.as_of}")
    if day < tracker.plan.issued:
        raise InputError(f"{what} {day} 早于试点方案印发日期 {tracker.plan.issued}")
    return day
