"""Read catalog files (.xlsx; .csv in UTF-8, UTF-8 with BOM or GBK/GB18030; exported .html) into rows."""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from tracker.catalog.columns import SUB_HEADERS, TICK_COLUMNS, field_of, is_tick, normalize
from tracker.domain.errors import InputError

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
    """Every row of the first sheet as text cells."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    if suffix == ".xlsx":
        return _xlsx_cells(path)
    if suffix in (".csv", ".txt"):
        return _csv_cells(path.read_bytes())
    if suffix in (".html", ".htm"):
        return _html_cells(decode(path.read_bytes()))
    if suffix == ".xls":
        raise InputError(
            f"{path.name} 是旧版 Excel 格式（.xls），请在 Excel 中另存为 .xlsx 后再导入"
        )
    raise InputError(
        f"不支持的文件类型「{suffix or path.name}」：只能导入 .xlsx、.csv 或导出的 .html"
    )


def _xlsx_cells(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx（{error}）"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        cells = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        _fill_vertical_merges(cells, sheet.merged_cells.ranges)
        return cells
    finally:
        workbook.close()


class _CellRange(Protocol):
    """The bounds of one merged range of a worksheet (openpyxl's ``CellRange``), 1-based."""

    min_row: int
    max_row: int
    min_col: int
    max_col: int


def _fill_vertical_merges(cells: list[list[str]], ranges: Iterable[_CellRange]) -> None:
    """A cell merged down several rows (a 领域 spanning its items) counts for each of them.

    Merges across columns (group headers) stay blank: the header finder reads those.
    """
    for merged in ranges:
        if merged.min_col != merged.max_col:
            continue
        column = merged.min_col - 1
        top = cells[merged.min_row - 1]
        value = top[column] if column < len(top) else ""
        for row in range(merged.min_row, merged.max_row):
            if row < len(cells) and column < len(cells[row]):
                cells[row][column] = value


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode(raw: bytes) -> str:
    """Text of a CSV as Excel saves it: UTF-8 (with or without BOM), UTF-16, or GBK/GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV") from None


def _csv_cells(raw: bytes) -> list[list[str]]:
    text = decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


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
    under_merged = sum(
        1
        for index, cell in enumerate(below)
        if normalize(cell) in SUB_HEADERS and (index >= len(top) or not top[index].strip())
    )
    return under_merged >= 1 and sum(normalize(c) in SUB_HEADERS for c in below) >= 2


def _columns(top: list[str], below: list[str]) -> tuple[list[Column], list[str]]:
    columns: list[Column] = []
    ignored: list[str] = []
    seen: set[str] = set()
    group = ""
    for index, head in enumerate(top):
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
        cell = row[column.index].strip() if column.index < len(row) else ""
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


def _html_cells(text: str) -> list[list[str]]:
    """The rows of the first table of an HTML page, with merged cells spread out as blanks."""
    from html.parser import HTMLParser

    class TableParser(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.pending: dict[int, int] = {}  # column -> rows still covered by a rowspan
            self.cell: list[str] | None = None
            self.row: list[str] | None = None
            self.span = (1, 1)
            self.tables = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "table":
                self.tables += 1
            elif tag == "tr" and self.tables == 1:
                self.row = []
                self._fill_rowspans()
            elif tag in ("td", "th") and self.row is not None:
                self.cell = []
                self.span = (int(values.get("rowspan") or 1), int(values.get("colspan") or 1))

        def _fill_rowspans(self) -> None:
            while self.row is not None and self.pending.get(len(self.row), 0) > 0:
                self.pending[len(self.row)] -= 1
                self.row.append("")

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None and self.row is not None:
                rows, cols = self.span
                for offset in range(cols):
                    if rows > 1:
                        self.pending[len(self.row)] = rows - 1
                    self.row.append("".join(self.cell).strip() if offset == 0 else "")
                self.cell = None
                self._fill_rowspans()
            elif tag == "tr" and self.row is not None:
                self.rows.append(self.row)
                self.row = None

    parser = TableParser()
    parser.feed(text)
    return parser.rows
