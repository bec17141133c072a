"""The report context: every figure a report shows, computed once from the read models.

Templates only lay figures out; they never compute one, so a report always
agrees with ``tracker status --json`` on the same database and as-of date.
Templates receive the ``--json`` form of each model (ids, names, ISO dates)
plus what only reports need: a user who copied a template keeps its names.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.catalog_vocab import CHANNELS, FIVE_OPENNESS, ITEM_STATES
from tracker.domain.errors import InputError
from tracker.domain.items import LABELS, REQUIRED_ELEMENTS
from tracker.domain.plan import MUNICIPAL
from tracker.domain.rules import SILENCE_KINDS, Alert
from tracker.domain.vocab import NOTE_KINDS
from tracker.presentation import days_text, names_text, order_days_text
from tracker.reports.document import (
    Raw,
    chinese_date,
    front_matter,
    title_lines,
)
from tracker.reports.markdown import FrontMatter
from tracker.services.database import HEAD_SHOWN, audit_head
from tracker.services.read import baseline, queries
from tracker.services.read.models import (
    DistrictState,
    ItemCounts,
    MilestoneState,
    OrderEntry,
    PilotState,
)
from tracker.services.read.views import (
    comparison_json,
    district_json,
    evaluation_json,
    milestone_json,
    note_json,
    order_json,
    task_json,
    visit_json,
)
from tracker.services.tracker import Tracker

if TYPE_CHECKING:
    from tracker.services.read.progress import MonthCount

LAGGING_NOTE = "进度落后于时间进度"
MUNICIPAL_OFFICE = "市政府办公厅"

Context = dict[str, Any]


@dataclass(frozen=True)
class ReportOptions:
    """What only the person making a document knows: its number, who signs it, whom it is
    copied to, and whether it is a draft."""

    doc_no: str | None = None
    signer: str | None = None
    cc: tuple[str, ...] = ()
    draft: bool = False
    deadline: date | None = None
    """整改时限 for a bulletin's or notice's problems."""
    number: int | None = None
    """The bulletin's issue number in its year (counted and remembered by the caller)."""


UPWARD_TO = "国务院办公厅："
TASK_WORDS = {
    "comb": ("梳理", "台账", "清单", "权责", "摸底"),
    "standardize": ("标准", "规范", "要素", "依据", "动态调整", "时限", "模板", "目录"),
    "workflow": ("流程", "解读", "回应", "发布", "机制", "审核", "舆情", "制度", "调度", "周报告"),
    "channels": (
        "渠道", "网站", "新媒体", "两微一端", "微信", "微博", "推送", "公示栏", "平台",
        "大厅", "窗口", "查阅", "专区", "服务中心",
    ),
}  # fmt: skip
"""Words that tie a note about practice to one of the four tasks (seed §三)."""


@dataclass(frozen=True)
class ChartPlace:
    """Where figures are drawn, and how the report's Markdown names that folder."""

    folder: Path
    link: str
    """The folder as the document links it: relative beside a web page, absolute for Word."""


def report_context(
    tracker: Tracker,
    district_id: str | None = None,
    kind: str = "district",
    options: ReportOptions = ReportOptions(),
    charts: ChartPlace | None = None,
) -> Context:
    """Everything the district, municipal and bulletin templates need; with ``charts``, the
    catalog's progress drawn as figures there (district and municipal reports)."""
    state = queries.pilot_state(tracker)
    compared: dict[str, list[Context]] = {}
    for comparison in baseline.comparisons(tracker, [d.id for d in state.districts]):
        compared.setdefault(comparison.district, []).append(comparison_json(comparison))
    everyone = [_district(tracker, d, compared.get(d.id, [])) for d in state.districts]
    progress = _progress(tracker, kind, charts)
    if progress and _changed_since(tracker):
        for district in everyone:
            _counts_as_of(district, progress.get(district["id"], []))
    districts = [d for d in everyone if d["id"] == district_id] if district_id else everyone
    totals = _totals(state, everyone)
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
        "as_of_chinese": chinese_date(state.as_of),
        "districts": districts,
        "district": districts[0] if district_id else None,
        "municipal": {
            "milestones": [_milestone(m) for m in state.municipal_milestones],
            "totals": totals,
            "workflow": _workflow_totals(districts),
            "visits": _visits(tracker, [MUNICIPAL]),
        },
        "states": [{"id": t.id, "name": t.label} for t in ITEM_STATES],
        "five_kinds": [{"id": t.id, "name": t.label} for t in FIVE_OPENNESS],
        "note_kinds": [{"id": t.id, "name": t.label} for t in NOTE_KINDS],
        "bulletin": _bulletin(state, district_id, options),
        "audit": _audit(tracker),
        "document": front_matter(_document(tracker, kind, districts, options)),
        "charts": _charts(tracker, district_id, districts, charts, progress),
        "as_of_date": state.as_of,
        "themes": _themes(tracker, districts),
        "practices": _merged(districts, "practice"),
        "achievements": _merged(districts, "achievement"),
        "problems": _merged(districts, "problem"),
        "suggestions": _merged(districts, "suggestion"),
        "next_steps": _next_steps(totals, _merged(districts, "suggestion")),
        "evaluations": [e for d in districts for e in d["evaluations"]],
        "channels_used": _channels(districts),
        "five_coverage": _five(districts),
    }


def _progress(
    tracker: Tracker, kind: str, place: ChartPlace | None
) -> "dict[str, list[MonthCount]]":
    """Each district's catalog month by month up to the as-of date, read once from the audit
    log, when a figure needs it or the catalog has changed since the as-of date."""
    if kind not in ("district", "municipal") or (place is None and not _changed_since(tracker)):
        return {}
    from tracker.services.read.progress import progress_by_district

    return progress_by_district(tracker, tracker.as_of)


def _changed_since(tracker: Tracker) -> bool:
    """Whether the pilot's data changed after the as-of date (a report of an earlier day).
    Refusals and the numbers given to documents (a bulletin's 期号) change no data: issuing a
    bulletin today must not turn the next report into one rewound through the log."""
    for entry in tracker.store.audit():
        if entry.get("denied") or entry.get("table") == "documents":
            continue
        return str(entry["at"])[:10] > tracker.as_of.isoformat()
    return False


def _counts_as_of(district: Context, months: "list[MonthCount]") -> None:
    """The catalog figures as they stood on the as-of date, from the item changes up to it:
    the items then live, by state. (Withdrawals are not counted back in time, and missing
    elements are counted as they are now.)
    """
    if not months:
        return
    last = months[-1]
    counts = district["items_total"]
    district["items_total"] = {
        **counts,
        "total": last.combed,
        "withdrawn": 0,
        "published": last.published,
        "standardized": last.standardized - last.published,
        "combed": last.combed - last.standardized,
    }


def _charts(
    tracker: Tracker,
    district_id: str | None,
    districts: list[Context],
    place: ChartPlace | None,
    progress: "dict[str, list[MonthCount]]",
) -> list[Context]:
    """图1: the catalog's progress month by month (the district's, or the whole city's)."""
    if place is None or not progress:
        return []
    from tracker.reports.charts import progress_chart
    from tracker.services.read.progress import total_progress

    whose = districts[0]["name"] if district_id and districts else "全市试点区"
    months = progress[district_id] if district_id else total_progress(progress.values())
    if not months:
        return []
    caption = f"图1　{whose}政务公开事项目录编制进展（截至{chinese_date(tracker.as_of)}）"
    place.folder.mkdir(parents=True, exist_ok=True)
    progress_chart(months, f"{whose}政务公开事项目录编制进展", place.folder / "figure1.png")
    return [{"caption": caption, "image": Raw(f"![{caption}]({place.link}/figure1.png)")}]


def _document(
    tracker: Tracker, kind: str, districts: list[Context], options: ReportOptions
) -> FrontMatter:
    """The parts GB/T 9704 places around the text, for each kind of document."""
    plan = tracker.plan
    day = chinese_date(tracker.as_of)
    issuer = plan.issuer
    if kind == "municipal":
        missing = [
            label
            for label, value in (
                ("发文字号（--doc-number）", options.doc_no),
                ("签发人（--signer）", options.signer),
            )
            if not value
        ]
        if missing and not options.draft:
            raise InputError(
                f"报国务院办公厅的总体报告缺少{'、'.join(missing)}：请补上，或加 --draft 先出草稿"
            )
        title = f"{issuer}关于{_topic(plan.title)}情况的报告"
        return FrontMatter(
            type="upward",
            issuer=issuer,
            mark=issuer,
            doc_no=options.doc_no,
            signer=options.signer,
            draft=bool(missing) or options.draft,
            title_lines=tuple(title_lines(title)),
            to=UPWARD_TO,
            signature=issuer,
            date=day,
            attachments=("试点区工作情况统计表", "试点工作时间节点完成情况表"),
            cc=options.cc,
            printer=issuer,
            printed=day,
        )
    if kind == "district":
        name = districts[0]["name"] if districts else ""
        return FrontMatter(
            type="plain",
            issuer=f"{name}人民政府办公室",
            doc_no=options.doc_no,
            draft=options.draft,
            title_lines=tuple(title_lines(f"{name}基层政务公开标准化规范化试点工作报告")),
            to="市政府办公厅：",
            signature=f"{name}人民政府办公室",
            date=day,
        )
    if kind == "notice":
        name = districts[0]["name"] if districts else ""
        return FrontMatter(
            type="downward",
            issuer=issuer,
            mark=f"{issuer}文件",
            doc_no=options.doc_no,
            draft=options.draft,
            title_lines=tuple(title_lines(f"关于{name}基层政务公开试点工作有关问题的督办通知")),
            to=f"{name}人民政府：",
            signature=issuer,
            date=day,
            cc=options.cc,
            printer=issuer,
            printed=day,
        )
    number = f"{tracker.as_of.year}年第{options.number}期" if options.number else None
    return FrontMatter(
        type="bulletin",
        issuer=issuer,
        mark="督办通报",
        number=number,
        draft=options.draft,
        title_lines=tuple(title_lines("基层政务公开标准化规范化试点工作督办通报")),
        to="各试点区人民政府：",
        signature=issuer,
        date=day,
        cc=options.cc,
        printer=issuer,
        printed=day,
    )


def _topic(title: str) -> str:
    """基层政务公开标准化规范化试点工作 out of the plan's title (…实施方案)."""
    match = re.search(r"开展(.+?)(?:的)?实施方案", title)
    return match.group(1) if match else "基层政务公开标准化规范化试点工作"


def _sentence(text: str) -> str:
    """A note as a sentence of a report: trimmed, ending with 。"""
    text = text.strip().rstrip("；，")
    return f"{text}。" if text and not text.endswith(("。", "！", "？")) else text


def _merged(districts: list[Context], kind: str) -> list[Context]:
    """The notes of a kind across districts, each sentence once, with every district that
    wrote it (the same sentence under three districts is one point, not three)."""
    found: dict[str, list[str]] = {}
    for district in districts:
        for note in district["notes"][kind]:
            sentence = _sentence(note["text"])
            if sentence and district["name"] not in found.setdefault(sentence, []):
                found[sentence].append(district["name"])
    return [{"text": text, "districts": "、".join(names)} for text, names in found.items()]


def _themes(tracker: Tracker, districts: list[Context]) -> list[Context]:
    """主要做法 grouped by the four tasks of the plan, each with the districts' examples."""
    practices = _merged(districts, "practice")
    by_task: dict[str, list[Context]] = {task.id: [] for task in tracker.plan.tasks}
    rest: list[Context] = []
    for practice in practices:
        hits = {
            task: sum(practice["text"].count(word) for word in TASK_WORDS.get(task, ()))
            for task in by_task
        }
        best = max(hits, key=lambda task: hits[task], default=None)
        (by_task[best] if best and hits[best] else rest).append(practice)
    themes: list[Context] = [
        {"id": task.id, "name": task.name, "points": by_task[task.id]}
        for task in tracker.plan.tasks
    ]
    if rest:
        themes.append({"id": "other", "name": "其他做法", "points": rest})
    return themes


NEXT_STEPS = [
    ("统一的", "以试点区已公开的{published}项标准化事项为基础，编制全市统一的基层政务公开事项"
               "标准目录，逐步覆盖全市各区和全部试点领域。"),
    ("要素", "推广试点区建立事项台账、统一要素填写规范、实行动态调整等做法{missing}。"),
    ("基本目录", "市有关部门抓紧编制本系统主动公开基本目录，为基层梳理事项提供统一参照。"),
    ("考评", "将政务公开标准化规范化工作纳入绩效考评，加强督促检查和业务培训。"),
]  # fmt: skip
"""The municipal office's own next steps; one a district already proposed is not repeated."""


def _next_steps(totals: Context, suggestions: list[Context]) -> list[str]:
    missing = f"，对尚缺要素的{totals['missing']}项事项限期补齐" if totals["missing"] else ""
    proposed = " ".join(s["text"] for s in suggestions)
    return [
        text.format(published=totals["published"], missing=missing)
        for key, text in NEXT_STEPS
        if key not in proposed
    ]


def _channels(districts: list[Context]) -> list[Context]:
    totals: dict[str, int] = {}
    for district in districts:
        for channel in district["channels_used"]:
            totals[channel["name"]] = totals.get(channel["name"], 0) + channel["count"]
    return [{"name": name, "count": count} for name, count in totals.items()]


def _five(districts: list[Context]) -> list[Context]:
    totals: dict[str, int] = {}
    for district in districts:
        for five in district["five_coverage"]:
            totals[five["name"]] = totals.get(five["name"], 0) + five["count"]
    return [{"name": name, "count": count} for name, count in totals.items()]


def _audit(tracker: Tracker) -> Context:
    """The audit chain's head when the document was made: a paper copy then anchors the log
    (``tracker db check`` prints the same value while the log is intact)."""
    head = audit_head(tracker.store)
    return {"entries": head.entries, "head": head.digest[:HEAD_SHOWN], "text": head.text}


def _district(tracker: Tracker, district: DistrictState, compared: list[Context]) -> Context:
    """A district's figures and texts for the templates; ``compared``: its catalog against
    the basic catalogs."""
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
            {
                **evaluation_json(queries.evaluation_entry(definition, e)),
                "summary": _sentence(e.summary),
                "date_chinese": chinese_date(e.date),
                "district_name": district.name,
            }
            for e in records.evaluations
            if e.date <= tracker.as_of
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
        "orders": [_order(o) for o in district.orders],
        "orders_closed": sum(1 for o in district.orders if not o.open),
        "visits": _visits(tracker, [district.id]),
        "baseline": compared,
        "guidance": [
            {
                "id": note.id,
                "text": note.text,
                "date": note.date.isoformat(),
                "author": note.author,
                "department": department,
                "department_name": tracker.plan.department(department).name,
                "date_chinese": chinese_date(note.date),
                "sentence": _sentence(note.text),
            }
            for department, note in baseline.guidance(tracker, district.id)
        ],
    }


def _visits(tracker: Tracker, scopes: list[str]) -> list[Context]:
    """Study visits, oldest first, with their dates in words and what was learned as a
    sentence."""
    return [
        {
            **visit_json(v),
            "date_chinese": chinese_date(v.day),
            "who": MUNICIPAL_OFFICE if v.scope == MUNICIPAL else v.scope_name,
            "learned_sentence": _sentence(v.learned),
        }
        for v in queries.visits(tracker, scopes)
    ]


def _workflow_totals(districts: list[Context]) -> Context:
    """The districts' task-3 measures summed, with the city's shares."""
    keys = (
        "interpretations_due",
        "interpretations_on_time",
        "concerns_due",
        "concerns_on_time",
        "consultations_held",
        "adoptions_published",
    )
    totals = {k: sum(d["workflow"][k] for d in districts if d["workflow"]) for k in keys}
    for share, part, whole in (
        ("interpretation_share", "interpretations_on_time", "interpretations_due"),
        ("concern_share", "concerns_on_time", "concerns_due"),
    ):
        totals[share] = round(100 * totals[part] / totals[whole]) if totals[whole] else None
    return totals


def _order(order: OrderEntry) -> Context:
    """A supervision order with its dates in words and how it stands."""
    reply = order.last_reply
    closed = order.steps[-1].date if not order.open and order.steps else None
    return {
        **order_json(order),
        "deadline_chinese": chinese_date(order.deadline),
        "issued_chinese": chinese_date(order.issued),
        "closed_chinese": chinese_date(closed) if closed else "",
        "days_text": order_days_text(order.open, order.days_left),
        "problem_sentence": _sentence(order.problem),
        "reply_ref": reply.ref if reply else "",
        "who": names_text(order.answerable),
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
        "due_chinese": chinese_date(milestone.due),
        "done_chinese": chinese_date(milestone.done) if milestone.done else "",
    }


def _totals(state: PilotState, districts: list[Context]) -> Context:
    totals = {"total": 0, "missing": 0, **dict.fromkeys(ITEM_STATES.ids, 0)}
    for district in districts:
        for key, count in district["items_total"].items():
            totals[key] += count
    alerts = {
        level: sum(1 for d in state.districts if d.alert == level)
        for level in ("red", "yellow", "green")
    }
    return {**totals, "districts": len(state.districts), "alerts": alerts}


def _bulletin(state: PilotState, district_id: str | None, options: ReportOptions) -> Context:
    """What the municipal office chases: each entry names the district, who answers for it,
    and the 整改时限 (``--deadline``, else ten days after the as-of date)."""
    overdue: list[Context] = []
    due_soon: list[Context] = []
    tasks: list[Context] = []
    silent: list[Context] = []
    missing: list[Context] = []
    for d in state.districts:
        if district_id and d.id != district_id:
            continue
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
    for m in state.municipal_milestones if not district_id else ():
        if m.state == "overdue":
            overdue.append({**_milestone(m), "district": m.scope_name, "who": MUNICIPAL_OFFICE})
        elif m.state == "due-soon":
            due_soon.append({**_milestone(m), "district": m.scope_name, "who": MUNICIPAL_OFFICE})
    deadline = options.deadline or state.as_of + timedelta(days=10)
    shown = [o for o in state.all_orders if not district_id or o.district == district_id]
    open_orders = [_order(o) for o in shown if o.open]
    this_year = [o for o in shown if o.year == state.as_of.year]
    return {
        "overdue": overdue,
        "due_soon": due_soon,
        "tasks": tasks,
        "silent": silent,
        "missing": missing,
        "orders": open_orders,
        "orders_year": {
            "year": state.as_of.year,
            "issued": len(this_year),
            "closed": sum(1 for o in this_year if not o.open),
        },
        "deadline": chinese_date(deadline),
        "any": bool(overdue or due_soon or tasks or silent or missing or open_orders),
    }


def _task_problem(alert: Alert) -> str:
    if alert.kind == "task-blocked":
        return f"受阻：{alert.note}"
    return f"{LAGGING_NOTE}（{alert.progress}%，应达 {alert.expected}%）"
