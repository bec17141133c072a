"""The tables of a Word document (.docx), as catalogs are often published, as rows of text.

Merged cells read as the spreadsheet readers give them: a cell merged across columns (a
group header such as 公开对象 over 全社会 | 特定群众) is followed by blanks, and a cell merged
down rows (a 一级事项 spanning its items) counts for each row.
"""

import io
import zipfile
import zlib
from typing import Any

from tracker.catalog.limits import MAX_COLUMNS, BoundedRows, check_span, check_unpacked_size
from tracker.catalog.table import Table
from tracker.domain.errors import InputError
from tracker.domain.text import without_controls

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_tables(raw: bytes, name: str) -> list[Table]:
    """Every table of the document, each with the paragraph just before it as its caption."""
    from docx import Document  # python-docx: read only when a Word file is imported

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            check_unpacked_size(name, sum(info.file_size for info in archive.infolist()))
        document = Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError) as error:
        raise InputError(f"无法读取 Word 文件 {name}：文件已损坏或不是 .docx（{error}）") from None
    tables: list[Table] = []
    caption = ""
    filled = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            text = _text(element)
            if text:
                caption = text
        elif element.tag == f"{_W}tbl":
            number = len(tables) + 1
            rows = BoundedRows(f"{name} 的第 {number} 个表格", filled=filled)
            _read_table(element, rows)
            filled = rows.filled
            if any(rows.rows):
                tables.append(Table(rows.rows, f"第 {number} 个表格", caption=caption))
            caption = ""
    if not tables:
        raise InputError(f"Word 文件 {name} 中没有表格")
    return tables


def _text(element: Any) -> str:
    """A paragraph's or a cell's text, paragraphs on their own lines."""
    paragraphs = element.iter(f"{_W}p") if element.tag != f"{_W}p" else [element]
    lines = []
    for paragraph in paragraphs:
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
        lines.append("".join(pieces))
    return without_controls("\n".join(lines), multiline=True).strip()


def _read_table(table: Any, rows: BoundedRows) -> None:
    above: list[str] = []
    for number, tr in enumerate(table.iterchildren(f"{_W}tr"), 1):
        row: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            span, continues = 1, False
            if properties is not None:
                grid = properties.find(f"{_W}gridSpan")
                if grid is not None:
                    span = _int(grid.get(f"{_W}val"))
                    check_span(rows.where, number, "gridSpan", span)
                merge = properties.find(f"{_W}vMerge")
                continues = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            if len(row) + span > MAX_COLUMNS:
                rows.too_wide(number, len(row) + span)
            column = len(row)
            value = above[column] if continues and column < len(above) else _text(tc)
            row.append(value)
            row.extend([""] * (span - 1))
        rows.add(number, list(row))
        above = row


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1
