"""``tracker log``: the audit log, newest first."""

from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.context import open_for
from tracker.cli.group import single_command
from tracker.cli.output import console, print_json, styled, table
from tracker.domain.dates import parse_date
from tracker.domain.values import parse_int
from tracker.services.audit_text import describe

if TYPE_CHECKING:
    from tracker.services.tracker import Tracker


def log(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="只看一个区；municipal 为市级")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="只看此日期以来的操作")] = None,
    limit: Annotated[str, typer.Option("--limit", "-n", help="最多显示多少条")] = "20",
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="只看对象、操作人或改动中含这个词的")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="输出 JSON 数组（含改前改后）")
    ] = False,
) -> None:
    """查看操作日志：谁（及代谁）、何时、改了什么、改前改后；被拒绝的操作也在其中。

    示例：`tracker log -d 河西 --since 2018-03-01`、`tracker log --json --limit 50`
    """
    tracker = open_for(ctx)
    scope = tracker.scope(district) if district else None
    start = parse_date(since, what="日期（--since）") if since else None
    count = parse_int(limit, what="条数（--limit）", low=1, high=100_000)
    found = tracker.audit(scope, start)
    if query:
        words = query.strip().lower()
        found = (e for e in found if words in _searchable(tracker, e))
    entries = list(islice(found, count))
    if json_output:
        print_json(entries)
        return
    grid = table("时间", "操作人", "操作", "对象", "变更")
    for entry in entries:
        line = describe(tracker, entry)
        grid.add_row(
            entry["at"][:16].replace("T", " "),
            line.who,
            styled(line.action, "red") if line.denied else line.action,
            line.target,
            line.change,
        )
    console().print(grid)


app = single_command("log", log)


def _searchable(tracker: "Tracker", entry: dict[str, Any]) -> str:
    """What ``-q`` looks in: the entry as the table shows it, and its raw fields."""
    line = describe(tracker, entry)
    raw = " ".join(str(v) for v in entry.values())
    return f"{line.who} {line.action} {line.target} {line.change} {raw}".lower()
