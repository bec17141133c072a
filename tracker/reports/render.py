"""Render a report as Markdown, a print-ready HTML page, or a Word document in the official
layout and its PDF."""

from pathlib import Path
from typing import Any

from tracker.domain.errors import InputError
from tracker.reports.document import as_lines
from tracker.reports.environment import render
from tracker.reports.markdown import markdown_parser, split_front_matter

TEMPLATES = {
    "district": "district_report.md.j2",
    "municipal": "municipal_report.md.j2",
    "bulletin": "bulletin.md.j2",
    "notice": "notice.md.j2",
}
FORMATS = ("md", "html", "docx", "pdf")


def render_markdown(kind: str, context: dict[str, Any], templates: Path | None = None) -> str:
    if kind not in TEMPLATES:
        raise InputError(f"未知的报告「{kind}」，可选：{'、'.join(TEMPLATES)}")
    return render(TEMPLATES[kind], context, templates)


def title_of(markdown: str) -> str:
    return next(
        (line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "报告"
    )


def render_html(markdown: str, templates: Path | None = None) -> str:
    body = markdown_parser().render(markdown)
    return render("report.html.j2", {"title": title_of(markdown), "body": body}, templates)


def write_report(
    kind: str, context: dict[str, Any], fmt: str, path: Path, templates: Path | None = None
) -> None:
    """Render ``kind`` in ``fmt`` to ``path``."""
    if fmt not in FORMATS:
        raise InputError(f"未知的报告格式「{fmt}」，可选：{'、'.join(FORMATS)}")
    markdown = render_markdown(kind, context, templates)
    if fmt in ("md", "html"):
        # The document's parts (版头, 主送, 署名 …) as plain lines: only Word lays them out.
        info, body = split_front_matter(markdown)
        text = as_lines(info, body)
        if fmt == "md":
            path.write_text(text, encoding="utf-8")
        else:
            path.write_text(render_html(text, templates), encoding="utf-8")
    elif fmt == "docx":
        from tracker.reports.docx_writer import write_docx

        write_docx(markdown, path)
    else:
        write_pdf(markdown, path)


def write_pdf(markdown: str, path: Path) -> None:
    """The Word document converted by LibreOffice; refused in Chinese when it is missing."""
    import tempfile

    from tracker.reports.docx_writer import write_docx
    from tracker.reports.pdf import docx_to_pdf, soffice

    soffice()  # refuse before laying anything out
    with tempfile.TemporaryDirectory(prefix="tracker-report-") as work:
        docx = Path(work) / "report.docx"
        write_docx(markdown, docx)
        docx_to_pdf(docx, path)
