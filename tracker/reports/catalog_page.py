"""The standard catalog page (政务公开事项标准目录) of a district, ready for the portal."""

from pathlib import Path

from tracker.catalog.writing import cell_values
from tracker.domain.items import Item
from tracker.domain.text import without_controls
from tracker.reports.environment import render


def catalog_html(
    district_name: str, items: list[Item], as_of: str, templates: Path | None = None
) -> str:
    rows = [
        {
            name: without_controls(text, multiline=True)
            for name, text in cell_values(item, seq).items()
        }
        for seq, item in enumerate(items, 1)
    ]
    areas: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        areas.setdefault(row["area"], []).append(row)
    return render(
        "catalog.html.j2",
        {"district": district_name, "areas": areas, "total": len(rows), "as_of": as_of},
        templates,
    )
