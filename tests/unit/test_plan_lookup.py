"""Finding the district, task or milestone a user means: by id, Chinese name, short name or a unique part."""

import pytest

from tracker.domain.errors import NotFoundError
from tracker.domain.plan import MUNICIPAL


@pytest.mark.parametrize("text", ["hexi", "河西区", "河西"])
def test_district_found_by_id_name_or_short_name(plan, text):
    assert plan.find_district(text).id == "hexi"


@pytest.mark.parametrize(
    "text, task_id",
    [("comb", "comb"), ("梳理政务公开事项", "comb"), ("梳理", "comb")],
)
def test_task_found_by_id_name_or_unique_part(plan, text, task_id):
    assert plan.find_task(text).id == task_id


@pytest.mark.parametrize(
    "text, milestone_id",
    [("plan-filed", "plan-filed"), ("完成试点各项任务", "tasks-complete"), ("备案", "plan-filed")],
)
def test_district_milestone_found_by_id_name_or_unique_part(plan, text, milestone_id):
    assert plan.find_milestone(text, "district").id == milestone_id


def test_municipal_milestone_found_only_in_municipal_scope(plan):
    assert plan.find_milestone("国务院", MUNICIPAL).id == "municipal-report"
    with pytest.raises(NotFoundError, match="未知的区级节点"):
        plan.find_milestone("municipal-report", "district")


def test_ambiguous_task_name_is_refused_listing_the_candidates(plan):
    with pytest.raises(NotFoundError) as caught:
        plan.find_task("政务公开")
    message = str(caught.value)
    assert "可指多个任务" in message
    for task in plan.tasks:
        assert f"{task.id}（{task.name}）" in message


def test_ambiguous_milestone_lists_only_the_matching_ones(plan):
    with pytest.raises(NotFoundError) as caught:
        plan.find_milestone("报送", "district")
    message = str(caught.value)
    assert "plan-filed" in message and "report-submitted" in message
    assert "tasks-complete" not in message


def test_unknown_district_is_refused_listing_all_districts(plan):
    with pytest.raises(NotFoundError) as caught:
        plan.find_district("和平区")
    message = str(caught.value)
    assert "未知的试点区「和平区」" in message
    assert all(f"{d.id}（{d.name}）" in message for d in plan.districts)


def test_empty_name_is_refused_not_guessed(plan):
    with pytest.raises(NotFoundError):
        plan.find_task("")
