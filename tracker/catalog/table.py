"""A table as the readers give it: text cells and what may name its area."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from tracker.catalog.limits import MAX_COLUMNS
from tracker.domain.text import without_controls


@dataclass
class Table:
    """One table of a file: a worksheet, or a table of a web page or Word document."""

    cells: list[list[str]]
    label: str = ""
    """How messages name it: 工作表「城乡规划」, 第 2 个表格; empty for a file's only table."""
    sheet: str | None = None
    """The worksheet's name, which may name the area."""
    caption: str = ""
    """Text just before the table (a page's heading, a document's title), which may too."""
    fill_down: bool = False
    """Merged cells were saved in their first row only (a CSV saved from Excel)."""


class CellBounds(Protocol):
    """The bounds of one merged range of a worksheet (openpyxl's ``CellRange``), 1-based."""

    min_row: int
    max_row: int
    min_col: int
    max_col: int


def fill_vertical_merges(cells: list[list[str]], ranges: Iterable[CellBounds]) -> None:
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


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean(text: str) -> str:
    """A cell as read from a file: control characters removed, line breaks and tabs kept."""
    return without_controls(text, multiline=True).strip()
