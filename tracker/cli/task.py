"""``tracker task list|update``: the four tasks of each district."""

from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, listed, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, say, styled, table
from tracker.domain.vocab import TASK_STATUSES
from tracker.presentation import TASK_STATUS_STYLES, progress_text
from tracker.services import tasks

app = noun_app("查看和更新各区的工作任务（梳理、规范、流程、渠道）。")


@command(app, "list")
def list_tasks(
    ctx: typer.Context,
    district: DistrictOption = None,
    json_output: JsonOption = False,
    xlsx: Annotated[
        str | None, typer.Option("--xlsx", help="另存为 Excel 表格（与屏幕上的列相同）")
    ] = None,
) -> None:
    """列出各区任务的状态、进度、责任人和备注。

    示例：`tracker task list`、`tracker task list -d 武清 --json`、`tracker task list --xlsx 任务.xlsx`
    """
    from tracker.services.read.queries import task_states

    rows = listed(ctx, district, json_output, task_states)
    if rows is None:
        return
    headers = ["区", "任务", "状态", "进度", "责任人", "备注"]
    if xlsx:
        from pathlib import Path

        from tracker.exports.tables import write_table

        lines = [
            [r.district_name, r.name, r.status_name, f"{r.progress}%", r.owner_name or "—", r.note]
            for r in rows
        ]
        say(f"已另存为 {write_table(Path(xlsx), '任务', headers, lines)}")
        return
    grid = table(*headers)
    for row in rows:
        grid.add_row(
            row.district_name,
            row.name,
            styled(row.status_name, TASK_STATUS_STYLES[row.status]),
            progress_text(row.progress),
            row.owner_name or "—",
            row.note,
        )
    console().print(grid)


@command(app, "update")
def update(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称，如 hexi、河西区、河西")],
    task: Annotated[str, typer.Argument(help="任务：代号或名称，如 comb、梳理")],
    status: Annotated[
        str | None,
        typer.Option("--status", "-s", help="未开始、进行中、已完成、受阻"),
    ] = None,
    progress: Annotated[str | None, typer.Option("--progress", "-p", help="进度 0–100")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="责任人的登录名或姓名")] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="备注；标记受阻时必须说明原因")
    ] = None,
) -> None:
    """更新一项任务的状态、进度、责任人或备注；每次修改都记入操作日志。

    示例：`tracker task update 河西 梳理 --status 进行中 --progress 40`、
    `tracker task update jinnan workflow --status blocked --note "等待市级部门目录"`
    """
    tracker = open_for(ctx)
    outcome = tasks.update_task(
        tracker, district, task, status=status, progress=progress, owner=owner, note=note
    )
    record = outcome.record
    where = (
        f"{tracker.plan.district(record.district).name}「{tracker.plan.task(record.task).name}」"
    )
    if not outcome.changed:
        say(f"{where}没有变化")
        return
    say(f"已更新{where}：{TASK_STATUSES.label(record.status)}，进度 {record.progress}%")
