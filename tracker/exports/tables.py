"""A screen's table as an .xlsx workbook, for people who keep their tables in Excel."""

from pathlib import Path
from typing import Any

from tracker.domain.text import inert_cell, without_controls
from tracker.reports.files import write_output

Sheet = tuple[str, list[str], list[list[str]]]
"""A worksheet: its title, its column headers, its rows."""


def write_table(path: Path, title: str, headers: list[str], rows: list[list[str]]) -> Path:
    """Write ``rows`` under ``headers`` (the same columns as the screen) to ``path``, whole or
    not at all; text that reads as a formula stays text."""
    return write_sheets(path, [(title, headers, rows)])


def write_sheets(path: Path, sheets: list[Sheet]) -> Path:
    """Write each sheet (as :func:`write_table` writes one) into one workbook at ``path``."""

    def write(partial: Path) -> None:
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, headers, rows in sheets:
            _fill(workbook.create_sheet(title[:31]), headers, rows)
        workbook.save(partial)

    write_output(path, write)
    return path


def _fill(sheet: Any, headers: list[str], rows: list[list[str]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([without_controls(value, multiline=True) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and inert_cell(cell.value) != cell.value:
                cell.data_type, cell.quotePrefix = "s", True
    for index, header in enumerate(headers, 1):
        longest = max([len(header), *(len(str(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, 2 * longest + 2)
    sheet.freeze_panes = "A2"
