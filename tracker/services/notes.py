"""Dated notes on a district: progress, practice, achievement, problem, suggestion."""

from tracker.domain.records import Note
from tracker.domain.values import optional_text, require_text
from tracker.domain.vocab import NOTE_KINDS
from tracker.services import corrections
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker


def _note_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    kind = NOTE_KINDS.label(doc["kind"]) if doc.get("kind") in NOTE_KINDS.ids else "记录"
    return f"{kind} {key} 号"


AUDIT = AuditVocabulary(
    tables=("notes",),
    actions={"note.add": "新增记录", "note.edit": "更正记录", "note.delete": "删除记录"},
    fields={
        "text": "内容",
        "kind": "类型",
        "date": "日期",
        "district": "区",
        "author": "记录人",
        "ref": "文号",
        "deleted": "删除原因",
    },
    values={"kind": labelled(NOTE_KINDS), "district": district_text},
    record_name=_note_name,
)


def add_note(
    tracker: Tracker,
    district_text: str,
    *,
    kind: str,
    text: str,
    day: str | None = None,
    ref: str | None = None,
) -> Outcome[Note]:
    """Add a note, dated ``day`` (default: the as-of date), written by the acting user."""
    district = tracker.district(district_text)
    kind_id = NOTE_KINDS.resolve(kind)
    body = require_text(text, what="记录内容", multiline=True)
    when = tracker.past_date(day, "记录日期")
    number = optional_text(ref, what="文号（--ref）")
    with tracker.change(district.id, "note.add") as tx:
        note = Note(
            tx.next_id(district.id, "notes"),
            district.id,
            kind_id,
            body,
            when,
            tracker.actor.user,
            ref=number,
        )
        tx.put(district.id, "notes", note.key, note.to_dict(), "note.add")
    return Outcome(note, True)


def edit_note(
    tracker: Tracker,
    note_text: str,
    *,
    reason: str,
    text: str | None = None,
    kind: str | None = None,
    day: str | None = None,
    ref: str | None = None,
) -> Outcome[Note]:
    """Correct a note; the change and its reason are audited, reports use the corrected note."""
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = require_text(text, what="记录内容", multiline=True)
    if kind is not None:
        changes["kind"] = NOTE_KINDS.resolve(kind)
    if day is not None:
        changes["date"] = tracker.past_date(day, "记录日期")
    if ref is not None:
        changes["ref"] = optional_text(ref, what="文号（--ref）")
    return corrections.correct(tracker, Note, "notes", "记录", note_text, changes, reason)


def delete_note(tracker: Tracker, note_text: str, *, reason: str) -> Outcome[Note]:
    """Take a note out of every list and report; it stays in the history with the reason."""
    return corrections.delete(tracker, Note, "notes", "记录", note_text, reason)
