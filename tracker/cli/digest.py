"""``tracker digest``: what changed in each district since a day (by default, last Monday)."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import single_command
from tracker.cli.output import console, plain, printed_as_json, say, styled
from tracker.presentation import ALERT_LIGHTS, ALERT_STYLES


def digest(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", help="从哪天起：日期，或 上周一（默认）、本周一、昨天、7天前"),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", "--md", help="输出 Markdown")] = False,
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="把 Markdown 写入文件（如 周报.md）")
    ] = None,
) -> None:
    """每周动态：自某日以来各区的变化——各类操作的次数，以及节点完成或逾期、预警和任务状态变化、督办单下发和回复、事项公开。

    示例：`tracker digest`（上周一以来）、`tracker digest --since 2018-03-05 --json`、
    `tracker digest --since 本周一 -o 周报.md`
    """
    from tracker.services.read.digest import digest as build
    from tracker.services.read.digest import parse_since

    tracker = open_for(ctx)
    found = build(tracker, parse_since(since, tracker.as_of))
    if printed_as_json(found, json_output):
        return
    if markdown or out:
        from tracker.services.read.digest import digest_markdown

        text = digest_markdown(found)
        if out:
            from tracker.reports.files import write_output

            path = Path(out)

            def write(partial: Path) -> None:
                partial.write_text(text, encoding="utf-8")

            write_output(path, write)
            say(f"已生成 {path}")
        else:
            typer.echo(text, nl=False)
        return
    screen = console()
    screen.print(f"[bold]试点工作动态[/]　{found.since} 至 {found.until}")
    for district in found.districts:
        screen.print()
        light = ""
        if district.light and district.light_before:
            now = styled(ALERT_LIGHTS[district.light], ALERT_STYLES[district.light])
            light = f"  {now}"
            if district.light_before != district.light:
                light += f"（原为{ALERT_LIGHTS[district.light_before][2:]}）"
        screen.print(f"[bold]{plain(district.name)}[/]{light}")
        if not district.changes and not district.events:
            screen.print("  本期没有变化")
            continue
        counts = "、".join(f"{what} {n}" for what, n in district.counts.items())
        screen.print(f"  共 {district.changes} 项操作" + (f"：{plain(counts)}" if counts else ""))
        for event in district.events:
            screen.print(f"  {event.day}  {event.kind_name}  {plain(event.text)}")


app = single_command("digest", digest)
