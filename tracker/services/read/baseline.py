"""The basic catalogs loaded, and each district's catalog compared with them, area by area."""

from collections.abc import Collection
from dataclasses import dataclass, replace

from tracker.domain.baseline import AreaComparison, Index, compare_indexed
from tracker.domain.plan import department_scope
from tracker.domain.records import Note
from tracker.services.judge import catalog_index
from tracker.services.tracker import Tracker


@dataclass(frozen=True)
class BaselineArea:
    """One area of a department's basic catalog."""

    department: str
    department_name: str
    area: str
    items: int
    """Live items loaded; 0 while the department has loaded none."""
    districts: tuple[str, ...]
    """The pilot districts that have this area."""


def baselines(tracker: Tracker) -> list[BaselineArea]:
    """Every department's areas, with how many basic items each holds."""
    found = []
    for department in tracker.plan.departments:
        docs = tracker.store.read(department_scope(department.id), "items").values()
        for area in department.areas:
            count = sum(1 for d in docs if d.get("area") == area and d.get("status") != "withdrawn")
            districts = tuple(d.name for d in tracker.plan.districts if area in d.areas)
            found.append(BaselineArea(department.id, department.name, area, count, districts))
    return found


def comparisons(
    tracker: Tracker,
    district_ids: Collection[str] | None = None,
    area: str | None = None,
) -> list[AreaComparison]:
    """Each district's catalog against the basic catalog of each of its areas that has one
    loaded; only ``district_ids`` and ``area`` when given. Catalogs are compared through the
    index the store remembers per catalog, so a comparison reads no items unless one changed."""
    found = []
    for district in tracker.plan.districts:
        if district_ids and district.id not in district_ids:
            continue
        own: Index | None = None
        for wanted in district.areas:
            if area and wanted != area:
                continue
            department = tracker.plan.department_of_area(wanted)
            if department is None:
                continue
            basic = catalog_index(tracker, department_scope(department.id)).get(wanted)
            if not basic:
                continue
            own = own if own is not None else catalog_index(tracker, district.id)
            compared = compare_indexed(
                district.id, wanted, department.id, basic, own.get(wanted, {})
            )
            found.append(
                replace(compared, district_name=district.name, department_name=department.name)
            )
    return found


def guidance(tracker: Tracker, district_id: str | None = None) -> list[tuple[str, Note]]:
    """The departments' 对接指导 notes (department id, note), oldest first; to one district
    when given, up to the as-of date."""
    found = []
    for department in tracker.plan.departments:
        for doc in tracker.store.read(department_scope(department.id), "guidance").values():
            note = Note.from_dict(doc)
            if note.deleted or note.date > tracker.as_of:
                continue
            if district_id is None or note.district == district_id:
                found.append((department.id, note))
    return sorted(found, key=lambda pair: (pair[1].date, pair[0], pair[1].id))
