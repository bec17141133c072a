"""督办单: issuing an order to a district, its replies, and the office's acceptance or return.

Orders live in their district's scope (table ``orders``, keyed ``2018-3``), so a district's
own people may reply to them; issuing, accepting and returning are for coordinators only.
Numbers run per year of issue across every district.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError, NotFoundError
from tracker.domain.permissions import DISTRICT_ROLES
from tracker.domain.records import Person
from tracker.domain.rules import district_leads
from tracker.domain.supervision import (
    STEP_ACTIONS,
    Order,
    StepAction,
    order_key,
    parse_order_id,
    with_step,
)
from tracker.domain.values import optional_text, parse_int, require_text
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text
from tracker.services.judge import judge
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker

TABLE = "orders"


def _order_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"督办单 {key}"


def _steps_text(tracker: Tracker, value: Any) -> str:
    """The last step, as the log shows a change of the steps."""
    if not isinstance(value, list) or not value:
        return "无"
    step = value[-1]
    if not isinstance(step, dict):
        return str(value)
    action = STEP_ACTIONS.text(step.get("action"))
    said = f"：{step.get('text')}" if step.get("text") else ""
    ref = f"（{step.get('ref')}）" if step.get("ref") else ""
    return f"{step.get('date')} {action}{said}{ref}"


AUDIT = AuditVocabulary(
    tables=(TABLE,),
    actions={
        "order.issue": "下发督办单",
        "order.reply": "回复督办单",
        "order.return": "退回督办单",
        "order.accept": "办结督办单",
    },
    fields={
        "year": "年度",
        "number": "序号",
        "district": "区",
        "problem": "督办事项",
        "deadline": "整改时限",
        "issued": "下发日期",
        "issued_by": "下发人",
        "owner": "责任人",
        "alert": "所据预警",
        "steps": "办理情况",
    },
    values={"district": district_text, "steps": _steps_text},
    appended=frozenset({"steps"}),
    record_name=_order_name,
)


def issue_order(
    tracker: Tracker,
    district_text: str,
    *,
    problem: str | None,
    deadline: str,
    owner: str | None = None,
    from_alert: str | int | None = None,
    day: str | None = None,
) -> Outcome[Order]:
    """Issue the next order of the year to a district, about ``problem`` or about its current
    warning number ``from_alert`` (as ``tracker status`` numbers them), or both."""
    district = tracker.district(district_text)
    tracker.check(district.id, "order.issue", coordinators_only=_WHAT["issue"])
    issued = tracker.past_date(day, "下发日期")
    alert_kind, alert_text = _alert(tracker, district.id, from_alert)
    if problem is None and not alert_text:
        raise InputError("请写明督办事项（--problem），或选一条当前预警（--from-alert）")
    text = (
        require_text(problem, what="督办事项（--problem）", multiline=True)
        if problem is not None
        else ""
    )
    if alert_text:
        text = f"{alert_text}。{text}" if text else alert_text
    due = parse_date(deadline, what="整改时限（--deadline）")
    if due < issued:
        raise InputError(f"整改时限 {due} 早于下发日期 {issued}")
    responsible = _owner(tracker, district.id, owner)
    with tracker.change(district.id, "order.issue", coordinators_only=_WHAT["issue"]) as tx:
        year = issued.year
        number = 1 + max(
            (
                int(doc["number"])
                for d in tracker.plan.districts
                for doc in tx.read(d.id, TABLE).values()
                if doc.get("year") == year
            ),
            default=0,
        )
        order = Order(
            year=year,
            number=number,
            district=district.id,
            problem=text,
            deadline=due,
            issued=issued,
            issued_by=tracker.actor.user,
            owner=responsible,
            alert=alert_kind,
        )
        tx.put(district.id, TABLE, order.key, order.to_dict(), "order.issue")
    return Outcome(order, True)


def reply_order(
    tracker: Tracker, order_id: str, text: str, *, ref: str | None = None, day: str | None = None
) -> Outcome[Order]:
    """The district's reply: what it did about the order (with the 文号 of its document)."""
    said = require_text(text, what="回复内容", multiline=True)
    number = optional_text(ref, what="文号（--ref）")
    return _step(tracker, order_id, "reply", day, said, number)


def return_order(
    tracker: Tracker, order_id: str, *, reason: str, day: str | None = None
) -> Outcome[Order]:
    """Send the reply back: the district must reply again."""
    why = require_text(reason, what="退回原因（--reason）", multiline=True)
    return _step(tracker, order_id, "return", day, why)


def accept_order(
    tracker: Tracker, order_id: str, *, text: str | None = None, day: str | None = None
) -> Outcome[Order]:
    """Accept the reply: the order is closed (办结)."""
    said = optional_text(text, what="办结意见", multiline=True)
    return _step(tracker, order_id, "accept", day, said)


def find_order(tracker: Tracker, order_id: str) -> Order:
    """The order typed as 2018-3; NotFoundError when none has that number."""
    key = order_key(*parse_order_id(order_id))
    for district in tracker.plan.districts:
        doc = tracker.read(district.id, TABLE).get(key)
        if doc is not None:
            return Order.from_dict(doc)
    raise NotFoundError(f"没有编号为 {key} 的督办单（tracker order list 列出全部）")


_WHAT = {
    "issue": "下发督办单",
    "reply": "回复督办单",
    "return": "退回督办单",
    "accept": "办结督办单",
}


def _step(
    tracker: Tracker, order_id: str, action: StepAction, day: str | None, text: str, ref: str = ""
) -> Outcome[Order]:
    found = find_order(tracker, order_id)
    rule = (
        {"district_only": _WHAT[action]}
        if action == "reply"
        else {"coordinators_only": _WHAT[action]}
    )
    tracker.check(found.district, f"order.{action}", **rule)
    when = tracker.past_date(day, "日期")
    with tracker.change(found.district, f"order.{action}", **rule) as tx:
        order = Order.from_dict(tx.get(found.district, TABLE, found.key) or found.to_dict())
        if when < order.issued:
            raise InputError(f"日期 {when} 早于督办单 {order.key} 的下发日期 {order.issued}")
        steps = with_step(order, action, when, tracker.actor.user, text, ref)
        changed = replace(order, steps=steps)
        tx.put(found.district, TABLE, order.key, changed.to_dict(), f"order.{action}")
    return Outcome(changed, True)


def _alert(tracker: Tracker, district: str, number: str | int | None) -> tuple[str, str]:
    """The kind and sentence of the district's current warning ``number`` (1 is the first)."""
    if number is None:
        return "", ""
    wanted = parse_int(number, what="预警序号（--from-alert）", low=1)
    status = judge(tracker, tracker.plan.district(district))
    if not status.alerts:
        raise InputError(f"{status.district.name}当前没有预警，请用 --problem 写明督办事项")
    if wanted > len(status.alerts):
        listed = "".join(f"（{i}）{a.text}" for i, a in enumerate(status.alerts, 1))
        raise InputError(
            f"{status.district.name}当前只有 {len(status.alerts)} 条预警，没有第 {wanted} 条："
            f"{listed}"
        )
    alert = status.alerts[wanted - 1]
    return alert.kind, alert.text


def _owner(tracker: Tracker, district: str, owner: str | None) -> str:
    """The login of the person responsible: the one named, else the district's first lead."""
    if owner is None:
        leads = district_leads(district, tracker.people(), tracker.assignments())
        return leads[0].login if leads else ""
    person: Person = tracker.person(owner)
    if not person.active:
        raise InputError(f"{person.name}（{person.login}）已停用，不能作为责任人")
    if person.role in DISTRICT_ROLES and person.district != district:
        other = tracker.plan.district(person.district).name if person.district else "其他区"
        raise InputError(f"{person.name}（{person.login}）是{other}的人员，不能作为本区责任人")
    return person.login


def not_yet_issued(order: Order, as_of: date) -> NotFoundError:
    """The error for an order issued after the date being looked at."""
    return NotFoundError(f"督办单 {order.key} 于 {order.issued} 下发，当前日期 {as_of} 时尚未下发")
