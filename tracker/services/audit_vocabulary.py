"""How an entity's audit entries read: declared beside each entity's service module.

A service module that changes records declares ``AUDIT``, an
:class:`AuditVocabulary`; :mod:`tracker.services.audit_text` finds it there, so
a new record type adds words to the log without editing a central switch.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import NotFoundError
from tracker.domain.vocab import Vocabulary
from tracker.store.core import Doc

if TYPE_CHECKING:
    from tracker.services.tracker import Tracker

__all__ = ["AuditVocabulary", "Doc", "ValueText", "district_text", "labelled"]
ValueText = Callable[["Tracker", Any], str]
"""How one field's stored value reads (the value is never empty)."""


def _key_only(tracker: "Tracker", table: str, key: str, doc: Doc) -> str:
    return key


@dataclass(frozen=True)
class AuditVocabulary:
    """The words for one entity's entries in the audit log."""

    tables: tuple[str, ...]
    """The store tables whose entries this describes."""
    actions: Mapping[str, str]
    """Action code (``task.update``) -> the Chinese verb phrase (更新任务)."""
    fields: Mapping[str, str] = field(default_factory=dict)
    """Field -> Chinese label, in the order changes are listed; other fields (the record's
    identity, such as its district and key) are not shown."""
    values: Mapping[str, ValueText] = field(default_factory=dict)
    """Field -> how its value reads; a field not listed reads as its text."""
    appended: frozenset[str] = frozenset()
    """Fields that only grow (an order's steps): a change shows what was added, not the
    whole before and after."""
    record_name: Callable[["Tracker", str, str, Doc], str] = _key_only
    """How the changed record is named, from its table, its key, and the fields the entry
    holds (those that changed, or all of a new record's)."""


def district_text(tracker: "Tracker", district_id: str) -> str:
    """A district id as its name (河西区); an id the plan does not know, as it is stored."""
    try:
        return tracker.scope_name(district_id)
    except NotFoundError:
        return district_id


def labelled(vocabulary: Vocabulary) -> ValueText:
    """A value text that shows a vocabulary id by its Chinese label."""
    return lambda tracker, value: vocabulary.text(value)
