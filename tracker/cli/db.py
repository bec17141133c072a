"""``tracker db check|backup|restore``: looking after the database itself."""

from typing import Annotated

import typer

from tracker.cli.context import options
from tracker.cli.group import command, noun_app
from tracker.cli.output import print_json, say
from tracker.services import database

app = noun_app("检查数据库是否完整、未被改动，备份和从备份恢复。")

CHECK_FAILED = 4


@command(app, "check")
def check(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """逐条核对操作记录的校验链，用操作记录重放出数据并与现有数据比对，
    核对事项历史、数据格式和引用；发现问题时列出问题所在，退出码为 4。

    末条操作记录的校验值可抄在报告或简报上：纸面上的校验值与数据库一致，说明此前的记录未被改动。

    示例：`tracker db check`、`tracker --db /srv/tracker db check --json`
    """
    result = database.check_database(options(ctx).db)
    head = database.AuditHead(result.entries, result.head)
    if json_output:
        print_json(
            {
                "ok": not result.problems,
                "entries": result.entries,
                "head": result.head,
                "records": result.records,
                "problems": [{"where": p.where, "what": p.what} for p in result.problems],
            }
        )
    elif result.problems:
        say(f"数据库检查发现 {len(result.problems)} 处问题：")
        for problem in result.problems:
            say(f"  - {problem.where}：{problem.what}")
        say(f"{head.text}。请用 tracker db restore 从最近的备份恢复，或联系管理员")
    else:
        say(f"数据库完好：{head.text}，记录 {result.records} 条，均与操作记录一致")
    if result.problems:
        raise typer.Exit(CHECK_FAILED)


@command(app, "backup")
def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="备份文件，如 tracker-20180315.zip")],
) -> None:
    """把整个数据库（数据、操作记录、事项历史）备份为一个文件；备份时其他人的写入会稍候。

    示例：`tracker db backup 备份/tracker-20180315.zip`
    """
    made = database.backup_database(options(ctx).db, file)
    say(
        f"已备份到 {made.path}：{made.files} 个文件，操作记录 {made.entries} 条，"
        f"校验值 {made.head[: database.HEAD_SHOWN]}"
    )


@command(app, "restore")
def restore(
    file: Annotated[str, typer.Argument(help="由 tracker db backup 生成的备份文件")],
    to: Annotated[str, typer.Option("--to", help="恢复到哪个目录")],
    force: Annotated[
        bool,
        typer.Option("--force", help="目录中已有数据库时替换它（旧库保留为备份；仅限协调员）"),
    ] = False,
) -> None:
    """从备份文件恢复数据库：先完整检查备份，通过后才放到目标目录，目标目录任何时候都不会没有数据库。

    示例：`tracker db restore tracker-20180315.zip --to data-restored`、
    `tracker db restore tracker-20180315.zip --to data --force`
    """
    restored = database.restore_database(file, to, force=force)
    say(
        f"已从 {file} 恢复数据库到 {restored.path}：操作记录 {restored.entries} 条，"
        f"校验值 {restored.head[: database.HEAD_SHOWN]}，检查通过"
    )
    if restored.kept:
        say(f"原数据库已保留为 {restored.kept}")
