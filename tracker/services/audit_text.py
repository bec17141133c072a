"""Audit entries in words a civil servant reads: what was changed, and how.

The words come from each entity's own :class:`AuditVocabulary` (``AUDIT`` in
its service module), found by looking through this package once.
"""

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import Any

import tracker.services
from tracker.domain.errors import NotFoundError
from tracker.domain.permissions import PEOPLE
from tracker.domain.plan import MUNICIPAL
from tracker.services.audit_vocabulary import AuditVocabulary
from tracker.services.tracker import Tracker

DENIED = "被拒绝"


@dataclass(frozen=True)
class AuditLine:
    """One audit entry, described."""

    who: str
    action: str
    target: str
    change: str
    denied: bool


@cache
def vocabularies() -> tuple[AuditVocabulary, ...]:
    """Every entity's audit vocabulary: the ``AUDIT`` of each service module that has one."""
    found = []
    for module_info in pkgutil.iter_modules(tracker.services.__path__):
        module = importlib.import_module(f"tracker.services.{module_info.name}")
        vocabulary = getattr(module, "AUDIT", None)
        if isinstance(vocabulary, AuditVocabulary):
            found.append(vocabulary)
    return tuple(found)


@cache
def _actions() -> dict[str, str]:
    return {code: words for v in vocabularies() for code, words in v.actions.items()}


def action_words(code: str) -> str:
    """An action's Chinese words (更新任务), or its code when no vocabulary knows it."""
    return _actions().get(code, code)


@cache
def _by_table() -> dict[str, AuditVocabulary]:
    return {table: v for v in vocabularies() for table in v.tables}


def describe(tracker: Tracker, entry: dict[str, Any]) -> AuditLine:
    """Who did what to which record, and each changed field's before and after."""
    who = (
        entry["login"]
        if entry["user"] == entry["login"]
        else f"{entry['login']}（代 {entry['user']}）"
    )
    action = _actions().get(entry["action"], entry["action"])
    where = scope_name(tracker, entry.get("scope", ""))
    if entry.get("denied"):
        return AuditLine(who, f"{DENIED}：{action}", where, entry.get("message", ""), True)
    before, after = entry.get("before") or {}, entry.get("after") or {}
    vocabulary = _by_table().get(entry.get("table", ""))
    if vocabulary is None:
        return AuditLine(who, action, f"{where}·{entry.get('key', '')}", "", False)
    name = vocabulary.record_name(tracker, entry["table"], entry["key"], before or after)
    parts = []
    for key, label in vocabulary.fields.items():
        if before.get(key) == after.get(key) or not (before or after.get(key) not in (None, "")):
            continue
        new = _value(tracker, vocabulary, key, after)
        parts.append(
            f"{label}：{_value(tracker, vocabulary, key, before)} → {new}"
            if before and key not in vocabulary.appended
            else f"{label}：{new}"
        )
    change = "；".join(parts)
    if entry.get("reason"):
        change += f"（原因：{entry['reason']}）"
    return AuditLine(who, action, f"{where}·{name}", change, False)


def scope_name(tracker: Tracker, scope: str) -> str:
    """市级, 人员, or the district's name; an unknown scope as it is stored."""
    if scope == MUNICIPAL:
        return "市级"
    if scope == PEOPLE:
        return "人员"
    department = tracker.plan.scope_department(scope)
    if department is not None:
        return department.name
    try:
        return tracker.plan.district(scope).name
    except NotFoundError:
        return scope


def _value(tracker: Tracker, vocabulary: AuditVocabulary, key: str, doc: dict[str, Any]) -> str:
    value = doc.get(key)
    if value is None or value == "" or value == []:
        return "—"
    text = vocabulary.values.get(key)
    return text(tracker, value) if text else str(value)
