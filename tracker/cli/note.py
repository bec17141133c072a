"""``tracker note add|list`` and ``tracker evaluation add|list``: what feeds the reports."""

from typing import Annotated

import typer

from tracker.cli.context import DistrictOption, JsonOption, listed, open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import console, printed_as_json, say, table
from tracker.domain.vocab import EVALUATION_KINDS, NOTE_KINDS
from tracker.services import evaluations, notes

app = noun_app("记录和查看各区的工作进展、做法、成效、问题和建议。")
evaluation_app = noun_app("记录和查看社会评价、第三方评估。")

DistrictArgument = Annotated[str, typer.Argument(help="区：代号或名称")]
DateOption = Annotated[str | None, typer.Option("--date", help="日期，默认当天")]


@command(app, "add")
def add(
    ctx: typer.Context,
    district: DistrictArgument,
    text: Annotated[str, typer.Argument(help="内容")],
    kind: Annotated[
        str,
        typer.Option("--kind", "-k", help="工作进展、主要做法、成效、存在的问题、建议"),
    ],
    date: DateOption = None,
    ref: Annotated[str | None, typer.Option("--ref", help="所报文件的文号")] = None,
) -> None:
    """为一个区记一条记录；任何记录都算报告了工作进展（30 天内须至少报告一次），并用于试点工作报告。

    示例：`tracker note add 河西 --kind 工作进展 "完成9个领域事项初步梳理"`
    """
    tracker = open_for(ctx)
    note = notes.add_note(tracker, district, kind=kind, text=text, day=date, ref=ref).record
    name = tracker.plan.district(note.district).name
    say(f"已记录{name}{NOTE_KINDS.label(note.kind)}（{note.date}，编号 {note.district}-{note.id}）")


ReasonOption = Annotated[str, typer.Option("--reason", help="为什么更正或删除（记入操作日志）")]


@command(app, "edit")
def edit(
    ctx: typer.Context,
    note_id: Annotated[str, typer.Argument(help="记录编号，如 河西-3")],
    reason: ReasonOption,
    text: Annotated[str | None, typer.Option("--text", help="更正后的内容")] = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="更正后的类型")] = None,
    date: DateOption = None,
    ref: Annotated[str | None, typer.Option("--ref", help="更正后的文号")] = None,
) -> None:
    """更正一条记录：改动和原因记入操作日志，之后生成的报告用更正后的内容。

    示例：`tracker note edit 河西-3 --text "完成9个领域事项梳理" --reason 数字有误`
    """
    tracker = open_for(ctx)
    outcome = notes.edit_note(
        tracker, note_id, reason=reason, text=text, kind=kind, day=date, ref=ref
    )
    say(f"已更正记录 {note_id}" if outcome.changed else f"记录 {note_id} 没有变化")


@command(app, "delete")
def delete(
    ctx: typer.Context,
    note_id: Annotated[str, typer.Argument(help="记录编号，如 河西-3")],
    reason: ReasonOption,
) -> None:
    """删除一条误记的记录：它从各种列表和报告中去掉，连同原因留在操作日志里。

    示例：`tracker note delete 河西-3 --reason 重复录入`
    """
    tracker = open_for(ctx)
    notes.delete_note(tracker, note_id, reason=reason)
    say(f"已删除记录 {note_id}")


@command(app, "list")
def list_notes(
    ctx: typer.Context,
    district: DistrictOption = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="只看一种类型")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="只看含这个词的记录")] = None,
    json_output: JsonOption = False,
) -> None:
    """按日期列出记录（编号形如 hexi-3，更正和删除时用）。

    示例：`tracker note list -d 津南 -k 存在的问题`、`tracker note list -q 公示栏`
    """
    from tracker.services.read import queries

    tracker = open_for(ctx)
    kind_id = NOTE_KINDS.resolve(kind) if kind else None
    wanted = tracker.districts(district)
    rows = queries.notes(tracker, wanted, kind_id)
    if query:
        words = query.strip().lower()
        rows = [r for r in rows if words in f"{r.text} {r.ref} {r.author}".lower()]
    if printed_as_json(rows, json_output):
        return
    grid = table("编号", "日期", "区", "类型", "内容", "记录人")
    for row in rows:
        grid.add_row(
            f"{row.district}-{row.id}",
            row.date.isoformat(),
            row.district_name,
            row.kind_name,
            row.text,
            row.author,
        )
    console().print(grid)


@command(evaluation_app, "add")
def add_evaluation(
    ctx: typer.Context,
    district: DistrictArgument,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="社会评价（public）或第三方评估（third-party）",
        ),
    ],
    score: Annotated[str, typer.Option("--score", help="得分 0–100，可带一位小数")],
    respondents: Annotated[str | None, typer.Option("--respondents", help="参评人数")] = None,
    by: Annotated[str | None, typer.Option("--by", help="评价机构")] = None,
    date: DateOption = None,
    summary: Annotated[str | None, typer.Option("--summary", help="评价结论摘要")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="评价报告的文号")] = None,
) -> None:
    """记录一次社会评价或第三方评估。

    示例：`tracker evaluation add 武清 --kind third-party --score 86 --by 南开大学 --respondents 1200`
    """
    tracker = open_for(ctx)
    e = evaluations.add_evaluation(
        tracker,
        district,
        kind=kind,
        score=score,
        respondents=respondents,
        by=by,
        day=date,
        summary=summary,
        ref=ref,
    ).record
    say(
        f"已记录{tracker.plan.district(e.district).name}{EVALUATION_KINDS.label(e.kind)}：{e.score} 分（{e.date}）"
    )


@command(evaluation_app, "list")
def list_evaluations(
    ctx: typer.Context,
    district: DistrictOption = None,
    json_output: JsonOption = False,
) -> None:
    """列出评价和评估（编号形如 wuqing-1，更正和删除时用）。示例：`tracker evaluation list --json`"""
    from tracker.services.read import queries

    rows = listed(ctx, district, json_output, queries.evaluations)
    if rows is None:
        return
    grid = table("编号", "日期", "区", "类型", "得分", "参评人数", "机构", "摘要", "文号")
    for row in rows:
        grid.add_row(
            f"{row.district}-{row.id}",
            row.date.isoformat(),
            row.district_name,
            row.kind_name,
            str(row.score),
            str(row.respondents or "—"),
            row.by or "—",
            row.summary,
            row.ref,
        )
    console().print(grid)


@command(evaluation_app, "edit")
def edit_evaluation(
    ctx: typer.Context,
    evaluation_id: Annotated[str, typer.Argument(help="评价编号，如 武清-1")],
    reason: ReasonOption,
    score: Annotated[str | None, typer.Option("--score", help="更正后的得分")] = None,
    date: DateOption = None,
    by: Annotated[str | None, typer.Option("--by", help="更正后的评价机构")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="更正后的摘要")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="更正后的文号")] = None,
) -> None:
    """更正一条评价：改动和原因记入操作日志，之后生成的报告用更正后的内容。

    示例：`tracker evaluation edit 武清-1 --score 86.5 --reason 录入有误`
    """
    tracker = open_for(ctx)
    outcome = evaluations.edit_evaluation(
        tracker,
        evaluation_id,
        reason=reason,
        score=score,
        day=date,
        by=by,
        summary=summary,
        ref=ref,
    )
    say(f"已更正评价 {evaluation_id}" if outcome.changed else f"评价 {evaluation_id} 没有变化")


@command(evaluation_app, "delete")
def delete_evaluation(
    ctx: typer.Context,
    evaluation_id: Annotated[str, typer.Argument(help="评价编号，如 武清-1")],
    reason: ReasonOption,
) -> None:
    """删除一条误记的评价：它从列表和报告中去掉，连同原因留在操作日志里。

    示例：`tracker evaluation delete 武清-1 --reason 重复录入`
    """
    tracker = open_for(ctx)
    evaluations.delete_evaluation(tracker, evaluation_id, reason=reason)
    say(f"已删除评价 {evaluation_id}")
