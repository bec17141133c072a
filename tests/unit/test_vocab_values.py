"""Vocabularies (id or Chinese label) and the small integers users type."""

import pytest

from tracker.domain.errors import InputError
from tracker.domain.values import parse_int
from tracker.domain.vocab import NOTE_KINDS, ROLES, TASK_STATUSES


@pytest.mark.parametrize(
    "vocabulary, text, term_id",
    [
        (TASK_STATUSES, "blocked", "blocked"),
        (TASK_STATUSES, "受阻", "blocked"),
        (TASK_STATUSES, " In-Progress ", "in-progress"),
        (ROLES, "区试点负责人", "district-lead"),
        (NOTE_KINDS, "工作进展", "progress"),
    ],
)
def test_vocabulary_resolves_id_or_chinese_label(vocabulary, text, term_id):
    assert vocabulary.resolve(text) == term_id


def test_unknown_vocabulary_value_is_refused_listing_choices():
    with pytest.raises(InputError) as caught:
        TASK_STATUSES.resolve("stuck")
    message = str(caught.value)
    assert "未知的任务状态「stuck」" in message
    for term in TASK_STATUSES:
        assert f"{term.id}（{term.label}）" in message


@pytest.mark.parametrize("text, value", [("40", 40), ("40%", 40), ("４０％", 40), ("100", 100)])
def test_progress_accepts_plain_percent_and_full_width(text, value):
    assert parse_int(text, what="进度", low=0, high=100) == value


@pytest.mark.parametrize(
    "text, shown", [("101", "收到 101"), ("-1", "收到 -1"), ("abc", "收到「abc」")]
)
def test_progress_outside_bounds_or_not_a_number_is_refused(text, shown):
    with pytest.raises(InputError) as caught:
        parse_int(text, what="进度", low=0, high=100)
    assert str(caught.value) == f"进度应为 0 到 100 之间的整数，{shown}"


def test_count_without_upper_bound_states_the_lower_bound():
    assert parse_int("5000", what="参与人数", low=1) == 5000
    with pytest.raises(InputError, match="参与人数应为不小于 1 的整数"):
        parse_int("0", what="参与人数", low=1)
