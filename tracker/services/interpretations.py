"""政策解读: a district's policies and their interpretations, due with the policy or within the
plan's limit in working days."""

from dataclasses import replace

from tracker.domain.errors import InputError
from tracker.domain.values import optional_text, require_text
from tracker.domain.workdays import check_covered
from tracker.domain.workflow import INTERPRETATION_FORMS, Interpretation
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.corrections import district_number
from tracker.services.items import find_item
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

TABLE = "interpretations"


def _name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"政策解读 {key} 号"


AUDIT = AuditVocabulary(
    tables=(TABLE,),
    actions={"interpretation.add": "登记政策解读", "interpretation.publish": "发布政策解读"},
    fields={
        "policy": "政策文件",
        "ref": "文号",
        "policy_date": "文件发布日期",
        "item": "公开事项",
        "form": "解读形式",
        "interpreter": "解读人",
        "leader": "领导干部解读",
        "published": "解读发布日期",
        "channel": "发布渠道",
        "url": "页面地址",
        "district": "区",
    },
    values={
        "form": labelled(INTERPRETATION_FORMS),
        "district": district_text,
        "leader": lambda tracker, value: "是" if value else "否",
    },
    record_name=_name,
)


def add_interpretation(
    tracker: Tracker,
    district_text: str,
    *,
    policy: str | None = None,
    policy_date: str | None = None,
    ref: str | None = None,
    item: str | None = None,
    form: str | None = None,
    interpreter: str | None = None,
    leader: bool = False,
    published: str | None = None,
    channel: str | None = None,
    url: str | None = None,
) -> Outcome[Interpretation]:
    """Record a policy (or a published catalog item) that needs interpreting, with its
    interpretation when it is already out."""
    district = tracker.district(district_text)
    tracker.check(district.id, "interpretation.add")
    linked = find_item(tracker, item) if item else None
    if linked is not None and linked.district != district.id:
        raise InputError(f"事项 {linked.id} 不属于{district.name}")
    title = optional_text(policy, what="政策文件（--policy）")
    if not title and linked is None:
        raise InputError("请写明所解读的政策文件（--policy）或公开事项（--item）")
    if policy_date is None and not (linked and linked.published):
        raise InputError("请写明政策文件的发布日期（--policy-date）：解读时限从它算起")
    when = (
        tracker.past_date(policy_date, "文件发布日期（--policy-date）")
        if policy_date is not None
        else linked.published  # type: ignore[union-attr]
    )
    assert when is not None
    check_covered(when, "文件发布日期")
    record = Interpretation(
        0,
        district.id,
        title or (linked.name if linked else ""),
        when,
        ref=optional_text(ref, what="文号（--ref）"),
        item=linked.id if linked else "",
    )
    if published is not None:
        record = _published(tracker, record, published, form, interpreter, leader, channel, url)
    elif form or interpreter or leader or channel or url:
        raise InputError(
            "解读形式、解读人、渠道和页面地址要和解读发布日期（--published）一起写；"
            "尚未解读的政策只登记文件"
        )
    with tracker.change(district.id, "interpretation.add") as tx:
        record = replace(record, id=tx.next_id(district.id, TABLE))
        tx.put(district.id, TABLE, record.key, record.to_dict(), "interpretation.add")
    return Outcome(record, True)


def publish_interpretation(
    tracker: Tracker,
    text: str,
    *,
    published: str | None,
    form: str | None = None,
    interpreter: str | None = None,
    leader: bool = False,
    channel: str | None = None,
    url: str | None = None,
) -> Outcome[Interpretation]:
    """Record that a policy's interpretation came out."""
    district, number = district_number(tracker, text, "政策解读")
    tracker.check(district, "interpretation.publish")
    with tracker.change(district, "interpretation.publish") as tx:
        doc = tx.get(district, TABLE, str(number))
        if doc is None or doc.get("deleted"):
            raise InputError(
                f"{tracker.plan.district(district).name}没有编号为 {number} 的政策解读"
            )
        record = Interpretation.from_dict(doc)
        changed = _published(tracker, record, published, form, interpreter, leader, channel, url)
        done = tx.put(district, TABLE, record.key, changed.to_dict(), "interpretation.publish")
    return Outcome(changed, done)


def _published(
    tracker: Tracker,
    record: Interpretation,
    published: str | None,
    form: str | None,
    interpreter: str | None,
    leader: bool,
    channel: str | None,
    url: str | None,
) -> Interpretation:
    if record.published is not None:
        raise InputError(f"政策「{record.policy}」的解读已于 {record.published} 发布")
    day = tracker.past_date(published, "解读发布日期（--published）")
    check_covered(day, "解读发布日期")
    if day < record.policy_date:
        raise InputError(f"解读发布日期 {day} 早于政策文件发布日期 {record.policy_date}")
    if form is None:
        raise InputError(
            "请写明解读形式（--form）：" + "、".join(t.label for t in INTERPRETATION_FORMS)
        )
    return replace(
        record,
        published=day,
        form=INTERPRETATION_FORMS.resolve(form),
        interpreter=require_text(interpreter, what="解读人（--by）"),
        leader=leader,
        channel=optional_text(channel, what="发布渠道（--channel）"),
        url=optional_text(url, what="页面地址（--url）"),
    )
