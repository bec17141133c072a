"""The ``--json`` documents of the command contract (PRODUCT §6), serialised from the read models.

Keys are stable English names, values as stored, Chinese names beside ids;
dates are ISO strings and absent values ``null``.
"""

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from functools import singledispatch
from typing import Any

from tracker.domain.baseline import AreaComparison
from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.dates import format_date
from tracker.domain.items import LABELS, element_text, missing_elements
from tracker.domain.workflow import WorkflowMeasures
from tracker.services.read.baseline import BaselineArea
from tracker.services.read.digest import Digest
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
    PersonEntry,
    PersonResponsibilities,
    PilotState,
    PlanHeading,
    RequirementState,
    TaskState,
    VisitEntry,
)
from tracker.services.tracker import Tracker

Json = dict[str, Any]


@singledispatch
def json_of(model: object) -> Any:
    """A read model (or a sequence of them) as its ``--json`` value."""
    if isinstance(model, Sequence) and not isinstance(model, str):
        return [json_of(m) for m in model]
    raise TypeError(f"no JSON form for {type(model).__name__}")


@json_of.register
def status_json(state: PilotState) -> Json:
    """The whole ``tracker status --json`` document."""
    return {
        "as_of": state.as_of.isoformat(),
        "plan": plan_json(state.plan),
        "districts": [district_json(d) for d in state.districts],
        "municipal": {"milestones": [milestone_json(m) for m in state.municipal_milestones]},
    }


@json_of.register
def plan_json(plan: PlanHeading) -> Json:
    return {"id": plan.id, "title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer}


@json_of.register
def district_json(district: DistrictState) -> Json:
    return {
        "id": district.id,
        "name": district.name,
        "alert": district.alert,
        "alert_reasons": district.alert_reasons,
        "leads": [contact_json(p) for p in district.leads],
        "expected_progress": district.expected_progress,
        "tasks": [task_json(t) for t in district.tasks],
        "milestones": [milestone_json(m) for m in district.milestones],
        "requirements": [requirement_json(r) for r in district.requirements],
        "items": catalog_json(district.items),
        "orders": [order_json(o) for o in district.orders],
        "workflow": measures_json(district.workflow) if district.workflow else None,
    }


def measures_json(measures: WorkflowMeasures) -> Json:
    """Task 3 in facts (the district view and the reports show the same)."""
    return {
        "interpretations_due": measures.interpretations_due,
        "interpretations_on_time": measures.interpretations_on_time,
        "interpretation_share": measures.interpretation_share,
        "concerns_due": measures.concerns_due,
        "concerns_on_time": measures.concerns_on_time,
        "concern_share": measures.concern_share,
        "consultations_held": measures.consultations_held,
        "adoptions_published": measures.adoptions_published,
    }


def _plain(model: object) -> Json:
    """A read model's fields as JSON values: dates as ISO text."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in asdict(model).items()  # type: ignore[call-overload]
    }


@json_of.register
def interpretation_json(entry: InterpretationEntry) -> Json:
    return {**_plain(entry), "form_name": entry.form_name, "state_name": entry.state_name}


@json_of.register
def concern_json(entry: ConcernEntry) -> Json:
    return {
        **_plain(entry),
        "source_name": entry.source_name,
        "level_name": entry.level_name,
        "state_name": entry.state_name,
    }


@json_of.register
def consultation_json(entry: ConsultationEntry) -> Json:
    return _plain(entry)


@json_of.register
def visit_json(entry: VisitEntry) -> Json:
    return _plain(entry)


@json_of.register
def order_json(order: OrderEntry) -> Json:
    return {
        "id": order.id,
        "year": order.year,
        "number": order.number,
        "district": order.district,
        "district_name": order.district_name,
        "problem": order.problem,
        "deadline": order.deadline.isoformat(),
        "issued": order.issued.isoformat(),
        "issued_by": order.issued_by,
        "issued_by_name": order.issued_by_name,
        "owner": order.owner,
        "owner_name": order.owner_name,
        "answerable": list(order.answerable),
        "alert": order.alert,
        "state": order.state,
        "state_name": order.state_name,
        "days_left": order.days_left,
        "overdue": order.overdue,
        "steps": [
            {
                "action": step.action,
                "action_name": step.action_name,
                "date": step.date.isoformat(),
                "by": step.by,
                "by_name": step.by_name,
                "text": step.text,
                "ref": step.ref,
            }
            for step in order.steps
        ],
    }


@json_of.register
def contact_json(contact: Contact) -> Json:
    return {"login": contact.login, "name": contact.name, "phone": contact.phone}


@json_of.register
def task_json(task: TaskState) -> Json:
    return {
        "district": task.district,
        "district_name": task.district_name,
        "id": task.id,
        "name": task.name,
        "status": task.status,
        "status_name": task.status_name,
        "progress": task.progress,
        "owner": task.owner or None,
        "owner_name": task.owner_name,
        "note": task.note,
    }


@json_of.register
def milestone_json(milestone: MilestoneState) -> Json:
    """A milestone as of the as-of date; ``days_left`` counts to the due date, and for a
    completed milestone it is how many days before the due date it was done (negative: late)."""
    return {
        "scope": milestone.scope,
        "id": milestone.id,
        "name": milestone.name,
        "due": milestone.due.isoformat(),
        "done": format_date(milestone.done) or None,
        "ref": milestone.ref,
        "note": milestone.note,
        "state": milestone.state,
        "state_name": milestone.state_name,
        "days_left": milestone.days_left,
    }


def milestone_row_json(milestone: MilestoneState) -> Json:
    """A milestone in ``milestone list --json``: with the name of its district (or 市级)."""
    return {**milestone_json(milestone), "scope_name": milestone.scope_name}


@json_of.register
def requirement_json(requirement: RequirementState) -> Json:
    return {"id": requirement.id, "name": requirement.name, "met": requirement.met}


@json_of.register
def catalog_json(catalog: CatalogSummary) -> Json:
    """The ``items`` block of ``status --json``: totals, then each area."""
    return {**counts_json(catalog.overall), "by_area": [counts_json(a) for a in catalog.areas]}


@json_of.register
def counts_json(counts: ItemCounts) -> Json:
    head = {"area": counts.area, "added": counts.added} if isinstance(counts, AreaCounts) else {}
    return {
        **head,
        "total": counts.total,
        "by_status": dict(counts.by_status),
        "missing_elements": counts.missing_elements,
        "missing_by_element": dict(counts.missing_by_element),
        "channels": dict(counts.channels),
        "five": dict(counts.five),
    }


@json_of.register
def person_json(person: PersonEntry) -> Json:
    return {
        "login": person.login,
        "name": person.name,
        "role": person.role,
        "district": person.district or None,
        "unit": person.unit,
        "phone": person.phone,
        "role_name": person.role_name,
        "district_name": person.district_name,
        "department": person.department or None,
        "department_name": person.department_name,
    }


@json_of.register
def responsibilities_json(entry: PersonResponsibilities) -> Json:
    """A person in ``person list --json``: the districts they lead and the tasks they own."""
    return {
        **person_json(entry.person),
        "districts": [r.district_name for r in entry.districts],
        "tasks": [f"{r.district_name}·{r.task_name}" for r in entry.tasks],
    }


@json_of.register
def note_json(note: NoteEntry) -> Json:
    return {
        "id": note.id,
        "district": note.district,
        "kind": note.kind,
        "text": note.text,
        "date": note.date.isoformat(),
        "author": note.author,
        "ref": note.ref,
        "district_name": note.district_name,
        "kind_name": note.kind_name,
    }


@json_of.register
def evaluation_json(evaluation: EvaluationEntry) -> Json:
    return {
        "id": evaluation.id,
        "district": evaluation.district,
        "kind": evaluation.kind,
        "score": evaluation.score,
        "date": evaluation.date.isoformat(),
        "respondents": evaluation.respondents,
        "by": evaluation.by,
        "summary": evaluation.summary,
        "ref": evaluation.ref,
        "district_name": evaluation.district_name,
        "kind_name": evaluation.kind_name,
    }


def item_json(tracker: Tracker, item: Json, *, history: list[Json] | None = None) -> Json:
    """A stored item document with its Chinese names and the required elements it still lacks."""
    data = {
        **item,
        "district_name": tracker.plan.district(item["district"]).name,
        "status_name": ITEM_STATES.label(item["status"]),
        "missing": missing_elements(item),
    }
    if history is not None:
        data["history"] = history
    return data


def item_elements(item: Json) -> list[tuple[str, str]]:
    """Every element of a stored item as (Chinese label, text), for people to read."""
    rows = [
        (label, element_text(name, item.get(name)))
        for name, label in LABELS.items()
        if name != "status"
    ]
    if item.get("withdrawn_reason"):
        rows.append(("撤销原因", item["withdrawn_reason"]))
    return rows


@json_of.register
def digest_json(found: Digest) -> Json:
    return {
        "since": found.since.isoformat(),
        "until": found.until.isoformat(),
        "districts": [
            {
                "id": d.id,
                "name": d.name,
                "light_before": d.light_before,
                "light": d.light,
                "changes": d.changes,
                "counts": d.counts,
                "events": [
                    {
                        "date": e.day.isoformat(),
                        "kind": e.kind,
                        "kind_name": e.kind_name,
                        "text": e.text,
                    }
                    for e in d.events
                ],
            }
            for d in found.districts
        ],
    }


@json_of.register
def baseline_area_json(entry: BaselineArea) -> Json:
    return {**_plain(entry), "districts": list(entry.districts)}


@json_of.register
def comparison_json(entry: AreaComparison) -> Json:
    return {
        "district": entry.district,
        "district_name": entry.district_name,
        "department_name": entry.department_name,
        "area": entry.area,
        "department": entry.department,
        "baseline_items": entry.baseline_items,
        "district_items": entry.district_items,
        "matched": entry.matched,
        "missing": list(entry.missing),
        "added": list(entry.added),
        "differing": [
            {
                "name": d.name,
                "item": d.district_item,
                "fields": list(d.fields),
                "baseline": dict(d.baseline),
                "district": dict(d.district),
            }
            for d in entry.differing
        ],
    }
