"""Correcting and deleting a district's numbered records (notes, evaluations): one way for all.

A record is named as typed, 河西-3 or hexi-3. A correction or a deletion carries a reason,
which the audit log keeps; a deleted record stays stored, marked, out of every list and
report, so its history is never lost.
"""

import re
from dataclasses import replace
from typing import Any, Protocol, Self, TypeVar

from tracker.domain.errors import InputError, NotFoundError
from tracker.domain.values import require_text
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

_NUMBERED = re.compile(r"\s*(.+?)\s*-\s*(\d+)\s*")


def district_number(
    tracker: Tracker, text: str, what: str, example: str = "河西-3 或 hexi-3"
) -> tuple[str, int]:
    """The district id and number of a record typed as 河西-3 or hexi-3."""
    match = _NUMBERED.fullmatch(text)
    if not match:
        raise InputError(f"{what}编号「{text}」应形如 {example}")
    return tracker.district(match.group(1)).id, int(match.group(2))


class Deletable(Protocol):
    deleted: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Deletable)


def correct(
    tracker: Tracker,
    kind: type[R],
    table: str,
    what: str,
    text: str,
    changes: dict[str, Any],
    reason: str,
) -> Outcome[R]:
    """Apply ``changes`` to the record ``text`` names, audited as ``<table>.edit`` with the
    reason."""
    why = require_text(reason, what="更正原因（--reason）", multiline=True)
    if not changes:
        raise InputError("请至少指定一项要更正的内容")
    return _change(tracker, kind, table, what, text, changes, "edit", why)


def delete(
    tracker: Tracker, kind: type[R], table: str, what: str, text: str, reason: str
) -> Outcome[R]:
    """Mark the record ``text`` names as deleted, audited as ``<table>.delete`` with the reason."""
    why = require_text(reason, what="删除原因（--reason）", multiline=True)
    return _change(tracker, kind, table, what, text, {"deleted": why}, "delete", why)


def _change(
    tracker: Tracker,
    kind: type[R],
    table: str,
    what: str,
    text: str,
    changes: dict[str, Any],
    verb: str,
    why: str,
) -> Outcome[R]:
    district, number = district_number(tracker, text, what)
    action = f"{table[:-1]}.{verb}"
    with tracker.change(district, action) as tx:
        doc = tx.get(district, table, str(number))
        record = kind.from_dict(doc) if doc is not None else None
        if record is None or record.deleted:
            raise NotFoundError(f"没有编号为「{text}」的{what}")
        updated = replace(record, **changes)  # type: ignore[type-var]
        changed = tx.put(district, table, str(number), updated.to_dict(), action, why)
    return Outcome(updated, changed)
