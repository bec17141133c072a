"""Catalog progress over time: how many items were combed, standardized and published, by month.

Read from the audit log, which records every change to an item (its creation with all its
fields, then each changed field before and after) and replays to every stored record, as
``tracker db check`` proves. Months are those of the changes' recorded times, so a report
as of a date shows what the tracker knew on that date, whenever it is made.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tracker.services.tracker import Tracker

RANK = {"combed": 1, "standardized": 2, "published": 3}
"""How far each state is along combed → standardized → published; withdrawn has no rank."""


@dataclass(frozen=True)
class MonthCount:
    """A catalog at the end of a month: how many live items were in at least each state."""

    month: date
    """The first day of the month."""
    combed: int
    """Items at least combed: every item not withdrawn."""
    standardized: int
    """Items standardized or published."""
    published: int


Change = tuple[str, int, str, str]
"""An item's state change: its month (``2017-09``), audit ``seq``, item key, and new state."""


def catalog_progress(tracker: Tracker, district_id: str | None, until: date) -> list[MonthCount]:
    """A district's catalog (the whole city's with None) at the end of each month.

    The months run from the plan's issue (or an earlier change) to ``until``'s month, whose
    figures are those at the end of ``until``; nothing recorded after it counts.
    """
    if district_id is None:
        return total_progress(progress_by_district(tracker, until).values())
    district = tracker.district(district_id).id
    changes = _state_changes(tracker, until, {district})
    return _monthly(changes.get(district, []), _first_month(tracker, changes), until)


def progress_by_district(tracker: Tracker, until: date) -> dict[str, list[MonthCount]]:
    """Every district's catalog progress (as :func:`catalog_progress`), over the same months,
    from one reading of the audit log."""
    ids = [d.id for d in tracker.plan.districts]
    changes = _state_changes(tracker, until, set(ids))
    first = _first_month(tracker, changes)
    return {d: _monthly(changes.get(d, []), first, until) for d in ids}


def total_progress(series: Iterable[list[MonthCount]]) -> list[MonthCount]:
    """The month-by-month sum of several districts' progress (the city's, from its districts')."""
    totals: dict[date, list[int]] = {}
    for counts in series:
        for count in counts:
            tally = totals.setdefault(count.month, [0, 0, 0])
            tally[0] += count.combed
            tally[1] += count.standardized
            tally[2] += count.published
    return [MonthCount(month, *totals[month]) for month in sorted(totals)]


def _state_changes(tracker: Tracker, until: date, districts: set[str]) -> dict[str, list[Change]]:
    """Each district's item state changes up to the end of ``until``, by month then seq."""
    last_day = until.isoformat()
    found: dict[str, list[Change]] = {}
    for entry in tracker.store.audit():
        if entry.get("table") != "items" or entry.get("scope") not in districts:
            continue  # refusals carry no table
        at: str = entry["at"]
        if at[:10] > last_day:
            continue
        after = entry["after"]
        if "status" in after:  # a new item has every field; a change only those that changed
            found.setdefault(entry["scope"], []).append(
                (at[:7], entry["seq"], entry["key"], after["status"])
            )
    for changes in found.values():
        changes.sort()
    return found


def _first_month(tracker: Tracker, changes: Mapping[str, list[Change]]) -> date:
    """The plan's month of issue, or the month of an earlier change."""
    issued = tracker.plan.issued.replace(day=1)
    earliest = [c[0][0] for c in changes.values() if c]
    if not earliest:
        return issued
    return min(issued, date.fromisoformat(f"{min(earliest)}-01"))


def _months(first: date, until: date) -> list[date]:
    """The first day of each month from ``first``'s to ``until``'s, both included."""
    months, month = [], first.replace(day=1)
    while month <= until:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _monthly(changes: list[Change], first: date, until: date) -> list[MonthCount]:
    """Replay ``changes`` (sorted) and count the items in each state at each month's end."""
    states: dict[str, int] = {}  # item key → rank; 0 once withdrawn
    at_least = [0, 0, 0, 0]  # index r: live items of rank ≥ r (index 0 unused)
    counted: list[MonthCount] = []
    position = 0
    for month in _months(first, until):
        label = month.isoformat()[:7]
        while position < len(changes) and changes[position][0] <= label:
            _, _, key, status = changes[position]
            old, new = states.get(key, 0), RANK.get(status, 0)
            for rank in range(1, old + 1):
                at_least[rank] -= 1
            for rank in range(1, new + 1):
                at_least[rank] += 1
            states[key] = new
            position += 1
        counted.append(MonthCount(month, at_least[1], at_least[2], at_least[3]))
    return counted
