"""``tracker concern add|respond|list``: 回应关切, within the plan's limit in hours."""

from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, listed, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, say, styled, table
from tracker.presentation import LIMIT_STATE_STYLES
from tracker.services import concerns

app = noun_app(
    "回应关切：登记各区收到的社会关切和回应。一般政务舆情应在 48 小时内回应；重大突发事件"
    "须在 5 小时内发布权威信息、24 小时内举行新闻发布会（时限见试点方案）。超时和未回应的亮黄灯。"
)


@command(app, "add")
def add(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    subject: Annotated[str, typer.Argument(help="关切事项")],
    source: Annotated[
        str, typer.Option("--source", help="来源：网民留言、12345热线、媒体报道、舆情监测、信访")
    ],
    received: Annotated[
        str, typer.Option("--received", help="收到时间，须写明几点几分，如 2018-03-05 09:30")
    ],
    area: Annotated[str | None, typer.Option("--area", help="涉及的试点领域")] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="类别：一般（默认）或 重大突发")
    ] = None,
) -> None:
    """登记一条社会关切，回应时限从收到时间算起。

    示例：`tracker concern add 津南 "低保审核结果何时公示" --source 12345热线
    --received "2018-03-05 09:30" --area 社会救助`
    """
    tracker = open_for(ctx)
    record = concerns.add_concern(
        tracker, district, source=source, received=received, subject=subject, area=area,
        level=level,
    ).record  # fmt: skip
    say(f"已登记关切 {record.district}-{record.id}（收到于 {record.received}）")


@command(app, "respond")
def respond(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(help="关切编号，如 津南-2")],
    at: Annotated[str | None, typer.Option("--at", help="回应时间，如 2018-03-06 10:00")] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="回应渠道，如 政府网站、政务微博")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="回应主体，如 区民政局")] = None,
    text: Annotated[str | None, typer.Option("--text", help="回应内容摘要")] = None,
    press: Annotated[
        str | None, typer.Option("--press", help="新闻发布会时间（重大突发事件须举行）")
    ] = None,
) -> None:
    """登记对一条关切的回应；已回应的重大突发舆情可再单独登记新闻发布会（只写 --press）。

    示例：`tracker concern respond 津南-2 --at "2018-03-06 10:00" --channel 政府网站 --by 区民政局`、
    `tracker concern respond 河西-1 --press "2018-03-02 07:00"`
    """
    tracker = open_for(ctx)
    record = concerns.respond_concern(
        tracker, record_id, at=at, channel=channel, by=by, response=text, press=press
    ).record
    held = f"，新闻发布会 {record.press}" if record.press else ""
    say(f"已登记对关切 {record_id} 的回应（{record.responded}{held}）")


@command(app, "list")
def list_concerns(
    ctx: typer.Context,
    district: DistrictOption = None,
    json_output: JsonOption = False,
) -> None:
    """列出关切和回应，并判断是否按时。示例：`tracker concern list -d 津南 --json`"""
    from tracker.services.read import queries

    rows = listed(ctx, district, json_output, queries.concerns)
    if rows is None:
        return
    grid = table("编号", "区", "来源", "关切事项", "收到时间", "时限", "回应", "情况",
                 keep=("编号", "收到时间"))  # fmt: skip
    for row in rows:
        done = f"{row.responded} {row.channel}" if row.responded else "—"
        grid.add_row(
            f"{row.district}-{row.id}",
            row.district_name,
            row.source_name,
            row.subject,
            row.received,
            f"{row.limit_hours} 小时",
            done,
            styled(row.state_name, LIMIT_STATE_STYLES[row.state]),
        )
    console().print(grid)
