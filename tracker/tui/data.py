"""What the screens show, loaded from the services in a worker thread; no Textual here."""

from dataclasses import dataclass, field
from typing import Any

from tracker.services.tracker import Tracker
from tracker.services.views import status_json

AUDIT_SHOWN = 500


@dataclass(frozen=True)
class Snapshot:
    """One consistent read of the pilot for the screens."""

    version: tuple[int, int]
    status: dict[str, Any]
    complete: bool = True
    """False for the quick first read: the dashboard only; the rest follows from a worker."""
    people: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    evaluations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def district(self, district_id: str) -> dict[str, Any]:
        return next(d for d in self.status["districts"] if d["id"] == district_id)


def database_version(tracker: Tracker) -> tuple[int, int]:
    """Changes whenever anyone commits a change (or is refused): the audit log grows."""
    root = getattr(tracker.store, "root", None)
    try:
        stat = (root / "audit.jsonl").stat()
    except (OSError, TypeError):
        return (0, 0)
    return (stat.st_size, stat.st_mtime_ns)


def load_snapshot(tracker: Tracker, *, complete: bool = True) -> Snapshot:
    """Read the pilot; with ``complete=False`` only what the dashboard needs, for a fast first paint."""
    from itertools import islice

    from tracker.services.views import evaluation_json, note_json, person_json

    version = database_version(tracker)
    if not complete:
        return Snapshot(version, status_json(tracker), complete=False)
    people = [person_json(tracker, p) for p in tracker.people()]
    audit = list(islice(tracker.audit(), AUDIT_SHOWN))
    notes, evaluations = {}, {}
    for district in tracker.plan.districts:
        records = tracker.records(district.id)
        notes[district.id] = [note_json(tracker, n) for n in reversed(records.notes)]
        evaluations[district.id] = [evaluation_json(tracker, e) for e in records.evaluations]
    return Snapshot(version, status_json(tracker), True, people, audit, notes, evaluations)
