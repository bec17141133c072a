"""Working days (工作日) as China's calendar has them: weekends and public holidays off, and the
weekend days the State Council makes working days (调休) on.

The calendar is the ``chinese-calendar`` package's, which follows the State Council General
Office's yearly notice on holiday arrangements; it knows the years 2004 to the last notice
it carries. A date outside them is refused with a clear message, never guessed.
"""

from datetime import date, timedelta
from functools import cache

from tracker.domain.errors import InputError


def check_covered(day: date, what: str = "日期") -> None:
    """Refuse a date the calendar does not know, where a user types it: a time limit counted
    from it would not be exact."""
    first, last = covered_years()
    if not first <= day.year <= last:
        raise InputError(
            f"{what} {day} 不在节假日安排数据范围内（{first}—{last} 年），无法按工作日计算时限；"
            "请升级 chinese-calendar 后再试"
        )


def is_covered(day: date) -> bool:
    first, last = covered_years()
    return first <= day.year <= last


@cache
def is_workday(day: date) -> bool:
    """Whether ``day`` is a working day. Beyond the years the calendar knows (a record typed
    in time, looked at after the year turned), Monday to Friday: one record must never stop
    the whole status, and ``check_covered`` refuses such dates where they are typed."""
    import chinese_calendar  # a 10 ms import, paid only when a time limit is counted

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


@cache
def covered_years() -> tuple[int, int]:
    """The first and last year the installed calendar knows."""
    import chinese_calendar

    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def add_workdays(start: date, count: int) -> date:
    """The day ``count`` working days after ``start`` (``start`` itself not counted).

    ``count`` 0 is ``start`` itself: 'together with' (同步) the policy.
    """
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def workdays_after(start: date, end: date) -> int:
    """How many working days after ``start`` ``end`` is (0 on or before ``start``)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_workday(day)
    return count
