"""The JSON shapes of the command contract (PRODUCT §6), shared by every front end."""

from typing import Any

from tracker.domain.catalog_stats import catalog_stats
from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.dates import format_date
from tracker.domain.items import LABELS, element_text, missing_elements
from tracker.domain.plan import DistrictDef
from tracker.domain.records import Evaluation, Note, Person, TaskRecord
from tracker.domain.rules import DistrictStatus, MilestoneView, district_leads, evaluate_district
from tracker.domain.vocab import (
    EVALUATION_KINDS,
    MILESTONE_STATES,
    NOTE_KINDS,
    ROLES,
    TASK_STATUSES,
)
from tracker.services.tracker import Tracker


def plan_json(tracker: Tracker) -> dict[str, Any]:
    plan = tracker.plan
    return {"id": plan.id, "title": plan.title, "doc_no": plan.doc_no, "issuer": plan.issuer}


def status_json(tracker: Tracker, district_ids: list[str] | None = None) -> dict[str, Any]:
    """The whole ``tracker status --json`` document."""
    people, assignments = tracker.people(), tracker.assignments()
    names = {p.login: p.name for p in people}
    districts = []
    for district in tracker.plan.districts:
        if district_ids and district.id not in district_ids:
            continue
        records = tracker.records(district.id)
        status = evaluate_district(
            tracker.plan, district, records, people, assignments, tracker.as_of
        )
        leads = district_leads(district.id, people, assignments)
        districts.append(
            {
                "id": district.id,
                "name": district.name,
                "alert": status.alert,
                "alert_reasons": status.alert_reasons,
                "leads": [{"login": p.login, "name": p.name, "phone": p.phone} for p in leads],
                "expected_progress": status.expected_progress,
                "tasks": [
                    task_json(tracker, records.tasks[t.id], names)
                    for t in tracker.plan.tasks
                    if t.id in records.tasks
                ],
                "milestones": [milestone_json(view) for view in status.milestones],
                "requirements": requirements_json(status),
                "items": items_block(tracker, district),
            }
        )
    return {
        "as_of": tracker.as_of.isoformat(),
        "plan": plan_json(tracker),
        "districts": districts,
        "municipal": {"milestones": [milestone_json(v) for v in tracker.municipal_milestones()]},
    }


def task_json(tracker: Tracker, record: TaskRecord, names: dict[str, str]) -> dict[str, Any]:
    task = tracker.plan.task(record.task)
    return {
        "district": record.district,
        "district_name": tracker.plan.district(record.district).name,
        "id": task.id,
        "name": task.name,
        "status": record.status,
        "status_name": TASK_STATUSES.label(record.status),
        "progress": record.progress,
        "owner": record.owner or None,
        "owner_name": names.get(record.owner) if record.owner else None,
        "note": record.note,
    }


def milestone_json(view: MilestoneView) -> dict[str, Any]:
    """A milestone as of the as-of date: a completion recorded later is not shown yet.

    ``days_left`` counts to the due date; for a completed milestone it is how
    many days before the due date it was done (negative: done late).
    """
    record = view.record
    return {
        "scope": record.scope,
        "id": view.definition.id,
        "name": view.definition.name,
        "due": view.definition.due.isoformat(),
        "done": format_date(view.done) or None,
        "ref": record.ref,
        "note": record.note,
        "state": view.state,
        "state_name": MILESTONE_STATES.label(view.state),
        "days_left": view.days_left,
    }


def requirements_json(status: DistrictStatus) -> list[dict[str, Any]]:
    return [
        {"id": r.definition.id, "name": r.definition.name, "met": r.met}
        for r in status.requirements
    ]


def person_json(tracker: Tracker, person: Person) -> dict[str, Any]:
    return {
        **person.to_dict(),
        "district": person.district or None,
        "role_name": ROLES.label(person.role),
        "district_name": tracker.plan.district(person.district).name if person.district else None,
    }


def note_json(tracker: Tracker, note: Note) -> dict[str, Any]:
    return {
        **note.to_dict(),
        "district_name": tracker.plan.district(note.district).name,
        "kind_name": NOTE_KINDS.label(note.kind),
    }


def evaluation_json(tracker: Tracker, evaluation: Evaluation) -> dict[str, Any]:
    return {
        **evaluation.to_dict(),
        "district_name": tracker.plan.district(evaluation.district).name,
        "kind_name": EVALUATION_KINDS.label(evaluation.kind),
    }


def items_block(tracker: Tracker, district: DistrictDef) -> dict[str, Any]:
    """The ``items`` block of ``status --json``: totals, then each area.

    Remembered by the store until the district's catalog changes, so status
    need not read 25,000 items to count them.
    """
    return tracker.store.derived(
        district.id, "items", "stats", lambda docs: _items_block(docs.values(), district.areas)
    )


def _items_block(docs, areas: tuple[str, ...]) -> dict[str, Any]:
    stats = catalog_stats(docs, areas)
    return {
        **stats.overall.to_dict(),
        "by_area": [
            {"area": area, "added": area in stats.added_areas, **tally.to_dict()}
            for area, tally in stats.areas.items()
        ],
    }


def item_json(
    tracker: Tracker, item: dict[str, Any], *, history: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
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


def item_elements(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Every element of a stored item as (Chinese label, text), for people to read."""
    rows = [
        (label, element_text(name, item.get(name)))
        for name, label in LABELS.items()
        if name != "status"
    ]
    if item.get("withdrawn_reason"):
        rows.append(("撤销原因", item["withdrawn_reason"]))
    return rows
