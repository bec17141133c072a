"""``tracker visit add|list``: 调研交流 of the districts and of the municipal office."""

from typing import Annotated

import typer

from tracker.cli.context import JsonOption, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, printed_as_json, say, table
from tracker.domain.plan import MUNICIPAL
from tracker.services import visits

app = noun_app("调研交流：登记各区和市政府办公厅的学习考察、经验交流及其收获。")


@command(app, "add")
def add(
    ctx: typer.Context,
    scope: Annotated[str, typer.Argument(help="区（代号或名称），或 市级")],
    place: Annotated[str, typer.Option("--place", help="地点或交流对象，如 上海市浦东新区")],
    date: Annotated[str | None, typer.Option("--date", help="日期，默认当天")] = None,
    participants: Annotated[str | None, typer.Option("--participants", help="参加人员")] = None,
    learned: Annotated[str | None, typer.Option("--learned", help="收获和可借鉴的做法")] = None,
) -> None:
    """登记一次调研交流，其收获用于试点工作报告的“主要做法”。

    示例：`tracker visit add 河西 --place "上海市浦东新区" --date 2017-11-15 --learned "目录动态调整机制"`
    """
    tracker = open_for(ctx)
    record = visits.add_visit(
        tracker, scope, place=place, day=date, participants=participants, learned=learned
    ).record
    say(f"已登记{tracker.scope_name(record.scope)}调研交流（{record.day}，{record.place}）")


@command(app, "list")
def list_visits(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="只看一个区；市级 为市政府办公厅")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """列出调研交流。示例：`tracker visit list --json`"""
    from tracker.services.read import queries

    tracker = open_for(ctx)
    scopes = (
        [tracker.scope(district)]
        if district
        else [d.id for d in tracker.plan.districts] + [MUNICIPAL]
    )
    rows = queries.visits(tracker, scopes)
    if printed_as_json(rows, json_output):
        return
    grid = table("日期", "区", "地点或对象", "参加人员", "收获和借鉴")
    for row in rows:
        grid.add_row(row.day.isoformat(), row.scope_name, row.place, row.participants, row.learned)
    console().print(grid)
