"""The workflow's limits on the day looked at: a concern judged today is judged now."""

from datetime import date, datetime

from tracker.domain.plan import Limits
from tracker.domain.workflow import Concern, concern_state


def test_a_concern_is_judged_now_today_and_at_the_end_of_any_other_day():
    concern = Concern(1, "hexi", "online", "2018-03-13 10:00", "规划公示")
    limits = Limits()
    assert concern_state(concern, limits, date(2018, 3, 15), datetime(2018, 3, 15, 9, 0)) == (
        "pending"
    )
    assert concern_state(concern, limits, date(2018, 3, 15)) == "overdue"
    assert concern_state(concern, limits, date(2018, 3, 14)) == "pending"
