"""Catalog items: find, add, edit (动态调整), advance and withdraw, with permissions and history."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from tracker.domain import catalog_vocab as vocab
from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError, NotFoundError
from tracker.domain.items import (
    LABELS,
    MULTILINE_ELEMENTS,
    Item,
    advance,
    check_area,
    check_state,
    check_unique,
    edit,
    element_text,
    item_number,
    missing_elements,
    revision,
    withdraw,
)
from tracker.domain.values import optional_text, require_text
from tracker.services.audit_vocabulary import AuditVocabulary, Doc
from tracker.services.corrections import district_number
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker
from tracker.store import Transaction

KINDS = {
    "item.update": "调整",
    "item.advance": "推进",
    "item.withdraw": "撤销",
    "item.import": "导入",
}
"""How each change reads in an item's own history."""


def _element_value(name: str, tracker: Tracker, value: Any) -> str:
    return element_text(name, value)


def _item_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"{key}「{doc['name']}」" if doc.get("name") else key


AUDIT = AuditVocabulary(
    tables=("items",),
    actions={
        "item.add": "登记事项",
        "item.update": "修改事项",
        "item.advance": "推进事项",
        "item.withdraw": "撤销事项",
        "item.import": "导入事项",
    },
    fields={**LABELS, "withdrawn_reason": "撤销原因"},
    values={
        name: partial(_element_value, name) for name in ("status", "channels", "five", "added_area")
    },
    record_name=_item_name,
)

TEXT_FIELDS = ("area", "topic", "name", "content", "basis", "time_limit", "subject", "url")
_SEPARATORS = re.compile(r"[,，、;；\n]+")


@dataclass(frozen=True)
class ItemFilter:
    """What ``item list`` narrows to; every part optional."""

    district: str | None = None
    area: str | None = None
    status: str | None = None
    five: str | None = None
    missing: bool = False
    search: str | None = None


def item_docs(tracker: Tracker, district_id: str) -> list[dict[str, Any]]:
    """A district's stored item documents in number order (read-only; lists need no objects)."""
    return sorted(
        tracker.store.read(district_id, "items").values(), key=lambda d: item_number(d["id"])
    )


def items_of(tracker: Tracker, district_id: str) -> list[Item]:
    return [Item.from_dict(doc) for doc in item_docs(tracker, district_id)]


def find_item(tracker: Tracker, text: str) -> Item:
    """An item by its id: ``hexi-12``, or with the district's Chinese name, ``河西-12``."""
    district_id, key = _item_key(tracker, text)
    doc = tracker.store.read(district_id, "items").get(key)
    if doc is None:
        raise NotFoundError(f"没有编号为「{text}」的事项")
    return Item.from_dict(doc)


def _item_key(tracker: Tracker, text: str) -> tuple[str, str]:
    """The district and the stored key of an item id as typed (``河西-012`` is ``hexi-12``)."""
    district_id, number = district_number(tracker, text, "事项", "hexi-12 或 河西-12")
    return district_id, f"{district_id}-{number}"


def parse_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """User text for item elements, normalized: channels and 五公开 as lists, choices checked."""
    fields: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            continue
        if name in TEXT_FIELDS:
            fields[name] = optional_text(
                str(value), what=LABELS.get(name, name), multiline=name in MULTILINE_ELEMENTS
            )
        elif name == "channels":
            fields[name] = _unique(vocab.channel(part) for part in _split(value))
        elif name == "five":
            fields[name] = _unique(vocab.five(part) for part in _split(value))
        elif name == "audience":
            fields[name] = vocab.audience(value) if str(value).strip() else ""
        elif name == "mode":
            fields[name] = vocab.mode(value) if str(value).strip() else ""
        elif name == "level":
            fields[name] = vocab.level(value) if str(value).strip() else ""
        elif name == "published":
            fields[name] = parse_date(value, what="公开日期") if str(value).strip() else None
        elif name == "added_area":
            fields[name] = bool(value)
        else:
            raise ValueError(name)
    return fields


def _split(value: Any) -> list[str]:
    parts = value if isinstance(value, (list, tuple)) else [value]
    return [piece for part in parts for piece in _SEPARATORS.split(str(part)) if piece.strip()]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def add_item(tracker: Tracker, district_text: str, raw: dict[str, Any]) -> Outcome[Item]:
    district = tracker.district(district_text)
    fields = parse_fields(raw)
    require_text(fields.get("area"), what="领域（--area）")
    require_text(fields.get("name"), what="事项名称（--name）")
    check_area(fields["area"], district, fields.get("added_area", False))
    with tracker.change(district.id, "item.add") as tx:
        existing = [Item.from_dict(d) for d in tx.read(district.id, "items").values()]
        number = max((item_number(i.id) for i in existing), default=0) + 1
        item = Item(id=f"{district.id}-{number}", district=district.id, **fields)
        check_unique(item, existing)
        check_state(item)
        tx.put(district.id, "items", item.id, item.to_dict(), "item.add")
    return Outcome(item, True)


def update_item(
    tracker: Tracker, item_text: str, raw: dict[str, Any], reason: str | None
) -> Outcome[Item]:
    fields = parse_fields(raw)
    if not fields:
        raise InputError("请至少指定一项要修改的内容，如 --basis、--channel")
    if reason is not None:
        reason = optional_text(reason, what="调整原因（--reason）", multiline=True)
    return _change(
        tracker,
        item_text,
        "item.update",
        lambda item: _edited(tracker, item, fields, reason),
        reason,
    )


def _edited(tracker: Tracker, item: Item, fields: dict[str, Any], reason: str | None) -> Item:
    edited = edit(item, fields, reason)
    if "area" in fields or "added_area" in fields:
        check_area(edited.area, tracker.plan.district(item.district), edited.added_area)
    return edited


def advance_item(
    tracker: Tracker, item_text: str, target: str, *, day: str | None = None, url: str | None = None
) -> Outcome[Item]:
    state = vocab.ITEM_STATES.resolve(target)
    url = optional_text(url, what="页面地址（--url）") or None
    when = parse_date(day, what="公开日期") if day else tracker.as_of
    if when > tracker.as_of:
        raise InputError(f"公开日期 {when} 晚于当前日期 {tracker.as_of}")
    return _change(
        tracker, item_text, "item.advance", lambda item: advance(item, state, on=when, url=url)
    )


def withdraw_item(tracker: Tracker, item_text: str, reason: str) -> Outcome[Item]:
    reason = require_text(reason, what="撤销原因（--reason）", multiline=True)
    return _change(tracker, item_text, "item.withdraw", lambda item: withdraw(item, reason), reason)


def _change(
    tracker: Tracker,
    item_text: str,
    action: str,
    apply: Callable[[Item], Item],
    reason: str | None = None,
) -> Outcome[Item]:
    """Apply ``apply`` to one item under the lock; the rest of the catalog is read only if needed."""
    district_id, key = _item_key(tracker, item_text)
    with tracker.change(district_id, action) as tx:
        doc = tx.get(district_id, "items", key)
        if doc is None:
            raise NotFoundError(f"没有编号为「{item_text}」的事项")
        item = Item.from_dict(doc)
        changed = apply(item)
        if changed == item:
            return Outcome(item, False)
        if changed.identity != item.identity:
            others = tx.read(district_id, "items")
            check_unique(changed, [Item.from_dict(d) for k, d in others.items() if k != key])
        record(tx, tracker, item, changed, action, reason or "")
    return Outcome(changed, True)


def record(
    tx: Transaction, tracker: Tracker, before: Item, after: Item, action: str, reason: str
) -> Item:
    """Store a changed item and add to its history."""
    entry = revision(
        before,
        after,
        at=tracker.clock(),
        by=tracker.actor.user,
        kind=history_kind(before, action),
        reason=reason,
    )
    if tx.put(after.district, "items", after.id, after.to_dict(), action, reason):
        add_history(tx, after, entry)
    return after


def history_kind(before: Item, action: str) -> str:
    """How a change reads in the item's history: editing a published item is a 动态调整."""
    if before.status == "published" and action in ("item.update", "item.import"):
        return "动态调整"
    return KINDS[action]


def add_history(tx: Transaction, item: Item, entry: dict[str, Any]) -> None:
    """Append a revision to the district's item history, beside the catalog so lists stay small."""
    tx.append(item.district, "history", {"item": item.id, **entry})


def item_history(tracker: Tracker, item: Item) -> list[dict[str, Any]]:
    """An item's revisions, oldest first."""
    keep = ("at", "by", "kind", "reason", "changes")
    return [
        {k: e[k] for k in keep}
        for e in tracker.store.read_log(item.district, "history")
        if e.get("item") == item.id
    ]


def matches(item: dict[str, Any], wanted: ItemFilter) -> bool:
    """Whether a stored item document passes the filter."""
    if wanted.area and item["area"] != wanted.area:
        return False
    if wanted.status and item["status"] != wanted.status:
        return False
    if wanted.five and wanted.five not in item["five"]:
        return False
    if wanted.missing and not (item["status"] != "withdrawn" and missing_elements(item)):
        return False
    return not wanted.search or wanted.search.strip().lower() in search_text(item)


SEARCHED = ("id", "area", "topic", "name", "content", "basis", "subject")


def search_text(item: dict[str, Any]) -> str:
    """What ``--search`` looks in: the item's id, names, content, basis and subject, lowercased."""
    return "\n".join(item[name] for name in SEARCHED).lower()


def list_items(tracker: Tracker, wanted: ItemFilter) -> list[dict[str, Any]]:
    """Stored item documents that pass ``wanted``, district by district in number order."""
    districts = (
        [tracker.district(wanted.district)] if wanted.district else list(tracker.plan.districts)
    )
    normalized = replace(
        wanted,
        status=vocab.ITEM_STATES.resolve(wanted.status) if wanted.status else None,
        five=vocab.FIVE_OPENNESS.resolve(wanted.five) if wanted.five else None,
    )
    return [
        item for d in districts for item in item_docs(tracker, d.id) if matches(item, normalized)
    ]
