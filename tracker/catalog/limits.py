"""Bounds on a catalog file, far beyond any real catalog, so a hostile file is refused at once.

A district's catalog has hundreds of rows, about twenty columns and cells of a few hundred
characters, in a file well under a megabyte. A file past these bounds is a mistake or an
attack (a cell placed at XFD1048576, ``colspan='300000000'``, a cell of 300 MB); reading it
would take minutes and gigabytes before any row could be checked, so it is refused as soon
as a bound is crossed, before anything more is read.
"""

from dataclasses import dataclass, field
from typing import NoReturn

from tracker.domain.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The size of the file as given: fifty times the largest catalog we have seen."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""What an .xlsx (a zip archive) says it unpacks to: a small file can hold a huge sheet."""
MAX_ROWS = 100_000
"""The last spreadsheet row that may hold anything."""
MAX_COLUMNS = 200
"""The last column that may hold anything; a catalog has about twenty."""
MAX_CELL_CHARS = 10_000
"""The longest cell, in characters: a legal basis quoted in full is a few hundred."""
MAX_CELLS = 2_000_000
"""Cells with text in one file: a hundred thousand rows of twenty filled cells."""

_ADVICE = "请确认选对了文件"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def column_letter(number: int) -> str:
    """A 1-based column number as a spreadsheet names it (1 → A, 27 → AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_file_size(name: str, size: int) -> None:
    """Refuse a file larger than ``MAX_FILE_BYTES`` before reading a byte of it."""
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"文件 {name} 有 {_megabytes(size)}，超过导入上限 {_megabytes(MAX_FILE_BYTES)}："
            f"一个区的目录文件通常不到 1 MB。{_ADVICE}，或删去无关的工作表、图片后另存再导入"
        )


def check_unpacked_size(name: str, size: int) -> None:
    """Refuse an .xlsx whose parts unpack to more than ``MAX_UNPACKED_BYTES``."""
    if size > MAX_UNPACKED_BYTES:
        raise InputError(
            f"Excel 文件 {name} 解压后有 {_megabytes(size)}，超过上限 "
            f"{_megabytes(MAX_UNPACKED_BYTES)}：{_ADVICE}，或删去无关的工作表、图片后另存再导入"
        )


def check_span(where: str, row: int, attribute: str, value: int) -> None:
    """Refuse a merged HTML cell wider or taller than a whole catalog may be."""
    limit = MAX_COLUMNS if attribute == "colspan" else MAX_ROWS
    if value > limit:
        raise InputError(
            f"{where}第 {row} 行有 {attribute}={value} 的单元格，超过上限 {limit}："
            f"{_ADVICE}，或在表格软件中取消该合并单元格后再导入"
        )


@dataclass
class BoundedRows:
    """The rows of one sheet as text, refused the moment a row, column or cell passes a bound.

    ``where`` names the file (and sheet) in messages. Rows are numbered from 1 as the
    spreadsheet numbers them; an empty row beyond ``MAX_ROWS`` is skipped, since files
    often carry formatting far below their data.
    """

    where: str
    letters: bool = False
    """Name columns by letter (A, B …, as Excel shows them) rather than by number."""
    rows: list[list[str]] = field(default_factory=list)
    filled: int = 0

    def add(self, number: int, cells: list[str]) -> None:
        """Take spreadsheet row ``number``; rows skipped since the last call count as empty."""
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            if number <= MAX_ROWS:
                self._pad(number - 1)
                self.rows.append(cells)
            return
        if number > MAX_ROWS:
            raise InputError(
                f"{self.where}第 {number} 行有内容，超过上限 {MAX_ROWS} 行：{_ADVICE}，"
                "或删去多余的行、按区拆成几个文件后再导入"
            )
        if len(cells) > MAX_COLUMNS:
            self.too_wide(number, len(cells))
        for index, cell in enumerate(cells, 1):
            if len(cell) > MAX_CELL_CHARS:
                self.too_long(number, index, len(cell))
        self.filled += sum(1 for cell in cells if cell)
        if self.filled > MAX_CELLS:
            raise InputError(
                f"{self.where}有内容的单元格超过 {MAX_CELLS} 个（读到第 {number} 行）："
                f"{_ADVICE}，或按区拆成几个文件后再导入"
            )
        self._pad(number - 1)
        self.rows.append(cells)

    def too_wide(self, row: int, column: int) -> NoReturn:
        """Refuse a row reaching ``column``, past ``MAX_COLUMNS``."""
        raise InputError(
            f"{self.where}第 {row} 行{self._column(column)}有内容，超过上限 {MAX_COLUMNS} 列："
            "目录只需约 20 列，请删去多余的列后再导入"
        )

    def too_long(self, row: int, column: int | None = None, length: int | None = None) -> NoReturn:
        """Refuse a cell longer than ``MAX_CELL_CHARS``."""
        where = self._column(column) if column is not None else "有一个单元格"
        size = f"有 {length} 个字符，" if length is not None else ""
        raise InputError(
            f"{self.where}第 {row} 行{where}的内容{size}超过单元格上限 {MAX_CELL_CHARS} 个字符："
            "请精简该单元格（如依据只写文件名称和条款号）后再导入"
        )

    def _pad(self, count: int) -> None:
        while len(self.rows) < count:
            self.rows.append([])

    def _column(self, number: int) -> str:
        if self.letters:
            return f"第 {column_letter(number)} 列"
        return f"第 {number} 列"
