"""Export a district's catalog as .xlsx, .csv or a standalone .html page."""

from pathlib import Path

from tracker.domain.errors import InputError
from tracker.domain.items import Item
from tracker.outputs import EXPORTS
from tracker.reports.files import write_output
from tracker.services.items import items_of
from tracker.services.tracker import Tracker

FORMATS = ("xlsx", "csv", "html")


def export_catalog(
    tracker: Tracker,
    district_text: str,
    fmt: str | None = None,
    out: Path | None = None,
    templates: Path | None = None,
) -> tuple[Path, int]:
    """Write the district's live items; returns the file and how many items it holds."""
    district = tracker.district(district_text)
    fmt = (fmt or (out.suffix.lstrip(".") if out and out.suffix else "xlsx")).lower()
    if fmt not in FORMATS:
        raise InputError(f"未知的导出格式「{fmt}」，可选：{'、'.join(FORMATS)}")
    path = out or EXPORTS / f"{district.name}政务公开事项标准目录-{tracker.as_of}.{fmt}"
    items = _in_catalog_order(items_of(tracker, district.id), district.areas)
    as_of = tracker.as_of.isoformat()
    write_output(path, lambda partial: _write(fmt, items, partial, district.name, as_of, templates))
    return path, len(items)


def _in_catalog_order(items: list[Item], areas: tuple[str, ...]) -> list[Item]:
    """Live items, focal areas in the plan's order, added areas after them."""
    rank = {area: index for index, area in enumerate(areas)}
    live = [item for item in items if item.live]
    return sorted(live, key=lambda item: (rank.get(item.area, len(rank)), item.area))


def _write(
    fmt: str, items: list[Item], path: Path, district: str, as_of: str, templates: Path | None
) -> None:
    if fmt == "csv":
        from tracker.catalog.writing import write_csv

        write_csv(items, path)
    elif fmt == "xlsx":
        from tracker.catalog.writing import write_xlsx

        write_xlsx(items, path, f"{district}政务公开事项标准目录")
    else:
        from tracker.reports.catalog_page import catalog_html

        path.write_text(catalog_html(district, items, as_of, templates), encoding="utf-8")
