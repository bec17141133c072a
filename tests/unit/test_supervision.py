"""督办单 rules: the state on any day, when an order is overdue, which step may follow which."""

from datetime import date

import pytest

from tracker.domain.errors import InputError
from tracker.domain.supervision import Order, parse_order_id, with_step


def order(**changes) -> Order:
    fields = {
        "year": 2018, "number": 3, "district": "jinnan", "problem": "公示栏更新不及时",
        "deadline": date(2018, 4, 30), "issued": date(2018, 4, 2), "issued_by": "zhangwei",
    }  # fmt: skip
    return Order(**{**fields, **changes})


def test_the_state_follows_the_steps_dated_by_the_day():
    steps = [
        {"action": "reply", "date": "2018-04-10", "by": "wangfang", "text": "已更新", "ref": ""},
        {"action": "return", "date": "2018-04-12", "by": "zhangwei", "text": "补照片", "ref": ""},
        {"action": "reply", "date": "2018-04-20", "by": "wangfang", "text": "已补", "ref": ""},
        {"action": "accept", "date": "2018-05-03", "by": "zhangwei", "text": "", "ref": ""},
    ]
    handled = order(steps=steps)
    days = ["2018-04-09", "2018-04-10", "2018-04-12", "2018-04-20", "2018-05-03"]
    assert [handled.state_on(date.fromisoformat(d)) for d in days] == [
        "open", "replied", "returned", "replied", "accepted",
    ]  # fmt: skip
    assert handled.closed_on(date(2018, 5, 2)) is None
    assert handled.closed_on(date(2018, 5, 3)) == date(2018, 5, 3)
    # Past the deadline until the acceptance, whatever the district replied.
    assert handled.overdue_days(date(2018, 4, 30)) == 0
    assert handled.overdue_days(date(2018, 5, 2)) == 2
    assert handled.overdue_days(date(2018, 5, 3)) == 0
    assert order().overdue_days(date(2018, 3, 1)) == 0, "not issued yet"


def test_steps_must_follow_the_cycle_and_the_calendar():
    fresh = order()
    with pytest.raises(InputError, match="尚无待审核的回复"):
        with_step(fresh, "accept", date(2018, 4, 5), "zhangwei")
    replied = order(steps=with_step(fresh, "reply", date(2018, 4, 5), "wangfang", "已改"))
    with pytest.raises(InputError, match="正等待协调员审核"):
        with_step(replied, "reply", date(2018, 4, 6), "wangfang", "再答")
    with pytest.raises(InputError, match="早于督办单 2018-3 上一环节的日期 2018-04-05"):
        with_step(replied, "accept", date(2018, 4, 4), "zhangwei")
    closed = order(steps=with_step(replied, "accept", date(2018, 4, 6), "zhangwei"))
    for action in ("reply", "return", "accept"):
        with pytest.raises(InputError, match="已办结"):
            with_step(closed, action, date(2018, 4, 7), "zhangwei")


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [("2018-3", (2018, 3)), ("2018年第3号", (2018, 3)), ("督办单 2018-03", (2018, 3)),
     ("2017－12", (2017, 12))],
)  # fmt: skip
def test_order_ids_as_people_write_them(typed, wanted):
    assert parse_order_id(typed) == wanted


@pytest.mark.parametrize("typed", ["3", "2018", "第三号", "2018-", "18-3"])
def test_order_ids_that_name_no_order(typed):
    with pytest.raises(InputError, match="应形如 2018-3"):
        parse_order_id(typed)
