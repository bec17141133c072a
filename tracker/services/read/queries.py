"""Queries: the pilot's state on the as-of date, read from the store into the read models."""

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain.catalog_stats import catalog_stats
from tracker.domain.dates import format_moment
from tracker.domain.plan import MUNICIPAL, DistrictDef
from tracker.domain.records import (
    Assignment,
    DistrictRecords,
    Evaluation,
    Note,
    Person,
    TaskRecord,
)
from tracker.domain.rules import MilestoneView, district_leads, view_milestones
from tracker.domain.supervision import Order
from tracker.domain.workflow import (
    Visit,
    concern_due,
    concern_limit_hours,
    concern_state,
    interpretation_due,
    interpretation_state,
    press_state,
    workflow_measures,
)
from tracker.services.judge import judge, moment
from tracker.services.read.models import (
    AreaCounts,
    CatalogSummary,
    ConcernEntry,
    ConsultationEntry,
    Contact,
    DistrictState,
    EvaluationEntry,
    InterpretationEntry,
    ItemCounts,
    MilestoneState,
    NoteEntry,
    OrderEntry,
    OrderStep,
    PersonEntry,
    PersonResponsibilities,
    PilotState,
    PlanHeading,
    RequirementState,
    Responsibility,
    TaskState,
    VisitEntry,
)
from tracker.services.tracker import Tracker


def pilot_state(tracker: Tracker, district_ids: Collection[str] | None = None) -> PilotState:
    """The whole pilot on the as-of date; only the districts in ``district_ids`` when given."""
    people, assignments = tracker.people(), tracker.assignments()
    names = {p.login: p.name for p in people}
    plan = tracker.plan
    return PilotState(
        as_of=tracker.as_of,
        plan=PlanHeading(plan.id, plan.title, plan.doc_no, plan.issuer),
        districts=tuple(
            district_state(tracker, district, people, assignments, names)
            for district in plan.districts
            if not district_ids or district.id in district_ids
        ),
        municipal_milestones=municipal_milestones(tracker),
    )


def district_state(
    tracker: Tracker,
    district: DistrictDef,
    people: list[Person],
    assignments: list[Assignment],
    names: Mapping[str, str],
) -> DistrictState:
    """One district on the as-of date, judged by the supervision rules."""
    records = tracker.records(district.id)
    status = judge(tracker, district, records)
    leads = district_leads(district.id, people, assignments)
    answering = _answering(district, people, leads)  # one per district, not per order
    return DistrictState(
        id=district.id,
        name=district.name,
        alert=status.alert,
        alerts=status.alerts,
        leads=tuple(Contact(p.login, p.name, p.phone) for p in leads),
        expected_progress=status.expected_progress,
        tasks=district_tasks(tracker, district, records, names, _retired(people)),
        milestones=tuple(milestone_state(view, district.name) for view in status.milestones),
        requirements=tuple(
            RequirementState(r.definition.id, r.definition.name, r.met) for r in status.requirements
        ),
        items=catalog_summary(tracker, district),
        orders=tuple(
            order_entry(tracker, district, order, names, answering)
            for order in records.orders
            if order.issued <= tracker.as_of
        ),
        workflow=workflow_measures(
            records.interpretations,
            records.concerns,
            records.consultations,
            tracker.plan.limits,
            tracker.as_of,
            moment(tracker.as_of),
        ),
    )


# -- the workflow: interpretations, concerns, consultations, visits -------------------------


def interpretations(
    tracker: Tracker, districts: Iterable[DistrictDef]
) -> list[InterpretationEntry]:
    """Each district's policies (published by the as-of date) and their interpretations."""
    limits, day = tracker.plan.limits, tracker.as_of
    return [
        InterpretationEntry(
            id=i.id,
            district=d.id,
            district_name=d.name,
            policy=i.policy,
            ref=i.ref,
            policy_date=i.policy_date,
            item=i.item,
            due=interpretation_due(limits, i.policy_date),
            published=i.published if i.published and i.published <= day else None,
            form=i.form,
            interpreter=i.interpreter,
            leader=i.leader,
            channel=i.channel,
            url=i.url,
            state=interpretation_state(i, limits, day),
        )
        for d in districts
        for i in tracker.records(d.id).interpretations
        if i.policy_date <= day
    ]


def concerns(tracker: Tracker, districts: Iterable[DistrictDef]) -> list[ConcernEntry]:
    """Each district's concerns received by the as-of date, and the responses."""
    limits, day = tracker.plan.limits, tracker.as_of
    now = moment(day)
    found = []
    for d in districts:
        for c in tracker.records(d.id).concerns:
            if c.received_at.date() > day:
                continue
            answered = c.responded if c.responded_at and c.responded_at.date() <= day else ""
            press = c.press if c.press_at and c.press_at.date() <= day else ""
            found.append(
                ConcernEntry(
                    id=c.id,
                    district=d.id,
                    district_name=d.name,
                    source=c.source,
                    received=c.received,
                    subject=c.subject,
                    area=c.area,
                    level=c.level,
                    limit_hours=concern_limit_hours(limits, c.level),
                    due=format_moment(concern_due(c, limits)),
                    responded=answered,
                    channel=c.channel if answered else "",
                    responder=c.responder if answered else "",
                    response=c.response if answered else "",
                    press=press,
                    state=concern_state(c, limits, day, now),
                    press_state=press_state(c, limits, day, now),
                )
            )
    return found


def consultations(tracker: Tracker, districts: Iterable[DistrictDef]) -> list[ConsultationEntry]:
    """Each district's consultations begun by the as-of date."""
    day = tracker.as_of
    return [
        ConsultationEntry(
            id=c.id,
            district=d.id,
            district_name=d.name,
            subject=c.subject,
            start=c.start,
            end=c.end,
            item=c.item,
            ref=c.ref,
            channel=c.channel,
            opinions=c.opinions,
            adoption=c.adoption if c.adoption and c.adoption <= day else None,
            held=c.end <= day,
        )
        for d in districts
        for c in tracker.records(d.id).consultations
        if c.start <= day
    ]


def visits(tracker: Tracker, scopes: Iterable[str]) -> list[VisitEntry]:
    """The study visits of each scope (a district's id, or ``municipal``) by the as-of date."""
    found = []
    for scope in scopes:
        for doc in tracker.store.read(scope, "visits").values():
            visit = Visit.from_dict(doc)
            if visit.deleted or visit.day > tracker.as_of:
                continue
            found.append(
                VisitEntry(
                    visit.id, scope, tracker.scope_name(scope), visit.day, visit.place,
                    visit.participants, visit.learned,
                )
            )  # fmt: skip
    return sorted(found, key=lambda v: (v.day, v.scope, v.id))


# -- supervision orders ----------------------------------------------------------------------


def order_entry(
    tracker: Tracker,
    district: DistrictDef,
    order: Order,
    names: Mapping[str, str],
    answering: "Answering",
) -> OrderEntry:
    """An order as it stands on the as-of date; ``names`` maps logins to people's names."""
    day = tracker.as_of
    owner_answers = order.owner in answering.may_own
    return OrderEntry(
        id=order.key,
        year=order.year,
        number=order.number,
        district=district.id,
        district_name=district.name,
        problem=order.problem,
        deadline=order.deadline,
        issued=order.issued,
        issued_by=order.issued_by,
        issued_by_name=names.get(order.issued_by, order.issued_by),
        owner=order.owner,
        owner_name=names.get(order.owner, "") if order.owner else "",
        answerable=(names[order.owner],) if owner_answers else answering.leads,
        alert=order.alert,
        state=order.state_on(day),
        steps=tuple(
            OrderStep(
                action=step["action"],
                date=date.fromisoformat(step["date"]),
                by=step["by"],
                by_name=names.get(step["by"], step["by"]),
                text=step.get("text", ""),
                ref=step.get("ref", ""),
            )
            for step in order.steps_until(day)
        ),
        days_left=(order.deadline - day).days,
        overdue=order.overdue_days(day) > 0,
    )


def orders(tracker: Tracker, districts: Iterable[DistrictDef]) -> list[OrderEntry]:
    """The orders issued to ``districts`` by the as-of date: the open ones first, by deadline."""
    people, assignments = tracker.people(), tracker.assignments()
    names = {p.login: p.name for p in people}
    found = []
    for district in districts:
        answering = _answering(district, people, district_leads(district.id, people, assignments))
        found += [
            order_entry(tracker, district, order, names, answering)
            for order in tracker.records(district.id).orders
            if order.issued <= tracker.as_of
        ]
    return sorted(found, key=lambda o: (not o.open, o.deadline, o.year, o.number))


@dataclass(frozen=True)
class Answering:
    """Who may answer for a district's orders: an owner among ``may_own``, else its leads."""

    may_own: frozenset[str]
    """Active people of the district, and active people of no district (the office)."""
    leads: tuple[str, ...]


def _answering(district: DistrictDef, people: list[Person], leads: list[Person]) -> Answering:
    """An order's owner answers for it while active and still of the district (or of none);
    otherwise the district's leads do."""
    may_own = frozenset(p.login for p in people if p.active and p.district in ("", district.id))
    return Answering(may_own, tuple(p.name for p in leads))


# -- tasks and milestones ------------------------------------------------------------------


def district_tasks(
    tracker: Tracker,
    district: DistrictDef,
    records: DistrictRecords,
    names: Mapping[str, str],
    retired: Collection[str] = (),
) -> tuple[TaskState, ...]:
    """A district's tasks in the plan's order; ``names`` maps logins to people's names, and
    ``retired`` holds the logins of deactivated people, who own nothing any more."""
    return tuple(
        task_state(tracker, district, records.tasks[t.id], names, retired)
        for t in tracker.plan.tasks
        if t.id in records.tasks
    )


def task_states(tracker: Tracker, districts: Iterable[DistrictDef]) -> list[TaskState]:
    """The tasks of each district in turn."""
    people = tracker.people()
    names = {p.login: p.name for p in people}
    return [
        task
        for district in districts
        for task in district_tasks(
            tracker, district, tracker.records(district.id), names, _retired(people)
        )
    ]


def _owner_name(owner: str, names: Mapping[str, str], retired: Collection[str]) -> str | None:
    """The owner's name, marked 已停用 once deactivated; None for no or an unknown owner."""
    name = names.get(owner) if owner else None
    return f"{name}（已停用）" if name and owner in retired else name


def _retired(people: Iterable[Person]) -> frozenset[str]:
    """The logins of deactivated people."""
    return frozenset(p.login for p in people if not p.active)


def task_state(
    tracker: Tracker,
    district: DistrictDef,
    record: TaskRecord,
    names: Mapping[str, str],
    retired: Collection[str] = (),
) -> TaskState:
    """A district's task as recorded, with the owner's name from ``names`` (login to name)."""
    task = tracker.plan.task(record.task)
    return TaskState(
        district=district.id,
        district_name=district.name,
        id=task.id,
        name=task.name,
        status=record.status,
        progress=record.progress,
        owner=record.owner,
        owner_name=_owner_name(record.owner, names, retired),
        owner_active=record.owner not in retired,
        note=record.note,
    )


def milestone_state(view: MilestoneView, scope_name: str) -> MilestoneState:
    """A milestone as the rules see it on the as-of date, under its district's name (or 市级)."""
    record = view.record
    return MilestoneState(
        scope=record.scope,
        scope_name=scope_name,
        id=view.definition.id,
        name=view.definition.name,
        due=view.definition.due,
        done=view.done,
        ref=record.ref,
        note=record.note,
        state=view.state,
        days_left=view.days_left,
        short_name=view.definition.label,
    )


def municipal_milestones(tracker: Tracker) -> tuple[MilestoneState, ...]:
    """The municipal office's own milestones on the as-of date."""
    name = tracker.scope_name(MUNICIPAL)
    return tuple(milestone_state(v, name) for v in tracker.municipal_milestones())


def milestone_states(tracker: Tracker, scope: str | None = None) -> list[MilestoneState]:
    """Each district's milestones in turn, then the municipal ones; only ``scope``'s when given
    (a district's id, or ``municipal``)."""
    found: list[MilestoneState] = []
    for district in tracker.plan.districts:
        if scope in (None, district.id):
            records = tracker.records(district.id)
            views = view_milestones(
                tracker.plan.district_milestones, records.milestones, district.id, tracker.as_of
            )
            found += [milestone_state(view, district.name) for view in views]
    if scope in (None, MUNICIPAL):
        found += municipal_milestones(tracker)
    return found


# -- the catalog -----------------------------------------------------------------------------


def catalog_summary(tracker: Tracker, district: DistrictDef) -> CatalogSummary:
    """A district's catalog statistics.

    Remembered by the store until the district's catalog changes, so the status
    need not read 25,000 items to count them.
    """
    block: dict[str, Any] = tracker.store.derived(
        district.id, "items", "stats", lambda docs: _stats_block(docs.values(), district.areas)
    )
    return CatalogSummary(
        overall=ItemCounts(**_counts(block)),
        areas=tuple(
            AreaCounts(area=a["area"], added=a["added"], **_counts(a)) for a in block["by_area"]
        ),
    )


def _stats_block(docs: Iterable[Mapping[str, Any]], areas: tuple[str, ...]) -> dict[str, Any]:
    """The statistics as the store remembers them: the ``items`` block of ``status --json``."""
    stats = catalog_stats(docs, areas)
    return {
        **stats.overall.to_dict(),
        "by_area": [
            {"area": area, "added": area in stats.added_areas, **tally.to_dict()}
            for area, tally in stats.areas.items()
        ],
    }


def _counts(block: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "total": block["total"],
        "by_status": dict(block["by_status"]),
        "missing_elements": block["missing_elements"],
        "missing_by_element": dict(block["missing_by_element"]),
        "channels": dict(block["channels"]),
        "five": dict(block["five"]),
    }


# -- people ----------------------------------------------------------------------------------


def person_entry(tracker: Tracker, person: Person) -> PersonEntry:
    """A registered person with the name of their district."""
    return PersonEntry(
        login=person.login,
        name=person.name,
        role=person.role,
        district=person.district,
        district_name=tracker.plan.district(person.district).name if person.district else None,
        unit=person.unit,
        phone=person.phone,
        department=person.department,
        department_name=(
            tracker.plan.department(person.department).name if person.department else None
        ),
    )


def responsibilities(
    tracker: Tracker, state: PilotState | None = None
) -> list[PersonResponsibilities]:
    """Everyone registered, in the order they were registered, with what each answers for.

    A person answers for each district they lead (see
    :func:`~tracker.domain.rules.district_leads`) and for each task they own.
    Read from ``state`` when the caller has it already (then only its districts count);
    otherwise only people, assignments and tasks are read, never the catalog or the rules.
    """
    owned: dict[str, list[Responsibility]] = {}
    for district_id, district_name, leads, owners in _duties(tracker, state):
        for login in leads:
            owned.setdefault(login, []).append(Responsibility(district_id, district_name))
        for task_id, task_name, owner in owners:
            owned.setdefault(owner, []).append(
                Responsibility(district_id, district_name, task_id, task_name)
            )
    return [
        PersonResponsibilities(person_entry(tracker, p), tuple(owned.get(p.login, ())))
        for p in tracker.people()
    ]


def _duties(
    tracker: Tracker, state: PilotState | None
) -> Iterator[tuple[str, str, list[str], list[tuple[str, str, str]]]]:
    """Each district with the logins of its leads and its owned tasks (id, name, owner)."""
    if state is not None:
        for district in state.districts:
            owners = [(t.id, t.name, t.owner) for t in district.tasks if t.answered_by_owner]
            yield district.id, district.name, [p.login for p in district.leads], owners
        return
    people, assignments = tracker.people(), tracker.assignments()
    retired = _retired(people)
    for definition in tracker.plan.districts:
        records = tracker.records(definition.id).tasks
        owners = [
            (task.id, task.name, records[task.id].owner)
            for task in tracker.plan.tasks
            if task.id in records and records[task.id].owner not in ("", *retired)
        ]
        leads = [p.login for p in district_leads(definition.id, people, assignments)]
        yield definition.id, definition.name, leads, owners


# -- notes and evaluations -------------------------------------------------------------------


def note_entry(district: DistrictDef, note: Note) -> NoteEntry:
    """A note of ``district`` as shown."""
    return NoteEntry(
        id=note.id,
        district=district.id,
        district_name=district.name,
        kind=note.kind,
        text=note.text,
        date=note.date,
        author=note.author,
        ref=note.ref,
    )


def notes(
    tracker: Tracker, districts: Iterable[DistrictDef], kind: str | None = None
) -> list[NoteEntry]:
    """Each district's notes in turn, oldest first; only notes of ``kind`` when given."""
    return [
        note_entry(district, note)
        for district in districts
        for note in tracker.records(district.id).notes
        if kind in (None, note.kind)
    ]


def evaluation_entry(district: DistrictDef, evaluation: Evaluation) -> EvaluationEntry:
    """An evaluation of ``district`` as shown."""
    return EvaluationEntry(
        id=evaluation.id,
        district=district.id,
        district_name=district.name,
        kind=evaluation.kind,
        score=evaluation.score,
        date=evaluation.date,
        respondents=evaluation.respondents,
        by=evaluation.by,
        summary=evaluation.summary,
        ref=evaluation.ref,
    )


def evaluations(tracker: Tracker, districts: Iterable[DistrictDef]) -> list[EvaluationEntry]:
    """Each district's evaluations in turn, oldest first."""
    return [
        evaluation_entry(district, evaluation)
        for district in districts
        for evaluation in tracker.records(district.id).evaluations
    ]
