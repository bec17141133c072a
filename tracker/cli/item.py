"""``tracker item …``: the district's standard catalog of disclosure items."""

from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.context import open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, plain, print_json, say, styled, table
from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.items import (
    LABELS,
    changed_elements,
    describe,
    element_text,
    missing_elements,
)
from tracker.presentation import ITEM_STATE_STYLES
from tracker.services import items as catalog

app = noun_app("政务公开事项标准目录：登记、查看、修改（动态调整）、推进、撤销、导入和导出事项。")

LIST_LIMIT = 200

ItemArgument = Annotated[str, typer.Argument(help="事项编号，如 hexi-12 或 河西-12")]
Text = Annotated[str | None, typer.Option()]


def _elements(
    area: str | None,
    topic: str | None,
    name: str | None,
    content: str | None,
    basis: str | None,
    time_limit: str | None,
    subject: str | None,
    channel: list[str] | None,
    audience: str | None,
    mode: str | None,
    level: str | None,
    five: list[str] | None,
) -> dict[str, Any]:
    return {
        "area": area,
        "topic": topic,
        "name": name,
        "content": content,
        "basis": basis,
        "time_limit": time_limit,
        "subject": subject,
        "channels": channel or None,
        "audience": audience,
        "mode": mode,
        "level": level,
        "five": five or None,
    }


AreaOption = Annotated[str | None, typer.Option("--area", help="领域，如 城乡规划")]
TopicOption = Annotated[str | None, typer.Option("--topic", help="一级事项")]
NameOption = Annotated[str | None, typer.Option("--name", help="二级事项（事项名称）")]
ContentOption = Annotated[str | None, typer.Option("--content", help="公开内容（要素）")]
BasisOption = Annotated[
    str | None, typer.Option("--basis", help="公开依据，如《政府信息公开条例》")
]
TimeLimitOption = Annotated[str | None, typer.Option("--time-limit", help="公开时限")]
SubjectOption = Annotated[str | None, typer.Option("--subject", help="公开主体")]
ChannelOption = Annotated[
    list[str] | None, typer.Option("--channel", help="公开渠道，可多次给出或用顿号分隔")
]
AudienceOption = Annotated[str | None, typer.Option("--audience", help="全社会 或 特定群体")]
ModeOption = Annotated[str | None, typer.Option("--mode", help="主动 或 依申请")]
LevelOption = Annotated[str | None, typer.Option("--level", help="区级 或 街乡镇级")]
FiveOption = Annotated[
    list[str] | None, typer.Option("--five", help="五公开类型：决策、执行、管理、服务、结果")
]


@command(app, "add")
def add(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    area: AreaOption = None,
    name: NameOption = None,
    topic: TopicOption = None,
    content: ContentOption = None,
    basis: BasisOption = None,
    time_limit: TimeLimitOption = None,
    subject: SubjectOption = None,
    channel: ChannelOption = None,
    audience: AudienceOption = None,
    mode: ModeOption = None,
    level: LevelOption = None,
    five: FiveOption = None,
    added_area: Annotated[
        bool, typer.Option("--added-area", help="领域不在试点范围内、为结合实际新增")
    ] = False,
) -> None:
    """登记一个公开事项（状态为「已梳理」，要素可以暂缺）。

    示例：`tracker item add 河西 --area 城乡规划 --topic 规划管理 --name 控制性详细规划
    --basis 《城乡规划法》 --mode 主动`
    """
    tracker = open_for(ctx)
    raw = _elements(
        area, topic, name, content, basis, time_limit, subject, channel, audience, mode, level, five
    )
    item = catalog.add_item(tracker, district, {**raw, "added_area": added_area or None}).record
    missing = "、".join(LABELS[m] for m in item.missing())
    say(f"已登记事项 {item.id} {describe(item)}" + (f"，尚缺要素：{missing}" if missing else ""))


@command(app, "list")
def list_items(
    ctx: typer.Context,
    district: Annotated[str | None, typer.Option("--district", "-d", help="只看一个区")] = None,
    area: Annotated[str | None, typer.Option("--area", "-a", help="只看一个领域")] = None,
    status: Annotated[
        str | None, typer.Option("--status", "-s", help="已梳理、已标准化、已公开、已撤销")
    ] = None,
    five: Annotated[str | None, typer.Option("--five", help="五公开类型，如 决策")] = None,
    missing: Annotated[bool, typer.Option("--missing", help="只看缺少必备要素的事项")] = False,
    search: Annotated[
        str | None, typer.Option("--search", "-q", help="在编号、名称、内容、依据、主体中查找")
    ] = None,
    limit: Annotated[
        str, typer.Option("--limit", "-n", help="表格最多显示多少条（--json 不限）")
    ] = str(LIST_LIMIT),
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON 数组")] = False,
) -> None:
    """列出事项，可按区、领域、状态、五公开类型、缺要素和关键词筛选。

    示例：`tracker item list -d 河西 --missing`、`tracker item list -s 已公开 -q 规划 --json`
    """
    from tracker.domain.values import parse_int
    from tracker.services.read.views import item_json

    tracker = open_for(ctx)
    wanted = catalog.ItemFilter(district, area, status, five, missing, search)
    found = catalog.list_items(tracker, wanted)
    if json_output:
        print_json([item_json(tracker, item) for item in found])
        return
    shown = found[: parse_int(limit, what="条数（--limit）", low=1, high=100_000)]
    grid = table("编号", "领域", "一级事项", "二级事项", "状态", "缺少要素")
    for item in shown:
        live = item["status"] != "withdrawn"
        grid.add_row(
            item["id"],
            item["area"],
            item["topic"],
            item["name"],
            styled(ITEM_STATES.label(item["status"]), ITEM_STATE_STYLES[item["status"]]),
            "、".join(LABELS[m] for m in missing_elements(item)) if live else "",
        )
    out = console()
    out.print(grid)
    out.print(
        f"共 {len(found)} 项"
        + (
            f"，显示前 {len(shown)} 项（--limit 调整，--json 输出全部）"
            if len(shown) < len(found)
            else ""
        )
    )


@command(app, "show")
def show(
    ctx: typer.Context,
    item_id: ItemArgument,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON（含修改历史）")] = False,
) -> None:
    """显示一个事项的全部要素和修改历史（含动态调整的原因）。

    示例：`tracker item show hexi-12`、`tracker item show 河西-12 --json`
    """
    # The read models behind the views cost an item change ~8 ms to import: only reads pay.
    from tracker.services.read.views import item_elements, item_json

    tracker = open_for(ctx)
    item = catalog.find_item(tracker, item_id)
    history = catalog.item_history(tracker, item)
    data = item_json(tracker, item.to_dict(), history=history)
    if json_output:
        print_json(data)
        return
    out = console()
    state = styled(data["status_name"], ITEM_STATE_STYLES[item.status])
    out.print(f"[bold]{plain(item.id)}[/] {plain(describe(item))}  {state}")
    grid = table("要素", "内容")
    for label, text in item_elements(data):
        grid.add_row(label, text)
    out.print(grid)
    if history:
        revisions = table("时间", "操作人", "类型", "原因", "变更", title="修改历史")
        for entry in history:
            changes = "；".join(
                f"{LABELS.get(k, k)}：{element_text(k, old)} → {element_text(k, new)}"
                for k, (old, new) in entry["changes"].items()
            )
            revisions.add_row(
                entry["at"][:16].replace("T", " "),
                entry["by"],
                entry["kind"],
                entry["reason"] or "—",
                changes,
            )
        out.print(revisions)


@command(app, "update")
def update(
    ctx: typer.Context,
    item_id: ItemArgument,
    area: AreaOption = None,
    name: NameOption = None,
    topic: TopicOption = None,
    content: ContentOption = None,
    basis: BasisOption = None,
    time_limit: TimeLimitOption = None,
    subject: SubjectOption = None,
    channel: ChannelOption = None,
    audience: AudienceOption = None,
    mode: ModeOption = None,
    level: LevelOption = None,
    five: FiveOption = None,
    url: Annotated[str | None, typer.Option("--url", help="页面地址")] = None,
    added_area: Annotated[
        bool | None, typer.Option("--added-area/--focal-area", help="标为新增领域，或改回试点领域")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="调整原因（已公开事项必填）")
    ] = None,
) -> None:
    """修改事项要素；已公开事项的修改是动态调整，须说明原因，历史会保留。

    示例：`tracker item update hexi-12 --basis 《中华人民共和国城乡规划法》 --reason 依据更新`
    """
    tracker = open_for(ctx)
    raw = {
        **_elements(
            area,
            topic,
            name,
            content,
            basis,
            time_limit,
            subject,
            channel,
            audience,
            mode,
            level,
            five,
        ),
        "url": url,
        "added_area": added_area,
    }
    outcome = catalog.update_item(tracker, item_id, raw, reason)
    item = outcome.record
    say(f"已修改事项 {item.id} {describe(item)}" if outcome.changed else f"事项 {item.id} 没有变化")


@command(app, "advance")
def advance(
    ctx: typer.Context,
    item_id: ItemArgument,
    target: Annotated[str, typer.Argument(help="standardized（已标准化）或 published（已公开）")],
    date: Annotated[str | None, typer.Option("--date", help="公开日期，默认当天")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="页面地址（通过政府网站公开时必填）")
    ] = None,
) -> None:
    """推进事项：已梳理 → 已标准化（六要素齐全）→ 已公开（有日期、渠道，政府网站须有地址）。

    示例：`tracker item advance hexi-12 standardized`、`tracker item advance hexi-12 已公开 --url http://www.tjhx.gov.cn/zwgk/12.html`
    """
    tracker = open_for(ctx)
    outcome = catalog.advance_item(tracker, item_id, target, day=date, url=url)
    item = outcome.record
    say(f"事项 {item.id} {describe(item)}已推进为「{ITEM_STATES.label(item.status)}」")


@command(app, "withdraw")
def withdraw(
    ctx: typer.Context,
    item_id: ItemArgument,
    reason: Annotated[str, typer.Option("--reason", help="撤销原因（必填）")],
) -> None:
    """撤销一个事项（保留记录和历史）。

    示例：`tracker item withdraw wuqing-3 --reason 职能划转至市级`
    """
    tracker = open_for(ctx)
    item = catalog.withdraw_item(tracker, item_id, reason).record
    say(f"已撤销事项 {item.id} {describe(item)}")


@command(app, "import")
def import_file(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    file: Annotated[
        str,
        typer.Argument(help="目录文件：.xlsx、.xls、.csv（UTF-8、带 BOM 或 GBK）、.docx 或 .html"),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只检查并逐项显示将要做的修改，不写入")
    ] = False,
    sheet: Annotated[
        list[str] | None,
        typer.Option("--sheet", help="只导入这个工作表（可重复）；默认导入所有工作表"),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", help="文件没有「领域」列、标题和工作表名也看不出领域时，用这个领域"),
    ] = None,
    ignore_column: Annotated[
        list[str] | None,
        typer.Option("--ignore-column", help="不导入这一列（可重复），如 --ignore-column 备注说明"),
    ] = None,
    added_area: Annotated[
        list[str] | None,
        typer.Option("--added-area", help="这个领域为结合实际新增、不在试点领域之内（可重复）"),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="修改已公开事项（动态调整）的原因；有这类修改时必填"),
    ] = None,
) -> None:
    """导入区里整理或已发布的目录：每个工作表、每个表格都读，逐行检查，有任何错误则全部不导入；
    再次导入修改后的表格会按动态调整更新原事项。

    领域取自「领域」列；没有这一列时，取自标题行（如「河西区城乡规划领域基层政务公开标准目录」）、
    工作表名，或 --area。公开对象、公开方式、公开层级可以是打勾的分列（全社会｜特定群众、主动｜依申请公开、
    县级｜乡级），两级都勾即两级都公开。渠道可写成 ■/□ 勾选、编号或顿号分隔；标准渠道以外的平台按名称保留。

    示例：`tracker item import 河西 河西区目录.xlsx --dry-run`、
    `tracker item import 津南 城乡规划.docx --area 城乡规划`、
    `tracker item import 武清 目录.xlsx --sheet 城乡规划 --sheet 财政预决算 --reason 机构改革调整公开主体`
    """
    from tracker.cli.progress import progress_bar
    from tracker.services.catalog_import import ImportOptions, import_catalog

    tracker = open_for(ctx)
    options = ImportOptions(
        sheets=tuple(sheet or ()),
        area=area,
        ignore_columns=tuple(ignore_column or ()),
        added_areas=tuple(added_area or ()),
        reason=reason,
    )
    with progress_bar("检查并导入") as advance_bar:
        result = import_catalog(
            tracker, district, Path(file), dry_run=dry_run, progress=advance_bar, options=options
        )
    verb = "将" if dry_run else "已"
    say(
        f"{verb}新增 {len(result.created)} 项，{verb}更新 {len(result.adjusted)} 项，"
        f"{result.unchanged} 项没有变化"
    )
    for summary in result.sheets:
        say(_sheet_line(summary, verb))
    if result.ignored_headers:
        say(f"忽略了这些列：{'、'.join(result.ignored_headers)}")
    if result.other_channels:
        say(f"标准渠道以外的平台（按名称保留为「其他」渠道）：{'、'.join(result.other_channels)}")
    published = result.published_adjusted
    if published and not result.reason:
        say(
            f"注意：有 {len(published)} 项已公开事项会被修改（动态调整），"
            "正式导入时须用 --reason 说明原因"
        )
    if dry_run:
        for item in result.created:
            say(f"  新增 {describe(item)}")
        for before, after in result.adjusted:
            say(f"  更新 {before.id} {describe(before)}")
            for name, old, new in changed_elements(before, after):
                say(f"      {name}：{old or '（空）'} → {new or '（空）'}")
        say("（--dry-run：未写入任何数据）")


def _sheet_line(summary: Any, verb: str) -> str:
    label = summary.label or "表格"
    if summary.skipped:
        return f"  {label}：{summary.skipped}，已跳过"
    parts = [
        f"{summary.rows} 行，{verb}新增 {summary.created}、更新 {summary.adjusted}、未变 {summary.unchanged}"
    ]
    if summary.area_from:
        parts.append(f"领域「{summary.area}」取自{summary.area_from}")
    for name, count in summary.filled.items():
        parts.append(f"{count} 个空白的「{LABELS.get(name, name)}」按上一行补全（合并单元格）")
    return f"  {label}：{'；'.join(parts)}"


@command(app, "export")
def export(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="xlsx（默认）、csv 或 html")
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="输出文件，默认写到 exports/")
    ] = None,
) -> None:
    """导出区的标准目录：Excel（标准两行表头）、CSV（带 BOM，Excel 可直接打开）或可发布到门户的网页。

    示例：`tracker item export 河西`、`tracker item export 武清 -f html -o 武清目录.html`
    """
    from tracker.exports.catalog import export_catalog

    tracker = open_for(ctx)
    path, count = export_catalog(tracker, district, fmt, Path(out) if out else None)
    say(f"已导出 {count} 项到 {path}")
