"""One district judged by the supervision rules, with everything the rules need gathered: the
one call behind ``status``, the TUI, the reports, the digest and ``order issue --from-alert``,
so every front end numbers the same warnings the same way."""

from datetime import date, datetime

from tracker.domain.baseline import Index, Names, catalog_names, index_catalog, missing_from
from tracker.domain.dates import CHINA
from tracker.domain.plan import DistrictDef, department_scope
from tracker.domain.records import DistrictRecords
from tracker.domain.rules import DistrictStatus, evaluate_district
from tracker.services.tracker import Tracker


def judge(
    tracker: Tracker,
    district: DistrictDef,
    records: DistrictRecords | None = None,
    day: date | None = None,
) -> DistrictStatus:
    """The district's light, warnings, milestones and requirements on ``day`` (default: the
    as-of date), from its stored records unless ``records`` are given."""
    return evaluate_district(
        tracker.plan,
        district,
        records if records is not None else tracker.records(district.id),
        tracker.people(),
        tracker.assignments(),
        day or tracker.as_of,
        baseline_gaps(tracker, district, day or tracker.as_of),
        moment(day or tracker.as_of),
    )


def moment(day: date) -> datetime | None:
    """The Beijing time now when ``day`` is today there: a concern received this morning is
    not yet 48 hours old. None for any other day, judged at its end."""
    now = datetime.now(CHINA).replace(tzinfo=None)
    return now if now.date() == day else None


def baseline_gaps(tracker: Tracker, district: DistrictDef, day: date) -> dict[str, int]:
    """How many items of each area's basic catalog the district lacks, for areas whose basic
    catalog was loaded by ``day``. Counted from the names the store remembers per catalog, so
    ``status`` need not read the items."""
    gaps: dict[str, int] = {}
    own: Names | None = None
    for area in district.areas:
        department = tracker.plan.department_of_area(area)
        if department is None:
            continue
        scope = department_scope(department.id)
        basic = _names(tracker, scope).get(area)
        if not basic:
            continue
        loaded = tracker.store.read(scope, "loaded").get(area)
        if loaded and str(loaded.get("date", "")) > day.isoformat():
            continue
        own = own if own is not None else _names(tracker, district.id)
        count = missing_from(basic, own.get(area, {}))
        if count:
            gaps[area] = count
    return gaps


def _names(tracker: Tracker, scope: str) -> Names:
    owned = _owned_areas(tracker)
    names: Names = tracker.store.derived(
        scope,
        "items",
        "baseline-names",
        lambda docs: catalog_names(d for d in docs.values() if d.get("area") in owned),
    )
    return names


def _owned_areas(tracker: Tracker) -> frozenset[str]:
    """The areas some department owes a basic catalog for: only they are ever compared."""
    return frozenset(a for d in tracker.plan.departments for a in d.areas)


def catalog_index(tracker: Tracker, scope: str) -> Index:
    """A catalog's index for comparing (``index_catalog``), remembered by the store until the
    catalog changes."""
    owned = _owned_areas(tracker)
    index: Index = tracker.store.derived(
        scope,
        "items",
        "baseline-index",
        lambda docs: index_catalog(d for d in docs.values() if d.get("area") in owned),
    )
    return index
