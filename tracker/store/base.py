"""The repository interface the services program against."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

SCHEMA_VERSION = 1

Doc = dict[str, Any]


class Transaction(Protocol):
    """Reads and writes inside one locked, all-or-nothing, audited change."""

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """All records of a table, by key, as of inside this transaction."""
        ...

    def get(self, scope: str, table: str, key: str) -> Doc | None: ...

    def put(
        self, scope: str, table: str, key: str, doc: Doc, action: str, reason: str = ""
    ) -> bool:
        """Insert or replace a record, logging the changed fields; False when nothing changed."""
        ...

    def append(self, scope: str, log: str, entry: Doc) -> None:
        """Add ``entry`` to the scope's append-only ``log``, tied to the change just made."""
        ...

    def next_id(self, scope: str, table: str) -> int:
        """A fresh integer key for tables keyed by number (notes, evaluations)."""
        ...

    def attribute(self, login: str, user: str, clock: Callable[[], str]) -> None:
        """Who the following changes are by, and the clock that dates them."""
        ...


class Store(Protocol):
    """A tracker database."""

    def meta(self) -> Doc: ...

    def plan_data(self) -> Doc: ...

    def read(self, scope: str, table: str) -> dict[str, Doc]: ...

    def read_log(self, scope: str, log: str) -> list[Doc]:
        """A scope's append-only log, oldest first."""
        ...

    def derived(
        self, scope: str, table: str, name: str, compute: Callable[[dict[str, Doc]], Any]
    ) -> Any:
        """A value computed from a table, recomputed only when the table changes."""
        ...

    def transaction(
        self, login: str, user: str, clock: Callable[[], str] = ...
    ) -> AbstractContextManager[Transaction]: ...

    def record_refusal(self, login: str, user: str, action: str, scope: str, message: str) -> None:
        """Log a refused change in the audit log."""
        ...

    def version(self) -> str:
        """A token that changes whenever anyone commits a change or has one refused."""
        ...

    def audit(self) -> Iterator[Doc]:
        """Audit entries, newest first."""
        ...
