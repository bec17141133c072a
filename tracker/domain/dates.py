"""Strict parsing of the dates a civil servant types: ISO, slashes, dots, 年月日."""

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from dateutil.relativedelta import relativedelta

from tracker.domain.errors import InputError

ACCEPTED_FORMS = "2018-08-31、2018/8/31、2018.8.31、2018年8月31日 或 2018年8月底"

# ASCII digits only: NFKC has already made full-width digits ASCII, and ``\d`` would also
# take Arabic-Indic or Devanagari digits, which no form we accept uses.
_NUMERIC = re.compile(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})")
_CHINESE = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*(?:([0-9]{1,2})\s*[日号]|(底|末))")


def parse_date(text: str | date, *, what: str = "日期") -> date:
    """Parse ``text`` as a calendar date, refusing anything ambiguous or impossible.

    ``2018年8月底`` means the last day of that month, as plans write deadlines.
    """
    if isinstance(text, date):
        return text
    normalized = unicodedata.normalize("NFKC", str(text)).strip()
    numeric = _NUMERIC.fullmatch(normalized)
    chinese = _CHINESE.fullmatch(normalized)
    if numeric:
        year, month, day = (int(part) for part in numeric.groups())
    elif chinese:
        year, month = int(chinese.group(1)), int(chinese.group(2))
        if chinese.group(4):
            return _month_end(year, month, text, what)
        day = int(chinese.group(3))
    else:
        raise InputError(f"无法识别的{what}「{text}」，请写成 {ACCEPTED_FORMS}")
    _check_year(year, text, what)
    if not 1 <= month <= 12:
        raise InputError(f"{what}「{text}」不存在（没有{month}月）")
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{what}「{text}」不存在（{year}年{month}月没有{day}日）") from None


def _check_year(year: int, text: object, what: str) -> None:
    """Year 0000 fits the pattern but not the calendar (it runs from year 1)."""
    if year < 1:
        raise InputError(f"{what}「{text}」不存在（没有 0 年）")


def _month_end(year: int, month: int, text: object, what: str) -> date:
    _check_year(year, text, what)
    if not 1 <= month <= 12:
        raise InputError(f"{what}「{text}」不存在（没有{month}月）")
    return date(year, month, 1) + relativedelta(day=31)


def format_date(value: date | None) -> str:
    """ISO form for storage and JSON; empty for a missing date."""
    return value.isoformat() if value else ""


def parse_stored(value: str | None) -> date | None:
    """Read a date the store wrote (ISO or empty)."""
    return date.fromisoformat(value) if value else None


def now_stamp() -> str:
    """The current local time, to the second, as audit entries and histories record it."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


CHINA = timezone(timedelta(hours=8), "北京时间")
"""China Standard Time, the pilot's clock (no daylight saving)."""


def china_day(stamp: str) -> date:
    """The day in Beijing of a recorded time (an audit entry's ``at``, any offset)."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(CHINA).date()


MOMENT_FORMS = "2018-03-05 09:30、2018/3/5 9:30 或 2018年3月5日9时30分"
_TIME = re.compile(r"(.+?)\s*(?:T|\s)\s*([0-9]{1,2})\s*[:：]\s*([0-9]{2})")
_CHINESE_TIME = re.compile(r"(.+?日)\s*([0-9]{1,2})\s*[时点]\s*(?:([0-9]{1,2})\s*分?)?")


def parse_moment(text: str | datetime, *, what: str = "时间") -> datetime:
    """A date with its time of day, to the minute, in Beijing time (no offset kept).

    Hour limits (48 小时内回应) need the hour: a date alone is refused, never taken as midnight.
    """
    if isinstance(text, datetime):
        return text.replace(second=0, microsecond=0, tzinfo=None)
    normalized = unicodedata.normalize("NFKC", str(text)).strip()
    found = _TIME.fullmatch(normalized) or _CHINESE_TIME.fullmatch(normalized)
    if not found:
        raise InputError(f"无法识别的{what}「{text}」，请写成 {MOMENT_FORMS}（须写明几点几分）")
    day = parse_date(found.group(1), what=what)
    hour, minute = int(found.group(2)), int(found.group(3) or 0)
    if hour > 23 or minute > 59:
        raise InputError(f"{what}「{text}」不存在（没有 {hour}:{minute:02d}）")
    return datetime(day.year, day.month, day.day, hour, minute)


def format_moment(value: datetime | None) -> str:
    """``2018-03-05 09:30``; empty for none."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
