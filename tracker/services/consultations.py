"""公众参与: public consultations (意见征集) on a district's decisions."""

from dataclasses import replace

from tracker.domain.errors import InputError
from tracker.domain.values import optional_text, parse_int, require_text
from tracker.domain.workflow import Consultation
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text
from tracker.services.corrections import district_number
from tracker.services.items import find_item
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

TABLE = "consultations"


def _name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"意见征集 {key} 号"


AUDIT = AuditVocabulary(
    tables=(TABLE,),
    actions={"consultation.add": "登记意见征集", "consultation.update": "更新意见征集"},
    fields={
        "subject": "征集事项",
        "start": "开始日期",
        "end": "截止日期",
        "item": "公开事项",
        "ref": "文号",
        "channel": "征集渠道",
        "opinions": "收到意见",
        "adoption": "采纳情况公布日期",
        "district": "区",
    },
    values={"district": district_text},
    record_name=_name,
)


def add_consultation(
    tracker: Tracker,
    district_text: str,
    *,
    subject: str,
    start: str,
    end: str,
    item: str | None = None,
    ref: str | None = None,
    channel: str | None = None,
    opinions: str | None = None,
    adoption: str | None = None,
) -> Outcome[Consultation]:
    """Record a consultation: what, from when to when, and (once known) its outcome."""
    district = tracker.district(district_text)
    tracker.check(district.id, "consultation.add")
    linked = find_item(tracker, item) if item else None
    if linked is not None and linked.district != district.id:
        raise InputError(f"事项 {linked.id} 不属于{district.name}")
    first = tracker.past_date(start, "征集开始日期（--start）")
    last = tracker.plan_date(end, "征集截止日期（--end）")
    if last < first:
        raise InputError(f"征集截止日期 {last} 早于开始日期 {first}")
    record = Consultation(
        0,
        district.id,
        require_text(subject, what="征集事项"),
        first,
        last,
        item=linked.id if linked else "",
        ref=optional_text(ref, what="文号（--ref）"),
        channel=optional_text(channel, what="征集渠道（--channel）"),
    )
    record = _outcome(tracker, record, opinions, adoption)
    with tracker.change(district.id, "consultation.add") as tx:
        record = replace(record, id=tx.next_id(district.id, TABLE))
        tx.put(district.id, TABLE, record.key, record.to_dict(), "consultation.add")
    return Outcome(record, True)


def update_consultation(
    tracker: Tracker, text: str, *, opinions: str | None = None, adoption: str | None = None
) -> Outcome[Consultation]:
    """Record how many opinions came in, and when the adoption of them was published."""
    district, number = district_number(tracker, text, "意见征集")
    tracker.check(district, "consultation.update")
    if opinions is None and adoption is None:
        raise InputError("请写明收到意见数（--opinions）或采纳情况公布日期（--adoption）")
    with tracker.change(district, "consultation.update") as tx:
        doc = tx.get(district, TABLE, str(number))
        if doc is None or doc.get("deleted"):
            name = tracker.plan.district(district).name
            raise InputError(f"{name}没有编号为 {number} 的意见征集")
        record = Consultation.from_dict(doc)
        changed = _outcome(tracker, record, opinions, adoption)
        done = tx.put(district, TABLE, record.key, changed.to_dict(), "consultation.update")
    return Outcome(changed, done)


def _outcome(
    tracker: Tracker, record: Consultation, opinions: str | None, adoption: str | None
) -> Consultation:
    if opinions is not None:
        record = replace(
            record, opinions=parse_int(opinions, what="收到意见数（--opinions）", low=0)
        )
    if adoption is not None:
        day = tracker.past_date(adoption, "采纳情况公布日期（--adoption）")
        if day < record.end:
            raise InputError(f"采纳情况公布日期 {day} 早于征集截止日期 {record.end}")
        record = replace(record, adoption=day)
    return record
