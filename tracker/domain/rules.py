"""Supervision rules (督促检查): milestone states, the schedule line, district alerts, requirements."""

from dataclasses import dataclass
from datetime import date

from tracker.domain.plan import DistrictDef, MilestoneDef, Plan, RequirementDef
from tracker.domain.records import Assignment, DistrictRecords, MilestoneRecord, Person

DUE_SOON_DAYS = 14
SILENCE_DAYS = 30
SCHEDULE_SLACK = 20
"""A task lags when its progress is this many points below the share of time elapsed."""


@dataclass(frozen=True)
class MilestoneView:
    """A milestone as it stands on the as-of date."""

    definition: MilestoneDef
    record: MilestoneRecord
    state: str
    done: date | None
    """The completion date if it is on or before the as-of date."""
    days_left: int
    """Days until due (negative once late); for done milestones, days before the due date."""


@dataclass(frozen=True)
class RequirementView:
    definition: RequirementDef
    met: bool


@dataclass(frozen=True)
class DistrictStatus:
    """Everything a coordinator needs to judge one district on one day."""

    district: DistrictDef
    alert: str
    alert_reasons: list[str]
    milestones: list[MilestoneView]
    requirements: list[RequirementView]
    expected_progress: int


def done_as_of(record: MilestoneRecord, as_of: date) -> date | None:
    """The completion date, if the milestone was already done on ``as_of``."""
    return record.done if record.done and record.done <= as_of else None


def milestone_state(due: date, done: date | None, as_of: date) -> str:
    if done:
        return "done" if done <= due else "done-late"
    if as_of > due:
        return "overdue"
    if (due - as_of).days <= DUE_SOON_DAYS:
        return "due-soon"
    return "pending"


def view_milestone(definition: MilestoneDef, record: MilestoneRecord, as_of: date) -> MilestoneView:
    done = done_as_of(record, as_of)
    state = milestone_state(definition.due, done, as_of)
    days_left = (definition.due - (done or as_of)).days
    return MilestoneView(definition, record, state, done, days_left)


def expected_progress(plan: Plan, as_of: date) -> int:
    """The schedule line: the share of the pilot period elapsed on ``as_of``, in percent."""
    total = (plan.period_end - plan.period_start).days
    elapsed = (as_of - plan.period_start).days
    return max(0, min(100, round(100 * elapsed / total)))


def last_progress_note(records: DistrictRecords, as_of: date) -> date | None:
    dates = [n.date for n in records.notes if n.kind == "progress" and n.date <= as_of]
    return max(dates, default=None)


def district_leads(
    district_id: str, people: list[Person], assignments: list[Assignment]
) -> list[Person]:
    """The people responsible for a district (专人负责): its district leads, and anyone assigned to it."""
    assigned = {a.login for a in assignments if a.district == district_id and not a.task}
    return [
        p
        for p in people
        if (p.role == "district-lead" and p.district == district_id) or p.login in assigned
    ]


def evaluate_district(
    plan: Plan,
    district: DistrictDef,
    records: DistrictRecords,
    people: list[Person],
    assignments: list[Assignment],
    as_of: date,
) -> DistrictStatus:
    """Apply the rules of PRODUCT §5 to one district: red, yellow or green, with reasons."""
    milestones = [
        view_milestone(m, records.milestones.get(m.id) or MilestoneRecord(district.id, m.id), as_of)
        for m in plan.district_milestones
    ]
    expected = expected_progress(plan, as_of)
    red: list[str] = []
    yellow: list[str] = []
    for view in milestones:
        name = view.definition.name
        if view.state == "overdue":
            red.append(f"「{name}」已逾期 {-view.days_left} 天（截止 {view.definition.due}）")
        elif view.state == "due-soon":
            yellow.append(
                f"「{name}」{_days_left_text(view.days_left)}（截止 {view.definition.due}）"
            )
    for task in plan.tasks:
        record = records.tasks.get(task.id)
        if record is None:
            continue
        if record.status == "blocked":
            red.append(f"「{task.name}」受阻" + (f"：{record.note}" if record.note else ""))
        elif record.status != "done" and record.progress < expected - SCHEDULE_SLACK:
            yellow.append(f"「{task.name}」进度 {record.progress}%，落后于时间进度 {expected}%")
    silence = _silence_reason(plan, records, as_of)
    if silence:
        yellow.append(silence)
    alert = "red" if red else "yellow" if yellow else "green"
    requirements = [
        RequirementView(r, _requirement_met(r, district, records, people, assignments, as_of))
        for r in plan.requirements
    ]
    return DistrictStatus(district, alert, red + yellow, milestones, requirements, expected)


def _days_left_text(days: int) -> str:
    return "今天到期" if days == 0 else f"还有 {days} 天到期"


def _silence_reason(plan: Plan, records: DistrictRecords, as_of: date) -> str | None:
    last = last_progress_note(records, as_of)
    since = last or plan.period_start
    silent_days = (as_of - since).days
    if silent_days <= SILENCE_DAYS or as_of > plan.period_end:
        return None
    if last is None:
        return f"试点开始 {silent_days} 天仍无工作进展记录"
    return f"已 {silent_days} 天未报告工作进展（上次 {last}）"


def _requirement_met(
    requirement: RequirementDef,
    district: DistrictDef,
    records: DistrictRecords,
    people: list[Person],
    assignments: list[Assignment],
    as_of: date,
) -> bool:
    match requirement.check:
        case "lead-assigned":
            return bool(district_leads(district.id, people, assignments))
        case "milestone-done":
            record = records.milestones.get(requirement.milestone)
            return bool(record and done_as_of(record, as_of))
        case "recent-progress":
            last = last_progress_note(records, as_of)
            return last is not None and (as_of - last).days <= requirement.days
        case "evaluation":
            return any(e.date <= as_of for e in records.evaluations)
    raise ValueError(f"unknown requirement check {requirement.check}")


def days_text(state: str, days_left: int, *, spaced: bool = True) -> str:
    """How a milestone stands in days, in words: left, late, or early or late at completion."""
    space = " " if spaced else ""

    def count(days: int) -> str:
        return f"{space}{days}{space}天"

    if state == "overdue":
        return f"逾期{count(-days_left)}"
    if state in ("pending", "due-soon"):
        return "今天到期" if days_left == 0 else f"剩{count(days_left)}"
    if state == "done-late":
        return f"晚{count(-days_left)}"
    return f"提前{count(days_left)}" if days_left else "当天完成"
