"""A whole database as plain data, for moving it between backends (``db copy``), backing a
server database up and bringing it back: its facts, plan, records, logs and audit entries,
exactly as stored, with a checksum that two copies share only when they hold the same."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from tracker.store.core import Doc


@dataclass
class Dump:
    meta: Doc
    plan: Doc
    records: list[tuple[str, str, str, Doc]] = field(default_factory=list)
    """(scope, table, key, record)."""
    logs: list[tuple[str, str, Doc]] = field(default_factory=list)
    """(scope, log, entry), each log oldest first."""
    entries: list[Doc] = field(default_factory=list)
    """The audit log, oldest first."""

    def counts(self) -> dict[str, int]:
        return {
            "records": len(self.records),
            "log_entries": len(self.logs),
            "audit_entries": len(self.entries),
        }

    def checksum(self) -> str:
        """SHA-256 over the plan, every record, every log entry and every audit entry, in a
        canonical order: equal for two databases holding the same data, whatever stores it."""
        import hashlib

        import orjson

        digest = hashlib.sha256()
        option = orjson.OPT_SORT_KEYS
        digest.update(orjson.dumps(self.plan, option=option))
        for part in self._canonical():
            digest.update(orjson.dumps(part, option=option))
            digest.update(b"\n")
        return digest.hexdigest()

    def _canonical(self) -> Iterator[object]:
        yield from sorted(self.records, key=lambda r: r[:3])
        yield from sorted(
            self.logs, key=lambda entry: (entry[0], entry[1])
        )  # stable: each log keeps its order
        yield from self.entries
