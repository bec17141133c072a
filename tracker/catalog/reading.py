"""Read catalog files (.xlsx; .csv in UTF-8, UTF-8 with BOM or GBK/GB18030; exported .html) into rows."""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tracker.catalog.columns import (
    MULTILINE,
    SUB_HEADERS,
    TICK_COLUMNS,
    TICK_FIELDS,
    closest_header,
    field_of,
    is_no,
    is_tick,
    normalize,
)
from tracker.catalog.html_table import html_tables
from tracker.catalog.limits import (
    MAX_CELLS,
    BoundedRows,
    check_file_size,
    check_unpacked_size,
)
from tracker.catalog.table import CellBounds, Table, cell_text, clean, fill_vertical_merges
from tracker.domain.catalog_vocab import CHANNELS, channel_aliases
from tracker.domain.errors import InputError
from tracker.domain.text import inert_cell, without_controls

HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    index: int
    field: str
    tick: str | None = None
    """For a tick column (全社会 …), the value a tick means."""


@dataclass
class Sheet:
    """The rows of one table, as fields, with the spreadsheet's own row numbers."""

    rows: list[tuple[int, dict[str, object]]]
    fields: set[str]
    ignored_headers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    area: str = ""
    """The area every row has when the table has no 领域 column."""
    area_from: str = ""
    """Where that area was read: 标题, 工作表名 or --area."""
    filled: dict[str, int] = field(default_factory=dict)
    """Blank cells filled from the row above, per field (merged cells saved as CSV)."""
    joined: int = 0
    """Rows that went on with the item above (one item's 公开内容 over several rows)."""


FORMATS = ".xlsx、.xls、.csv、.docx 或 .html"


def read_tables(path: Path) -> list[Table]:
    """Every table of a catalog file as text cells, without control characters.

    Line breaks and tabs inside a cell are kept here: whether a field may hold them is
    decided when the cell is mapped to its field (``_row_fields``).
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"找不到文件 {path}")
    if suffix not in (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".html", ".htm", ".docx"):
        raise InputError(f"不支持的文件类型「{suffix or path.name}」：只能导入 {FORMATS}")
    try:
        check_file_size(path.name, path.stat().st_size)
        with path.open("rb") as file:
            if suffix in (".xlsx", ".xlsm"):
                return _xlsx_tables(file, path.name)
            raw = file.read()
    except OSError as error:
        raise InputError(f"无法读取文件 {path.name}：{error.strerror or error}") from None
    if suffix == ".xls":
        from tracker.catalog.legacy import xls_tables

        return xls_tables(raw, path.name)
    if suffix == ".docx":
        from tracker.catalog.word import docx_tables

        return docx_tables(raw, path.name)
    if suffix in (".csv", ".txt"):
        return [Table(_csv_cells(raw, path.name), fill_down=True)]
    tables = [
        Table(cells, f"第 {number} 个表格", caption=caption)
        for number, (caption, cells) in enumerate(html_tables(decode(raw, path.name), path.name), 1)
        if any(cell for row in cells for cell in row)  # a page's empty layout tables
    ]
    if not tables:
        raise InputError(f"{path.name} 中没有表格")
    return tables


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


def _xlsx_tables(file: BinaryIO, name: str) -> list[Table]:
    """Every worksheet, each streamed row by row within the limits.

    A sheet's declared size (its ``dimension``) is ignored: a forged A1:XFD1048576
    would make every row sixteen thousand cells wide. Rows are as long as their last
    real cell, and ``BoundedRows`` refuses the first one past a limit; the limit on
    cells counts across sheets.
    """
    from openpyxl import load_workbook

    from tracker.catalog.legacy import DENSE_CELLS, calamine_tables, dense_extent

    try:
        with zipfile.ZipFile(file) as archive:
            check_unpacked_size(name, sum(info.file_size for info in archive.infolist()))
            ordinary = dense_extent(archive) <= DENSE_CELLS
        file.seek(0)
        if ordinary:  # the common case: calamine reads it ten times as fast
            return calamine_tables(file.read(), name, "xlsx")
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except _BROKEN_XLSX as error:
        raise InputError(_broken_xlsx(name, error)) from None
    try:
        if not workbook.worksheets:
            raise InputError(f"Excel 文件 {name} 中没有工作表")
        tables = []
        cells = 0
        for sheet in workbook.worksheets:
            title = clean(sheet.title)
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            sheet.reset_dimensions()
            rows = BoundedRows(f"{name} 的工作表「{title}」", letters=True, filled=cells)
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                rows.add(number, [clean(cell_text(value)) for value in values])
            cells = rows.filled
            fill_vertical_merges(rows.rows, _merged_ranges(sheet, rows.where))
            tables.append(Table(rows.rows, f"工作表「{title}」", sheet=title))
        return tables
    except _BROKEN_XLSX as error:
        raise InputError(_broken_xlsx(name, error)) from None
    finally:
        workbook.close()


def _broken_xlsx(name: str, error: BaseException) -> str:
    return f"无法读取 Excel 文件 {name}：文件已损坏或不是 .xlsx（{clean(str(error))}）"


def _merged_ranges(sheet: Any, where: str) -> list[CellBounds]:
    """The merged ranges of a read-only worksheet, which openpyxl does not read in that mode.

    Read from the sheet's XML after its rows; at most ``MAX_CELLS`` of them.
    """
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.xml.functions import iterparse

    tag = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
    ranges: list[CellBounds] = []
    # A read-only worksheet opens its XML on demand; it has no public way to do so.
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag == tag and element.get("ref"):
                ranges.append(CellRange(element.get("ref")))
                if len(ranges) > MAX_CELLS:
                    raise InputError(f"{where}的合并单元格超过 {MAX_CELLS} 处：请确认选对了文件")
            element.clear()
    return ranges


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
            rows.add(number, [clean(_formula_text(cell)) for cell in row])
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


def parse_sheet(
    cells: list[list[str]],
    *,
    table: Table | None = None,
    areas: Sequence[str] = (),
    area: str | None = None,
    ignore: Collection[str] = (),
) -> Sheet:
    """Find the header (one row, or the standard two-row layout) and map each row to fields.

    A table without a 领域 column takes its area from, in order: its title rows (or the
    heading before it), the worksheet's name, ``area`` (``--area``). ``areas`` are the
    area names to look for in those texts. A column whose header is not known and that
    holds data stops the import, unless its header is in ``ignore``.
    """
    table = table or Table(cells)
    header_at = _find_header(cells)
    top = cells[header_at]
    below = cells[header_at + 1] if header_at + 1 < len(cells) else []
    two_rows = _is_sub_header(top, below)
    columns, unknown = _columns(top, below if two_rows else [])
    first = header_at + (2 if two_rows else 1)
    fields = {c.field for c in columns}
    sheet = Sheet([], fields)
    _check_unknown(cells[first:], unknown, {normalize(name) for name in ignore}, sheet)
    if "name" not in fields:
        raise InputError(f"表头缺少必需的列：二级事项（事项名称）（表头在第 {header_at + 1} 行）")
    if "area" not in fields:
        sheet.area, sheet.area_from = _table_area(cells[:header_at], table, areas, area)
    # A table saved from merged cells (CSV from Excel) has each merged 领域 or 一级事项 in
    # its first row only. Our own exports carry 编号 and every cell, so they are never filled.
    fill = ["area", "topic"] if table.fill_down and "id" not in fields else []
    last: dict[str, object] = {}
    for offset, row in enumerate(cells[first:]):
        number = first + offset + 1
        if not any(cell.strip() for cell in row):
            continue
        values, problem = _row_fields(row, columns)
        if problem:
            sheet.problems.append(f"第 {number} 行：{problem}")
            continue
        if not any(values.get(name) for name in ("area", "name", "topic", "content")):
            continue
        if sheet.rows and _goes_on(values):  # before filling: its blanks are the item above's
            _join(sheet.rows[-1][1], values)
            sheet.joined += 1
            continue
        for name in fill:
            same_area = name == "area" or values.get("area") == last.get("area")
            if name in fields and not values.get(name) and last.get(name) and same_area:
                values[name] = last[name]
                sheet.filled[name] = sheet.filled.get(name, 0) + 1
        last = values
        if sheet.area:
            values["area"] = sheet.area
        if sheet.rows and _continues(values, sheet.rows[-1][1]):
            _join(sheet.rows[-1][1], values)
            sheet.joined += 1
            continue
        sheet.rows.append((number, values))
    return sheet


_JOINED = ("content", "basis")
"""Elements an item may spread over several rows, each row one more part."""


def _goes_on(values: dict[str, object]) -> bool:
    """A row with no item of its own (no 一级事项, no 二级事项) but more 公开内容 or 公开依据."""
    return (
        not values.get("name")
        and not values.get("topic")
        and any(values.get(name) for name in _JOINED)
    )


def _continues(values: dict[str, object], previous: dict[str, object]) -> bool:
    """A row that goes on with the item above: the same item (its merged cells filled down)
    with more 公开内容, or a row with no item of its own."""
    identity = ("area", "topic", "name")
    if _goes_on(values):
        return True
    if any(values.get(name) != previous.get(name) for name in identity):
        return False
    rest = (set(values) | set(previous)) - {*identity, *_JOINED}
    return all(values.get(name) in ("", None, [], previous.get(name)) for name in rest)


def _join(previous: dict[str, object], values: dict[str, object]) -> None:
    for name in _JOINED:
        part = str(values.get(name) or "")
        have = str(previous.get(name) or "")
        if part and part not in have.split("\n"):
            previous[name] = f"{have}\n{part}" if have else part


_GENERIC_SHEET = re.compile(r"(?i)(sheet|工作表|表|table)\s*\d*|.*目录.*|.*清单.*")


def _table_area(
    title_rows: list[list[str]], table: Table, areas: Sequence[str], given: str | None
) -> tuple[str, str]:
    """The area of a table without a 领域 column, and where it was read.

    A known area named in the title or the worksheet's name comes first; then ``given``
    (``--area``); then whatever the title or sheet name calls an area, which may be an
    added one (the import then asks for it to be marked so).
    """
    title = " ".join(cell for row in title_rows for cell in row if cell) or table.caption
    sheet = table.sheet.strip() if table.sheet else ""
    if sheet and _GENERIC_SHEET.fullmatch(sheet):
        sheet = ""
    for text, source in ((title, "标题"), (sheet, "工作表名")):
        known = known_area_in(text, areas)
        if known:
            return known, source
    if given:
        return given.strip(), "--area"
    guess = area_in(title)
    if guess:
        return guess, "标题"
    if sheet:
        return area_in(sheet) or sheet.removesuffix("领域"), "工作表名"
    where = f"{table.label}的" if table.label else ""
    raise InputError(
        f"{where}表头没有「领域」列，标题{'和工作表名' if table.sheet else ''}中也看不出领域："
        "请用 --area 指定，如 --area 城乡规划"
    )


_AREA_IN_TITLE = re.compile(r"([\u4e00-\u9fff、]{2,16}?)领域")
_CITY = re.compile(r"^[\u4e00-\u9fff]{2,8}?[省市](?=[\u4e00-\u9fff]{2})")
_COUNTY = re.compile(r"^[\u4e00-\u9fff]{2,8}?[区县旗](?=[\u4e00-\u9fff]{2})")


def known_area_in(text: str, areas: Sequence[str]) -> str:
    """The longest of ``areas`` that ``text`` contains, or empty."""
    text = normalize(text)
    known = [area for area in areas if area and area in text]
    return max(known, key=len) if known else ""


def area_in(text: str) -> str:
    """The words a title puts before 「领域」, without a leading place name (天津市河西区
    城乡规划领域… names 城乡规划); empty when it names no area."""
    match = _AREA_IN_TITLE.search(normalize(text))
    if not match:
        return ""
    words = match.group(1)
    for place in (_CITY, _COUNTY):
        found = place.match(words)
        if found:
            words = words[found.end() :]
    return words


def _check_unknown(
    rows: list[list[str]], unknown: list[tuple[int, str]], ignore: set[str], sheet: Sheet
) -> None:
    """A column that is not known and holds data is an error (data would be lost), unless the
    user chose to ignore it; one without data is only reported."""
    for index, header in unknown:
        holds_data = any(index < len(row) and row[index].strip() for row in rows)
        if normalize(header) in ignore or not holds_data:
            sheet.ignored_headers.append(header)
            continue
        guess = closest_header(header)
        hint = f"是不是「{guess}」？" if guess else ""
        raise InputError(
            f"第 {_column_name(index)} 列「{header}」不是目录的已知列名，且有内容：{hint}"
            f"如果这一列不需要导入，请加 --ignore-column {header}"
        )


def _column_name(index: int) -> str:
    from tracker.catalog.limits import column_letter

    return column_letter(index + 1)


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


def _columns(top: list[str], below: list[str]) -> tuple[list[Column], list[tuple[int, str]]]:
    """The known columns, and the unknown ones (index, header) whose data would be lost."""
    columns: list[Column] = []
    unknown: list[tuple[int, str]] = []
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
        group_field = field_of(group) if group else None
        if sub and group_field in TICK_FIELDS:
            # An unknown word under 公开对象/方式/层级: not to be read as the whole column.
            unknown.append((index, below[index].strip()))
            continue
        name = field_of(sub) if sub else field_of(head or group)
        if name is None:
            if (head or sub).strip():
                unknown.append((index, (sub or head).strip()))
            continue
        if name in ("seq", "remark"):
            continue
        if name in seen:
            if name not in TICK_FIELDS:
                unknown.append((index, (sub or head).strip()))
            continue
        seen.add(name)
        columns.append(Column(index, name))
    return columns, unknown


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
            elif cell and not is_no(cell):
                # Words instead of a tick name who it is for (项目单位 under 特定群众): kept.
                ticked[column.field].append(f"{column.tick}（{cell}）")
        elif column.field == "channels":
            values["channels"] = channel_names(cell)
        elif column.field == "added_area":
            values["added_area"] = is_tick(cell)
        else:
            values[column.field] = cell
    for name, chosen in ticked.items():
        values[name] = "、".join(dict.fromkeys(chosen))
    return values, None


_MARKS = "■☑√✓✔□☐"
_CHECKED = "■☑√✓✔"
_MARKED = re.compile(rf"([{_MARKS}])\s*([^{_MARKS}]*)")
_NUMBERING = re.compile(
    r"(?<![0-9A-Za-z])[0-9]{1,2}\s*[.．、)）](?![0-9])|[（(][0-9]{1,2}[)）]|[①-⑳]"
)
_BULLETS = re.compile(r"[◆◇●○◎•·▪▫★☆]")
_SEPARATORS = re.compile(r"[、，,；;\s]+")
_KNOWN = frozenset((*CHANNELS, *channel_aliases()))
_SLASHED = sorted((name for name in _KNOWN if "/" in name), key=len, reverse=True)
"""Channel names with a slash in them (发布会/听证会), which a slash must not split."""
_OTHER = re.compile(r"^其他[：:（(](.+?)[）)]?$")
_BOX_CHAR = re.compile(
    "口(?="
    + "|".join(re.escape(name) for name in sorted({*_KNOWN, "其他"}, key=len, reverse=True))
    + ")"
)
"""口 standing for □ (typed for want of the box character) before a channel's name."""
_WINGDINGS_CHECKED = re.compile(r"R(?=[\u4e00-\u9fff])")


def channel_names(cell: str) -> list[str]:
    """The channels a cell names, as people write them: a ■/□ checkbox list (only the ticked
    ones count; 口 and Word's £/R boxes too), a numbered list (1. ① （1）), bullets (◆ ● ·),
    or names separated by 、，,；; / spaces or line breaks. 「其他：信用中国」 names the
    platform 信用中国; a name with slashes that are not separators (社区/企事业单位/村公示栏)
    stays whole."""
    if "£" in cell:  # Wingdings check boxes pasted without their font: £ is ☐, R is ☑
        cell = _WINGDINGS_CHECKED.sub("■", cell.replace("£", "□"))
    if any(mark in cell for mark in _MARKS):
        cell = _BOX_CHAR.sub("□", cell)
        texts = [text for mark, text in _MARKED.findall(cell) if mark in _CHECKED]
    else:
        texts = [cell]
    names: list[str] = []
    for text in texts:
        text = _BULLETS.sub("\n", _NUMBERING.sub("\n", text))
        for part in _SEPARATORS.split(text):
            for name in _slashed_parts(part.strip(" ：:。.")):
                other = _OTHER.match(name)
                if other:
                    name = other.group(1).strip()
                if name and name not in names:
                    names.append(name)
    return names


def _slashed_parts(part: str) -> list[str]:
    """``part`` split at slashes when every piece is a channel (政府网站/政府公报), else whole."""
    if "/" not in part or part in _KNOWN:
        return [part]
    protected = part
    for number, slashed in enumerate(_SLASHED):
        protected = protected.replace(slashed, f"\ue000{number}\ue001")
    pieces = []
    for piece in protected.split("/"):
        for number, slashed in enumerate(_SLASHED):
            piece = piece.replace(f"\ue000{number}\ue001", slashed)
        pieces.append(piece.strip())
    if all(piece in _KNOWN or _OTHER.match(piece) or piece == "其他" for piece in pieces if piece):
        return [piece for piece in pieces if piece]
    return [part]
