"""Workbooks read with python-calamine: Excel 97–2003 (.xls), and .xlsx of ordinary shape.

openpyxl reads only .xlsx, and slowly: a 5,000-row catalog saved by Excel takes it over two
seconds, calamine (Rust) about a tenth of that, with the same text and its merged ranges
(``bench/calamine_vs_openpyxl.py``). But calamine holds a sheet as a dense grid from its
first to its last cell, and a forged workbook (one cell at A1, one at XFD1048576) makes it
ask for hundreds of gigabytes and abort the process. So an .xlsx goes to calamine only when
``dense_extent`` has read, in the sheet XML itself, that every sheet's cells with content fit
in a grid no real catalog exceeds; any other .xlsx is streamed by openpyxl within the limits.
"""

import io
import re
import zipfile
from typing import Any

from tracker.catalog.limits import MAX_CELLS, MAX_COLUMNS, BoundedRows
from tracker.catalog.table import Table, cell_text, clean, fill_vertical_merges
from tracker.domain.errors import InputError

DENSE_CELLS = MAX_CELLS // 4
"""The largest grid (rows × columns, empty cells included) calamine is given: 500,000 cells,
twenty-five times a 5,000-row, 20-column catalog."""

_CELL_WITH_CONTENT = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')
"""A cell element that is not empty (``<c r="B7" s="3"/>`` is formatting only)."""


class _Merged:
    """A calamine merged range as the fill helper reads it (1-based, inclusive)."""

    def __init__(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        self.min_row, self.min_col = start[0] + 1, start[1] + 1
        self.max_row, self.max_col = end[0] + 1, end[1] + 1


def dense_extent(archive: zipfile.ZipFile) -> int:
    """The largest grid any worksheet's cells with content span (rows × columns), read from
    the XML (the ``dimension`` a file declares can be forged)."""
    largest = 0
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        rows = columns = 0
        for column, row in _CELL_WITH_CONTENT.findall(archive.read(info)):
            rows = max(rows, int(row))
            columns = max(columns, _column_number(column))
        largest = max(largest, rows * columns)
    return largest


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def xls_tables(raw: bytes, name: str) -> list[Table]:
    """Every visible worksheet of an .xls file."""
    return calamine_tables(raw, name, "xls")


def calamine_tables(raw: bytes, name: str, kind: str) -> list[Table]:
    """Every visible worksheet of an .xls or (checked) .xlsx workbook."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as error:  # calamine raises its own error types for damaged files
        raise InputError(
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 .{kind}（{clean(str(error))[:200]}）"
        ) from None
    hidden = {
        sheet.name
        for sheet in workbook.sheets_metadata
        if not str(sheet.visible).endswith("Visible")
    }
    tables = []
    filled = 0
    for title in workbook.sheet_names:
        if title in hidden:
            continue
        where = f"{name} 的工作表「{clean(title)}」"
        try:
            sheet = workbook.get_sheet_by_name(title)
        except Exception as error:
            raise InputError(
                f"无法读取 Excel 文件 {name}：工作表「{clean(title)}」已损坏（{clean(str(error))[:200]}）"
            ) from None
        rows = BoundedRows(where, letters=True, filled=filled)
        top, left = sheet.start or (0, 0)
        for number, values in enumerate(sheet.iter_rows(), top + 1):
            cells = [""] * left + [clean(cell_text(_value(v))) for v in values]
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                rows.too_wide(number, len(cells))
            rows.add(number, cells[:MAX_COLUMNS])
        filled = rows.filled
        fill_vertical_merges(rows.rows, [_Merged(*m) for m in (sheet.merged_cell_ranges or [])])
        tables.append(Table(rows.rows, f"工作表「{clean(title)}」", sheet=clean(title)))
    if not tables:
        raise InputError(f"Excel 文件 {name} 中没有工作表")
    return tables


def _value(value: Any) -> Any:
    """calamine gives empty cells as ""; everything else as the spreadsheet typed it."""
    return None if value == "" else value
