"""``tracker interpretation add|publish|list``: 政策解读, due with the policy or within the plan's
limit in working days."""

from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, listed, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, say, styled, table
from tracker.presentation import LIMIT_STATE_STYLES
from tracker.services import interpretations

app = noun_app(
    "政策解读：登记各区的政策文件及其解读。解读应与文件同步发布，或在试点方案规定的工作日内发布"
    "（节假日和调休按国务院办公厅的安排计算）；超时和未解读的在总览中亮黄灯。"
)

FormOption = Annotated[
    str | None,
    typer.Option("--form", help="解读形式：文字、图解、音视频、新闻发布会、在线访谈、媒体采访"),
]
ByOption = Annotated[str | None, typer.Option("--by", help="解读人（姓名和职务，或单位）")]
LeaderOption = Annotated[
    bool, typer.Option("--leader", help="由主要负责人或领导干部解读（第一解读人）")
]
PublishedOption = Annotated[str | None, typer.Option("--published", help="解读发布日期")]
ChannelOption = Annotated[str | None, typer.Option("--channel", help="发布渠道，如 政府网站")]
UrlOption = Annotated[str | None, typer.Option("--url", help="解读页面地址")]


@command(app, "add")
def add(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    policy: Annotated[str | None, typer.Option("--policy", help="政策文件标题")] = None,
    policy_date: Annotated[
        str | None, typer.Option("--policy-date", help="政策文件发布日期（解读时限从此算起）")
    ] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="政策文件文号")] = None,
    item: Annotated[
        str | None, typer.Option("--item", help="对应的公开事项编号，如 hexi-12")
    ] = None,
    form: FormOption = None,
    by: ByOption = None,
    leader: LeaderOption = False,
    published: PublishedOption = None,
    channel: ChannelOption = None,
    url: UrlOption = None,
) -> None:
    """登记一份需要解读的政策文件；已发布解读的，一并写明形式、解读人和发布日期。

    示例：`tracker interpretation add 河西 --policy "河西区老旧小区改造实施方案" --ref 河西政发〔2018〕3号
    --policy-date 2018-03-01 --form 图解 --by 区住建委主任 --leader --published 2018-03-01`
    """
    tracker = open_for(ctx)
    record = interpretations.add_interpretation(
        tracker, district, policy=policy, policy_date=policy_date, ref=ref, item=item,
        form=form, interpreter=by, leader=leader, published=published, channel=channel,
        url=url,
    ).record  # fmt: skip
    name = tracker.plan.district(record.district).name
    state = f"，解读已于 {record.published} 发布" if record.published else "，待解读"
    say(f"已登记{name}政策「{record.policy}」（编号 {record.district}-{record.id}{state}）")


@command(app, "publish")
def publish(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(help="政策解读编号，如 河西-3")],
    form: FormOption = None,
    by: ByOption = None,
    leader: LeaderOption = False,
    published: PublishedOption = None,
    channel: ChannelOption = None,
    url: UrlOption = None,
) -> None:
    """登记一份政策的解读已发布。

    示例：`tracker interpretation publish 河西-3 --form 新闻发布会 --by 区政府副区长 --leader --published 2018-03-05`
    """
    tracker = open_for(ctx)
    record = interpretations.publish_interpretation(
        tracker, record_id, published=published, form=form, interpreter=by, leader=leader,
        channel=channel, url=url,
    ).record  # fmt: skip
    say(f"已登记政策「{record.policy}」的解读（{record.published} 发布）")


@command(app, "list")
def list_interpretations(
    ctx: typer.Context,
    district: DistrictOption = None,
    json_output: JsonOption = False,
) -> None:
    """列出政策文件及其解读，并判断是否按时。示例：`tracker interpretation list -d 河西 --json`"""
    from tracker.services.read import queries

    rows = listed(ctx, district, json_output, queries.interpretations)
    if rows is None:
        return
    grid = table("编号", "区", "政策文件", "文件日期", "应解读日期", "解读", "解读人", "情况",
                 keep=("编号", "文件日期", "应解读日期"))  # fmt: skip
    for row in rows:
        done = f"{row.published} {row.form_name}" if row.published else "—"
        who = f"{row.interpreter}{'（领导干部）' if row.leader else ''}" if row.interpreter else "—"
        grid.add_row(
            f"{row.district}-{row.id}",
            row.district_name,
            f"{row.policy}（{row.ref}）" if row.ref else row.policy,
            row.policy_date.isoformat(),
            row.due.isoformat(),
            done,
            who,
            styled(row.state_name, LIMIT_STATE_STYLES[row.state]),
        )
    console().print(grid)
