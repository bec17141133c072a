"""The first table of an HTML page (a catalog exported as .html) as rows of text cells."""

import re
from html.parser import HTMLParser

from tracker.catalog.limits import MAX_COLUMNS, BoundedRows, check_span
from tracker.domain.text import without_controls

_LEADING_DIGITS = re.compile(r"[ \t\n\f\r]*([0-9]+)")


def span(value: str | None) -> int:
    """A ``rowspan`` or ``colspan`` read as browsers read it: its leading digits.

    Following the HTML standard, a value that is missing, not a number (``'abc'``) or
    zero counts as 1, and ``'3px'`` as 3, so a page imports as it looks in a browser.
    (The standard lets ``rowspan='0'`` run to the end of its row group; a catalog
    page never uses that, and it reads as 1 here.)
    """
    match = _LEADING_DIGITS.match(value or "")
    if not match:
        return 1
    digits = match.group(1).lstrip("0")
    if not digits:
        return 1
    # A run of digits longer than any limit is refused without building a huge int.
    return int(digits) if len(digits) <= 12 else 10**12


class TableParser(HTMLParser):
    """Collects the rows of the first table, with merged cells spread out as blanks.

    Cells and rows whose end tags are left out (as HTML allows) end at the next cell or
    row. Limits are checked as the page is read: a cell spanning more columns or rows
    than a catalog has is refused before it is spread out.
    """

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.bounded = BoundedRows(where)
        self.pending: dict[int, int] = {}
        """Column → rows below still covered by a rowspan from above."""
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.span = (1, 1)
        self.tables = 0

    @property
    def rows(self) -> list[list[str]]:
        return self.bounded.rows

    @property
    def _number(self) -> int:
        """The number of the row being read, as the messages name it."""
        return len(self.bounded.rows) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self.tables += 1
        elif tag == "tr" and self.tables == 1:
            self._end_row()
            self.row = []
            self._fill_rowspans()
        elif tag in ("td", "th") and self.row is not None:
            self._end_cell()
            rows, cols = span(values.get("rowspan")), span(values.get("colspan"))
            check_span(self.where, self._number, "rowspan", rows)
            check_span(self.where, self._number, "colspan", cols)
            if len(self.row) + cols > MAX_COLUMNS:
                self.bounded.too_wide(self._number, len(self.row) + cols)
            self.cell = []
            self.span = (rows, cols)

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr" or (tag == "table" and self.tables == 1):
            self._end_row()

    def close_table(self) -> None:
        """End a last row whose end tags the page left out."""
        self._end_row()

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = without_controls("".join(self.cell), multiline=True).strip()
        rows, cols = self.span
        for offset in range(cols):
            if rows > 1:
                self.pending[len(self.row)] = rows - 1
            self.row.append(text if offset == 0 else "")
        self.cell = None
        self._fill_rowspans()

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.bounded.add(self._number, self.row)
            self.row = None

    def _fill_rowspans(self) -> None:
        while self.row is not None and self.pending.get(len(self.row), 0) > 0:
            if len(self.row) >= MAX_COLUMNS:
                self.bounded.too_wide(self._number, len(self.row) + 1)
            self.pending[len(self.row)] -= 1
            self.row.append("")


def html_cells(text: str, name: str) -> list[list[str]]:
    """The rows of the first table in ``text``, the page of the file ``name``."""
    parser = TableParser(f"{name} 的表格")
    parser.feed(text)
    parser.close_table()
    return parser.rows
