"""Filling the screens' data tables."""

from collections.abc import Sequence

from textual.widgets import DataTable

from tracker.tui.format import literal


def refill(table: DataTable[object], rows: Sequence[Sequence[object]], keys: Sequence[str]) -> None:
    """Replace a table's rows, keeping the cursor on the same row; user text is shown as typed."""
    row = table.cursor_row
    table.clear()
    for key, values in zip(keys, rows, strict=True):
        table.add_row(*(literal(value) for value in values), key=key)
    if table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))
