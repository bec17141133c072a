"""调研交流: study visits and exchanges, by a district or by the municipal office."""

from dataclasses import replace

from tracker.domain.values import optional_text, require_text
from tracker.domain.workflow import Visit
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

TABLE = "visits"


def _name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"调研交流 {key} 号"


AUDIT = AuditVocabulary(
    tables=(TABLE,),
    actions={"visit.add": "登记调研交流"},
    fields={
        "day": "日期",
        "place": "地点或对象",
        "participants": "参加人员",
        "learned": "收获和借鉴",
        "scope": "区",
    },
    values={"scope": district_text},
    record_name=_name,
)


def add_visit(
    tracker: Tracker,
    scope_text: str,
    *,
    place: str,
    day: str | None = None,
    participants: str | None = None,
    learned: str | None = None,
) -> Outcome[Visit]:
    """Record a study visit or exchange of a district (or of the office: 市级)."""
    scope = tracker.scope(scope_text)
    tracker.check(scope, "visit.add")
    record = Visit(
        0,
        scope,
        tracker.past_date(day, "日期（--date）"),
        require_text(place, what="地点或对象（--place）"),
        participants=optional_text(participants, what="参加人员（--participants）"),
        learned=optional_text(learned, what="收获和借鉴（--learned）", multiline=True),
    )
    with tracker.change(scope, "visit.add") as tx:
        record = replace(record, id=tx.next_id(scope, TABLE))
        tx.put(scope, TABLE, record.key, record.to_dict(), "visit.add")
    return Outcome(record, True)
