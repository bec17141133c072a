"""Tables in a GB/T 9704 document: columns sized to their content, so a date, a 文号 or a
short name never breaks; the header row repeats on every page; no row splits across pages.

Widths are measured in characters of the table's 小4号 text and set as a fixed layout, since
Word's and LibreOffice's automatic layouts split "2017-08-31" and "〔2017〕45号".
"""

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from tracker.reports.docx_ooxml import (
    BODY_FONT,
    HEADING_FONT,
    SMALL_4,
    TBLPR_ORDER,
    TEXT_WIDTH,
    element,
    indent,
    line_pitch,
    run,
    set_child,
    width,
)

if TYPE_CHECKING:
    from docx.document import Document

TABLE_SIZE = SMALL_4
TABLE_PITCH = 400
"""20 pt lines for 小4号 table text, in twips: tables keep their own pitch (§8)."""
CELL_MARGIN = 57
"""1 mm each side of a cell's text, in twips (Word's default is 1.9 mm)."""
CELL_PADDING = 2 * CELL_MARGIN + 40
"""The cell margins and some slack for rounding, in twips."""
SHORT = 3
"""A cell of at most this many characters (a name, a district) is kept on one line; longer
Chinese text may break between any two characters."""
CENTRED = 12
"""A column whose cells are all this short is centred."""
_WHOLE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日"  # 2018年9月28日
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 2017-08-31
    r"|[\u4e00-\u9fff]{0,10}[〔\[]\d{4}[〕\]]\d+号"  # 津政办函〔2017〕72号
    r"|\d+(?:\.\d+)?\s*%|[（(]\d+[)）]|[\x21-\x7e]+"  # 30%, (1), any Latin word or number
)


def column_widths(rows: list[list[str]]) -> list[int]:
    """Widths in twips, summing to the 版心's width: each column at least as wide as its
    longest unbreakable piece, the rest shared by how much more each column's text wants."""
    count = max(len(row) for row in rows)
    need = [0.0] * count
    want = [0.0] * count
    for number, row in enumerate(rows):
        for column, text in enumerate(row):
            for line in text.split("\n"):
                whole = _unbreakable(line)
                # A header may wrap between its words: the data decides the width.
                need[column] = max(need[column], min(whole, 2) if number == 0 else whole)
                want[column] = max(want[column], width(line))
    unit = TABLE_SIZE * 20
    room = TEXT_WIDTH - CELL_PADDING * count
    need_twips = [n * unit for n in need]
    want_twips = [max(w, 1) * unit for w in want]
    if sum(want_twips) <= room:
        base, extra, shares = want_twips, room - sum(want_twips), want_twips
    elif sum(need_twips) <= room:
        shares = [w - n for w, n in zip(want_twips, need_twips, strict=True)]
        base, extra = need_twips, room - sum(need_twips)
    else:  # even the unbreakable pieces do not fit: shrink them all alike
        base, extra, shares = [n * room / sum(need_twips) for n in need_twips], 0, need_twips
    total = sum(shares) or 1
    widths = [int(b + extra * s / total) + CELL_PADDING for b, s in zip(base, shares, strict=True)]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _unbreakable(text: str) -> float:
    """The width of the widest piece of ``text`` that must stay on one line."""
    text = text.strip()
    if width(text) <= SHORT:
        return _spaced(text)
    pieces = [_spaced(match) for match in _WHOLE.findall(text)]
    return max([2.0, *pieces])


def _spaced(text: str) -> float:
    """``text``'s width with a quarter character where Chinese meets Latin or digits: the
    space LibreOffice puts there even when the paragraph asks for none."""
    kinds = [width(c) == 1 for c in text]
    return width(text) + 0.25 * sum(a != b for a, b in pairwise(kinds))


def add_table(document: "Document", rows: list[list[str]]) -> None:
    """``rows`` (the first the header) as a bordered table of 小4号仿宋 with a 黑体 header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    widths = column_widths(rows)
    centred = [all(width(row[c]) <= CENTRED for row in rows[1:]) for c in range(columns)]
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False  # a fixed layout: the widths below, whatever the text
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w=str(CELL_MARGIN), type="dxa"))
    for child in (element("w:tblW", w=str(TEXT_WIDTH), type="dxa"), margins):
        set_child(table._tbl.tblPr, child, TBLPR_ORDER)
    for column, grid in zip(widths, table._tbl.tblGrid.gridCol_lst, strict=True):
        grid.w = Twips(column)
    # Row by row: python-docx's table.cell(r, c) walks the whole grid on every call.
    for number, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(element("w:cantSplit", val="true"))
        if number == 0:
            properties.append(element("w:tblHeader", val="true"))
        for column, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Twips(widths[column])
            paragraph = cell.paragraphs[0]
            line_pitch(paragraph, TABLE_PITCH)
            indent(paragraph)
            if number == 0 or centred[column]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            lines = text.split("\n")
            for index, line in enumerate(lines):
                added = run(paragraph, line, HEADING_FONT if number == 0 else BODY_FONT, TABLE_SIZE)
                if index < len(lines) - 1:
                    added.add_break()
