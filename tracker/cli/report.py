"""``tracker report district|municipal|bulletin``: the pilot's documents from templates."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import command, noun_app
from tracker.cli.output import say

app = noun_app(
    "生成报告：各区试点工作报告、全市试点工作总体报告、督办通报（Markdown、HTML、Word）。"
)

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", help="md（默认）、html 或 docx")
]
OutOption = Annotated[str | None, typer.Option("--out", "-o", help="输出文件，默认写到 exports/")]
TemplatesOption = Annotated[
    str | None, typer.Option("--templates", help="使用自己修改过的模板目录")
]


def _write(
    ctx: typer.Context,
    kind: str,
    district: str | None,
    fmt: str | None,
    out: str | None,
    templates: str | None,
) -> None:
    from tracker.reports.files import write_report_file

    tracker = open_for(ctx)
    path = write_report_file(
        tracker,
        kind,
        district=district,
        fmt=fmt,
        out=Path(out) if out else None,
        templates=Path(templates) if templates else None,
    )
    say(f"已生成 {path}")


@command(app, "district")
def district(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="区：代号或名称")],
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
) -> None:
    """生成一个区的试点工作报告：试点总体情况、主要做法和成效、存在的问题及建议。

    示例：`tracker report district 河西 -f docx`
    """
    _write(ctx, "district", name, fmt, out, templates)


@command(app, "municipal")
def municipal(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
) -> None:
    """生成全市试点工作总体报告（天津市人民政府办公厅报国务院办公厅）。

    示例：`tracker report municipal -f docx -o 总体报告.docx`
    """
    _write(ctx, "municipal", None, fmt, out, templates)


@command(app, "bulletin")
def bulletin(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    templates: TemplatesOption = None,
) -> None:
    """生成督办通报：逾期和临近节点、受阻或滞后任务、长期未报告进展的区、缺要素事项及责任人。

    示例：`tracker report bulletin -f html`
    """
    _write(ctx, "bulletin", None, fmt, out, templates)
