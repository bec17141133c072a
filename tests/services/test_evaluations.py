"""The evaluation service: a scored public or third-party evaluation, checked and numbered."""

from datetime import date

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, PermissionDeniedError
from tracker.domain.records import Evaluation
from tracker.services.evaluations import add_evaluation


def test_an_evaluation_is_stored_with_its_score_and_who_made_it(fresh_tracker, open_as):
    outcome = add_evaluation(
        fresh_tracker,
        "武清",
        kind="第三方评估",
        score="86",
        respondents="1200",
        by=" 南开大学 ",
        day="2018-01-20",
        summary=" 群众满意度较高 ",
    )

    expected = Evaluation(
        1, "wuqing", "third-party", 86, date(2018, 1, 20), 1200, "南开大学", "群众满意度较高"
    )
    assert outcome.record == expected
    assert open_as().records("wuqing").evaluations == [expected]
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["table"], entry["key"]) == ("evaluation.add", "evaluations", "1")
    assert entry["after"]["score"] == 86


def test_evaluations_are_numbered_and_read_oldest_first(fresh_tracker, open_as):
    add_evaluation(fresh_tracker, "河西", kind="public", score="90")
    add_evaluation(fresh_tracker, "河西", kind="public", score="70", day="2017-12-01")

    stored = open_as().records("hexi").evaluations
    assert [(e.id, e.score, e.respondents, e.by) for e in stored] == [
        (2, 70, None, ""),
        (1, 90, None, ""),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"score": "101"}, "评分"),
        ({"score": "-1"}, "评分"),
        ({"score": "八十"}, "评分"),
        ({"score": "80", "respondents": "很多"}, "参评人数"),
        ({"score": "80", "day": "2018-04-01"}, "评价日期 2018-04-01 晚于当前日期"),
        ({"score": "80", "kind": "民意调查"}, "未知的"),
    ],
)
def test_a_bad_score_count_date_or_kind_is_refused(fresh_tracker, open_as, fields, message):
    before = audit_entries(fresh_tracker)
    with pytest.raises(InputError, match=message):
        add_evaluation(fresh_tracker, "河西", **{"kind": "public", **fields})
    assert open_as().records("hexi").evaluations == []
    assert audit_entries(fresh_tracker) == before


def test_a_viewer_cannot_add_an_evaluation_and_the_attempt_is_logged(team_tracker, open_as):
    viewer = open_as("liuyang")
    with pytest.raises(PermissionDeniedError, match="刘洋（只读用户）不能修改河西区的数据"):
        add_evaluation(viewer, "河西", kind="public", score="95")
    assert open_as().records("hexi").evaluations == []
    refusal = newest_entry(open_as())
    assert refusal["denied"] and (refusal["login"], refusal["action"]) == (
        "liuyang",
        "evaluation.add",
    )
