"""``tracker status``: every district's light, tasks and milestones on the as-of date."""

from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import single_command
from tracker.cli.output import (
    ALERT_LIGHTS,
    ALERT_STYLES,
    STATE_STYLES,
    STATUS_STYLES,
    console,
    plain,
    print_json,
    progress_bar,
    styled,
    table,
)
from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.rules import days_text
from tracker.services.views import status_json


def status(
    ctx: typer.Context,
    district: Annotated[
        str | None, typer.Argument(help="只看一个区：代号或名称，如 hexi、河西区、河西")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="输出 JSON（键名见产品说明）")
    ] = False,
) -> None:
    """查看试点总体情况：各区红黄绿灯及原因、四项任务进度、时间节点状态、工作要求落实情况。

    示例：`tracker status`、`tracker status 河西 --json`、`tracker --as-of 2018-09-05 status`
    """
    tracker = open_for(ctx)
    ids = [tracker.district(district).id] if district else None
    data = status_json(tracker, ids)
    if json_output:
        print_json(data)
        return
    _print_status(data)


def _print_status(data: dict) -> None:
    out = console()
    plan = data["plan"]
    out.print(f"[bold]{plain(plan['title'])}[/]（{plain(plan['doc_no'])}）")
    out.print(f"截至 [bold]{data['as_of']}[/]")
    upcoming = [
        m
        for d in data["districts"]
        for m in d["milestones"]
        if m["state"] in ("pending", "due-soon")
    ] + [m for m in data["municipal"]["milestones"] if m["state"] in ("pending", "due-soon")]
    if upcoming:
        nearest = min(upcoming, key=lambda m: m["days_left"])
        out.print(
            f"下一个截止：{plain(nearest['name'])}（{nearest['due']}，{days_text(nearest['state'], nearest['days_left'])}）"
        )
    for district in data["districts"]:
        light = styled(ALERT_LIGHTS[district["alert"]], ALERT_STYLES[district["alert"]])
        leads = (
            "、".join(
                f"{p['name']}（{p['phone']}）" if p["phone"] else p["name"]
                for p in district["leads"]
            )
            or "未明确"
        )
        out.print()
        out.print(
            f"[bold]{plain(district['name'])}[/]  {light}  负责人：{plain(leads)}  时间进度：{district['expected_progress']}%"
        )
        for reason in district["alert_reasons"]:
            out.print(f"  · {styled(reason, ALERT_STYLES[district['alert']].replace('bold ', ''))}")
        tasks = table("任务", "状态", "进度", "责任人", "备注")
        for t in district["tasks"]:
            tasks.add_row(
                t["name"],
                styled(t["status_name"], STATUS_STYLES[t["status"]]),
                progress_bar(t["progress"]),
                t["owner_name"] or t["owner"] or "—",
                t["note"] or "",
            )
        out.print(tasks)
        milestones = table("时间节点", "截止", "完成", "状态", "文号")
        for m in district["milestones"]:
            milestones.add_row(
                m["name"],
                m["due"],
                m["done"] or "—",
                styled(
                    f"{m['state_name']}（{days_text(m['state'], m['days_left'])}）",
                    STATE_STYLES[m["state"]],
                ),
                m["ref"] or "",
            )
        out.print(milestones)
        items = district["items"]
        if items["total"]:
            counts = "、".join(
                f"{ITEM_STATES.label(state)} {count}" for state, count in items["by_status"].items()
            )
            out.print(
                f"事项目录：共 {items['total']} 项（{counts}），缺要素 {items['missing_elements']} 项"
            )
        met = plain(
            "  ".join(("✓" if r["met"] else "✗") + r["name"] for r in district["requirements"])
        )
        out.print(f"工作要求：{met}")
    out.print()
    for m in data["municipal"]["milestones"]:
        state = styled(
            f"{m['state_name']}（{days_text(m['state'], m['days_left'])}）",
            STATE_STYLES[m["state"]],
        )
        out.print(f"[bold]市级[/] {plain(m['name'])}：截止 {m['due']}，{state}")


app = single_command("status", status)
