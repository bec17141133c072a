"""The ``tracker`` command: global options and the sub-command for each noun."""

from typing import Annotated, ClassVar

import typer

from tracker.cli.context import Options
from tracker.cli.group import CONTEXT, RootGroup


class TrackerCommands(RootGroup):
    """The root group and where each sub-command lives."""

    lazy_commands: ClassVar[dict[str, str]] = {
        "init": "tracker.cli.init:app",
        "demo": "tracker.cli.demo:app",
        "tui": "tracker.cli.tui:app",
        "status": "tracker.cli.status:app",
        "assign": "tracker.cli.person:assign_app",
        "log": "tracker.cli.log:app",
        "plan": "tracker.cli.plan:app",
        "task": "tracker.cli.task:app",
        "milestone": "tracker.cli.milestone:app",
        "item": "tracker.cli.item:app",
        "person": "tracker.cli.person:app",
        "note": "tracker.cli.note:app",
        "evaluation": "tracker.cli.note:evaluation_app",
        "report": "tracker.cli.report:app",
        "db": "tracker.cli.db:app",
        "order": "tracker.cli.order:app",
        "digest": "tracker.cli.digest:app",
        "interpretation": "tracker.cli.interpretation:app",
        "concern": "tracker.cli.concern:app",
        "consultation": "tracker.cli.consultation:app",
        "visit": "tracker.cli.visit:app",
        "baseline": "tracker.cli.baseline:app",
    }


app = typer.Typer(
    cls=TrackerCommands,
    name="tracker",
    help=(
        "基层政务公开标准化规范化试点跟踪工具（pilot-tracker）。\n\n"
        "市政府办公厅协调员和各试点区负责人用它跟踪任务、时间节点、责任人和工作进展。\n\n"
        "先用 `tracker init` 按试点方案建库，再用 `tracker status` 查看各区红黄绿预警。"
        "区、任务、状态既可写英文代号（hexi、comb、done），也可写中文（河西区、河西、梳理政务公开事项、已完成）；"
        "日期可写 2018-08-31、2018/8/31、2018.8.31 或 2018年8月31日。\n\n"
        "示例：tracker task update 河西 梳理 --status 进行中 --progress 40"
    ),
    context_settings=CONTEXT,
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode="markdown",
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option("--db", envvar="TRACKER_DB", help="数据库目录", show_default=True),
    ] = "data",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar="TRACKER_AS_OF",
            help="按哪天判断到期和预警，默认今天",
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="TRACKER_USER",
            help="协调员代某人操作，填其登录名",
        ),
    ] = None,
) -> None:
    """Store the global options; with no sub-command, open the TUI (or show help off a terminal)."""
    ctx.obj = Options(db, as_of, user)
    if ctx.invoked_subcommand is None:
        import sys

        if sys.stdin.isatty() and sys.stdout.isatty():
            from tracker.cli.tui import tui

            ctx.invoke(tui, ctx)
        else:
            typer.echo(ctx.get_help())
