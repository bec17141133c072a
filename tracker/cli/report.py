"""``tracker report district|municipal|bulletin|notice``: the pilot's documents from templates."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import say

app = noun_app(
    "生成公文：各区试点工作报告、全市试点工作总体报告（上行文）、督办通报、督办通知"
    "（Markdown、HTML、Word 按 GB/T 9704 排版，或 PDF）。"
)

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", help="md（默认）、html、docx 或 pdf")
]
OutOption = Annotated[str | None, typer.Option("--out", "-o", help="输出文件，默认写到 exports/")]
TemplatesOption = Annotated[
    str | None, typer.Option("--templates", help="使用自己修改过的模板目录")
]
DraftOption = Annotated[
    bool, typer.Option("--draft", help="出草稿：标明「草稿」，不编期号，不要求文号和签发人")
]
CcOption = Annotated[list[str] | None, typer.Option("--cc", help="抄送机关（可重复），写在版记中")]
DeadlineOption = Annotated[
    str | None, typer.Option("--deadline", help="整改时限，默认截至日期后 10 天")
]


def _write(
    ctx: typer.Context,
    kind: str,
    district: str | None,
    fmt: str | None,
    out: str | None,
    templates: str | None,
    *,
    doc_no: str | None = None,
    signer: str | None = None,
    cc: list[str] | None = None,
    draft: bool = False,
    deadline: str | None = None,
) -> None:
    from tracker.domain.dates import parse_date
    from tracker.reports.context import ReportOptions
    from tracker.reports.files import write_report_file

    tracker = open_for(ctx)
    options = ReportOptions(
        doc_no=doc_no,
        signer=signer,
        cc=tuple(cc or ()),
        draft=draft,
        deadline=parse_date(deadline, what="整改时限（--deadline）") if deadline else None,
    )
    path = write_report_file(
        tracker,
        kind,
        district=district,
        fmt=fmt,
        out=Path(out) if out else None,
        templates=Path(templates) if templates else None,
        options=options,
    )
    say(f"已生成 {path}")


@command(app, "district")
def district(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="区：代号或名称")],
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
    draft: DraftOption = False,
) -> None:
    """生成一个区的试点工作报告：试点总体情况、主要做法和成效、存在的问题、意见建议、下一步工作打算。

    示例：`tracker report district 河西 -f docx`
    """
    _write(ctx, "district", name, fmt, out, templates, draft=draft)


@command(app, "municipal")
def municipal(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
    doc_number: Annotated[
        str | None, typer.Option("--doc-number", help="发文字号，如 津政办报〔2018〕12号")
    ] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="签发人姓名")] = None,
    cc: CcOption = None,
    draft: DraftOption = False,
) -> None:
    """生成全市试点工作总体报告（天津市人民政府办公厅报国务院办公厅，上行文）。

    上行文须有发文字号和签发人：用 --doc-number、--signer 给出，或加 --draft 先出草稿。

    示例：`tracker report municipal -f docx --doc-number 津政办报〔2018〕12号 --signer 张三`
    """
    _write(
        ctx, "municipal", None, fmt, out, templates,
        doc_no=doc_number, signer=signer, cc=cc, draft=draft,
    )  # fmt: skip


@command(app, "bulletin")
def bulletin(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
    district: Annotated[str | None, typer.Option("--district", "-d", help="只通报一个区")] = None,
    deadline: DeadlineOption = None,
    cc: CcOption = None,
    draft: DraftOption = False,
) -> None:
    """生成督办通报（按年编期号）：逾期和临近节点、受阻或滞后任务、长期未报告进展的区、缺要素事项，
    每个问题写明责任人和整改时限。

    示例：`tracker report bulletin -f docx --deadline 2018年4月10日`
    """
    _write(ctx, "bulletin", district, fmt, out, templates, deadline=deadline, cc=cc, draft=draft)


@command(app, "notice")
def notice(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="区：代号或名称")],
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
    deadline: DeadlineOption = None,
    cc: CcOption = None,
    draft: DraftOption = False,
) -> None:
    """给一个区发督办通知（下行文，主送区人民政府）：列出需整改的问题、责任人和报送整改情况的时限。

    示例：`tracker report notice 津南 -f docx --deadline 2018年4月10日`
    """
    _write(ctx, "notice", name, fmt, out, templates, deadline=deadline, cc=cc, draft=draft)
