"""``tracker consultation add|update|list``: 公众参与 — public consultations on decisions."""

from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, listed, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, say, table
from tracker.services import consultations

app = noun_app("公众参与：登记各区重要决策的意见征集——征集期、收到意见数、采纳情况是否公布。")


@command(app, "add")
def add(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    subject: Annotated[str, typer.Argument(help="征集事项（决策草案）")],
    start: Annotated[str, typer.Option("--start", help="征集开始日期")],
    end: Annotated[str, typer.Option("--end", help="征集截止日期")],
    item: Annotated[str | None, typer.Option("--item", help="对应的公开事项编号")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="草案文号")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="征集渠道")] = None,
    opinions: Annotated[str | None, typer.Option("--opinions", help="收到意见数")] = None,
    adoption: Annotated[str | None, typer.Option("--adoption", help="采纳情况公布日期")] = None,
) -> None:
    """登记一次意见征集。

    示例：`tracker consultation add 武清 "武清区保障性住房分配办法（征求意见稿）"
    --start 2018-03-01 --end 2018-03-30 --channel 政府网站`
    """
    tracker = open_for(ctx)
    record = consultations.add_consultation(
        tracker, district, subject=subject, start=start, end=end, item=item, ref=ref,
        channel=channel, opinions=opinions, adoption=adoption,
    ).record  # fmt: skip
    say(f"已登记意见征集 {record.district}-{record.id}（{record.start} 至 {record.end}）")


@command(app, "update")
def update(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(help="意见征集编号，如 武清-1")],
    opinions: Annotated[str | None, typer.Option("--opinions", help="收到意见数")] = None,
    adoption: Annotated[str | None, typer.Option("--adoption", help="采纳情况公布日期")] = None,
) -> None:
    """登记征集结果：收到多少意见，采纳情况何时公布。

    示例：`tracker consultation update 武清-1 --opinions 126 --adoption 2018-04-10`
    """
    tracker = open_for(ctx)
    consultations.update_consultation(tracker, record_id, opinions=opinions, adoption=adoption)
    say(f"已更新意见征集 {record_id}")


@command(app, "list")
def list_consultations(
    ctx: typer.Context,
    district: DistrictOption = None,
    json_output: JsonOption = False,
) -> None:
    """列出意见征集。示例：`tracker consultation list --json`"""
    from tracker.services.read import queries

    rows = listed(ctx, district, json_output, queries.consultations)
    if rows is None:
        return
    grid = table("编号", "区", "征集事项", "开始", "截止", "收到意见", "采纳情况公布",
                 keep=("编号", "开始", "截止"))  # fmt: skip
    for row in rows:
        grid.add_row(
            f"{row.district}-{row.id}",
            row.district_name,
            row.subject,
            row.start.isoformat(),
            row.end.isoformat(),
            "—" if row.opinions is None else str(row.opinions),
            row.adoption.isoformat() if row.adoption else ("征集中" if not row.held else "未公布"),
        )
    console().print(grid)
