"""Supervision rules (督促检查): milestone states, the schedule line, district alerts, requirements."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from tracker.domain.plan import DistrictDef, Limits, MilestoneDef, Plan, RequirementDef
from tracker.domain.records import Assignment, DistrictRecords, MilestoneRecord, Person
from tracker.domain.supervision import ORDER_STATES
from tracker.domain.text import headline
from tracker.domain.vocab import NOTE_KINDS
from tracker.domain.workdays import workdays_after
from tracker.domain.workflow import (
    concern_limit_hours,
    concern_state,
    end_of,
    interpretation_due,
    interpretation_state,
    press_state,
    shown_late,
)

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


AlertKind = Literal[
    "milestone-overdue",
    "milestone-due-soon",
    "task-blocked",
    "task-lagging",
    "silent",
    "never-reported",
    "order-overdue",
    "interpretation-overdue",
    "interpretation-late",
    "concern-overdue",
    "concern-late",
    "press-overdue",
    "baseline-missing",
]
AlertLevel = Literal["red", "yellow"]
Light = Literal["red", "yellow", "green"]

SILENCE_KINDS: frozenset[AlertKind] = frozenset({"silent", "never-reported"})
"""The warnings that a district has not reported progress for too long."""


@dataclass(frozen=True)
class Alert:
    """One warning on a district: what kind, how serious, and the facts behind it.

    Callers decide by ``kind`` and the facts; ``text`` is the sentence people read.
    """

    kind: AlertKind
    level: AlertLevel
    subject: str = ""
    """The id of the milestone or task warned about; empty for silence."""
    subject_name: str = ""
    due: date | None = None
    """The milestone's due date."""
    days_overdue: int = 0
    days_left: int = 0
    """Days until a due-soon milestone is due (0: due today)."""
    note: str = ""
    """Why a task is blocked, as its owner wrote it."""
    progress: int = 0
    """A lagging task's progress, in percent."""
    expected: int = 0
    """The schedule line a lagging task is measured against, in percent."""
    days_silent: int = 0
    """Days since the last progress report (or since the pilot began)."""
    last_report: date | None = None
    """The date of the last progress report; None when there never was one."""
    last_what: str = ""
    """What that report was (记录工作进展, 完成「…」 …)."""
    state: str = ""
    """How far an overdue supervision order got (its state's label)."""
    done: date | None = None
    """When a late interpretation was published, or a late response given."""
    limit: int = 0
    """The limit broken: working days for an interpretation, hours for a response."""
    taken: int = 0
    """What it took: working days after the policy, or hours after the concern arrived."""
    gaps: tuple[tuple[str, int], ...] = ()
    """Basic-catalog items lacking, by area."""

    @property
    def text(self) -> str:
        """The warning as one Chinese sentence."""
        match self.kind:
            case "milestone-overdue":
                return f"「{self.subject_name}」已逾期 {self.days_overdue} 天（截止 {self.due}）"
            case "milestone-due-soon":
                left = "今天到期" if self.days_left == 0 else f"还有 {self.days_left} 天到期"
                return f"「{self.subject_name}」{left}（截止 {self.due}）"
            case "task-blocked":
                return f"「{self.subject_name}」受阻" + (f"：{self.note}" if self.note else "")
            case "task-lagging":
                return (
                    f"「{self.subject_name}」进度 {self.progress}%，落后于时间进度 {self.expected}%"
                )
            case "silent":
                last = self.last_report
                when = f"{last.year}年{last.month}月{last.day}日" if last else ""
                return f"已 {self.days_silent} 天未报告工作进展（上次：{when}{self.last_what}）"
            case "never-reported":
                return f"试点开始 {self.days_silent} 天仍无工作进展记录"
            case "interpretation-overdue":
                late = f"已超过 {self.taken} 个工作日" if self.taken else "已逾期"
                return (
                    f"政策「{headline(self.subject_name)}」未按时解读（应于 {self.due} 前，{late}）"
                )
            case "interpretation-late":
                return (
                    f"政策「{headline(self.subject_name)}」解读晚于时限 {self.taken} 个工作日"
                    f"（应于 {self.due} 前，{self.done} 发布）"
                )
            case "concern-overdue":
                return (
                    f"关切「{headline(self.subject_name)}」超过 {self.limit} 小时未回应"
                    f"（已 {self.taken} 小时）"
                )
            case "concern-late":
                return (
                    f"关切「{headline(self.subject_name)}」回应超时"
                    f"（用时 {self.taken} 小时，时限 {self.limit} 小时）"
                )
            case "press-overdue":
                return (
                    f"重大突发舆情「{headline(self.subject_name)}」未在 {self.limit} 小时内"
                    "举行新闻发布会"
                )
            case "baseline-missing":
                total = sum(n for _, n in self.gaps)
                areas = "、".join(f"{area} {n}" for area, n in self.gaps)
                return f"缺少市有关部门基本目录中的 {total} 个事项（{areas}）"
            case "order-overdue":
                return (
                    f"督办单 {self.subject} 超过整改时限 {self.days_overdue} 天未办结"
                    f"（时限 {self.due}，{self.state}）：{headline(self.subject_name)}"
                )


@dataclass(frozen=True)
class DistrictStatus:
    """Everything a coordinator needs to judge one district on one day."""

    district: DistrictDef
    alert: Light
    alerts: tuple[Alert, ...]
    """Red warnings first, then yellow ones."""
    milestones: list[MilestoneView]
    requirements: list[RequirementView]
    expected_progress: int

    @property
    def alert_reasons(self) -> list[str]:
        """Each warning's sentence, in order."""
        return [alert.text for alert in self.alerts]


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


def view_milestones(
    definitions: Iterable[MilestoneDef],
    records: Mapping[str, MilestoneRecord],
    scope: str,
    as_of: date,
) -> list[MilestoneView]:
    """Each of ``scope``'s milestones on ``as_of``; one never recorded is simply not done."""
    return [
        view_milestone(m, records.get(m.id) or MilestoneRecord(scope, m.id), as_of)
        for m in definitions
    ]


def expected_progress(plan: Plan, as_of: date) -> int:
    """The schedule line: the share of the pilot period elapsed on ``as_of``, in percent."""
    total = (plan.period_end - plan.period_start).days
    elapsed = (as_of - plan.period_start).days
    return max(0, min(100, round(100 * elapsed / total)))


@dataclass(frozen=True)
class Activity:
    """Something a district did that reports its progress, and when."""

    day: date
    what: str


def last_activity(plan: Plan, records: DistrictRecords, as_of: date) -> Activity | None:
    """The district's last report of progress on or before ``as_of``: a note of any kind, a
    task update that carries a note, a milestone completed, or a reply to a supervision order.
    The one definition behind the 30-day silence warning and the 及时报告工作进展情况
    requirement."""
    found: list[Activity] = [
        Activity(n.date, f"记录{NOTE_KINDS.label(n.kind)}")
        for n in records.notes
        if n.date <= as_of
    ]
    tasks = {t.id: t.name for t in plan.tasks}
    found += [
        Activity(t.noted, f"更新任务「{tasks.get(t.task, t.task)}」并说明进展")
        for t in records.tasks.values()
        if t.noted and t.noted <= as_of
    ]
    milestones = {m.id: m.name for m in plan.milestones}
    found += [
        Activity(m.done, f"完成「{milestones.get(m.milestone, m.milestone)}」")
        for m in records.milestones.values()
        if m.done and m.done <= as_of
    ]
    found += [
        Activity(date.fromisoformat(step["date"]), f"回复督办单 {order.key}")
        for order in records.orders
        for step in order.replies_until(as_of)
    ]
    return max(found, key=lambda a: a.day, default=None)


def district_leads(
    district_id: str, people: list[Person], assignments: list[Assignment]
) -> list[Person]:
    """The people responsible for a district (专人负责): its district leads, and anyone assigned to it."""
    assigned = {a.login for a in assignments if a.district == district_id and not a.task}
    return [
        p
        for p in people
        if p.active
        and ((p.role == "district-lead" and p.district == district_id) or p.login in assigned)
    ]


def evaluate_district(
    plan: Plan,
    district: DistrictDef,
    records: DistrictRecords,
    people: list[Person],
    assignments: list[Assignment],
    as_of: date,
    baseline_gaps: Mapping[str, int] | None = None,
    now: datetime | None = None,
) -> DistrictStatus:
    """Apply the rules of PRODUCT §5 to one district: red, yellow or green, with reasons.

    ``baseline_gaps``: how many items of each area's basic catalog the district lacks.
    ``now``: the moment hour limits are judged at when ``as_of`` is today (else its end).
    """
    milestones = view_milestones(plan.district_milestones, records.milestones, district.id, as_of)
    expected = expected_progress(plan, as_of)
    alerts = [
        *_milestone_alerts(milestones),
        *_task_alerts(plan, records, expected),
        *_order_alerts(records, as_of),
        *workflow_alerts(plan.limits, records, as_of, now),
    ]
    if baseline_gaps:
        gaps = tuple((a, n) for a, n in baseline_gaps.items() if n)
        if gaps:
            alerts.append(Alert("baseline-missing", "yellow", gaps=gaps))
    silence = _silence_alert(plan, records, as_of)
    if silence:
        alerts.append(silence)
    # Red warnings come first; within a level, the order the rules are checked in.
    ordered = tuple(a for a in alerts if a.level == "red") + tuple(
        a for a in alerts if a.level == "yellow"
    )
    light: Light = ordered[0].level if ordered else "green"
    requirements = [
        RequirementView(r, _requirement_met(plan, r, district, records, people, assignments, as_of))
        for r in plan.requirements
    ]
    return DistrictStatus(district, light, ordered, milestones, requirements, expected)


def _milestone_alerts(milestones: list[MilestoneView]) -> list[Alert]:
    alerts = []
    for view in milestones:
        definition = view.definition
        if view.state == "overdue":
            alerts.append(
                Alert(
                    "milestone-overdue",
                    "red",
                    definition.id,
                    definition.name,
                    due=definition.due,
                    days_overdue=-view.days_left,
                )
            )
        elif view.state == "due-soon":
            alerts.append(
                Alert(
                    "milestone-due-soon",
                    "yellow",
                    definition.id,
                    definition.name,
                    due=definition.due,
                    days_left=view.days_left,
                )
            )
    return alerts


def _task_alerts(plan: Plan, records: DistrictRecords, expected: int) -> list[Alert]:
    alerts = []
    for task in plan.tasks:
        record = records.tasks.get(task.id)
        if record is None:
            continue
        if record.status == "blocked":
            alerts.append(Alert("task-blocked", "red", task.id, task.name, note=record.note))
        elif record.status != "done" and record.progress < expected - SCHEDULE_SLACK:
            alerts.append(
                Alert(
                    "task-lagging",
                    "yellow",
                    task.id,
                    task.name,
                    progress=record.progress,
                    expected=expected,
                )
            )
    return alerts


def _order_alerts(records: DistrictRecords, as_of: date) -> list[Alert]:
    """Red for each order past its 整改时限 without an accepted reply."""
    return [
        Alert(
            "order-overdue",
            "red",
            order.key,
            order.problem,
            due=order.deadline,
            days_overdue=order.overdue_days(as_of),
            state=ORDER_STATES.label(order.state_on(as_of)),
        )
        for order in records.orders
        if order.overdue_days(as_of) > 0
    ]


def workflow_alerts(
    limits: Limits, records: DistrictRecords, as_of: date, now: datetime | None = None
) -> list[Alert]:
    """Yellow for each interpretation or response overdue, and for each done late in the last
    30 days (``LATE_SHOWN_DAYS``)."""
    alerts: list[Alert] = []
    for i in records.interpretations:
        if i.policy_date > as_of:
            continue
        state = interpretation_state(i, limits, as_of)
        due = interpretation_due(limits, i.policy_date)
        name = f"{i.policy}（{i.ref}）" if i.ref else i.policy
        if state == "overdue":
            taken = workdays_after(due, as_of)
            alerts.append(
                Alert("interpretation-overdue", "yellow", i.key, name, due=due, taken=taken)
            )
        elif state == "late" and shown_late(i.published, as_of):
            assert i.published is not None
            taken = workdays_after(due, i.published)
            alerts.append(
                Alert(
                    "interpretation-late", "yellow", i.key, name, due=due, done=i.published,
                    taken=taken,
                )
            )  # fmt: skip
    end = end_of(as_of, now)
    for c in records.concerns:
        if c.received_at.date() > as_of:
            continue
        limit = concern_limit_hours(limits, c.level)
        state = concern_state(c, limits, as_of, now)
        if state == "overdue":
            hours = int((end - c.received_at).total_seconds() // 3600)
            alerts.append(
                Alert("concern-overdue", "yellow", c.key, c.subject, limit=limit, taken=hours)
            )
        elif state == "late" and c.responded_at and shown_late(c.responded_at.date(), as_of):
            hours = -(-int((c.responded_at - c.received_at).total_seconds()) // 3600)
            alerts.append(
                Alert("concern-late", "yellow", c.key, c.subject, limit=limit, taken=hours)
            )
        if press_state(c, limits, as_of, now) == "overdue":
            alerts.append(
                Alert(
                    "press-overdue", "yellow", c.key, c.subject,
                    limit=limits.press_conference_hours,
                )
            )  # fmt: skip
    return alerts


def _silence_alert(plan: Plan, records: DistrictRecords, as_of: date) -> Alert | None:
    last = last_activity(plan, records, as_of)
    silent_days = (as_of - (last.day if last else plan.period_start)).days
    if silent_days <= SILENCE_DAYS or as_of > plan.period_end:
        return None
    if last is None:
        return Alert("never-reported", "yellow", days_silent=silent_days)
    return Alert(
        "silent", "yellow", days_silent=silent_days, last_report=last.day, last_what=last.what
    )


def _requirement_met(
    plan: Plan,
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
            last = last_activity(plan, records, as_of)
            return last is not None and (as_of - last.day).days <= requirement.days
        case "evaluation":
            return any(e.date <= as_of for e in records.evaluations)
    raise ValueError(f"unknown requirement check {requirement.check}")
