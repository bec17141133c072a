"""What every backend shares: audit entries, field diffs, sequence numbers, refusals.

A backend stores records and entries; how an entry looks, which fields it
keeps and how its sequence number follows the last one is decided here, so two
backends write the same audit log for the same change.
"""

from collections.abc import Callable
from typing import Any

Doc = dict[str, Any]
Clock = Callable[[], str]


def field_changes(before: Doc | None, after: Doc) -> tuple[Doc | None, Doc]:
    """Before and after as the audit log keeps them: only the fields that changed.

    A new record (``before`` is None) keeps all its fields after, and None before.
    """
    if before is None:
        return None, after
    changed = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}


def refusal_entry(
    seq: int, at: str, login: str, user: str, action: str, scope: str, message: str
) -> Doc:
    """The audit entry of a refused change: who tried what, where, and the refusal's words."""
    return {
        "seq": seq,
        "at": at,
        "login": login,
        "user": user,
        "action": action,
        "scope": scope,
        "denied": True,
        "message": message,
    }


class AuditTrail:
    """The audit entries of one transaction, numbered on from the log's last entry.

    Entries carry gap-free increasing ``seq`` numbers, the acting login, whom it
    acted for, and the clock's time; a change that changes nothing adds no entry.
    """

    def __init__(self, last_seq: int, login: str, user: str, clock: Clock) -> None:
        self.entries: list[Doc] = []
        self._next_seq = last_seq + 1
        self.attribute(login, user, clock)

    def attribute(self, login: str, user: str, clock: Clock) -> None:
        """Who the following changes are by, and the clock that dates them."""
        self._login, self._user, self._clock = login, user, clock

    def change(
        self,
        scope: str,
        table: str,
        key: str,
        before: Doc | None,
        after: Doc,
        action: str,
        reason: str = "",
    ) -> bool:
        """Log a record's change; False (and no entry) when ``after`` equals ``before``."""
        if before == after:
            return False
        old, new = field_changes(before, after)
        entry: Doc = {
            "seq": self._next_seq,
            "at": self._clock(),
            "login": self._login,
            "user": self._user,
            "action": action,
            "scope": scope,
            "table": table,
            "key": key,
            "before": old,
            "after": new,
        }
        if reason:
            entry["reason"] = reason
        self.entries.append(entry)
        self._next_seq += 1
        return True

    def tied(self, entry: Doc) -> Doc:
        """``entry`` for a scope's own log (an item's history), tied to the last change logged."""
        return {"seq": self._next_seq - 1, **entry}
