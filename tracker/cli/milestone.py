"""``tracker milestone list|done|reopen``: the dated deliverables of the plan."""

from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, print_json, say, styled, table
from tracker.presentation import MILESTONE_STATE_STYLES, milestone_state_text
from tracker.services import milestones

app = noun_app("查看时间节点，登记完成或重新打开。")

ScopeArgument = Annotated[str, typer.Argument(help="区（代号或名称），或 municipal（市级）")]
MilestoneArgument = Annotated[str, typer.Argument(help="节点：代号或名称，如 plan-filed、备案")]


@command(app, "list")
def list_milestones(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="只看一个区；写 municipal 只看市级节点")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON 数组")] = False,
    xlsx: Annotated[
        str | None, typer.Option("--xlsx", help="另存为 Excel 表格（与屏幕上的列相同）")
    ] = None,
) -> None:
    """列出各区和市级的时间节点：截止日期、完成日期、状态（未到期、临近、逾期、按期完成、逾期完成）。

    示例：`tracker milestone list`、`tracker --as-of 2017-09-10 milestone list -d 津南 --json`、
    `tracker milestone list --xlsx 时间节点.xlsx`
    """
    from tracker.services.read.queries import milestone_states
    from tracker.services.read.views import milestone_row_json

    tracker = open_for(ctx)
    rows = milestone_states(tracker, tracker.scope(district) if district else None)
    if json_output:
        print_json([milestone_row_json(row) for row in rows])
        return
    headers = ["范围", "时间节点", "截止", "完成", "状态", "文号"]
    if xlsx:
        from pathlib import Path

        from tracker.exports.tables import write_table

        lines = [
            [
                r.scope_name,
                r.name,
                r.due.isoformat(),
                str(r.done or "—"),
                milestone_state_text(r.state, r.days_left),
                r.ref,
            ]
            for r in rows
        ]
        say(f"已另存为 {write_table(Path(xlsx), '时间节点', headers, lines)}")
        return
    grid = table(*headers, title=f"截至 {tracker.as_of}")
    for row in rows:
        grid.add_row(
            row.scope_name,
            row.name,
            row.due.isoformat(),
            str(row.done or "—"),
            styled(
                milestone_state_text(row.state, row.days_left), MILESTONE_STATE_STYLES[row.state]
            ),
            row.ref,
        )
    console().print(grid)


@command(app, "done")
def done(
    ctx: typer.Context,
    scope: ScopeArgument,
    milestone: MilestoneArgument,
    date: Annotated[str | None, typer.Option("--date", help="完成日期，默认当天")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="文号，如 河西政办〔2017〕45号")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="备注")] = None,
) -> None:
    """登记一个时间节点已完成；晚于截止日期完成的记为「逾期完成」。

    示例：`tracker milestone done 河西 plan-filed --date 2017年8月28日 --ref 河西政办〔2017〕45号`
    """
    tracker = open_for(ctx)
    outcome = milestones.complete_milestone(
        tracker, scope, milestone, done=date, ref=ref, note=note
    )
    record = outcome.record
    definition = tracker.plan.milestone(record.milestone)
    late = "（逾期完成）" if record.done and record.done > definition.due else ""
    say(f"已登记{tracker.scope_name(record.scope)}「{definition.name}」于 {record.done} 完成{late}")


@command(app, "reopen")
def reopen(
    ctx: typer.Context,
    scope: ScopeArgument,
    milestone: MilestoneArgument,
    reason: Annotated[str, typer.Option("--reason", help="重新打开的原因（必填）")],
) -> None:
    """重新打开一个已登记完成的时间节点（例如登记有误或被退回）。

    示例：`tracker milestone reopen 武清 plan-filed --reason "方案退回修改"`
    """
    tracker = open_for(ctx)
    outcome = milestones.reopen_milestone(tracker, scope, milestone, reason=reason)
    record = outcome.record
    say(
        f"已重新打开{tracker.scope_name(record.scope)}「{tracker.plan.milestone(record.milestone).name}」"
    )
