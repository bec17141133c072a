"""The parts of a GB/T 9704-2012 document around its text: page setup and page numbers,
版头, title, 主送, 附件说明, 发文机关署名 and 成文日期, and the 版记.

Section numbers in the comments are those of GB/T 9704-2012 《党政机关公文格式》.
"""

import math
from typing import TYPE_CHECKING

from tracker.reports.docx_ooxml import (
    BODY_FONT,
    CHARACTER,
    CHARACTER_SPACING,
    LATIN_FONT,
    LINE_PITCH,
    PAGE_NUMBER_FONT,
    PPR_ORDER,
    RED,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SUBHEADING_FONT,
    TBLPR_ORDER,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    TITLE_FONT,
    border,
    element,
    indent,
    line_pitch,
    page_field,
    qn,
    right_tab,
    run,
    set_child,
    width,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.text.paragraph import Paragraph

    from tracker.reports.markdown import FrontMatter

MARK_SIZE = 36
"""发文机关标志 in 小初 (§7.2.4 leaves the size to the issuer); shrunk to fit one line."""
MARK_TOP = 1984
"""35 mm in twips: the mark's top edge below the 版心's top (§7.2.4)."""
RULE_SPACE = 6
"""Points between the 发文字号 line's text and the red rule: with the 28.95 pt line this
puts the rule 4 mm below the number (§7.2.7)."""
FOOTER_DISTANCE_MM = 25.5
"""The footer's bottom above the page's: puts the 一字线 7 mm below the 版心 (§7.5)."""


def set_up_page(document: "Document") -> None:
    """A4, the 版心 of §5.2.1, 3号仿宋 at the 22-line pitch, page numbers at the outside."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_DISTANCE_MM)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(SIZE_3)
    properties = normal.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        properties.insert(0, fonts)
    for attribute, name in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("eastAsia", BODY_FONT)):
        fonts.set(qn(f"w:{attribute}"), name)
    properties.append(element("w:spacing", val=str(CHARACTER_SPACING)))
    # No extra space between Chinese and Latin text or digits: "2018年9月28日" stays as set,
    # and a line keeps its 28 characters.
    for switch in ("w:autoSpaceDE", "w:autoSpaceDN"):
        set_child(normal.element.get_or_add_pPr(), element(switch, val="0"), PPR_ORDER)
    paragraph = normal.paragraph_format
    paragraph.line_spacing = Pt(LINE_PITCH / 20)
    paragraph.space_before, paragraph.space_after = Pt(0), Pt(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _keep_broken_lines_unstretched(document)
    _page_numbers(document, section)


def _keep_broken_lines_unstretched(document: "Document") -> None:
    """A line that ends in a line break (one sentence a line, a 署名 block) is set as written:
    Word and LibreOffice otherwise stretch it across the justified text block, a character
    at each end of the line."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = element("w:compat")
        document.settings.element.append(compat)
    setting = element("w:doNotExpandShiftReturn")
    first_setting = compat.find(qn("w:compatSetting"))
    if first_setting is not None:
        first_setting.addprevious(setting)  # the schema puts the switches first
    else:
        compat.append(setting)


def _page_numbers(document: "Document", section: "Section") -> None:
    """'— N —' in 4号半角宋体, odd pages right and even pages left, one character in (§7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        odd = alignment == WD_ALIGN_PARAGRAPH.RIGHT
        indent(paragraph, left=0 if odd else 1, right=1 if odd else 0, unit=SIZE_4 * 20)
        line_pitch(paragraph, SIZE_4 * 20)
        run(paragraph, "— ", PAGE_NUMBER_FONT, SIZE_4)
        page_field(paragraph, PAGE_NUMBER_FONT, SIZE_4)
        run(paragraph, " —", PAGE_NUMBER_FONT, SIZE_4)


def blank_lines(document: "Document", count: int) -> None:
    for _ in range(count):
        document.add_paragraph()


def draft_mark(document: "Document") -> None:
    """（草稿） in red at the top right, so a draft is never mistaken for the document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run(paragraph, "（草稿）", "黑体", SIZE_3, color=RED)


def masthead(document: "Document", info: "FrontMatter") -> bool:
    """The 版头 of ``info.type`` (§7.2); True when one was laid out."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if info.type == "plain":
        return False
    if info.mark:
        size = min(MARK_SIZE, int(TEXT_WIDTH / 20 / max(width(info.mark), 1)))
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The draft mark took a line of the 35 mm above the mark.
        before = MARK_TOP - (LINE_PITCH if info.draft else 0)
        line_pitch(paragraph, round(size * 20 * 1.2), before=before)
        run(paragraph, info.mark, TITLE_FONT, size, color=RED)
    if info.type == "bulletin":
        if info.number:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(paragraph, info.number)
        left, right = info.issuer, info.date
    else:
        blank_lines(document, 2)  # the number two lines below the mark (§7.2.5)
        left, right = info.doc_no, None
    paragraph = document.add_paragraph()
    if info.type == "downward":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(paragraph, info.doc_no or "")
    else:
        # 上行文: 发文字号 one character in on the left, 签发人 one character in on the right
        # (§7.2.5, §7.2.6); a 简报 puts its issuer and date there. A first-line indent and a
        # tab, not paragraph indents, so the rule below still spans the whole 版心.
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        indent(paragraph, first_line=1)
        right_tab(paragraph, TEXT_WIDTH - CHARACTER)
        run(paragraph, left or "")
        if info.type == "upward" and info.signer:
            run(paragraph, "\t签发人：")
            run(paragraph, info.signer, SUBHEADING_FONT)
        elif right:
            run(paragraph, f"\t{right}")
    border(paragraph, "bottom", size=12, color=RED, space=RULE_SPACE)
    blank_lines(document, 2)  # the title two lines below the rule (§7.3.1)
    return True


def title(document: "Document", lines: list[str]) -> "Paragraph":
    """2号小标宋, centred, one line each as given (§7.3.1)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, line in enumerate(lines):
        added = run(paragraph, line, TITLE_FONT, SIZE_2)
        if number < len(lines) - 1:
            added.add_break()
    return paragraph


def addressee(document: "Document", to: str | None) -> None:
    """主送机关 one line below the title, flush left (§7.3.2); without one, the blank line."""
    blank_lines(document, 1)
    if not to:
        return
    paragraph = document.add_paragraph()
    indent(paragraph)
    run(paragraph, to)


def attachment_notes(document: "Document", names: tuple[str, ...]) -> None:
    """附件说明 one line below the text, two characters in; names numbered 1. 2. …
    aligned, a long one wrapping under its first character (§7.3.4)."""
    blank_lines(document, 1)
    for number, name in enumerate(names, start=1):
        label = f"{number}." if len(names) > 1 else ""
        paragraph = document.add_paragraph()
        prefix = "附件：" if number == 1 else ""
        # Every name starts under the first one: 2 characters, 附件：, then its number.
        start = 2 + width("附件：") + width(label)
        indent(paragraph, left=start, hanging=width(prefix) + width(label))
        run(paragraph, f"{prefix}{label}{name}")


def signature_and_date(document: "Document", signature: str | None, day: str | None) -> None:
    """§7.3.5.2, a document without a seal: the 署名 one line below the text two characters
    from the right, the date under it starting two characters further right; a date longer
    than that keeps two characters from the right and moves the 署名 left instead."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if not signature and not day:
        return
    blank_lines(document, 1)
    signed, dated = width(signature or ""), width(day or "")
    signature_right = 2.0
    date_right = signature_right + signed - dated - 2
    if signature and day and date_right < 2:
        date_right = 2
        signature_right = date_right - signed + dated + 2
    for text, right in ((signature, signature_right), (day, date_right if signature else 2)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            indent(paragraph, right=right)
            run(paragraph, text)


def imprint(document: "Document", info: "FrontMatter") -> None:
    """The 版记 at the foot of the last page (§7.4): 抄送 over 印发机关 and 印发日期 in
    4号仿宋, one character in, between rules of 0.35 mm (first, last) and 0.25 mm.

    A table floating at the bottom of the 版心 keeps it there whatever the text's length.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    lines: list[tuple[str, str | None]] = []
    if info.cc:
        lines.append(("抄送：" + "，".join(info.cc) + "。", None))
    if info.printer or info.printed:
        lines.append((info.printer or "", f"{info.printed}印发" if info.printed else None))
    if not lines:
        return
    table = document.add_table(rows=len(lines), cols=1)
    properties = table._tbl.tblPr
    for child in (
        element(
            "w:tblpPr",
            leftFromText="0",
            rightFromText="0",
            vertAnchor="margin",
            horzAnchor="margin",
            tblpXSpec="center",
            tblpY=str(TEXT_HEIGHT - LINE_PITCH * sum(_line_count(text) for text, _ in lines)),
        ),
        element("w:tblOverlap", val="never"),
        # A hair narrower than the 版心: LibreOffice before 7.6 sets a floating table as
        # wide as the text in line, where it would not reach the foot of the page.
        element("w:tblW", w=str(TEXT_WIDTH - 10), type="dxa"),
        _imprint_borders(),
        _no_side_margins(),
    ):
        set_child(properties, child, TBLPR_ORDER)
    table.autofit = False
    table._tbl.tblGrid.gridCol_lst[0].w = Twips(TEXT_WIDTH - 10)
    one = SIZE_4 * 20
    for row, (text, date) in zip(table.rows, lines, strict=True):
        cell = row.cells[0]
        cell.width = Twips(TEXT_WIDTH - 10)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if text.startswith("抄送："):
            # A wrapped 抄送 line aligns with the first name after the colon (§7.4.2).
            indent(paragraph, left=1 + width("抄送："), right=1, hanging=width("抄送："), unit=one)
        else:
            indent(paragraph, left=1, right=1, unit=one)
            right_tab(paragraph, TEXT_WIDTH - 10 - one)
        height = element("w:trHeight", val=str(LINE_PITCH * _line_count(text)), hRule="exact")
        row._tr.get_or_add_trPr().append(height)
        run(paragraph, text, BODY_FONT, SIZE_4)
        if date:
            run(paragraph, f"\t{date}", BODY_FONT, SIZE_4)
    # A floating table is anchored to the paragraph after it; the document must have one.
    anchor = document.add_paragraph()
    line_pitch(anchor, 20)


def _line_count(text: str) -> int:
    """Lines a 版记 entry takes in 4号 between one-character indents."""
    return max(1, math.ceil(width(text) / (TEXT_WIDTH / (SIZE_4 * 20) - 2)))


def _imprint_borders() -> "BaseOxmlElement":
    borders = element("w:tblBorders")
    for side, size in (("top", 8), ("bottom", 8), ("insideH", 6)):  # 0.35 and 0.25 mm
        borders.append(element(f"w:{side}", val="single", sz=str(size), space="0", color="000000"))
    return borders


def _no_side_margins() -> "BaseOxmlElement":
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w="0", type="dxa"))
    return margins
