"""The forms of a supervision order: issue one, reply to it, accept or return the reply."""

from textual.widgets import Input, Select

from tracker.services import supervision
from tracker.services.read.models import OrderEntry, PilotState
from tracker.services.tracker import Tracker
from tracker.tui.modals.forms import Field, FormModal


def issue_form(tracker: Tracker, state: PilotState, district_id: str | None) -> FormModal:
    """Issue an order to a district: the problem written out or one of its current warnings."""
    districts = Select(
        [(d.name, d.id) for d in state.districts],
        value=district_id or state.districts[0].id,
        allow_blank=False,
        id="district",
    )
    fields: list[Field] = [
        ("区", districts),
        ("督办事项（或填下面的预警序号）", Input(id="problem")),
        ("以当前第几条预警为督办事项（可空）", Input(id="alert")),
        ("整改时限，如 2018-05-31", Input(id="deadline")),
        ("责任人登录名或姓名（默认区试点负责人）", Input(id="owner")),
    ]

    def issue(values: dict[str, str]) -> str:
        order = supervision.issue_order(
            tracker,
            values["district"],
            problem=values["problem"] or None,
            deadline=values["deadline"],
            owner=values["owner"] or None,
            from_alert=values["alert"] or None,
        ).record
        return f"已下发督办单 {order.key}（整改时限 {order.deadline}）"

    return FormModal("下发督办单", fields, issue)


def reply_form(tracker: Tracker, order: OrderEntry) -> FormModal:
    fields: list[Field] = [
        ("回复：整改了什么、结果如何", Input(id="text")),
        ("文号（可空）", Input(id="ref")),
        ("日期（默认当天）", Input(id="date")),
    ]

    def reply(values: dict[str, str]) -> str:
        supervision.reply_order(
            tracker, order.id, values["text"], ref=values["ref"], day=values["date"] or None
        )
        return f"已回复督办单 {order.id}，等待协调员审核"

    return FormModal(f"回复督办单 {order.id}：{order.district_name}", fields, reply)


def accept_form(tracker: Tracker, order: OrderEntry) -> FormModal:
    fields: list[Field] = [
        ("办结意见（可空）", Input(id="text")),
        ("日期（默认当天）", Input(id="date")),
    ]

    def accept(values: dict[str, str]) -> str:
        supervision.accept_order(
            tracker, order.id, text=values["text"] or None, day=values["date"] or None
        )
        return f"督办单 {order.id} 已办结"

    return FormModal(f"办结督办单 {order.id}：{order.district_name}", fields, accept)


def return_form(tracker: Tracker, order: OrderEntry) -> FormModal:
    fields: list[Field] = [
        ("退回原因：还需要做什么", Input(id="reason")),
        ("日期（默认当天）", Input(id="date")),
    ]

    def send_back(values: dict[str, str]) -> str:
        supervision.return_order(
            tracker, order.id, reason=values["reason"], day=values["date"] or None
        )
        return f"已退回督办单 {order.id}"

    return FormModal(f"退回督办单 {order.id}：{order.district_name}", fields, send_back)
