"""Write a district's catalog as .xlsx (the published two-row header layout) or .csv (UTF-8 with BOM)."""

import csv
from pathlib import Path

from tracker.catalog.columns import FLAT, LAYOUT, WIDTHS
from tracker.domain.catalog_vocab import (
    FIVE_OPENNESS,
    ITEM_STATES,
    LEVEL_WORDS,
    parts_of,
    split_detail,
    terms_meant,
)
from tracker.domain.items import Item
from tracker.domain.text import inert_cell, without_controls


def cell_values(item: Item, seq: int) -> dict[str, str]:
    """An item's cells as people read them (and as the importer reads them back)."""
    return {
        "seq": str(seq),
        "id": item.id,
        "area": item.area,
        "topic": item.topic,
        "name": item.name,
        "content": item.content,
        "basis": item.basis,
        "time_limit": item.time_limit,
        "subject": item.subject,
        "channels": "、".join(item.channels),
        "audience": item.audience,
        "mode": item.mode,
        "level": item.level,
        "five": "、".join(FIVE_OPENNESS.label(kind) for kind in item.five),
        "status": ITEM_STATES.label(item.status),
        "published": item.published.isoformat() if item.published else "",
        "url": item.url,
        "added_area": "是" if item.added_area else "",
    }


def write_csv(items: list[Item], path: Path) -> None:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header for header, _ in FLAT])
        for seq, item in enumerate(items, 1):
            values = cell_values(item, seq)
            writer.writerow([_inert(values[name]) for _, name in FLAT])


def _clean(value: str) -> str:
    """Cell text without control characters, which XML (and so .xlsx) cannot hold."""
    return without_controls(value, multiline=True)


def _inert(value: str) -> str:
    """A CSV cell that Excel shows as text, never runs as a formula (OWASP CSV injection)."""
    return inert_cell(_clean(value))


def level_words(items: list[Item]) -> list[str]:
    """The level columns of an export: each word the items use (县级, 镇级, 乡、村级 …), district
    levels first, so the export reads as the district's catalog did and imports back the same;
    区级 | 街乡镇级 when no item has a level."""
    used: dict[str, None] = {}
    for item in items:
        for word in terms_words(item.level):
            used[word] = None
    if not used:
        return ["区级", "街乡镇级"]
    order = list(LEVEL_WORDS)
    return sorted(used, key=lambda word: (LEVEL_WORDS[word] != "区级", order.index(word)))


def terms_words(value: str) -> list[str]:
    """The level words of a stored level, without the words a catalog added in brackets."""
    return [split_detail(part)[0] if part not in LEVEL_WORDS else part for part in parts_of(value)]


def layout(items: list[Item]) -> list[tuple[str, str | None, str, str | None]]:
    """The export's columns, with a level column for each level word the catalog uses."""
    columns: list[tuple[str, str | None, str, str | None]] = []
    for top, sub, name, tick in LAYOUT:
        if name != "level":
            columns.append((top, sub, name, tick))
        elif not columns or columns[-1][2] != "level":
            columns += [(top, word, "level", word) for word in level_words(items)]
    return columns


def tick_cell(value: str, tick: str, name: str) -> str:
    """A tick column's cell: √ when the stored audience, mode or level names the column's term
    (for a level, its very word), or the catalog's own words for it (项目单位 under 特定群众)."""
    if name == "level":
        for part in parts_of(value):
            base, detail = (part, "") if part in LEVEL_WORDS else split_detail(part)
            if base == tick:
                return detail or "√"
        return ""
    meant = terms_meant(value)
    return (meant[tick] or "√") if tick in meant else ""


def write_xlsx(items: list[Item], path: Path, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "标准目录"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    bold = Font(bold=True)

    columns = layout(items)
    last = len(columns)
    sheet.cell(row=1, column=1, value=_clean(title)).font = Font(bold=True, size=16)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 30

    column = 1
    while column <= last:
        top, sub, name, _ = columns[column - 1]
        span = 1
        while column + span <= last and sub and columns[column + span - 1][0] == top:
            span += 1
        sheet.cell(row=2, column=column, value=top)
        if sub:
            sheet.merge_cells(
                start_row=2, start_column=column, end_row=2, end_column=column + span - 1
            )
            for offset in range(span):
                sheet.cell(row=3, column=column + offset, value=columns[column + offset - 1][1])
        else:
            sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
        column += span
    for row in (2, 3):
        for col in range(1, last + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font, cell.alignment, cell.border = bold, centered, border
    for index, (_, _, name, tick) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            8 if tick else WIDTHS.get(name, 12)
        )

    for seq, item in enumerate(items, 1):
        values = cell_values(item, seq)
        row = seq + 3
        for index, (_, _, name, tick) in enumerate(columns, 1):
            value = tick_cell(values[name], tick, name) if tick else _clean(values[name])
            cell = sheet.cell(row=row, column=index, value=value)
            if inert_cell(value) != value:
                # Text that reads as a formula stays text, even after an edit in Excel.
                cell.data_type, cell.quotePrefix = "s", True
            cell.border = border
            cell.alignment = centered if tick or name in ("seq", "status") else wrapped
    sheet.freeze_panes = "D4"
    workbook.save(path)
