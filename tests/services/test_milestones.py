"""The milestone service: a completion is recorded with its date and 文号, only on a day that has
happened, once; reopening takes it back and keeps the reason."""

from datetime import date

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, NotFoundError, PermissionDeniedError
from tracker.services.milestones import complete_milestone, reopen_milestone


def stored_milestone(open_as, scope: str = "hexi", milestone: str = "plan-filed"):
    """The milestone record as a newly opened tracker reads it from the database."""
    tracker = open_as()
    if scope == "municipal":
        return tracker.store.read("municipal", "milestones")[milestone]
    return tracker.records(scope).milestones[milestone].to_dict()


def test_a_completion_is_stored_with_its_date_and_reference(fresh_tracker, open_as):
    outcome = complete_milestone(
        fresh_tracker,
        "河西",
        "plan-filed",
        done="2017年8月28日",
        ref=" 河西政办〔2017〕45号 ",
        note="已备案",
    )

    assert outcome.record.done == date(2017, 8, 28)
    assert stored_milestone(open_as) == {
        "scope": "hexi",
        "milestone": "plan-filed",
        "done": "2017-08-28",
        "ref": "河西政办〔2017〕45号",
        "note": "已备案",
    }
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["key"]) == ("milestone.done", "plan-filed")
    assert entry["after"]["done"] == "2017-08-28"


def test_the_date_defaults_to_the_as_of_date(fresh_tracker, open_as):
    complete_milestone(fresh_tracker, "武清", "plan-filed")
    assert stored_milestone(open_as, "wuqing")["done"] == "2018-03-15"


@pytest.mark.parametrize(
    ("done", "message"),
    [
        ("2018-03-16", "完成日期 2018-03-16 晚于当前日期 2018-03-15"),
        ("2017-07-01", "早于试点方案印发日期 2017-07-21"),
        ("下周", "完成日期"),
    ],
)
def test_a_date_that_has_not_happened_or_predates_the_plan_is_refused(
    fresh_tracker, open_as, done, message
):
    before = audit_entries(fresh_tracker)
    with pytest.raises(InputError, match=message):
        complete_milestone(fresh_tracker, "河西", "plan-filed", done=done)
    assert stored_milestone(open_as)["done"] is None
    assert audit_entries(fresh_tracker) == before


def test_a_completed_milestone_cannot_be_completed_again(fresh_tracker, open_as):
    complete_milestone(fresh_tracker, "河西", "plan-filed", done="2017-08-28")
    with pytest.raises(InputError, match=r"已于 2017-08-28 完成.*milestone reopen"):
        complete_milestone(fresh_tracker, "河西", "plan-filed", done="2017-09-01")
    assert stored_milestone(open_as)["done"] == "2017-08-28"


def test_reopening_clears_the_completion_and_keeps_the_reason(fresh_tracker, open_as):
    complete_milestone(
        fresh_tracker, "武清", "plan-filed", done="2017-09-10", ref="武清政办〔2017〕1号"
    )

    reopen_milestone(fresh_tracker, "武清", "plan-filed", reason="方案退回修改")

    assert stored_milestone(open_as, "wuqing") == {
        "scope": "wuqing",
        "milestone": "plan-filed",
        "done": None,
        "ref": "",
        "note": "重新打开：方案退回修改",
    }
    entry = newest_entry(fresh_tracker)
    assert entry["action"] == "milestone.reopen"
    assert entry["before"]["done"] == "2017-09-10" and entry["after"]["done"] is None
    complete_milestone(fresh_tracker, "武清", "plan-filed", done="2017-09-20")
    assert stored_milestone(open_as, "wuqing")["done"] == "2017-09-20"


def test_reopening_needs_a_reason_and_a_completed_milestone(fresh_tracker):
    with pytest.raises(InputError, match="尚未完成，无需重新打开"):
        reopen_milestone(fresh_tracker, "河西", "plan-filed", reason="退回")
    complete_milestone(fresh_tracker, "河西", "plan-filed", done="2017-08-28")
    with pytest.raises(InputError, match="重新打开的原因"):
        reopen_milestone(fresh_tracker, "河西", "plan-filed", reason="  ")


def test_the_municipal_milestone_is_the_coordinators_to_record(team_tracker, open_as):
    complete_milestone(team_tracker, "市级", "municipal-report", done="2018-03-01")
    assert stored_milestone(open_as, "municipal", "municipal-report")["done"] == "2018-03-01"

    lead = open_as("lihua")
    with pytest.raises(PermissionDeniedError, match="不能修改市级节点"):
        reopen_milestone(lead, "全市", "municipal-report", reason="重报")
    refusal = newest_entry(open_as())
    assert refusal["denied"] and refusal["action"] == "milestone.reopen"
    assert refusal["scope"] == "municipal"
    assert stored_milestone(open_as, "municipal", "municipal-report")["done"] == "2018-03-01"


def test_a_district_milestone_is_not_a_municipal_one(fresh_tracker):
    with pytest.raises(NotFoundError):
        complete_milestone(fresh_tracker, "河西", "municipal-report")
