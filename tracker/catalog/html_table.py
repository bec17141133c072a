"""Every table of an HTML page (a catalog page, one table per area) as rows of text cells."""

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
    """Collects the rows of each table, with merged cells spread out as blanks, and the text
    just before each table (its heading), which often names the area.

    Cells and rows whose end tags are left out (as HTML allows) end at the next cell or
    row. Limits are checked as the page is read: a cell spanning more columns or rows
    than a catalog has is refused before it is spread out.
    """

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.bounded = BoundedRows(where)
        self.pending: dict[int, tuple[int, str]] = {}
        """Column → rows below still covered by a rowspan from above, and its text, which
        counts for each of them (as the spreadsheet readers fill merged cells down)."""
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.span = (1, 1)
        self.depth = 0
        """How many tables the parser is inside (a table inside a cell is read as text)."""
        self.found: list[tuple[str, list[list[str]]]] = []
        self.text: list[str] = []
        """Text outside tables since the last one: the next table's caption."""
        self.caption = ""

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
            self.depth += 1
            if self.depth == 1:
                self._start_table()
        elif tag == "caption" and self.depth == 1:
            self.text = []
        elif tag == "tr" and self.depth == 1:
            self._end_row()
            self.row = []
            self._fill_rowspans()
        elif tag in ("td", "th") and self.depth == 1 and self.row is not None:
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
        elif self.depth == 0 or self.row is None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.depth == 1:
            self._end_cell()
        elif tag == "caption" and self.depth == 1:
            self.caption = _caption(self.text) or self.caption
            self.text = []
        elif tag == "tr" and self.depth == 1:
            self._end_row()
        elif tag == "table":
            if self.depth == 1:
                self._end_table()
            self.depth = max(0, self.depth - 1)

    def _start_table(self) -> None:
        self.caption = _caption(self.text)
        self.text = []
        self.bounded = BoundedRows(
            f"{self.where}（第 {len(self.found) + 1} 个表格）", filled=self.bounded.filled
        )
        self.pending = {}

    def _end_table(self) -> None:
        self._end_row()
        self.found.append((self.caption, self.bounded.rows))

    def close_table(self) -> None:
        """End a last table whose end tags the page left out."""
        if self.depth >= 1:
            self._end_table()
            self.depth = 0

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        text = without_controls("".join(self.cell), multiline=True).strip()
        rows, cols = self.span
        for offset in range(cols):
            if rows > 1:
                self.pending[len(self.row)] = (rows - 1, text if offset == 0 else "")
            self.row.append(text if offset == 0 else "")
        self.cell = None
        self._fill_rowspans()

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.bounded.add(self._number, self.row)
            self.row = None

    def _fill_rowspans(self) -> None:
        while self.row is not None and self.pending.get(len(self.row), (0, ""))[0] > 0:
            if len(self.row) >= MAX_COLUMNS:
                self.bounded.too_wide(self._number, len(self.row) + 1)
            left, text = self.pending[len(self.row)]
            self.pending[len(self.row)] = (left - 1, text)
            self.row.append(text)


def _caption(pieces: list[str]) -> str:
    """The last line of text before a table: its heading."""
    lines = [line.strip() for line in "".join(pieces).splitlines() if line.strip()]
    return without_controls(lines[-1]) if lines else ""


def html_tables(text: str, name: str) -> list[tuple[str, list[list[str]]]]:
    """Every table of the page ``text`` (of the file ``name``) with its caption or heading."""
    parser = TableParser(f"{name} ")
    parser.feed(text)
    parser.close_table()
    return parser.found


def html_cells(text: str, name: str) -> list[list[str]]:
    """The rows of the first table in ``text``, the page of the file ``name`` (none: no rows)."""
    tables = html_tables(text, name)
    return tables[0][1] if tables else []
