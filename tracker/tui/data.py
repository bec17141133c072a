"""What the screens show, loaded from the services in a worker thread; no Textual here."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from tracker.domain.baseline import AreaComparison
from tracker.domain.plan import MUNICIPAL
from tracker.domain.records import Note
from tracker.services.read import baseline, queries
from tracker.services.read.digest import Digest, digest, parse_since
from tracker.services.read.models import (
    ConcernEntry,
    ConsultationEntry,
    DistrictState,
    EvaluationEntry,
    InterpretationEntry,
    NoteEntry,
    PersonResponsibilities,
    PilotState,
    VisitEntry,
)
from tracker.services.read.progress import AuditChanges, DistrictProgress, district_progress
from tracker.services.read.queries import (
    evaluation_entry,
    note_entry,
    pilot_state,
    responsibilities,
)
from tracker.services.tracker import Tracker

AUDIT_SHOWN = 500

_changes_read: "WeakKeyDictionary[Tracker, AuditChanges]" = WeakKeyDictionary()
"""What each open tracker's audit log held at its last complete read, so that a reload reads
only the entries logged since (at rollout scale the whole log takes ~0.4 s, the rest ~0.05 s)."""


@dataclass(frozen=True)
class Workflow:
    """The publish–interpret–respond records and the study visits, as the screens show them."""

    interpretations: tuple[InterpretationEntry, ...] = ()
    concerns: tuple[ConcernEntry, ...] = ()
    consultations: tuple[ConsultationEntry, ...] = ()
    visits: tuple[VisitEntry, ...] = ()
    guidance: tuple[tuple[str, Note], ...] = ()
    """The departments' 对接指导 (department id, note)."""


@dataclass(frozen=True)
class Snapshot:
    """One consistent read of the pilot for the screens."""

    version: str
    """The database's version (``Store.version()``) when the read began."""
    state: PilotState
    complete: bool = True
    """False for the quick first read: the dashboard only; the rest follows from a worker."""
    people: tuple[PersonResponsibilities, ...] = ()
    audit: tuple[dict[str, Any], ...] = ()
    """The newest audit entries, newest first."""
    notes: Mapping[str, tuple[NoteEntry, ...]] = field(default_factory=dict)
    """Each district's notes, newest first."""
    evaluations: Mapping[str, tuple[EvaluationEntry, ...]] = field(default_factory=dict)
    progress: Mapping[str, DistrictProgress] = field(default_factory=dict)
    """Each district's catalog and task progress by month, up to the as-of date."""
    digest: Digest | None = None
    """What changed since last Monday (``tracker digest``), for the dashboard."""
    workflow: Workflow | None = None
    """Interpretations, concerns, consultations and visits, for 解读回应."""
    comparisons: tuple[AreaComparison, ...] = ()
    """Each district's catalog against the basic catalogs, for 基本目录."""

    def district(self, district_id: str) -> DistrictState:
        return self.state.district(district_id)


def load_snapshot(tracker: Tracker, *, complete: bool = True) -> Snapshot:
    """Read the pilot; with ``complete=False`` only what the dashboard needs, for a fast first paint."""
    version = tracker.store.version()
    state = pilot_state(tracker)
    if not complete:
        return Snapshot(version, state, complete=False)
    audit = tuple(islice(tracker.audit(), AUDIT_SHOWN))
    notes: dict[str, tuple[NoteEntry, ...]] = {}
    evaluations: dict[str, tuple[EvaluationEntry, ...]] = {}
    for district in tracker.plan.districts:
        records = tracker.records(district.id)
        notes[district.id] = tuple(note_entry(district, n) for n in reversed(records.notes))
        evaluations[district.id] = tuple(evaluation_entry(district, e) for e in records.evaluations)
    people = tuple(responsibilities(tracker, state))
    progress = district_progress(tracker, tracker.as_of, _audit_changes(tracker))
    week = digest(tracker, parse_since(None, tracker.as_of))
    districts = tracker.plan.districts
    workflow = Workflow(
        tuple(queries.interpretations(tracker, districts)),
        tuple(queries.concerns(tracker, districts)),
        tuple(queries.consultations(tracker, districts)),
        tuple(queries.visits(tracker, [*(d.id for d in districts), MUNICIPAL])),
        tuple(baseline.guidance(tracker)),
    )
    return Snapshot(
        version, state, True, people, audit, notes, evaluations, progress, week, workflow,
        tuple(baseline.comparisons(tracker)),
    )  # fmt: skip


def _audit_changes(tracker: Tracker) -> AuditChanges:
    """The changes read from ``tracker``'s audit log so far (none the first time)."""
    changes = _changes_read.get(tracker)
    if changes is None or changes.until != tracker.as_of:
        changes = _changes_read[tracker] = AuditChanges(
            (d.id for d in tracker.plan.districts), tracker.as_of
        )
    return changes
