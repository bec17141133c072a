"""回应关切: public concerns a district received and its responses, within the plan's limit in
hours (shorter, and with a press conference, for a major emergency)."""

from dataclasses import replace
from datetime import datetime

from tracker.domain.dates import format_moment, parse_moment
from tracker.domain.errors import InputError
from tracker.domain.values import optional_text, require_text
from tracker.domain.workflow import CONCERN_LEVELS, CONCERN_SOURCES, Concern
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.corrections import district_number
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

TABLE = "concerns"


def _name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"关切 {key} 号"


AUDIT = AuditVocabulary(
    tables=(TABLE,),
    actions={"concern.add": "登记关切", "concern.respond": "回应关切"},
    fields={
        "source": "来源",
        "received": "收到时间",
        "subject": "关切事项",
        "area": "领域",
        "level": "类别",
        "responded": "回应时间",
        "channel": "回应渠道",
        "responder": "回应主体",
        "response": "回应内容",
        "press": "新闻发布会时间",
        "district": "区",
    },
    values={
        "source": labelled(CONCERN_SOURCES),
        "level": labelled(CONCERN_LEVELS),
        "district": district_text,
    },
    record_name=_name,
)


def add_concern(
    tracker: Tracker,
    district_text: str,
    *,
    source: str,
    received: str,
    subject: str,
    area: str | None = None,
    level: str | None = None,
) -> Outcome[Concern]:
    """Record a public concern the district received, and when."""
    district = tracker.district(district_text)
    tracker.check(district.id, "concern.add")
    moment = _past(tracker, received, "收到时间（--received）")
    record = Concern(
        0,
        district.id,
        CONCERN_SOURCES.resolve(source),
        format_moment(moment),
        require_text(subject, what="关切事项", multiline=True),
        area=_area(tracker, district.id, area),
        level=CONCERN_LEVELS.resolve(level) if level else "ordinary",
    )
    with tracker.change(district.id, "concern.add") as tx:
        record = replace(record, id=tx.next_id(district.id, TABLE))
        tx.put(district.id, TABLE, record.key, record.to_dict(), "concern.add")
    return Outcome(record, True)


def respond_concern(
    tracker: Tracker,
    text: str,
    *,
    at: str | None = None,
    channel: str | None = None,
    by: str | None = None,
    response: str | None = None,
    press: str | None = None,
) -> Outcome[Concern]:
    """Record the response to a concern (and the press conference on a major emergency); a
    concern answered already takes only its press conference, never a second response."""
    district, number = district_number(tracker, text, "关切")
    tracker.check(district, "concern.respond")
    moment = _past(tracker, at, "回应时间（--at）") if at else None
    held = _past(tracker, press, "新闻发布会时间（--press）") if press else None
    with tracker.change(district, "concern.respond") as tx:
        doc = tx.get(district, TABLE, str(number))
        if doc is None or doc.get("deleted"):
            raise InputError(f"{tracker.plan.district(district).name}没有编号为 {number} 的关切")
        record = Concern.from_dict(doc)
        for when, what in ((moment, "回应时间"), (held, "新闻发布会时间")):
            if when is not None and when < record.received_at:
                raise InputError(f"{what} {format_moment(when)} 早于收到时间 {record.received}")
        if record.press and held:
            raise InputError(f"关切 {text} 已于 {record.press} 举行新闻发布会")
        if record.responded:
            if moment or channel or by or response:
                raise InputError(f"关切 {text} 已于 {record.responded} 回应，不能再次登记回应")
            if not held:
                raise InputError(f"关切 {text} 已于 {record.responded} 回应")
            changed = replace(record, press=format_moment(held))
        else:
            if moment is None:
                raise InputError("请写明回应时间（--at），如 2018-03-06 10:00")
            changed = replace(
                record,
                responded=format_moment(moment),
                channel=require_text(channel, what="回应渠道（--channel）"),
                responder=require_text(by, what="回应主体（--by）"),
                response=optional_text(response, what="回应内容（--text）", multiline=True),
                press=format_moment(held) if held else record.press,
            )
        done = tx.put(district, TABLE, record.key, changed.to_dict(), "concern.respond")
    return Outcome(changed, done)


def _past(tracker: Tracker, text: str, what: str) -> datetime:
    moment = parse_moment(text, what=what)
    tracker.past_date(moment.date().isoformat(), what)
    return moment


def _area(tracker: Tracker, district: str, text: str | None) -> str:
    """The catalog area a concern is about: one of the district's, or empty."""
    if not text:
        return ""
    wanted = text.strip()
    areas = tracker.plan.district(district).areas
    found = [a for a in areas if a == wanted] or [a for a in areas if wanted in a]
    if len(found) != 1:
        raise InputError(f"领域「{text}」不是{tracker.plan.district(district).name}的试点领域："
                         + "、".join(areas))  # fmt: skip
    return found[0]
