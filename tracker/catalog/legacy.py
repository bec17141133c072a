"""Excel 97–2003 workbooks (.xls), still common in offices, read with python-calamine.

openpyxl reads only .xlsx. calamine (Rust, wheels for every platform we run on) reads
.xls with its merged ranges, so a 一级事项 merged down its items counts for each row, as
in the .xlsx reader.
"""

import io
from typing import Any

from tracker.catalog.limits import MAX_COLUMNS, BoundedRows
from tracker.catalog.table import Table, cell_text, clean, fill_vertical_merges
from tracker.domain.errors import InputError


class _Merged:
    """A calamine merged range as the fill helper reads it (1-based, inclusive)."""

    def __init__(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        self.min_row, self.min_col = start[0] + 1, start[1] + 1
        self.max_row, self.max_col = end[0] + 1, end[1] + 1


def xls_tables(raw: bytes, name: str) -> list[Table]:
    """Every visible worksheet of an .xls file."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as error:  # calamine raises its own error types for damaged files
        raise InputError(
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 .xls（{clean(str(error))[:200]}）"
        ) from None
    hidden = {
        sheet.name
        for sheet in workbook.sheets_metadata
        if str(sheet.visible) != "SheetVisibleEnum.Visible"
    }
    tables = []
    filled = 0
    for title in workbook.sheet_names:
        if title in hidden:
            continue
        try:
            sheet = workbook.get_sheet_by_name(title)
        except Exception as error:
            raise InputError(
                f"无法读取 {name} 的工作表「{clean(title)}」（{clean(str(error))[:200]}）"
            ) from None
        where = f"{name} 的工作表「{clean(title)}」"
        rows = BoundedRows(where, letters=True, filled=filled)
        top, left = sheet.start or (0, 0)
        for number, values in enumerate(sheet.iter_rows(), top + 1):
            cells = [""] * left + [clean(cell_text(_value(v))) for v in values]
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                rows.too_wide(number, len(cells))
            rows.add(number, cells[: max(MAX_COLUMNS, len(cells))])
        filled = rows.filled
        ranges = [_Merged(*merged) for merged in (sheet.merged_cell_ranges or [])]
        fill_vertical_merges(rows.rows, ranges)
        tables.append(Table(rows.rows, f"工作表「{clean(title)}」", sheet=clean(title)))
    if not tables:
        raise InputError(f"Excel 文件 {name} 中没有工作表")
    return tables


def _value(value: Any) -> Any:
    """calamine gives empty cells as ""; everything else as the spreadsheet typed it."""
    return None if value == "" else value
