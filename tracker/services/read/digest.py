"""The weekly digest: what changed in each district since a day, for the office's weekly round.

Changes are those the audit log recorded from the start of ``since`` to the end of the
as-of date; deadlines missed in the window come from the plan. For each district: how many
changes of each kind, and the events that matter — milestones done or missed, lights and
task states that changed, supervision orders issued and answered, items published.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracker.domain.dates import china_day, parse_date
from tracker.domain.errors import InputError
from tracker.domain.plan import MUNICIPAL
from tracker.domain.records import MilestoneRecord, TaskRecord
from tracker.domain.rules import Light, MilestoneView
from tracker.domain.vocab import TASK_STATUSES
from tracker.presentation import ALERT_LIGHTS
from tracker.services.audit_text import action_words
from tracker.services.judge import judge
from tracker.services.tracker import Tracker

_WEEKDAYS = "一二三四五六日"
_RELATIVE = re.compile(r"\s*(上上|上|本|这)\s*(?:周|星期|礼拜)\s*([一二三四五六日天])\s*")

EVENT_KINDS = {
    "light": "预警变化",
    "milestone-done": "节点完成",
    "milestone-missed": "节点逾期",
    "milestone-reopened": "节点重新打开",
    "task-status": "任务状态变化",
    "order": "督办单",
    "published": "事项公开",
}


@dataclass(frozen=True)
class DigestEvent:
    """Something that happened in the window and matters to the office."""

    day: date
    kind: str
    """One of :data:`EVENT_KINDS`."""
    text: str

    @property
    def kind_name(self) -> str:
        return EVENT_KINDS[self.kind]


@dataclass(frozen=True)
class DistrictDigest:
    """One district's week (or whatever window), or the municipal office's (``municipal``)."""

    id: str
    name: str
    light_before: Light | None
    """The light at the start of the window (None for the municipal office)."""
    light: Light | None
    counts: dict[str, int] = field(default_factory=dict)
    """Changes by kind (the audit log's action words: 更新任务 3 …), refusals left out."""
    events: tuple[DigestEvent, ...] = ()
    """In date order."""

    @property
    def changes(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Digest:
    since: date
    until: date
    districts: tuple[DistrictDigest, ...]
    """Each district in the plan's order, then the municipal office."""


def parse_since(text: str | None, today: date) -> date:
    """The first day of the window: a date, or 上周一 (the default), 本周一, 昨天, 今天, N天前."""
    if text is None:
        return _monday(today) - timedelta(days=7)
    wanted = text.strip()
    relative = _RELATIVE.fullmatch(wanted)
    if relative:
        weeks = {"上上": 2, "上": 1, "本": 0, "这": 0}[relative.group(1)]
        day = relative.group(2).replace("天", "日")
        return _monday(today) - timedelta(days=7 * weeks) + timedelta(days=_WEEKDAYS.index(day))
    match = re.fullmatch(r"(\d{1,3})\s*天前", wanted)
    if match:
        return today - timedelta(days=int(match.group(1)))
    named = {"今天": 0, "昨天": 1, "前天": 2}
    if wanted in named:
        return today - timedelta(days=named[wanted])
    try:
        day = parse_date(wanted, what="起始日期（--since）")
    except InputError:
        raise InputError(
            f"起始日期（--since）「{text}」无法识别，可写 2018-03-05、上周一、本周一、昨天或 7天前"
        ) from None
    if day > today:
        raise InputError(f"起始日期（--since）{day} 晚于当前日期 {today}")
    return day


def digest(tracker: Tracker, since: date) -> Digest:
    """What changed in each district from the start of ``since`` to the end of the as-of date."""
    until = tracker.as_of
    if since > until:
        raise InputError(f"起始日期 {since} 晚于当前日期 {until}")
    plan = tracker.plan
    scopes = [d.id for d in plan.districts] + [MUNICIPAL]
    counts: dict[str, Counter[str]] = {scope: Counter() for scope in scopes}
    undone: dict[str, list[dict[str, Any]]] = {scope: [] for scope in scopes}
    events: dict[str, list[DigestEvent]] = {scope: [] for scope in scopes}
    published: dict[str, Counter[date]] = {scope: Counter() for scope in scopes}
    for entry in tracker.audit(since=since):
        scope = entry.get("scope", "")
        if entry.get("denied") or scope not in counts:
            continue
        if entry.get("table") in _REWOUND:
            undone[scope].append(entry)  # a later change is undone too, to judge the start
        day = china_day(entry["at"])
        if day > until:
            continue
        counts[scope][action_words(entry["action"])] += 1
        if entry.get("table") == "items" and (entry.get("after") or {}).get("status") == (
            "published"
        ):
            published[scope][day] += 1
            continue
        event = _event(tracker, entry, day)
        if event:
            events[scope].append(event)
    shown: list[DistrictDigest] = []
    for district in plan.districts:
        records = tracker.records(district.id)
        start = tracker.records(district.id, _rewind(tracker, undone[district.id]))
        before = judge(tracker, district, start, since - timedelta(days=1)).alert
        now = judge(tracker, district, records, until)
        found = events[district.id]
        found += [
            DigestEvent(d, "published", f"公开事项 {n} 项")
            for d, n in published[district.id].items()
        ]
        if before != now.alert:
            found.append(
                DigestEvent(
                    until,
                    "light",
                    f"由{ALERT_LIGHTS[before][2:]}变为{ALERT_LIGHTS[now.alert][2:]}"
                    + (f"：{now.alerts[0].text}" if now.alerts else ""),
                )
            )
        found += _missed(now.milestones, since, until)
        shown.append(
            DistrictDigest(
                district.id,
                district.name,
                before,
                now.alert,
                dict(counts[district.id].most_common()),
                tuple(sorted(found, key=lambda e: e.day)),
            )
        )
    municipal = events[MUNICIPAL]
    municipal += _missed(tracker.municipal_milestones(), since, until)
    shown.append(
        DistrictDigest(
            MUNICIPAL,
            "市级",
            None,
            None,
            dict(counts[MUNICIPAL].most_common()),
            tuple(sorted(municipal, key=lambda e: e.day)),
        )
    )
    return Digest(since, until, tuple(shown))


def _missed(views: list[MilestoneView], since: date, until: date) -> list[DigestEvent]:
    """Milestones that became overdue (the day after they were due) within the window."""
    return [
        DigestEvent(
            view.definition.due + timedelta(days=1),
            "milestone-missed",
            f"「{view.definition.name}」逾期未完成（截止 {view.definition.due}）",
        )
        for view in views
        if view.state == "overdue" and since <= view.definition.due + timedelta(days=1) <= until
    ]


_REWOUND = ("tasks", "milestones", "orders")
"""The tables whose records are put back as they were when the window opened, to judge the
light then; notes and evaluations carry their own dates."""


def _rewind(
    tracker: Tracker, entries: list[dict[str, Any]]
) -> Callable[[str, str], dict[str, Any]]:
    """A reader of a scope's tables as they were before ``entries`` (newest first) were made."""

    def read(scope: str, table: str) -> dict[str, Any]:
        docs = {key: dict(doc) for key, doc in tracker.store.read(scope, table).items()}
        if table not in _REWOUND:
            return docs
        for entry in entries:
            if entry.get("table") != table:
                continue
            key, before = entry["key"], entry.get("before")
            if before:
                docs.setdefault(key, {}).update(before)
            elif table == "orders":
                docs.pop(key, None)  # issued in the window
            else:  # a task or milestone the plan gives every district, made by init
                docs[key] = _unstarted(table, scope, key)
        return docs

    return read


def _unstarted(table: str, scope: str, key: str) -> dict[str, Any]:
    """A task or milestone record as it stands before anything was recorded."""
    if table == "tasks":
        return TaskRecord(scope, key).to_dict()
    return MilestoneRecord(scope, key).to_dict()


def _line(text: object) -> str:
    """User text on one line (a reply or a note may have several)."""
    return " ".join(str(text).split())


def _event(tracker: Tracker, entry: dict[str, Any], day: date) -> DigestEvent | None:
    """The event an audit entry makes, if it is one that matters."""
    action, after = entry["action"], entry.get("after") or {}
    before = entry.get("before") or {}
    match action:
        case "milestone.done":
            name = _milestone_name(tracker, entry["key"])
            ref = f"（{after['ref']}）" if after.get("ref") else ""
            return DigestEvent(day, "milestone-done", f"完成「{name}」{ref}")
        case "milestone.reopen":
            name = _milestone_name(tracker, entry["key"])
            return DigestEvent(day, "milestone-reopened", f"「{name}」重新打开")
        case "task.update" if "status" in after and before:
            task = _task_name(tracker, entry["key"])
            old, new = TASK_STATUSES.text(before.get("status")), TASK_STATUSES.text(after["status"])
            note = f"：{_line(after['note'])}" if after.get("note") else ""
            return DigestEvent(day, "task-status", f"「{task}」{old} → {new}{note}")
        case "order.issue":
            problem = _line(after.get("problem", ""))
            return DigestEvent(
                day,
                "order",
                f"下发督办单 {entry['key']}（整改时限 {after.get('deadline')}）：{problem}",
            )
        case "order.reply" | "order.return" | "order.accept":
            step = (after.get("steps") or [{}])[-1]
            said = f"：{_line(step.get('text'))}" if step.get("text") else ""
            verb = {"order.reply": "区回复", "order.return": "退回", "order.accept": "办结"}[action]
            return DigestEvent(day, "order", f"督办单 {entry['key']} {verb}{said}")
    return None


def _milestone_name(tracker: Tracker, key: str) -> str:
    return next((m.name for m in tracker.plan.milestones if m.id == key), key)


def _task_name(tracker: Tracker, key: str) -> str:
    return next((t.name for t in tracker.plan.tasks if t.id == key), key)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def digest_markdown(found: Digest) -> str:
    """The digest as a Markdown page, for a weekly meeting's papers."""
    lines = [f"# 试点工作动态（{found.since} 至 {found.until}）", ""]
    for district in found.districts:
        heading = district.name
        if district.light and district.light_before:
            heading += f"　{ALERT_LIGHTS[district.light][2:]}"
            if district.light != district.light_before:
                heading += f"（原为{ALERT_LIGHTS[district.light_before][2:]}）"
        lines += [f"## {heading}", ""]
        if not district.changes and not district.events:
            lines += ["本期没有变化。", ""]
            continue
        counts = "、".join(f"{what} {n} 项" for what, n in district.counts.items())
        lines += [f"共 {district.changes} 项操作{('：' + counts) if counts else ''}。", ""]
        lines += [f"- {e.day} {e.kind_name}：{_inline(e.text)}" for e in district.events]
        lines.append("")
    return "\n".join(lines)


def _inline(text: str) -> str:
    """User text on one Markdown line that cannot start a heading, list or table."""
    return " ".join(text.split()).replace("|", "｜").replace("#", "＃")
