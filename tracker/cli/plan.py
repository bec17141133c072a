"""``tracker plan show|check``: read and validate pilot plans."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import options
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, plain, print_json, say, table
from tracker.domain.plan import Plan
from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path
from tracker.services.setup import stored_plan

app = noun_app("查看或检查试点方案（计划文件）。")


@command(app, "show")
def show(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(help="计划文件；默认为数据库中的方案"),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """显示试点方案：文件信息、试点区和重点领域、任务、时间节点、工作要求。

    示例：`tracker plan show`、`tracker plan show plans/tianjin-2017.toml --json`
    """
    plan = _plan_to_show(options(ctx).db, file)
    if json_output:
        print_json(plan.data)
        return
    out = console()
    out.print(f"[bold]{plain(plan.title)}[/]（{plain(plan.doc_no)}）")
    out.print(plain(f"印发：{plan.issuer}，{plan.issued}；依据：{plan.parent_doc_no or '—'}"))
    out.print(f"试点期：{plan.period_start} 至 {plan.period_end}")
    if plan.goal:
        out.print(plain(f"工作目标：{plan.goal}"))
    districts = table("代号", "试点区", "重点领域", title="试点范围")
    for d in plan.districts:
        districts.add_row(d.id, d.name, f"{'、'.join(d.areas)}（{len(d.areas)}）")
    tasks = table("代号", "任务", "条款", title="工作任务")
    for t in plan.tasks:
        tasks.add_row(t.id, t.name, t.section)
    milestones = table("代号", "时间节点", "范围", "截止", "依据", title="工作安排")
    for m in plan.milestones:
        milestones.add_row(
            m.id, m.name, "各试点区" if m.scope == "district" else "市级", str(m.due), m.source
        )
    requirements = table("代号", "工作要求", "条款", title="工作要求")
    for r in plan.requirements:
        requirements.add_row(r.id, r.name, r.section)
    for grid in (districts, tasks, milestones, requirements):
        out.print(grid)


@command(app, "check")
def check(file: Annotated[str, typer.Argument(help="要检查的计划文件（TOML）")]) -> None:
    """检查计划文件：未知的键、重复的代号、没有重点领域的区、无法识别的日期、未知范围的节点等，逐条指出行号。

    有问题时以非零状态退出。示例：`tracker plan check plans/tianjin-2017.toml`
    """
    plan = load_plan_file(Path(file))
    say(
        f"{file}：没有发现问题。{plan.title}（{plan.doc_no}），{len(plan.districts)} 个试点区、"
        f"{sum(len(d.areas) for d in plan.districts)} 个重点领域、{len(plan.tasks)} 项任务、"
        f"{len(plan.milestones)} 个时间节点、{len(plan.requirements)} 项工作要求"
    )


def _plan_to_show(db: str, file: str | None) -> Plan:
    if file:
        return load_plan_file(Path(file))
    return stored_plan(db) or load_plan_file(builtin_plan_path())
