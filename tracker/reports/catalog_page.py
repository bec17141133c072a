"""The standard catalog page (政务公开事项标准目录) of a district, ready for the portal."""

from pathlib import Path

from tracker.catalog.writing import cell_values, level_words, tick_cell
from tracker.domain.items import Item
from tracker.domain.text import without_controls
from tracker.reports.environment import render


def catalog_html(
    district_name: str, items: list[Item], as_of: str, templates: Path | None = None
) -> str:
    levels = level_words(items)
    rows: list[dict[str, object]] = []
    for seq, item in enumerate(items, 1):
        texts = {
            name: without_controls(text, multiline=True)
            for name, text in cell_values(item, seq).items()
        }
        values: dict[str, object] = dict(texts)
        values["ticks"] = [
            tick_cell(texts[name], tick, name)
            for name, ticks in (
                ("audience", ("全社会", "特定群体")),
                ("mode", ("主动", "依申请")),
                ("level", tuple(levels)),
            )
            for tick in ticks
        ]
        rows.append(values)
    areas: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        areas.setdefault(str(row["area"]), []).append(row)
    return render(
        "catalog.html.j2",
        {
            "district": district_name,
            "areas": areas,
            "total": len(rows),
            "as_of": as_of,
            "levels": levels,
        },
        templates,
    )
