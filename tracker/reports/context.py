"""The report context: every figure a report shows, computed once from the services.

Templates only lay figures out; they never compute one, so a report always
agrees with ``tracker status --json`` on the same database and as-of date.
"""

from typing import Any

from tracker.domain.catalog_vocab import CHANNELS, FIVE_OPENNESS, ITEM_STATES
from tracker.domain.items import LABELS, REQUIRED_ELEMENTS
from tracker.domain.rules import days_text
from tracker.domain.vocab import EVALUATION_KINDS, NOTE_KINDS
from tracker.services.tracker import Tracker
from tracker.services.views import evaluation_json, note_json, status_json

LAGGING_NOTE = "进度落后于时间进度"


def report_context(tracker: Tracker, district_id: str | None = None) -> dict[str, Any]:
    """Everything the district, municipal and bulletin templates need."""
    status = status_json(tracker)
    districts = [_district(tracker, d) for d in status["districts"]]
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
        "as_of": status["as_of"],
        "as_of_chinese": _chinese_date(status["as_of"]),
        "districts": districts,
        "district": districts[0] if district_id else None,
        "municipal": {
            "milestones": [_milestone(m) for m in status["municipal"]["milestones"]],
            "totals": _totals(districts),
        },
        "states": [{"id": t.id, "name": t.label} for t in ITEM_STATES],
        "five_kinds": [{"id": t.id, "name": t.label} for t in FIVE_OPENNESS],
        "note_kinds": [{"id": t.id, "name": t.label} for t in NOTE_KINDS],
        "bulletin": _bulletin(
            districts, [_milestone(m) for m in status["municipal"]["milestones"]]
        ),
    }


def _district(tracker: Tracker, entry: dict[str, Any]) -> dict[str, Any]:
    records = tracker.records(entry["id"])
    notes = [note_json(tracker, n) for n in records.notes if n.date <= tracker.as_of]
    evaluations = [evaluation_json(tracker, e) for e in records.evaluations]
    items = entry["items"]
    return {
        **entry,
        "leads_text": "、".join(p["name"] for p in entry["leads"]) or "未明确",
        "milestones": [_milestone(m) for m in entry["milestones"]],
        "notes": {kind.id: [n for n in notes if n["kind"] == kind.id] for kind in NOTE_KINDS},
        "evaluations": [{**e, "kind_name": EVALUATION_KINDS.label(e["kind"])} for e in evaluations],
        "items_table": [
            {"area": a["area"] + ("（新增）" if a["added"] else ""), **_counts(a)}
            for a in items["by_area"]
        ],
        "items_total": _counts(items),
        "channels_used": [
            {"name": c, "count": items["channels"].get(c, 0)}
            for c in CHANNELS
            if items["channels"].get(c)
        ],
        "five_coverage": [
            {"name": FIVE_OPENNESS.label(k), "count": items["five"][k]} for k in FIVE_OPENNESS.ids
        ],
        "missing_by_element": [
            {"name": LABELS[e], "count": items["missing_by_element"][e]}
            for e in REQUIRED_ELEMENTS
            if items["missing_by_element"][e]
        ],
        "requirements_met": sum(1 for r in entry["requirements"] if r["met"]),
    }


def _counts(tally: dict[str, Any]) -> dict[str, int]:
    return {"total": tally["total"], **tally["by_status"], "missing": tally["missing_elements"]}


def _milestone(m: dict[str, Any]) -> dict[str, Any]:
    return {**m, "days_text": days_text(m["state"], m["days_left"])}


def _totals(districts: list[dict[str, Any]]) -> dict[str, Any]:
    totals = {"total": 0, "missing": 0, **dict.fromkeys(ITEM_STATES.ids, 0)}
    for district in districts:
        for key in totals:
            totals[key] += district["items_total"][key]
    alerts = {
        level: sum(1 for d in districts if d["alert"] == level)
        for level in ("red", "yellow", "green")
    }
    return {**totals, "districts": len(districts), "alerts": alerts}


def _bulletin(districts: list[dict[str, Any]], municipal: list[dict[str, Any]]) -> dict[str, Any]:
    """What the municipal office chases: each entry names the district and its responsible people."""
    overdue, due_soon, tasks, silent, missing = [], [], [], [], []
    for d in districts:
        who = d["leads_text"]
        for m in d["milestones"]:
            if m["state"] in ("overdue", "due-soon"):
                (overdue if m["state"] == "overdue" else due_soon).append(
                    {**m, "district": d["name"], "who": who}
                )
        for t in d["tasks"]:
            lagging = (
                t["status"] not in ("done", "blocked")
                and t["progress"] < d["expected_progress"] - 20
            )
            if t["status"] == "blocked" or lagging:
                problem = (
                    f"受阻：{t['note']}"
                    if t["status"] == "blocked"
                    else f"{LAGGING_NOTE}（{t['progress']}%，应达 {d['expected_progress']}%）"
                )
                tasks.append(
                    {**t, "district": d["name"], "who": t["owner_name"] or who, "problem": problem}
                )
        if any("未报告工作进展" in r or "无工作进展记录" in r for r in d["alert_reasons"]):
            reason = next(r for r in d["alert_reasons"] if "工作进展" in r)
            silent.append({"district": d["name"], "reason": reason, "who": who})
        if d["items_total"]["missing"]:
            missing.append(
                {
                    "district": d["name"],
                    "count": d["items_total"]["missing"],
                    "elements": d["missing_by_element"],
                    "who": who,
                }
            )
    for m in municipal:
        if m["state"] in ("overdue", "due-soon"):
            (overdue if m["state"] == "overdue" else due_soon).append(
                {**m, "district": "市级", "who": "市政府办公厅"}
            )
    return {
        "overdue": overdue,
        "due_soon": due_soon,
        "tasks": tasks,
        "silent": silent,
        "missing": missing,
    }


def _chinese_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"
