"""``tracker db check|backup|restore|copy|upgrade``: looking after the database itself."""

from typing import Annotated

import typer

from tracker.cli.context import options
from tracker.cli.group import command, noun_app
from tracker.cli.output import print_json, say
from tracker.services import database

app = noun_app(
    "检查数据库是否完整、未被改动，备份和从备份恢复，在目录与数据库服务器之间复制，升级库结构。"
)

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


@command(app, "copy")
def copy(
    source: Annotated[
        str, typer.Option("--from", help="原数据库：目录，或 postgresql://主机/库名")
    ],
    target: Annotated[str, typer.Option("--to", help="新数据库：目录，或 postgresql://主机/库名")],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="目标处已有数据库时替换它（旧库保留：目录改名，服务器上的改名为 tracker_bak_*）",
        ),
    ] = False,
) -> None:
    """把整个数据库（数据、操作记录、事项历史）复制到另一处：从目录到数据库服务器，或反过来。
    复制后读回新库，核对记录数和校验和；只有原库的协调员可以复制。

    示例：`tracker db copy --from data --to postgresql://db.tj.gov/pilot`、
    `tracker db copy --from postgresql://db.tj.gov/pilot --to data-copy`
    """
    copied = database.copy_database(source, target, force=force)
    counts = copied.counts
    say(
        f"已复制到 {copied.target}：记录 {counts['records']} 条，操作记录 {counts['audit_entries']} 条，"
        f"事项历史 {counts['log_entries']} 条；两边校验和一致（{copied.checksum[: database.HEAD_SHOWN]}）"
    )
    if copied.kept:
        say(f"目标处原有的数据库已保留为 {copied.kept}")


@command(app, "upgrade")
def upgrade(ctx: typer.Context) -> None:
    """把数据库结构升级到本程序的版本（新版 tracker 打开旧库时会提示运行）。升级在一个事务中完成，
    中途失败则保持原样。

    示例：`tracker --db postgresql://db.tj.gov/pilot db upgrade`
    """
    done = database.upgrade_database(options(ctx).db)
    if done.before == done.after:
        say(f"数据库结构已是最新（第 {done.after} 版），无需升级")
    else:
        say(f"数据库结构已从第 {done.before} 版升级到第 {done.after} 版")
