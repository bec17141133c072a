"""Word output in the GB/T 9704-2012 official-document layout, from a report's Markdown.

The report's ``<!--gbt9704 {...} -->`` block (``markdown.split_front_matter``) gives the
版头, title lines, 主送, 附件说明, 署名, 成文日期 and 版记 (``docx_official``); the
Markdown gives the text: ``## 一、`` 3号黑体, ``### （一）`` 3号楷体, ``#### 1.`` 3号仿宋
bold, paragraphs 3号仿宋 two characters in, tables sized to their content
(``docx_tables``), and figures fitted to the 版心 with their caption below. Without the
block the title is the ``# `` heading and a block quote is set right-aligned.
"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import InputError
from tracker.reports.docx_ooxml import (
    BODY_FONT,
    HEADING_FONT,
    PPR_ORDER,
    SIZE_3,
    SIZE_4,
    SUBHEADING_FONT,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    element,
    indent,
    keep_with_next,
    paragraph_properties,
    run,
    set_child,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from markdown_it.token import Token

    from tracker.reports.markdown import FrontMatter

HEADING_FONTS = {2: (HEADING_FONT, False), 3: (SUBHEADING_FONT, False)}
"""The faces of 一、 and （一） headings (§7.3.3); 1. and （1） are 仿宋, here in bold."""


def write_docx(markdown: str, path: Path) -> None:
    """Lay ``markdown`` out as a GB/T 9704-2012 document and save it at ``path``."""
    from docx import Document

    from tracker.reports import docx_official as official
    from tracker.reports.markdown import ATTACHMENTS_MARK, split_front_matter

    info, body = split_front_matter(markdown)
    text, _, appendix = body.partition(ATTACHMENTS_MARK)
    document = Document()
    official.set_up_page(document)

    title = _Title(document, info, has_heading=_first_heading(text) is not None)
    _blocks(document, text, title)
    if info is not None:
        if info.attachments:
            official.attachment_notes(document, info.attachments)
        # A bulletin dates itself in its 版头; it closes with a 署名 only when given one.
        closing_date = info.date if info.type != "bulletin" or info.signature else None
        official.signature_and_date(document, info.signature, closing_date)
    if appendix.strip():
        first = len(document.element.body) - 1  # the body ends with its section properties
        _blocks(document, appendix, title, appendix=True)
        _new_page_from(document, first)
    if info is not None:
        official.imprint(document, info)
    document.save(str(path))


class _Title:
    """Places the title and the 主送 under it: the front matter's lines before the text, or
    else the first ``# `` heading where it stands; later ``# `` headings (in 附件) as titles."""

    def __init__(self, document: "DocxDocument", info: "FrontMatter | None", has_heading: bool):
        from tracker.reports import docx_official as official

        self.document = document
        self.opening = info is not None  # the first title gets the 主送 (or a blank line)
        self.addressee = info.to if info else None
        self.skip_first = False
        if info is None:
            return
        if info.draft:
            official.draft_mark(document)
        official.masthead(document, info)
        if info.title_lines or not has_heading:
            if info.title_lines:
                official.title(document, list(info.title_lines))
            official.addressee(document, info.to)
            self.opening, self.skip_first = False, has_heading

    def __call__(self, heading: str) -> None:
        from tracker.reports import docx_official as official

        if self.skip_first:
            self.skip_first = False
            return
        official.title(self.document, [heading])
        if self.opening:
            official.addressee(self.document, self.addressee)
            self.opening = False


def _first_heading(markdown: str) -> str | None:
    return next((line[2:] for line in markdown.splitlines() if line.startswith("# ")), None)


def _new_page_from(document: "DocxDocument", index: int) -> None:
    """Start the 附件 on a new page (§7.3.7): the first paragraph from ``index`` on breaks."""
    from docx.oxml.ns import qn

    for block in list(document.element.body)[index:]:
        if block.tag == qn("w:p"):
            set_child(block.get_or_add_pPr(), element("w:pageBreakBefore"), PPR_ORDER)
            return


def _blocks(
    document: "DocxDocument", markdown: str, title: Callable[[str], None], appendix: bool = False
) -> None:
    """The Markdown's headings, paragraphs, lists, tables and figures, in order; in the
    ``appendix``, each ``## 附件N`` starts a page and the heading after it is its title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tracker.reports import docx_official as official
    from tracker.reports.docx_tables import add_table
    from tracker.reports.markdown import markdown_parser

    tokens = markdown_parser().parse(markdown)
    quote = attachment_title = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            level, text = int(token.tag[1]), _text(tokens[index + 1])
            if appendix and level == 2 and text.startswith("附件"):
                _attachment_label(document, text)
                attachment_title = True
            elif attachment_title:
                official.blank_lines(document, 1)
                official.title(document, [text])
                official.blank_lines(document, 1)
                attachment_title = False
            else:
                _heading(document, level, text, title)
            index += 3
            continue
        attachment_title = False
        if token.type == "blockquote_open":
            quote = True
        elif token.type == "blockquote_close":
            quote = False
        elif token.type == "table_open":
            rows, index = _table_rows(tokens, index)
            add_table(document, rows)
            continue
        elif token.type == "list_item_open":
            marker = f"{token.info}." if token.info else "·"
            inline = next(t for t in tokens[index:] if t.type == "inline")
            paragraph = document.add_paragraph()
            indent(paragraph, first_line=2)
            run(paragraph, f"{marker} {_text(inline)}")
            while tokens[index].type != "list_item_close":
                index += 1
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            images = [c for c in inline.children or [] if c.type == "image"]
            if images:
                for image in images:
                    _figure(document, str(image.attrGet("src") or ""), image.content)
                index += 3
                continue
            paragraph = document.add_paragraph()
            if quote:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                indent(paragraph)
            else:
                indent(paragraph, first_line=2)
            lines = _text(inline).split("\n")
            for number, line in enumerate(lines):
                added = run(paragraph, line)
                if number < len(lines) - 1:
                    added.add_break()
            index += 3
            continue
        index += 1


def _heading(document: "DocxDocument", level: int, text: str, title: Callable[[str], None]) -> None:
    """The title (level 1), or a heading two characters in, in its level's face (§7.3.3)."""
    if level == 1:
        title(text)
        return
    font, bold = HEADING_FONTS.get(level, (BODY_FONT, True))
    paragraph = document.add_paragraph()
    indent(paragraph, first_line=2)
    keep_with_next(paragraph)
    run(paragraph, text, font, SIZE_3, bold=bold)


def _attachment_label(document: "DocxDocument", text: str) -> None:
    """附件 and its number in 3号黑体 flush left on the first line of a new page (§7.3.7)."""
    paragraph = document.add_paragraph()
    indent(paragraph)
    set_child(paragraph_properties(paragraph), element("w:pageBreakBefore"), PPR_ORDER)
    run(paragraph, text, HEADING_FONT, SIZE_3)


def _figure(document: "DocxDocument", source: str, caption: str) -> None:
    """The picture at ``source`` as wide as the 版心 (shorter when it would not fit a page),
    centred, with ``caption`` centred below it in 仿宋."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.image.exceptions import UnrecognizedImageError
    from docx.shared import Emu, Twips

    picture = Path(source)
    if not picture.is_file():
        raise InputError(f"报告中的图片「{source}」不存在")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    indent(paragraph)
    # Single spacing: an exact line pitch would clip the picture to one line.
    set_child(
        paragraph_properties(paragraph),
        element("w:spacing", before="0", after="0", line="240", lineRule="auto"),
        PPR_ORDER,
    )
    keep_with_next(paragraph)
    try:
        shape = paragraph.add_run().add_picture(str(picture))
    except UnrecognizedImageError:
        raise InputError(f"报告中的图片「{source}」不是可识别的图片文件") from None
    scale = min(Twips(TEXT_WIDTH) / shape.width, Twips(TEXT_HEIGHT * 2 // 3) / shape.height)
    shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
    if caption:
        below = document.add_paragraph()
        below.alignment = WD_ALIGN_PARAGRAPH.CENTER
        indent(below)
        run(below, caption, BODY_FONT, SIZE_4)


def _table_rows(tokens: Sequence["Token"], index: int) -> tuple[list[list[str]], int]:
    """The cells of the table starting at ``table_open``, and the index after it."""
    rows: list[list[str]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(_text(token))
        index += 1
    return rows, index + 1


def _text(inline: "Token") -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
    return "".join(parts)
