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


GENESIS = ""
"""The ``prev`` of a log's first entry."""


def entry_digest(entry: Doc) -> str:
    """The SHA-256 of an audit entry in canonical form (sorted keys, compact): what the next
    entry's ``prev`` must be. Chaining makes an edited or deleted entry evident."""
    import hashlib

    import orjson  # the backends' serializer; imported only once a log is written or checked

    return hashlib.sha256(orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)).hexdigest()


def chain_link(last: Doc | None) -> tuple[int, str]:
    """The ``seq`` and ``prev`` of the entry that follows ``last`` (None: an empty log)."""
    if last is None:
        return 1, GENESIS
    return int(last["seq"]) + 1, entry_digest(last)


def refusal_entry(
    last: Doc | None,
    at: str,
    login: str,
    user: str,
    action: str,
    scope: str,
    message: str,
    login_from: str | None = None,
) -> Doc:
    """The audit entry of a refused change: who tried what, where, and the refusal's words."""
    seq, prev = chain_link(last)
    entry: Doc = {
        "seq": seq,
        "prev": prev,
        "at": at,
        "login": login,
        "user": user,
        "action": action,
        "scope": scope,
        "denied": True,
        "message": message,
    }
    if login_from:
        entry["login_from"] = login_from
    return entry


class AuditTrail:
    """The audit entries of one transaction, numbered on from the log's last entry.

    Entries carry gap-free increasing ``seq`` numbers, the digest of the entry
    before (``prev``), the acting login, whom it acted for, and the clock's time;
    ``login_from`` names the environment variable the login came from when the
    system had none. A change that changes nothing adds no entry.
    """

    def __init__(
        self, last: Doc | None, login: str, user: str, clock: Clock, login_from: str | None = None
    ) -> None:
        self.entries: list[Doc] = []
        self._next_seq, self._prev = chain_link(last)
        self._tied_to: int | None = None
        self.attribute(login, user, clock, login_from)

    def attribute(self, login: str, user: str, clock: Clock, login_from: str | None = None) -> None:
        """Who the following changes are by, and the clock that dates them."""
        self._login, self._user, self._clock = login, user, clock
        self._login_from = login_from

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
            self._tied_to = None
            return False
        old, new = field_changes(before, after)
        entry: Doc = {
            "seq": self._next_seq,
            "prev": self._prev,
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
        if self._login_from:
            entry["login_from"] = self._login_from
        self.entries.append(entry)
        self._next_seq += 1
        self._prev = entry_digest(entry)
        self._tied_to = entry["seq"]
        return True

    def tied(self, entry: Doc) -> Doc:
        """``entry`` for a scope's own log (an item's history), tied to the change just logged.

        Raises when the last ``change`` changed nothing: the entry would point at some
        other change's sequence number.
        """
        if self._tied_to is None:
            raise RuntimeError("a log entry must follow a change that was logged")
        return {"seq": self._tied_to, **entry}
