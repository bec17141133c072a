"""Milestones: recording a completion (with its 文号) and reopening one."""

from tracker.domain.errors import InputError
from tracker.domain.plan import MUNICIPAL
from tracker.domain.records import MilestoneRecord
from tracker.domain.values import optional_text, require_text
from tracker.services.audit_vocabulary import AuditVocabulary, Doc
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker, incomplete_records


def _milestone_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return next((m.name for m in tracker.plan.milestones if m.id == key), key)


AUDIT = AuditVocabulary(
    tables=("milestones",),
    actions={"milestone.done": "登记节点完成", "milestone.reopen": "重新打开节点"},
    fields={"note": "备注", "done": "完成日期", "ref": "文号"},
    record_name=_milestone_name,
)


def complete_milestone(
    tracker: Tracker,
    scope_text: str,
    milestone_text: str,
    *,
    done: str | None = None,
    ref: str | None = None,
    note: str | None = None,
) -> Outcome[MilestoneRecord]:
    """Record that a district (or the municipal office) met a milestone, on ``done``."""
    scope = tracker.scope(scope_text)
    milestone = tracker.plan.find_milestone(
        milestone_text, "municipal" if scope == MUNICIPAL else "district"
    )
    day = tracker.past_date(done, "完成日期")
    ref = optional_text(ref, what="文号（--ref）")
    note = optional_text(note, what="备注（--note）", multiline=True)
    with tracker.change(scope, "milestone.done") as tx:
        stored = tx.get(scope, "milestones", milestone.id)
        if stored is None:
            raise incomplete_records(tracker.scope_name(scope))
        current = MilestoneRecord.from_dict(stored)
        if current.done:
            raise InputError(
                f"「{milestone.name}」已于 {current.done} 完成；"
                "如需更正，请先用 tracker milestone reopen 重新打开"
            )
        record = MilestoneRecord(scope, milestone.id, day, ref, note)
        tx.put(scope, "milestones", milestone.id, record.to_dict(), "milestone.done")
    return Outcome(record, True)


def reopen_milestone(
    tracker: Tracker, scope_text: str, milestone_text: str, *, reason: str
) -> Outcome[MilestoneRecord]:
    """Take back a completion, keeping the reason in the milestone's note."""
    scope = tracker.scope(scope_text)
    milestone = tracker.plan.find_milestone(
        milestone_text, "municipal" if scope == MUNICIPAL else "district"
    )
    reason = require_text(reason, what="重新打开的原因（--reason）", multiline=True)
    with tracker.change(scope, "milestone.reopen") as tx:
        current = tx.get(scope, "milestones", milestone.id)
        if not current or not current.get("done"):
            raise InputError(f"「{milestone.name}」尚未完成，无需重新打开")
        record = MilestoneRecord(scope, milestone.id, None, "", f"重新打开：{reason}")
        tx.put(scope, "milestones", milestone.id, record.to_dict(), "milestone.reopen")
    return Outcome(record, True)
