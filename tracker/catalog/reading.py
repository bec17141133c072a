"""Read catalog files (.xlsx; .csv in UTF-8, UTF-8 with BOM or GBK/GB18030; exported .html) into rows."""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from tracker.catalog.columns import (
    MULTILINE,
    SUB_HEADERS,
    TICK_COLUMNS,
    field_of,
    is_tick,
    normalize,
)
from tracker.catalog.html_table import html_cells
from tracker.catalog.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    BoundedRows,
    check_file_size,
    check_unpacked_size,
)
from tracker.domain.errors import InputError
from tracker.domain.text import inert_cell, without_controls

HEADER_SEARCH_ROWS = 10
_CHECKBOX = re.compile(r"([■☑√✓✔])\s*([^■□☑☐√✓✔]+)")


@dataclass(frozen=True)
class Column:
    index: int
    field: str
    tick: str | None = None
    """For a tick column (全社会 …), the value a tick means."""


@dataclass
class Sheet:
    """The rows of a catalog file, as fields, with the spreadsheet's own row numbers."""

    rows: list[tuple[int, dict[str, object]]]
    fields: set[str]
    ignored_headers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_cells(path: Path) -> list[list[str]]:
    """Every row of the first sheet as text cells, without control characters.

    Line breaks and tabs inside a cell are kept here: whether a field may hold them is
    decided when the cell is mapped to its field (``_row_fields``).
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    if suffix == ".xls":
        raise InputError(
            f"{path.name} 是旧版 Excel 格式（.xls），请在 Excel 中另存为 .xlsx 后再导入"
        )
    if suffix not in (".xlsx", ".csv", ".txt", ".html", ".htm"):
        raise InputError(
            f"不支持的文件类型「{suffix or path.name}」：只能导入 .xlsx、.csv 或导出的 .html"
        )
    try:
        check_file_size(path.name, path.stat().st_size)
        with path.open("rb") as file:
            if suffix == ".xlsx":
                return _xlsx_cells(file, path.name)
            raw = file.read()
    except OSError as error:
        raise InputError(f"无法读取文件 {path.name}：{error.strerror or error}") from None
    if suffix in (".csv", ".txt"):
        return _csv_cells(raw, path.name)
    return html_cells(decode(raw, path.name), path.name)


_BROKEN_XLSX = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,  # xml.etree's ParseError
)
"""What openpyxl and zipfile raise on a damaged or forged workbook."""


def _xlsx_cells(file: BinaryIO, name: str) -> list[list[str]]:
    """The first sheet, streamed row by row within the limits.

    The sheet's declared size (its ``dimension``) is ignored: a forged A1:XFD1048576
    would make every row sixteen thousand cells wide. Rows are as long as their last
    real cell, and ``BoundedRows`` refuses the first one past a limit.
    """
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(file) as archive:
            check_unpacked_size(name, sum(info.file_size for info in archive.infolist()))
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except _BROKEN_XLSX as error:
        raise InputError(_broken_xlsx(name, error)) from None
    try:
        if not workbook.worksheets:
            raise InputError(f"Excel 文件 {name} 中没有工作表")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = BoundedRows(f"{name} 的工作表「{_clean(sheet.title)}」", letters=True)
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            rows.add(number, [_clean(_cell_text(value)) for value in values])
        _fill_vertical_merges(rows.rows, _merged_ranges(sheet, rows.where))
        return rows.rows
    except _BROKEN_XLSX as error:
        raise InputError(_broken_xlsx(name, error)) from None
    finally:
        workbook.close()


def _broken_xlsx(name: str, error: BaseException) -> str:
    return f"无法读取 Excel 文件 {name}：文件已损坏或不是 .xlsx（{_clean(str(error))}）"


class _CellRange(Protocol):
    """The bounds of one merged range of a worksheet (openpyxl's ``CellRange``), 1-based."""

    min_row: int
    max_row: int
    min_col: int
    max_col: int


def _merged_ranges(sheet: Any, where: str) -> list[_CellRange]:
    """The merged ranges of a read-only worksheet, which openpyxl does not read in that mode.

    Read from the sheet's XML after its rows; at most ``MAX_CELLS`` of them.
    """
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.xml.functions import iterparse

    tag = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
    ranges: list[_CellRange] = []
    # A read-only worksheet opens its XML on demand; it has no public way to do so.
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag == tag and element.get("ref"):
                ranges.append(CellRange(element.get("ref")))
                if len(ranges) > MAX_CELLS:
                    raise InputError(f"{where}的合并单元格超过 {MAX_CELLS} 处：请确认选对了文件")
            element.clear()
    return ranges


def _fill_vertical_merges(cells: list[list[str]], ranges: Iterable[_CellRange]) -> None:
    """A cell merged down several rows (a 领域 spanning its items) counts for each of them.

    Merges across columns (group headers) stay blank: the header finder reads those.
    Only the part of a merge inside the rows read is filled, so a forged merge reaching
    row 1048576 costs nothing.
    """
    for merged in ranges:
        if merged.min_col != merged.max_col or merged.min_col > MAX_COLUMNS:
            continue
        if merged.min_row > len(cells):
            continue
        column = merged.min_col - 1
        top = cells[merged.min_row - 1]
        value = top[column] if column < len(top) else ""
        if not value:
            continue
        for row in cells[merged.min_row : min(merged.max_row, len(cells))]:
            if column >= len(row):
                row.extend([""] * (column + 1 - len(row)))
            row[column] = value


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean(text: str) -> str:
    """A cell as read from a file: control characters removed, line breaks and tabs kept."""
    return without_controls(text, multiline=True).strip()


def decode(raw: bytes, name: str = "文件") -> str:
    """Text of a CSV as Excel saves it: UTF-8 (with or without BOM), UTF-16, or GBK/GB18030."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        if bom:
            return raw[bom:].decode("utf-8")
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise InputError(
            f"无法识别 {name} 的编码（第 {bom + error.start + 1} 个字节起不是有效的文字）："
            "请在 Excel 或 WPS 中另存为「CSV UTF-8」或 GBK 编码的 CSV 后再导入"
        ) from None


def _csv_cells(raw: bytes, name: str) -> list[list[str]]:
    text = decode(raw, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = BoundedRows(f"{name} ")
    # newline="" lets the reader see every line ending (CR alone, as old Mac Excel saves, too).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, row in enumerate(reader, 1):
            rows.add(number, [_clean(_formula_text(cell)) for cell in row])
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            # The reader's own limit (128 KB) is past ours: the cell is too long either way.
            rows.too_long(number + 1)
        raise InputError(f"{name} 第 {number + 1} 行不是有效的 CSV（{error}）") from None
    return rows.rows


def _formula_text(cell: str) -> str:
    """A CSV cell our export wrote as text (``'=…``, see ``inert_cell``), read back as it was.

    Excel treats the leading apostrophe as a mark, not as part of the text, so a user's file
    never means it either.
    """
    return cell[1:] if cell.startswith("'") and inert_cell(cell[1:]) == cell else cell


def parse_sheet(cells: list[list[str]]) -> Sheet:
    """Find the header (one row, or the standard two-row layout) and map each row to fields."""
    header_at = _find_header(cells)
    top = cells[header_at]
    below = cells[header_at + 1] if header_at + 1 < len(cells) else []
    two_rows = _is_sub_header(top, below)
    columns, ignored = _columns(top, below if two_rows else [])
    fields = {c.field for c in columns}
    sheet = Sheet([], fields, ignored)
    missing = [
        label
        for name, label in (("area", "领域"), ("name", "二级事项（事项名称）"))
        if name not in fields
    ]
    if missing:
        raise InputError(f"表头缺少必需的列：{'、'.join(missing)}（表头在第 {header_at + 1} 行）")
    first = header_at + (2 if two_rows else 1)
    for offset, row in enumerate(cells[first:]):
        number = first + offset + 1
        if not any(cell.strip() for cell in row):
            continue
        values, problem = _row_fields(row, columns)
        if problem:
            sheet.problems.append(f"第 {number} 行：{problem}")
        elif any(values.get(name) for name in ("area", "name", "topic", "content")):
            sheet.rows.append((number, values))
    return sheet


def _find_header(cells: list[list[str]]) -> int:
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        known = sum(1 for cell in row if field_of(cell) or normalize(cell) in SUB_HEADERS)
        if known >= 3:
            return index
    raise InputError(
        f"前 {HEADER_SEARCH_ROWS} 行中没有找到目录表头：应有「领域」「二级事项」「公开依据」等列名"
    )


def _is_sub_header(top: list[str], below: list[str]) -> bool:
    """The standard layout's second header row: sub-headers under merged (blank) group cells.

    A data row can hold 全社会 or 区级 too, but under a header row whose every
    cell is filled; only merged group headers leave blanks above a sub-header.
    """
    heads = [top[index] if index < len(top) else "" for index in range(len(below))]
    subs = [
        (index, normalize(cell))
        for index, cell in enumerate(below)
        if normalize(cell) in SUB_HEADERS
    ]
    under_merged = sum(1 for index, _ in subs if not heads[index].strip())
    return (
        under_merged >= 1
        and len(subs) >= 2
        and all(_in_group(_group_head(heads, index), sub) for index, sub in subs)
    )


def _group_head(heads: list[str], index: int) -> str:
    """The header over a column: its own cell, or the merged group cell that spans it (the
    nearest filled cell to its left)."""
    for head in reversed(heads[: index + 1]):
        if head.strip():
            return head
    return ""


def _in_group(head: str, sub: str) -> bool:
    """Whether a sub-header may stand under ``head``: a blank (merged) cell, or its group.

    全社会 under 公开对象 is a sub-header; 全社会 under 二级事项 is data.
    """
    group = field_of(head) if head.strip() else None
    if group is None:
        return True
    if sub in TICK_COLUMNS:
        return TICK_COLUMNS[sub][0] == group
    return group in ("name", "topic")


def _columns(top: list[str], below: list[str]) -> tuple[list[Column], list[str]]:
    columns: list[Column] = []
    ignored: list[str] = []
    seen: set[str] = set()
    group = ""
    # Rows end at their last filled cell: a sub-header may reach past its group's header.
    for index in range(max(len(top), len(below))):
        head = top[index] if index < len(top) else ""
        sub = normalize(below[index]) if index < len(below) else ""
        group = head if head.strip() else (group if sub else "")
        if sub in TICK_COLUMNS:
            tick_field, tick = TICK_COLUMNS[sub]
            columns.append(Column(index, tick_field, tick))
            seen.add(tick_field)
            continue
        name = field_of(sub) if sub else field_of(head or group)
        if name is None or name == "seq" or name == "remark":
            if (head or sub).strip() and name is None:
                ignored.append((head or sub).strip())
            continue
        if name in seen:
            ignored.append((sub or head).strip())
            continue
        seen.add(name)
        columns.append(Column(index, name))
    return columns, ignored


def _row_fields(row: list[str], columns: list[Column]) -> tuple[dict[str, object], str | None]:
    values: dict[str, object] = {}
    ticked: dict[str, list[str]] = {}
    for column in columns:
        cell = row[column.index] if column.index < len(row) else ""
        if column.field not in MULTILINE:
            cell = without_controls(cell).strip()
        if column.tick:
            ticked.setdefault(column.field, [])
            if is_tick(cell):
                ticked[column.field].append(column.tick)
        elif column.field == "channels":
            values["channels"] = channel_names(cell)
        elif column.field == "added_area":
            values["added_area"] = is_tick(cell)
        else:
            values[column.field] = cell
    for name, chosen in ticked.items():
        if len(chosen) > 1:
            return values, f"{'、'.join(chosen)}只能勾选一项"
        values[name] = chosen[0] if chosen else ""
    return values, None


def channel_names(cell: str) -> list[str]:
    """The channels a cell names: a ■/□ checkbox list, or names separated by commas or 、."""
    if any(mark in cell for mark in "■□☑☐"):
        return [
            name.strip(" ,，、;；\n")
            for _, name in _CHECKBOX.findall(cell)
            if name.strip(" ,，、;；\n")
        ]
    return [part.strip() for part in re.split(r"[,，、;；\n]+", cell) if part.strip()]
