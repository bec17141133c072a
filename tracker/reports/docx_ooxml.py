"""WordprocessingML pieces the Word writer builds by hand: runs with East Asian fonts,
exact line pitch, borders, tab stops, fields, and text widths measured in characters.

python-docx sets only the Latin font of a run and has no API for borders, fields or row
properties, so these are built as elements. Run properties are built once per style and
copied: python-docx's attribute API costs about a millisecond a run, which a rollout-size
report with thousands of table cells cannot afford.
"""

import unicodedata
from copy import deepcopy
from functools import cache
from typing import TYPE_CHECKING

from tracker.domain.text import without_controls

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋", "黑体", "楷体"
PAGE_NUMBER_FONT = "宋体"
SIZE_2, SIZE_3, SIZE_4, SMALL_4 = 22, 16, 14, 12
"""号 sizes in points: 2号 titles, 3号 text, 4号 版记 and page numbers, 小4号 tables."""
LATIN_FONT = "Times New Roman"
"""Latin letters and digits: exactly half a character wide, as the widths here assume."""
RED = "FF0000"

TEXT_WIDTH = 8844
"""The 版心's width, 156 mm, in twips (GB/T 9704-2012 §5.2.1)."""
TEXT_HEIGHT = 12756
"""The 版心's height, 225 mm, in twips."""
LINE_PITCH = 579
"""28.95 pt in twips: 22 lines fill the 225 mm 版心 (22 × 579 = 12738 ≤ 12756 < 23 × 579)."""
CHARACTER_SPACING = -5
"""Twips added after each character of 3号 text: 28 characters of 15.75 pt fit the 156 mm
line and a 29th does not (§5.2.3: 28 characters a line)."""
CHARACTER = SIZE_3 * 20
"""One character of 3号 text in twips: the unit of the standard's "空二字"."""


def width(text: str) -> float:
    """``text``'s width in characters of its font size: CJK and full-width forms count 1,
    Latin letters and digits (half-width) ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def run(
    paragraph: "Paragraph",
    text: str,
    font: str = BODY_FONT,
    size: int = SIZE_3,
    *,
    bold: bool = False,
    color: str | None = None,
) -> "Run":
    """A run in ``font`` (Latin and East Asian) at ``size`` points.

    Control characters are dropped: XML cannot hold them, and one would make the file
    unwritable.
    """
    added = paragraph.add_run(without_controls(text, multiline=True))
    added._r.insert(0, deepcopy(run_properties(font, size, bold, color)))
    return added


@cache
def run_properties(
    font: str, size: int, bold: bool = False, color: str | None = None
) -> "BaseOxmlElement":
    properties = element("w:rPr")
    latin = font if font == PAGE_NUMBER_FONT else LATIN_FONT
    properties.append(element("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=font))
    if bold:
        properties.append(element("w:b"))
        properties.append(element("w:bCs"))
    if color:
        properties.append(element("w:color", val=color))
    for tag in ("w:sz", "w:szCs"):
        properties.append(element(tag, val=str(size * 2)))
    return properties


def element(tag: str, **attributes: str) -> "BaseOxmlElement":
    """``<w:tag w:name="value" …/>``."""
    from docx.oxml import OxmlElement

    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return namespaced(tag)


def paragraph_properties(paragraph: "Paragraph") -> "BaseOxmlElement":
    return paragraph._p.get_or_add_pPr()


def set_child(parent: "BaseOxmlElement", child: "BaseOxmlElement", order: tuple[str, ...]) -> None:
    """Put ``child`` in ``parent`` replacing one of its tag, before the first later sibling
    that ``order`` (the schema's sequence) names, as Word insists."""
    existing = parent.find(child.tag)
    if existing is not None:
        parent.remove(existing)
    later = (
        order[order.index(child.tag.split("}")[1]) + 1 :]
        if child.tag.split("}")[1] in order
        else ()
    )
    for sibling in parent:
        if sibling.tag.split("}")[1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip


def line_pitch(paragraph: "Paragraph", twips: int = LINE_PITCH, before: int = 0) -> None:
    """Exact line spacing of ``twips`` and ``before`` twips above the paragraph."""
    spacing = element("w:spacing", before=str(before), after="0", line=str(twips), lineRule="exact")
    set_child(paragraph_properties(paragraph), spacing, PPR_ORDER)


def indent(
    paragraph: "Paragraph",
    *,
    left: float = 0,
    right: float = 0,
    first_line: float = 0,
    hanging: float = 0,
    unit: int = CHARACTER,
) -> None:
    """Indents in characters of ``unit`` twips (3号 by default); zero ones written too, so
    no style's indent shows through.

    Every paragraph the writer sets gets indents, so this also turns off the extra space
    between Chinese and Latin text or digits, which LibreOffice reads per paragraph only:
    "2018年9月28日" stays as wide as the table and signature widths assume.
    """
    for switch in ("w:autoSpaceDE", "w:autoSpaceDN"):
        set_child(paragraph_properties(paragraph), element(switch, val="0"), PPR_ORDER)
    attributes = {"left": str(round(left * unit)), "right": str(round(right * unit))}
    if hanging:
        attributes["hanging"] = str(round(hanging * unit))
    else:
        attributes["firstLine"] = str(round(first_line * unit))
    set_child(paragraph_properties(paragraph), element("w:ind", **attributes), PPR_ORDER)


def right_tab(paragraph: "Paragraph", position: int) -> None:
    """A right-aligned tab stop ``position`` twips from the left margin."""
    tabs = element("w:tabs")
    tabs.append(element("w:tab", val="right", pos=str(position)))
    set_child(paragraph_properties(paragraph), tabs, PPR_ORDER)


def border(paragraph: "Paragraph", side: str, *, size: int, color: str, space: int = 0) -> None:
    """A single line on ``side`` of the paragraph, ``size`` eighths of a point thick."""
    borders = element("w:pBdr")
    borders.append(element(f"w:{side}", val="single", sz=str(size), space=str(space), color=color))
    set_child(paragraph_properties(paragraph), borders, PPR_ORDER)


def keep_with_next(paragraph: "Paragraph") -> None:
    set_child(paragraph_properties(paragraph), element("w:keepNext"), PPR_ORDER)


def page_field(paragraph: "Paragraph", font: str, size: int) -> None:
    """A PAGE field showing the page's number in ``font`` at ``size`` points."""
    field = element("w:fldSimple", instr="PAGE")
    number = element("w:r")
    number.append(deepcopy(run_properties(font, size)))
    text = element("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)
