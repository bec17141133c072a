"""One district judged by the supervision rules, with everything the rules need gathered: the
one call behind ``status``, the TUI, the reports, the digest and ``order issue --from-alert``,
so every front end numbers the same warnings the same way."""

from datetime import date

from tracker.domain.baseline import missing_count, name_keys_by_area
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
        baseline_gaps(tracker, district),
    )


def baseline_gaps(tracker: Tracker, district: DistrictDef) -> dict[str, int]:
    """How many items of each area's basic catalog the district lacks (areas whose basic
    catalog has been loaded only). Counted from names the store remembers per catalog, so
    ``status`` need not read the items."""
    gaps: dict[str, int] = {}
    own: dict[str, list[str]] | None = None
    for area in district.areas:
        department = tracker.plan.department_of_area(area)
        if department is None:
            continue
        basic = _names(tracker, department_scope(department.id))
        if not basic.get(area):
            continue
        own = own if own is not None else _names(tracker, district.id)
        count = missing_count(basic, own, area)
        if count:
            gaps[area] = count
    return gaps


def _names(tracker: Tracker, scope: str) -> dict[str, list[str]]:
    names: dict[str, list[str]] = tracker.store.derived(
        scope, "items", "baseline-names", lambda docs: name_keys_by_area(docs.values())
    )
    return names
