"""The report context: every figure a report shows, computed once from the read models.

Templates only lay figures out; they never compute one, so a report always
agrees with ``tracker status --json`` on the same database and as-of date.
Templates receive the ``--json`` form of each model (ids, names, ISO dates)
plus what only reports need: a user who copied a template keeps its names.
"""

from datetime import date
from typing import Any

from tracker.domain.catalog_vocab import CHANNELS, FIVE_OPENNESS, ITEM_STATES
from tracker.domain.items import LABELS, REQUIRED_ELEMENTS
from tracker.domain.rules import SILENCE_KINDS, Alert
from tracker.domain.vocab import NOTE_KINDS
from tracker.presentation import days_text, names_text
from tracker.services.database import HEAD_SHOWN, audit_head
from tracker.services.read import queries
from tracker.services.read.models import (
    DistrictState,
    ItemCounts,
    MilestoneState,
    PilotState,
)
from tracker.services.read.views import (
    district_json,
    evaluation_json,
    milestone_json,
    note_json,
    task_json,
)
from tracker.services.tracker import Tracker

LAGGING_NOTE = "进度落后于时间进度"
MUNICIPAL_OFFICE = "市政府办公厅"

Context = dict[str, Any]


def report_context(tracker: Tracker, district_id: str | None = None) -> Context:
    """Everything the district, municipal and bulletin templates need."""
    state = queries.pilot_state(tracker)
    districts = [_district(tracker, d) for d in state.districts]
    if district_id:
        districts = [d for d in districts if d["id"] == district_id]
    plan = tracker.plan
    return {
        "plan": {
            "title": plan.title,
            "doc_no": plan.doc_no,
            "issuer": plan.issuer,
            "issued": plan.issued.isoformat(),
            "parent_doc_no": plan.parent_doc_no,
            "parent_title": plan.parent_title,
            "goal": plan.goal,
            "period": f"{plan.period_start.isoformat()} 至 {plan.period_end.isoformat()}",
        },
        "as_of": state.as_of.isoformat(),
        "as_of_chinese": _chinese_date(state.as_of),
        "districts": districts,
        "district": districts[0] if district_id else None,
        "municipal": {
            "milestones": [_milestone(m) for m in state.municipal_milestones],
            "totals": _totals(state),
        },
        "states": [{"id": t.id, "name": t.label} for t in ITEM_STATES],
        "five_kinds": [{"id": t.id, "name": t.label} for t in FIVE_OPENNESS],
        "note_kinds": [{"id": t.id, "name": t.label} for t in NOTE_KINDS],
        "bulletin": _bulletin(state),
        "audit": _audit(tracker),
    }


def _audit(tracker: Tracker) -> Context:
    """The audit chain's head when the document was made: a paper copy then anchors the log
    (``tracker db check`` prints the same value while the log is intact)."""
    head = audit_head(tracker.store)
    return {"entries": head.entries, "head": head.digest[:HEAD_SHOWN], "text": head.text}


def _district(tracker: Tracker, district: DistrictState) -> Context:
    definition = tracker.plan.district(district.id)
    records = tracker.records(district.id)
    notes = [queries.note_entry(definition, n) for n in records.notes if n.date <= tracker.as_of]
    items = district.items.overall
    return {
        **district_json(district),
        "leads_text": _leads_text(district),
        "milestones": [_milestone(m) for m in district.milestones],
        "notes": {
            kind.id: [note_json(n) for n in notes if n.kind == kind.id] for kind in NOTE_KINDS
        },
        "evaluations": [
            evaluation_json(queries.evaluation_entry(definition, e)) for e in records.evaluations
        ],
        "items_table": [
            {"area": a.area + ("（新增）" if a.added else ""), **_counts(a)}
            for a in district.items.areas
        ],
        "items_total": _counts(items),
        "channels_used": [
            {"name": c, "count": items.channels[c]} for c in CHANNELS if items.channels.get(c)
        ],
        "five_coverage": [
            {"name": FIVE_OPENNESS.label(k), "count": items.five[k]} for k in FIVE_OPENNESS.ids
        ],
        "missing_by_element": _missing_by_element(items),
        "requirements_met": sum(1 for r in district.requirements if r.met),
    }


def _leads_text(district: DistrictState) -> str:
    return names_text(p.name for p in district.leads)


def _counts(counts: ItemCounts) -> dict[str, int]:
    return {"total": counts.total, **counts.by_status, "missing": counts.missing_elements}


def _missing_by_element(counts: ItemCounts) -> list[dict[str, Any]]:
    return [
        {"name": LABELS[e], "count": counts.missing_by_element[e]}
        for e in REQUIRED_ELEMENTS
        if counts.missing_by_element[e]
    ]


def _milestone(milestone: MilestoneState) -> Context:
    return {
        **milestone_json(milestone),
        "days_text": days_text(milestone.state, milestone.days_left),
    }


def _totals(state: PilotState) -> Context:
    totals = {"total": 0, "missing": 0, **dict.fromkeys(ITEM_STATES.ids, 0)}
    for district in state.districts:
        for key, count in _counts(district.items.overall).items():
            totals[key] += count
    alerts = {
        level: sum(1 for d in state.districts if d.alert == level)
        for level in ("red", "yellow", "green")
    }
    return {**totals, "districts": len(state.districts), "alerts": alerts}


def _bulletin(state: PilotState) -> Context:
    """What the municipal office chases: each entry names the district and who answers for it."""
    overdue: list[Context] = []
    due_soon: list[Context] = []
    tasks: list[Context] = []
    silent: list[Context] = []
    missing: list[Context] = []
    for d in state.districts:
        who = _leads_text(d)
        for m in d.milestones:
            if m.state == "overdue":
                overdue.append({**_milestone(m), "district": d.name, "who": who})
            elif m.state == "due-soon":
                due_soon.append({**_milestone(m), "district": d.name, "who": who})
        task_alerts = {a.subject: a for a in d.alerts if a.kind in ("task-blocked", "task-lagging")}
        for t in d.tasks:
            if t.id in task_alerts:
                tasks.append(
                    {
                        **task_json(t),
                        "district": d.name,
                        "who": names_text(d.answerable_for(t)),
                        "problem": _task_problem(task_alerts[t.id]),
                    }
                )
        silence = next((a for a in d.alerts if a.kind in SILENCE_KINDS), None)
        if silence:
            silent.append({"district": d.name, "reason": silence.text, "who": who})
        items = d.items.overall
        if items.missing_elements:
            missing.append(
                {
                    "district": d.name,
                    "count": items.missing_elements,
                    "elements": _missing_by_element(items),
                    "who": who,
                }
            )
    for m in state.municipal_milestones:
        if m.state == "overdue":
            overdue.append({**_milestone(m), "district": m.scope_name, "who": MUNICIPAL_OFFICE})
        elif m.state == "due-soon":
            due_soon.append({**_milestone(m), "district": m.scope_name, "who": MUNICIPAL_OFFICE})
    return {
        "overdue": overdue,
        "due_soon": due_soon,
        "tasks": tasks,
        "silent": silent,
        "missing": missing,
    }


def _task_problem(alert: Alert) -> str:
    if alert.kind == "task-blocked":
        return f"受阻：{alert.note}"
    return f"{LAGGING_NOTE}（{alert.progress}%，应达 {alert.expected}%）"


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
