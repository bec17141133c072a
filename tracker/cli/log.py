"""``tracker log``: the audit log, newest first."""

import json
from itertools import islice
from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.output import console, print_json, table
from tracker.domain.dates import parse_date
from tracker.domain.values import parse_int

ACTIONS = {
    "init": "建库",
    "task.update": "更新任务",
    "milestone.done": "节点完成",
    "milestone.reopen": "节点重开",
    "person.add": "登记人员",
    "assign": "明确责任",
    "note.add": "新增记录",
    "evaluation.add": "新增评价",
}


def log(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="只看一个区；municipal 为市级")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="只看此日期以来的操作")] = None,
    limit: Annotated[str, typer.Option("--limit", "-n", help="最多显示多少条")] = "20",
    json_output: Annotated[
        bool, typer.Option("--json", help="输出 JSON 数组（含修改前后的完整记录）")
    ] = False,
) -> None:
    """查看操作日志：谁（及代谁）、何时、改了什么、改前改后；被拒绝的操作也在其中。

    示例：`tracker log -d 河西 --since 2018-03-01`、`tracker log --json --limit 50`
    """
    tracker = open_for(ctx)
    scope = tracker.scope(district) if district else None
    start = parse_date(since, what="--since 日期") if since else None
    count = parse_int(limit, what="--limit", low=1)
    entries = list(islice(tracker.audit(scope, start), count))
    if json_output:
        print_json(entries)
        return
    grid = table("时间", "操作人", "操作", "对象", "改前", "改后")
    for e in entries:
        who = e["login"] if e["user"] == e["login"] else f"{e['login']}（代 {e['user']}）"
        action = ACTIONS.get(e["action"], e["action"])
        if e.get("denied"):
            grid.add_row(
                e["at"][:16].replace("T", " "),
                who,
                f"[red]被拒绝：{action}[/]",
                e["scope"],
                "",
                e["message"],
            )
            continue
        grid.add_row(
            e["at"][:16].replace("T", " "),
            who,
            action,
            f"{e['scope']}/{e['table']}/{e['key']}",
            _brief(e["before"], e["after"], old_side=True),
            _brief(e["before"], e["after"], old_side=False),
        )
    console().print(grid)


def _brief(before: dict | None, after: dict | None, *, old_side: bool) -> str:
    """Only the fields that changed, so a row stays readable."""
    old, new = before or {}, after or {}
    changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
    side = old if old_side else new
    return json.dumps({k: side.get(k) for k in sorted(changed) if k in side}, ensure_ascii=False)[
        1:-1
    ]
