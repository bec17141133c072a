"""``tracker init``: create a database from a plan."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import options
from tracker.cli.group import single_command
from tracker.cli.output import say
from tracker.services.setup import initialize


def init(
    ctx: typer.Context,
    plan: Annotated[
        str | None, typer.Option("--plan", help="试点方案文件（TOML），默认天津方案")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="数据库已存在时重建；旧库保留为备份")
    ] = False,
    name: Annotated[str | None, typer.Option("--name", help="你的姓名，记为第一位协调员")] = None,
) -> None:
    """按试点方案创建数据库；执行者成为第一位协调员。

    示例：`tracker init`、`tracker init --plan plans/tianjin-2017.toml --force`
    """
    db = options(ctx).db
    result = initialize(db, plan_path=Path(plan) if plan else None, force=force, name=name)
    p = result.plan
    say(
        f"已创建数据库 {db}：{p.title}（{p.doc_no}），"
        f"{len(p.districts)} 个试点区、{len(p.tasks)} 项任务、{len(p.milestones)} 个时间节点"
    )
    name, login = result.coordinator_name, result.coordinator_login
    say(f"第一位协调员：{name if name == login else f'{name}（{login}）'}")
    if result.backup:
        say(f"旧数据库已备份为 {result.backup}")


app = single_command("init", init)
