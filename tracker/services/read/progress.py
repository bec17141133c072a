"""Progress over time, by month: each district's catalog (items combed, standardized and
published) and its tasks against the schedule line.

Read from the audit log, which records every change to a record (its creation with all its
fields, then each changed field before and after) and replays to every stored record, as
``tracker db check`` proves. Months are those of the changes' recorded times, so a report
as of a date shows what the tracker knew on that date, whenever it is made.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Lock
from typing import Any, TypeVar

from tracker.domain.plan import Plan
from tracker.domain.rules import expected_progress
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


@dataclass(frozen=True)
class TaskMonth:
    """A district's tasks at the end of a month, beside the schedule line."""

    month: date
    """The first day of the month."""
    progress: float
    """The average progress of the plan's tasks, in percent; a task not yet recorded counts 0."""
    expected: int
    """The schedule line (``expected_progress``) on the month's last day, or on the last day
    counted in the last month."""


@dataclass(frozen=True)
class DistrictProgress:
    """A district's catalog and tasks over the same months."""

    catalog: tuple[MonthCount, ...]
    tasks: tuple[TaskMonth, ...]


Change = tuple[str, int, str, str]
"""An item's state change: its month (``2017-09``), audit ``seq``, item key, and new state."""

TaskChange = tuple[str, int, str, int]
"""A task's progress change: its month, audit ``seq``, task id, and new progress."""


class AuditChanges:
    """The item state and task progress changes the audit log records up to the end of
    ``until``, by district.

    :meth:`read` takes the log newest first only down to the newest entry it has already
    taken, so a screen that reads again after each change pays for the new entries alone.
    A log whose entry there differs (a restored or rebuilt database) is read again whole.
    """

    def __init__(self, districts: Iterable[str], until: date) -> None:
        self.districts = frozenset(districts)
        self.until = until
        self.items: dict[str, list[Change]] = {}
        """Each district's item state changes, by month then seq."""
        self.tasks: dict[str, list[TaskChange]] = {}
        """Each district's task progress changes, by month then seq."""
        self._newest: dict[str, Any] | None = None
        self.lock = Lock()
        """Held by whoever reads and replays the changes: a reload may start in a new thread
        before the last one has finished."""

    def read(self, tracker: Tracker) -> "AuditChanges":
        """Take in the entries logged since the last read (all of them the first time)."""
        if not self._take(tracker.store.audit()):
            self.items, self.tasks, self._newest = {}, {}, None
            self._take(tracker.store.audit())
        return self

    def _take(self, entries: Iterator[dict[str, Any]]) -> bool:
        """Add the changes of ``entries`` (newest first) down to the newest taken before;
        False, adding nothing, when that entry is not in the log as it was."""
        last_day, districts, known = self.until.isoformat(), self.districts, self._newest
        items: dict[str, list[Change]] = {}
        tasks: dict[str, list[TaskChange]] = {}
        newest = None
        for entry in entries:
            if known is not None and entry["seq"] <= known["seq"]:
                if entry != known:
                    return False
                break
            if newest is None:
                newest = entry
            table = entry.get("table")  # refusals carry no table
            if (table != "items" and table != "tasks") or entry["scope"] not in districts:
                continue
            at: str = entry["at"]
            if at[:10] > last_day:
                continue
            # A new record has every field; a change only those that changed.
            after = entry["after"]
            if table == "items" and "status" in after:
                change = (at[:7], entry["seq"], entry["key"], after["status"])
                items.setdefault(entry["scope"], []).append(change)
            elif table == "tasks" and "progress" in after:
                moved = (at[:7], entry["seq"], entry["key"], after["progress"])
                tasks.setdefault(entry["scope"], []).append(moved)
        else:
            if known is not None:  # the log ended before the entry taken last: not the same log
                return False
        _merge(self.items, items)
        _merge(self.tasks, tasks)
        self._newest = newest or known
        return True

    def first_month(self, plan: Plan) -> date:
        """The plan's month of issue, or the month of an earlier change."""
        earliest = [c[0][0] for changes in (self.items, self.tasks) for c in changes.values() if c]
        issued = plan.issued.replace(day=1)
        if not earliest:
            return issued
        return min(issued, date.fromisoformat(f"{min(earliest)}-01"))


Sorted = TypeVar("Sorted", Change, TaskChange)


def _merge(into: dict[str, list[Sorted]], added: dict[str, list[Sorted]]) -> None:
    """Add each district's new changes to those taken before, kept in order."""
    for scope, changes in added.items():
        merged = into.setdefault(scope, [])
        merged.extend(changes)
        merged.sort()  # nearly sorted already: Timsort takes it in linear time


def catalog_progress(tracker: Tracker, district_id: str | None, until: date) -> list[MonthCount]:
    """A district's catalog (the whole city's with None) at the end of each month.

    The months run from the plan's issue (or an earlier change) to ``until``'s month, whose
    figures are those at the end of ``until``; nothing recorded after it counts.
    """
    if district_id is None:
        return total_progress(progress_by_district(tracker, until).values())
    district = tracker.district(district_id).id
    changes = AuditChanges({district}, until).read(tracker)
    return _monthly(changes.items.get(district, []), changes.first_month(tracker.plan), until)


def progress_by_district(tracker: Tracker, until: date) -> dict[str, list[MonthCount]]:
    """Every district's catalog progress (as :func:`catalog_progress`), over the same months,
    from one reading of the audit log."""
    changes = AuditChanges((d.id for d in tracker.plan.districts), until).read(tracker)
    first = changes.first_month(tracker.plan)
    return {
        d.id: _monthly(changes.items.get(d.id, []), first, until) for d in tracker.plan.districts
    }


def task_progress_by_district(tracker: Tracker, until: date) -> dict[str, list[TaskMonth]]:
    """Every district's average task progress and the schedule line at the end of each month
    (the months of :func:`progress_by_district`)."""
    return {d: list(p.tasks) for d, p in district_progress(tracker, until).items()}


def district_progress(
    tracker: Tracker, until: date, changes: AuditChanges | None = None
) -> dict[str, DistrictProgress]:
    """Every district's catalog and task progress by month, from one reading of the audit log.

    ``changes`` (for the same districts and ``until``) keeps what earlier calls read, so that
    only entries logged since are read again.
    """
    plan = tracker.plan
    if changes is None:
        changes = AuditChanges((d.id for d in plan.districts), until)
    with changes.lock:
        changes.read(tracker)
        first = changes.first_month(plan)
        return {
            d.id: DistrictProgress(
                tuple(_monthly(changes.items.get(d.id, []), first, until)),
                tuple(_task_monthly(plan, changes.tasks.get(d.id, []), first, until)),
            )
            for d in plan.districts
        }


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


def _months(first: date, until: date) -> list[date]:
    """The first day of each month from ``first``'s to ``until``'s, both included."""
    months, month = [], first.replace(day=1)
    while month <= until:
        months.append(month)
        month = _next_month(month)
    return months


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


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


def _task_monthly(
    plan: Plan, changes: list[TaskChange], first: date, until: date
) -> list[TaskMonth]:
    """Replay ``changes`` (sorted) and average the plan's tasks at each month's end."""
    progress = dict.fromkeys((t.id for t in plan.tasks), 0)
    tasks = max(1, len(progress))
    found: list[TaskMonth] = []
    position = 0
    for month in _months(first, until):
        label = month.isoformat()[:7]
        while position < len(changes) and changes[position][0] <= label:
            _, _, key, value = changes[position]
            if key in progress:
                progress[key] = value
            position += 1
        last_day = min(until, _next_month(month) - timedelta(days=1))
        average = sum(progress.values()) / tasks
        found.append(TaskMonth(month, average, expected_progress(plan, last_day)))
    return found
