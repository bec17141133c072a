"""``tracker order issue|reply|accept|return|list|show``: 督办单, from issue to 办结."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, plain, printed_as_json, say, styled, table
from tracker.presentation import ORDER_STATE_STYLES, OVERDUE_STYLE, order_days_text
from tracker.services import supervision

if TYPE_CHECKING:
    from tracker.services.read.models import OrderEntry

app = noun_app(
    "督办单：协调员就某区的问题下发督办单并限期整改，区负责人回复，协调员办结或退回。"
    "超过整改时限仍未办结的督办单使该区亮红灯。"
)

OrderArgument = Annotated[str, typer.Argument(help="督办单编号，如 2018-3（2018 年第 3 号）")]
DateOption = Annotated[str | None, typer.Option("--date", help="日期，默认当天")]


@command(app, "issue")
def issue(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    deadline: Annotated[str, typer.Option("--deadline", help="整改时限，如 2018-05-31")],
    problem: Annotated[
        str | None, typer.Option("--problem", help="督办事项：要求整改的问题")
    ] = None,
    from_alert: Annotated[
        str | None,
        typer.Option(
            "--from-alert", help="以该区当前第 N 条预警为督办事项（序号见 tracker status 区）"
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="责任人登录名或姓名，默认该区试点负责人")
    ] = None,
    date: DateOption = None,
) -> None:
    """下发督办单（仅协调员）：写明问题和整改时限，编号按年度顺排（如 2018-3）。

    示例：`tracker order issue 津南 --from-alert 1 --deadline 2018-05-31`、
    `tracker order issue 武清 --problem "公示栏信息更新不及时" --deadline 2018-06-15 --owner zhaolei`
    """
    tracker = open_for(ctx)
    order = supervision.issue_order(
        tracker,
        district,
        problem=problem,
        deadline=deadline,
        owner=owner,
        from_alert=from_alert,
        day=date,
    ).record
    name = tracker.plan.district(order.district).name
    who = f"，责任人 {order.owner}" if order.owner else ""
    say(f"已向{name}下发督办单 {order.key}（整改时限 {order.deadline}{who}）")


@command(app, "reply")
def reply(
    ctx: typer.Context,
    order_id: OrderArgument,
    text: Annotated[str, typer.Argument(help="回复：整改了什么、结果如何")],
    ref: Annotated[str | None, typer.Option("--ref", help="回复文件的文号")] = None,
    date: DateOption = None,
) -> None:
    """回复督办单（本区负责人、工作人员或协调员）：回复后等待协调员审核，也算报告了工作进展。

    示例：`tracker order reply 2018-3 "已完成公示栏更新并建立周检制度" --ref 津南政办〔2018〕21号`
    """
    tracker = open_for(ctx)
    order = supervision.reply_order(tracker, order_id, text, ref=ref, day=date).record
    say(f"已回复督办单 {order.key}，等待协调员审核")


@command(app, "accept")
def accept(
    ctx: typer.Context,
    order_id: OrderArgument,
    comment: Annotated[str | None, typer.Option("--comment", help="办结意见")] = None,
    date: DateOption = None,
) -> None:
    """认可区里的回复，督办单办结（仅协调员）。

    示例：`tracker order accept 2018-3`
    """
    tracker = open_for(ctx)
    order = supervision.accept_order(tracker, order_id, text=comment, day=date).record
    say(f"督办单 {order.key} 已办结")


@command(app, "return")
def return_(
    ctx: typer.Context,
    order_id: OrderArgument,
    reason: Annotated[str, typer.Option("--reason", help="退回原因：还需要做什么")],
    date: DateOption = None,
) -> None:
    """退回区里的回复，要求重新整改后再回复（仅协调员）。

    示例：`tracker order return 2018-3 --reason "未附整改前后照片"`
    """
    tracker = open_for(ctx)
    order = supervision.return_order(tracker, order_id, reason=reason, day=date).record
    say(f"已退回督办单 {order.key}，请{tracker.plan.district(order.district).name}重新回复")


@command(app, "list")
def list_orders(
    ctx: typer.Context,
    district: DistrictOption = None,
    open_only: Annotated[bool, typer.Option("--open", help="只看未办结的")] = False,
    json_output: JsonOption = False,
) -> None:
    """列出督办单：未办结的在前，按整改时限排序；超期的标红。

    示例：`tracker order list --open`、`tracker order list -d 津南 --json`
    """
    from tracker.services.read import queries

    tracker = open_for(ctx)
    wanted = tracker.districts(district)
    rows = queries.orders(tracker, wanted)
    if open_only:
        rows = [o for o in rows if o.open]
    if printed_as_json(rows, json_output):
        return
    if not rows:
        say("没有未办结的督办单" if open_only else "还没有督办单")
        return
    grid = table(
        "编号", "区", "整改时限", "剩余", "状态", "责任人", "督办事项",
        keep=("编号", "整改时限", "剩余"),
    )  # fmt: skip
    for order in rows:
        style = OVERDUE_STYLE if order.overdue else ""
        grid.add_row(
            order.id,
            order.district_name,
            order.deadline.isoformat(),
            styled(order_days_text(order.open, order.days_left), style),
            _state(order),
            "、".join(order.answerable) or "—",
            order.problem,
        )
    console().print(grid)


@command(app, "show")
def show(
    ctx: typer.Context,
    order_id: OrderArgument,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """查看一份督办单及其办理经过（下发、回复、退回、办结）。

    示例：`tracker order show 2018-3`
    """
    from tracker.services.read import queries

    tracker = open_for(ctx)
    found = supervision.find_order(tracker, order_id)
    rows = queries.orders(tracker, [tracker.plan.district(found.district)])
    order = next((o for o in rows if o.id == found.key), None)
    if order is None:
        raise supervision.not_yet_issued(found, tracker.as_of)
    if printed_as_json(order, json_output):
        return
    out = console()
    out.print(f"[bold]督办单 {order.id}[/]  {plain(order.district_name)}  {_state(order)}")
    out.print(f"督办事项：{plain(order.problem)}")
    out.print(
        f"下发：{order.issued}（{plain(order.issued_by_name)}）  整改时限：{order.deadline}"
        f"（{styled(order_days_text(order.open, order.days_left), OVERDUE_STYLE if order.overdue else '')}）"
    )
    out.print(f"责任人：{plain('、'.join(order.answerable) or '未明确')}")
    for step in order.steps:
        ref = f"（{plain(step.ref)}）" if step.ref else ""
        said = f"：{plain(step.text)}" if step.text else ""
        out.print(f"  {step.date}  {step.action_name}  {plain(step.by_name)}{said}{ref}")


def _state(order: "OrderEntry") -> str:
    style = OVERDUE_STYLE if order.overdue else ORDER_STATE_STYLES[order.state]
    return styled(order.state_name, style)
