"""``tracker baseline import|list|compare|guide``: the municipal departments' basic catalogs
(本部门、本系统主动公开事项基本目录) and each district's catalog compared with them."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, plain, printed_as_json, say, table
from tracker.domain.baseline import ELEMENT_NAMES

app = noun_app(
    "基本目录：市有关部门导入本部门、本系统主动公开事项基本目录（格式与区目录相同），"
    "各区同一领域的目录与之比对——缺了哪些、多了哪些、哪些要素不同；缺项的区亮黄灯。"
)

DepartmentOption = Annotated[
    str | None,
    typer.Option("--department", help="部门：代号或名称，如 市规划局；部门联络员默认本部门"),
]


@command(app, "import")
def import_file(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="基本目录文件：.xlsx、.xls、.csv、.docx 或 .html")],
    department: DepartmentOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只检查并显示将要做的修改，不写入")
    ] = False,
    sheet: Annotated[list[str] | None, typer.Option("--sheet", help="只导入这个工作表")] = None,
    area: Annotated[str | None, typer.Option("--area", help="文件看不出领域时用这个领域")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="修改已有事项的原因")] = None,
) -> None:
    """导入或更新一个部门的基本目录（部门联络员只能导入本部门的，只收本部门负责的领域）。

    示例：`tracker baseline import 城乡规划基本目录.xlsx --department 市规划局 --dry-run`
    """
    from tracker.cli.progress import progress_bar
    from tracker.services.baselines import import_baseline
    from tracker.services.catalog_import import ImportOptions

    tracker = open_for(ctx)
    options = ImportOptions(sheets=tuple(sheet or ()), area=area, reason=reason)
    with progress_bar("检查并导入") as advance_bar:
        unit, result = import_baseline(
            tracker, department, Path(file), dry_run=dry_run, progress=advance_bar,
            options=options,
        )  # fmt: skip
    verb = "将" if dry_run else "已"
    say(
        f"{unit.name}基本目录：{verb}新增 {len(result.created)} 项，{verb}更新 "
        f"{len(result.adjusted)} 项，{result.unchanged} 项没有变化"
    )


@command(app, "list")
def list_baselines(
    ctx: typer.Context,
    json_output: JsonOption = False,
) -> None:
    """列出各部门负责的领域、已导入的基本目录事项数和涉及的试点区。示例：`tracker baseline list`"""
    from tracker.services.read.baseline import baselines

    tracker = open_for(ctx)
    rows = baselines(tracker)
    if printed_as_json(rows, json_output):
        return
    grid = table("部门", "领域", "基本目录事项", "涉及的试点区")
    for row in rows:
        grid.add_row(
            row.department_name,
            row.area,
            str(row.items) if row.items else "未导入",
            "、".join(row.districts) or "—",
        )
    console().print(grid)


@command(app, "compare")
def compare(
    ctx: typer.Context,
    district: DistrictOption = None,
    area: Annotated[str | None, typer.Option("--area", "-a", help="只看一个领域")] = None,
    json_output: JsonOption = False,
) -> None:
    """把各区目录与基本目录逐领域比对：缺少的基本事项、区里新增的事项、公开依据/时限/渠道不同的事项。

    示例：`tracker baseline compare`、`tracker baseline compare -d 河西 -a 城乡规划 --json`
    """
    from tracker.services.read.baseline import comparisons

    tracker = open_for(ctx)
    ids = [tracker.district(district).id] if district else None
    rows = comparisons(tracker, ids, area.strip() if area else None)
    if printed_as_json(rows, json_output):
        return
    if not rows:
        say("没有可比对的基本目录（部门尚未导入，或所选区没有该领域）")
        return
    out = console()
    grid = table("区", "领域", "部门", "基本目录", "区目录", "一致", "缺少", "新增", "要素不同")
    for row in rows:
        grid.add_row(
            row.district_name, row.area, row.department_name, str(row.baseline_items),
            str(row.district_items), str(row.matched), str(len(row.missing)),
            str(len(row.added)), str(len(row.differing)),
        )  # fmt: skip
    out.print(grid)
    if not (district or area):
        say("用 -d 区 或 -a 领域 查看缺少和要素不同的具体事项，--json 输出全部")
        return
    for row in rows:
        if not (row.missing or row.added or row.differing):
            continue
        out.print(f"\n[bold]{plain(row.district_name)}·{plain(row.area)}[/]")
        if row.missing:
            out.print("  缺少：" + plain("、".join(row.missing)))
        if row.added:
            out.print("  新增：" + plain("、".join(row.added)))
        for diff in row.differing:
            fields = "、".join(ELEMENT_NAMES[f] for f in diff.fields)
            out.print(f"  {plain(diff.district_item)}「{plain(diff.name)}」{fields}与基本目录不同")


@command(app, "guide")
def guide(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    text: Annotated[str, typer.Argument(help="对接指导的内容")],
    department: DepartmentOption = None,
    date: Annotated[str | None, typer.Option("--date", help="日期，默认当天")] = None,
) -> None:
    """记录部门对一个试点区的对接指导（五（二）：主动与试点单位对接，提供指导和支持）。

    示例：`tracker baseline guide 河西 "逐项核对城乡规划领域基本目录，补齐批后公布事项"`
    """
    from tracker.services.baselines import add_guidance

    tracker = open_for(ctx)
    note = add_guidance(tracker, department, district, text, date).record
    say(f"已记录对{tracker.plan.district(note.district).name}的对接指导（{note.date}）")
