"""Working days as China's calendar has them (chinese-calendar), and moments typed to the minute."""

from datetime import date, datetime

import pytest

from tracker.domain.dates import parse_moment
from tracker.domain.errors import InputError
from tracker.domain.workdays import add_workdays, check_covered, is_workday, workdays_after


def test_national_day_2017_with_its_working_saturday():
    # 国办发明电〔2016〕14号: 10月1日至8日放假调休，共8天；9月30日（星期六）上班.
    assert is_workday(date(2017, 9, 30))
    assert not any(is_workday(date(2017, 10, d)) for d in range(1, 9))
    assert is_workday(date(2017, 10, 9))
    assert add_workdays(date(2017, 9, 28), 3) == date(2017, 10, 9)
    assert add_workdays(date(2017, 9, 29), 1) == date(2017, 9, 30)
    assert add_workdays(date(2017, 9, 29), 0) == date(2017, 9, 29)
    assert workdays_after(date(2017, 9, 29), date(2017, 10, 9)) == 2


def test_a_plain_weekend_is_skipped():
    assert add_workdays(date(2018, 3, 2), 1) == date(2018, 3, 5)  # Friday → Monday


def test_a_year_the_calendar_does_not_know_is_refused_where_typed_and_weekdays_elsewhere():
    with pytest.raises(InputError, match="不在节假日安排数据范围内（2004—"):
        check_covered(date(2003, 5, 1))
    check_covered(date(2017, 10, 1))
    # Read back after the calendar's last year: Monday to Friday, never an error.
    assert is_workday(date(2031, 1, 3)) and not is_workday(date(2031, 1, 4))


@pytest.mark.parametrize(
    "typed",
    ["2018-03-05 09:30", "2018-03-05T09:30", "2018/3/5 9:30", "2018年3月5日9时30分",
     "2018年3月5日 9:30", "２０１８－０３－０５　０９：３０"],
)  # fmt: skip
def test_moments_as_people_type_them(typed):
    assert parse_moment(typed) == datetime(2018, 3, 5, 9, 30)


@pytest.mark.parametrize("typed", ["2018-03-05", "2018-03-05 24:00", "明天9点", "9:30"])
def test_a_moment_needs_a_real_date_and_time(typed):
    with pytest.raises(InputError, match="时间"):
        parse_moment(typed)
