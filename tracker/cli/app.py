"""The ``tracker`` command: global options and the sub-command for each noun."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import init, item, log, milestone, note, person, plan, status, task
from tracker.cli.context import Options
from tracker.cli.group import CONTEXT, Command, RootGroup

app = typer.Typer(
    cls=RootGroup,
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
    no_args_is_help=True,
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
    """Store the global options for the sub-commands."""
    ctx.obj = Options(Path(db), as_of, user)


app.command("init", cls=Command, context_settings=CONTEXT)(init.init)
app.command("status", cls=Command, context_settings=CONTEXT)(status.status)
app.command("assign", cls=Command, context_settings=CONTEXT)(person.assign)
app.command("log", cls=Command, context_settings=CONTEXT)(log.log)
app.add_typer(plan.app, name="plan")
app.add_typer(task.app, name="task")
app.add_typer(milestone.app, name="milestone")
app.add_typer(item.app, name="item")
app.add_typer(person.app, name="person")
app.add_typer(note.app, name="note")
app.add_typer(note.evaluation_app, name="evaluation")
