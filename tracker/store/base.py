"""The interface every storage backend implements, and the services program against.

Two objects: a :class:`Store` (one open database) and the :class:`Transaction`
it hands out for one change. Records are plain JSON-able dicts, grouped by
*scope* (a district id, ``municipal`` or ``people``) and *table* (``tasks``,
``milestones``, ``items`` …) and found by a text *key*. Every change is
attributed and audited in the same all-or-nothing commit.

Errors: every method raises :class:`~tracker.domain.errors.StoreError` (exit
code 4, a Chinese message) when the database is missing, damaged, locked for
too long, or of a newer schema; nothing is written when one is raised. An
exception raised inside ``with store.transaction(...)`` discards every change
made in it.

The contract test suite (``tests/store/test_contract.py``) holds each backend
to exactly these promises.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from tracker.domain.plan import Plan
from tracker.store.core import Clock, Doc

SCHEMA_VERSION = 1
"""The schema this program writes; a database of a newer schema is refused."""

__all__ = ["SCHEMA_VERSION", "Clock", "Doc", "Store", "Transaction"]


class Transaction(Protocol):
    """Reads and writes inside one locked, all-or-nothing, audited change.

    Reads see the transaction's own writes. Nothing is visible to others, or
    durable, until the ``with`` block that opened it ends without an exception.
    """

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """Every record of ``table`` in ``scope``, by key, as of inside this transaction.

        Returns new dicts: replacing their fields changes nothing stored. An
        empty dict for a table with no records.
        """
        ...

    def get(self, scope: str, table: str, key: str) -> Doc | None:
        """One record (a new dict), or None when ``key`` has none."""
        ...

    def put(
        self, scope: str, table: str, key: str, doc: Doc, action: str, reason: str = ""
    ) -> bool:
        """Insert or replace the record at ``key`` and log the change.

        The audit entry names ``action`` (``task.update`` …), the acting login,
        whom it acts for, the time, and only the fields that changed (all of
        them for a new record), with ``reason`` when given. Returns False, and
        logs nothing, when ``doc`` equals the stored record.
        """
        ...

    def append(self, scope: str, log: str, entry: Doc) -> None:
        """Add ``entry`` to the scope's append-only ``log`` (an item's history).

        The entry is tied (by ``seq``) to the change last logged in this
        transaction, and lands in the same commit.
        """
        ...

    def next_id(self, scope: str, table: str) -> int:
        """A fresh integer key for tables keyed by number (notes, evaluations): one more
        than the largest key in the table, 1 for an empty one."""
        ...

    def set_login(self, login: str, *, enabled: bool) -> bool:
        """Create or re-enable (``enabled``), or disable, the database server login of a
        registered person, in this transaction. False where nothing was done: a backend
        without logins of its own (a folder: the operating system's login counts), or a
        login that cannot be disabled here."""
        ...

    def attribute(self, login: str, user: str, clock: Clock, login_from: str | None = None) -> None:
        """Attribute the following changes to ``login`` acting for ``user``, dated by ``clock``
        (used when one transaction replays many people's changes, as the demo does).
        ``login_from`` names the environment variable the login came from, when it did."""
        ...


class Store(Protocol):
    """One open tracker database."""

    def meta(self) -> Doc:
        """The database's own facts: ``schema``, ``plan`` id, ``created``, ``created_by``, and
        ``as_of`` (the date a demo is pinned to, or None)."""
        ...

    def plan_data(self) -> Doc:
        """The plan the database was built from, exactly as it was loaded."""
        ...

    def plan(self) -> Plan:
        """The stored plan, validated; raises PlanError when the stored plan is invalid."""
        ...

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """Every committed record of a table, by key.

        The records may be shared with the store's cache: read them, never
        change them. A long-lived reader sees others' later commits: at once after its own
        commits and after :meth:`version`, and a server's otherwise within a fifth of a second
        (it trusts the head of the log it last checked that long, to save round trips).
        """
        ...

    def read_log(self, scope: str, log: str) -> list[Doc]:
        """A scope's append-only log, oldest first (each entry carries the ``seq`` of the
        change it belongs to)."""
        ...

    def derived(
        self, scope: str, table: str, name: str, compute: Callable[[dict[str, Doc]], Any]
    ) -> Any:
        """``compute(read(scope, table))``, remembered under ``name`` and recomputed only
        after the table changes. ``compute`` must return JSON-able data."""
        ...

    def transaction(
        self, login: str, user: str, clock: Clock = ..., *, login_from: str | None = None
    ) -> AbstractContextManager[Transaction]:
        """Open a change attributed to ``login`` acting for ``user``.

        Each audit entry carries the digest of the one before it (``prev``), so an
        edited or deleted entry breaks the chain; the chain's tail is checked
        before every write.

        Writers are serialised: a second writer waits (and gets StoreError
        after a long wait). A writer killed at any moment leaves either its
        whole change, audit entries included, or nothing; the next reader or
        writer finishes or discards it.
        """
        ...

    def record_refusal(
        self,
        login: str,
        user: str,
        action: str,
        scope: str,
        message: str,
        *,
        login_from: str | None = None,
    ) -> None:
        """Log a refused change (``denied: true``, with the refusal's message)."""
        ...

    def scopes(self) -> dict[str, list[str]]:
        """Every scope that has records, with its tables (for checking the whole database)."""
        ...

    def logs(self) -> dict[str, list[str]]:
        """Every scope that has append-only logs, with their names."""
        ...

    def audit(self) -> Iterator[Doc]:
        """Audit entries, newest first, read lazily (the log may be large)."""
        ...

    def version(self) -> str:
        """An opaque token that changes whenever anyone commits a change or has one refused;
        readers poll it to know when to read again."""
        ...

    listens: bool
    """Whether :meth:`wait_for_change` is told of others' changes (a server announces them);
    when False, readers poll :meth:`version`."""

    def wait_for_change(self, timeout: float) -> bool:
        """Block until someone else commits a change or has one refused, or ``timeout``
        seconds pass; True when a change was announced. A store that is not told (``listens``
        is False) waits out the timeout and returns False."""
        ...

    def misattributed(self) -> list[tuple[int, str, str]]:
        """Audit entries whose login differs from the writer a server recorded itself:
        (seq, login, writer). Empty for a backend that records no writer of its own."""
        ...

    def login(self) -> str | None:
        """The login a database server authenticated for this connection, which is who acts;
        None for a database without a server, where the operating system's login counts."""
        ...
