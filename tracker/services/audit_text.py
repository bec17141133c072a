"""Audit entries in words a civil servant reads: what was changed, and how."""

from dataclasses import dataclass
from typing import Any

from tracker.domain.catalog_vocab import FIVE_OPENNESS, ITEM_STATES
from tracker.domain.items import LABELS as ITEM_LABELS
from tracker.domain.permissions import PEOPLE
from tracker.domain.plan import MUNICIPAL
from tracker.domain.vocab import EVALUATION_KINDS, NOTE_KINDS, ROLES, TASK_STATUSES
from tracker.services.tracker import Tracker

ACTIONS = {
    "init": "建库",
    "task.update": "更新任务",
    "milestone.done": "登记节点完成",
    "milestone.reopen": "重新打开节点",
    "person.add": "登记人员",
    "assign": "明确责任人",
    "note.add": "新增记录",
    "evaluation.add": "新增评价",
    "item.add": "登记事项",
    "item.update": "修改事项",
    "item.advance": "推进事项",
    "item.withdraw": "撤销事项",
    "item.import": "导入事项",
    "denied": "被拒绝",
}
FIELDS = {
    "status": "状态",
    "progress": "进度",
    "owner": "责任人",
    "note": "备注",
    "done": "完成日期",
    "ref": "文号",
    "text": "内容",
    "kind": "类型",
    "date": "日期",
    "score": "得分",
    "respondents": "参评人数",
    "by": "评价机构",
    "summary": "摘要",
    "name": "姓名",
    "role": "角色",
    "district": "区",
    "unit": "单位",
    "phone": "电话",
    "author": "记录人",
}
ITEM_FIELDS = {**ITEM_LABELS, "withdrawn_reason": "撤销原因"}
_IDENTITY = {"scope", "task", "milestone", "id", "login"}
_VALUE_LABELS = {"role": ROLES}


@dataclass(frozen=True)
class AuditLine:
    """One audit entry, described."""

    who: str
    action: str
    target: str
    change: str
    denied: bool


def describe(tracker: Tracker, entry: dict[str, Any]) -> AuditLine:
    who = (
        entry["login"]
        if entry["user"] == entry["login"]
        else f"{entry['login']}（代 {entry['user']}）"
    )
    action = ACTIONS.get(entry["action"], entry["action"])
    scope = entry.get("scope", "")
    where = _scope_name(tracker, scope)
    if entry.get("denied"):
        return AuditLine(who, f"被拒绝：{action}", where, entry.get("message", ""), True)
    before, after = entry.get("before") or {}, entry.get("after") or {}
    target = f"{where}·{_record_name(tracker, entry['table'], entry['key'], before or after)}"
    labels = ITEM_FIELDS if entry.get("table") == "items" else FIELDS
    changed = [
        k
        for k in labels
        if k not in _IDENTITY
        and before.get(k) != after.get(k)
        and (before or after.get(k) not in (None, ""))
    ]
    parts = []
    for key in changed:
        new = _value(tracker, key, after, entry)
        parts.append(
            f"{labels[key]}：{_value(tracker, key, before, entry)} → {new}"
            if before
            else f"{labels[key]}：{new}"
        )
    change = "；".join(parts)
    if entry.get("reason"):
        change += f"（原因：{entry['reason']}）"
    return AuditLine(who, action, target, change, False)


def _scope_name(tracker: Tracker, scope: str) -> str:
    if scope == MUNICIPAL:
        return "市级"
    if scope == PEOPLE:
        return "人员"
    try:
        return tracker.plan.district(scope).name
    except StopIteration:
        return scope


def _record_name(tracker: Tracker, table: str, key: str, doc: dict[str, Any]) -> str:
    plan = tracker.plan
    match table:
        case "tasks":
            return next((t.name for t in plan.tasks if t.id == key), key)
        case "milestones":
            return next((m.name for m in plan.milestones if m.id == key), key)
        case "people":
            return f"{doc.get('name', key)}（{key}）"
        case "assignments":
            return f"责任分工（{doc.get('login', key)}）"
        case "notes":
            return f"{NOTE_KINDS.label(doc['kind']) if doc.get('kind') in NOTE_KINDS.ids else '记录'} {key} 号"
        case "evaluations":
            return f"评价 {key} 号"
        case "items":
            return f"{key}「{doc['name']}」" if doc.get("name") else key
    return key


def _value(tracker: Tracker, key: str, doc: dict[str, Any], entry: dict[str, Any]) -> str:
    value = doc.get(key)
    if value in (None, ""):
        return "—"
    if key == "status":
        states = ITEM_STATES if entry.get("table") == "items" else TASK_STATUSES
        return states.label(value) if value in states.ids else str(value)
    if key in ("channels", "five"):
        return (
            "、".join(FIVE_OPENNESS.label(v) if v in FIVE_OPENNESS.ids else str(v) for v in value)
            or "—"
        )
    if key == "added_area":
        return "是" if value else "否"
    if key in _VALUE_LABELS and value in _VALUE_LABELS[key].ids:
        return _VALUE_LABELS[key].label(value)
    if key == "kind":
        vocabulary = NOTE_KINDS if entry.get("table") == "notes" else EVALUATION_KINDS
        return vocabulary.label(value) if value in vocabulary.ids else str(value)
    if key == "progress":
        return f"{value}%"
    if key == "district":
        return _scope_name(tracker, value)
    return str(value)
