"""``tracker status``: every district's light, tasks and milestones on the as-of date."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import single_command
from tracker.cli.output import console, plain, print_json, say, styled, table
from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.presentation import (
    ALERT_LIGHTS,
    ALERT_REASON_STYLES,
    ALERT_STYLES,
    MILESTONE_STATE_STYLES,
    REQUIREMENT_MARKS,
    TASK_STATUS_STYLES,
    days_text,
    milestone_state_text,
    names_text,
    progress_text,
)
from tracker.services.read.models import Contact, MilestoneState, PilotState
from tracker.services.read.queries import pilot_state
from tracker.services.read.views import status_json

if TYPE_CHECKING:
    from tracker.exports.tables import Sheet


def status(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Argument(help="只看一个区：代号或名称，如 hexi、河西区、河西")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="输出 JSON（键名见产品说明）")
    ] = False,
    xlsx: Annotated[
        str | None,
        typer.Option("--xlsx", help="另存为 Excel 工作簿：总览、任务、时间节点三张表"),
    ] = None,
) -> None:
    """查看试点总体情况：各区红黄绿灯及原因、四项任务进度、时间节点状态、工作要求落实情况。

    示例：`tracker status`、`tracker status 河西 --json`、`tracker --as-of 2018-09-05 status`、
    `tracker status --xlsx 试点总览.xlsx`
    """
    tracker = open_for(ctx)
    state = pilot_state(tracker, [tracker.district(district).id] if district else None)
    if json_output:
        print_json(status_json(state))
        return
    if xlsx:
        from pathlib import Path

        from tracker.exports.tables import write_sheets

        say(f"已另存为 {write_sheets(Path(xlsx), status_sheets(state))}")
        return
    _print_status(state)


def status_sheets(state: PilotState) -> "list[Sheet]":
    """The overview as worksheets: a row per district, then every task, then every milestone."""
    overview = ["区", "预警", "原因", "负责人", "时间进度"]
    overview += [t.name for t in state.districts[0].tasks] if state.districts else []
    overview += [
        "事项",
        "已梳理",
        "已标准化",
        "已公开",
        "已撤销",
        "缺要素",
        "工作要求",
        "未办结督办单",
    ]
    rows = []
    for d in state.districts:
        items = d.items.overall
        met = sum(1 for r in d.requirements if r.met)
        rows.append(
            [
                d.name,
                ALERT_LIGHTS[d.alert][2:],
                "\n".join(d.alert_reasons),
                names_text(_contact(p) for p in d.leads),
                f"{d.expected_progress}%",
                *(f"{t.progress}%（{t.status_name}）" for t in d.tasks),
                *map(str, (items.total, items.combed, items.standardized, items.published)),
                str(items.withdrawn),
                str(items.missing_elements),
                f"{met}/{len(d.requirements)}",
                str(sum(1 for o in d.orders if o.open)),
            ]
        )
    tasks = [
        [d.name, t.name, t.status_name, f"{t.progress}%", t.owner_name or t.owner or "—", t.note]
        for d in state.districts
        for t in d.tasks
    ]
    milestones = [
        [
            m.scope_name,
            m.name,
            m.due.isoformat(),
            m.done.isoformat() if m.done else "—",
            milestone_state_text(m.state, m.days_left),
            m.ref,
        ]
        for m in state.milestones
    ]
    return [
        ("总览", overview, rows),
        ("任务", ["区", "任务", "状态", "进度", "责任人", "备注"], tasks),
        ("时间节点", ["区", "时间节点", "截止", "完成", "状态", "文号"], milestones),
    ]


def _print_status(state: PilotState) -> None:
    out = console()
    out.print(f"[bold]{plain(state.plan.title)}[/]（{plain(state.plan.doc_no)}）")
    out.print(f"截至 [bold]{state.as_of}[/]")
    nearest = state.next_deadline
    if nearest:
        out.print(
            f"下一个截止：{plain(nearest.name)}（{nearest.due}，{days_text(nearest.state, nearest.days_left)}）"
        )
    for district in state.districts:
        light = styled(ALERT_LIGHTS[district.alert], ALERT_STYLES[district.alert])
        leads = names_text(_contact(p) for p in district.leads)
        out.print()
        out.print(
            f"[bold]{plain(district.name)}[/]  {light}  负责人：{plain(leads)}  时间进度：{district.expected_progress}%"
        )
        for number, alert in enumerate(district.alerts, 1):  # order issue --from-alert N
            out.print(f"  （{number}）{styled(alert.text, ALERT_REASON_STYLES[alert.level])}")
        tasks = table("任务", "状态", "进度", "责任人", "备注")
        for t in district.tasks:
            tasks.add_row(
                t.name,
                styled(t.status_name, TASK_STATUS_STYLES[t.status]),
                progress_text(t.progress),
                t.owner_name or t.owner or "—",
                t.note or "",
            )
        out.print(tasks)
        milestones = table("时间节点", "截止", "完成", "状态", "文号")
        for m in district.milestones:
            milestones.add_row(
                m.name, m.due.isoformat(), str(m.done or "—"), _state(m), m.ref or ""
            )
        out.print(milestones)
        items = district.items.overall
        if items.total:
            counts = "、".join(
                f"{ITEM_STATES.label(state)} {count}" for state, count in items.by_status.items()
            )
            out.print(
                f"事项目录：共 {items.total} 项（{counts}），缺要素 {items.missing_elements} 项"
            )
        met = plain("  ".join(REQUIREMENT_MARKS[r.met] + r.name for r in district.requirements))
        out.print(f"工作要求：{met}")
    out.print()
    for m in state.municipal_milestones:
        out.print(f"[bold]市级[/] {plain(m.name)}：截止 {m.due}，{_state(m)}")


def _contact(person: Contact) -> str:
    return f"{person.name}（{person.phone}）" if person.phone else person.name


def _state(milestone: MilestoneState) -> str:
    return styled(
        milestone_state_text(milestone.state, milestone.days_left),
        MILESTONE_STATE_STYLES[milestone.state],
    )


app = single_command("status", status)
