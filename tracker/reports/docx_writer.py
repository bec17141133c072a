"""Word output in the GB/T 9704 official-document layout, from a report's Markdown.

A4; margins 37/35/28/26 mm; title 小标宋 size 2 (22 pt) centred; body 仿宋 size 3
(16 pt); first-level headings 黑体, second-level 楷体; tables with a header row;
page numbers in the footer; the issuer and date (a block quote) right-aligned.
python-docx sets only the Latin font of a run, so every run gets its East Asian
font (w:eastAsia) here.
"""

from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.text import without_controls

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.table import _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from markdown_it.token import Token

TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋", "黑体", "楷体"
SIZE_2, SIZE_3, TABLE_SIZE = 22, 16, 12


def write_docx(markdown: str, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from tracker.reports.markdown import markdown_parser

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(SIZE_3)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    _page_number_footer(section)

    tokens = markdown_parser().parse(markdown)
    quote = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            text = tokens[index + 1].content
            level = int(token.tag[1])
            paragraph = document.add_paragraph()
            if level == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, text, TITLE_FONT, SIZE_2)
            else:
                _run(paragraph, text, HEADING_FONT if level == 2 else SUBHEADING_FONT, SIZE_3)
            index += 3
            continue
        if token.type == "blockquote_open":
            quote = True
        elif token.type == "blockquote_close":
            quote = False
        elif token.type == "table_open":
            index = _table(document, tokens, index)
            continue
        elif token.type == "list_item_open":
            marker = f"{token.info}." if token.info else "·"
            inline = next(t for t in tokens[index:] if t.type == "inline")
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(SIZE_3 * 2)
            _run(paragraph, f"{marker} {_text(inline)}", BODY_FONT, SIZE_3)
            while tokens[index].type != "list_item_close":
                index += 1
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            paragraph = document.add_paragraph()
            if quote:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph.paragraph_format.first_line_indent = Pt(SIZE_3 * 2)
            lines = _text(inline).split("\n")
            for number, line in enumerate(lines):
                run = _run(paragraph, line, BODY_FONT, SIZE_3)
                if number < len(lines) - 1:
                    run.add_break()
            index += 3
            continue
        index += 1
    document.save(str(path))


def _text(inline: "Token") -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
    return "".join(parts)


def _run(paragraph: "Paragraph", text: str, font: str, size: int, bold: bool = False) -> "Run":
    """A run in ``font`` (Latin and East Asian) at ``size`` points.

    The run properties are built once per style and copied: setting them
    through python-docx's attribute API costs about a millisecond a run,
    which a rollout-size report with thousands of table cells cannot afford. Control
    characters are dropped: XML cannot hold them, and one would make the file unwritable.
    """
    run = paragraph.add_run(without_controls(text, multiline=True))
    run._r.insert(0, deepcopy(_properties(font, size, bold)))
    return run


@cache
def _properties(font: str, size: int, bold: bool) -> "BaseOxmlElement":
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    properties.append(fonts)
    if bold:
        properties.append(OxmlElement("w:b"))
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(size * 2))
        properties.append(half_points)
    return properties


def _east_asian(rpr: "BaseOxmlElement", font: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def _table(document: "DocxDocument", tokens: Sequence["Token"], index: int) -> int:
    """Build a table from the tokens starting at ``table_open``; return the index after it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows: list[list[str]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(_text(token))
        index += 1
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    # Row by row: python-docx's table.cell(r, c) walks the whole grid on every call.
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        row_cells = row.cells
        for c, text in enumerate(cells):
            paragraph = row_cells[c].paragraphs[0]
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, text, HEADING_FONT if r == 0 else BODY_FONT, TABLE_SIZE, bold=False)
    _repeat_header(table.rows[0])
    return index + 1


def _repeat_header(row: "_Row") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _page_number_footer(section: "Section") -> None:
    """'— N —' centred in the footer, N a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", BODY_FONT, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)
    _run(paragraph, " —", BODY_FONT, 14)
