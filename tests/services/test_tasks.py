"""The task service: status and progress settle each other, 受阻 needs a reason, owners must
answer for the district, and every change is stored and audited."""

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, NotFoundError, PermissionDeniedError
from tracker.services.tasks import assign_task, update_task


def stored_task(open_as, district: str = "hexi", task: str = "comb"):
    """The task as a newly opened tracker reads it from the database."""
    return open_as().records(district).tasks[task]


def test_progress_on_a_task_not_started_starts_it_and_is_stored_and_audited(fresh_tracker, open_as):
    outcome = update_task(fresh_tracker, "河西", "梳理", progress="40")

    assert outcome.changed
    stored = stored_task(open_as)
    assert (stored.status, stored.progress) == ("in-progress", 40)
    assert stored == outcome.record
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["scope"], entry["table"], entry["key"]) == (
        "task.update",
        "hexi",
        "tasks",
        "comb",
    )
    assert entry["before"] == {"status": "not-started", "progress": 0}
    assert entry["after"] == {"status": "in-progress", "progress": 40}
    assert (entry["login"], entry["user"]) == ("zhangwei", "zhangwei")


def test_done_means_a_hundred_percent(fresh_tracker, open_as):
    update_task(fresh_tracker, "河西", "梳理", progress="40")
    update_task(fresh_tracker, "hexi", "comb", status="已完成")
    assert (stored_task(open_as).status, stored_task(open_as).progress) == ("done", 100)


def test_done_with_another_progress_is_refused_and_nothing_is_written(fresh_tracker, open_as):
    before = audit_entries(fresh_tracker)
    with pytest.raises(InputError, match="任务已完成时进度应为 100，收到 50"):
        update_task(fresh_tracker, "河西", "梳理", status="done", progress="50")
    assert stored_task(open_as).status == "not-started"
    assert audit_entries(fresh_tracker) == before


def test_not_started_with_progress_is_a_contradiction(fresh_tracker, open_as):
    update_task(fresh_tracker, "河西", "梳理", progress="40")
    with pytest.raises(InputError, match="任务为「未开始」时进度应为 0"):
        update_task(fresh_tracker, "河西", "梳理", status="未开始")
    update_task(fresh_tracker, "河西", "梳理", status="未开始", progress="0")
    assert (stored_task(open_as).status, stored_task(open_as).progress) == ("not-started", 0)


def test_blocked_needs_a_note_the_first_time_only(fresh_tracker, open_as):
    for note in (None, "   "):
        with pytest.raises(InputError, match="受阻原因"):
            update_task(fresh_tracker, "津南", "workflow", status="blocked", note=note)
    assert stored_task(open_as, "jinnan", "workflow").status == "not-started"

    update_task(fresh_tracker, "津南", "workflow", status="受阻", note=" 基本目录未出台 ")
    update_task(fresh_tracker, "津南", "workflow", progress="30")

    stored = stored_task(open_as, "jinnan", "workflow")
    assert (stored.status, stored.progress, stored.note) == ("blocked", 30, "基本目录未出台")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "请至少指定"),
        ({"progress": "101"}, "进度"),
        ({"progress": "四十"}, "进度"),
        ({"status": "paused"}, "未知的任务状态「paused」"),
    ],
)
def test_nothing_or_a_bad_value_is_refused(fresh_tracker, fields, message):
    with pytest.raises(InputError, match=message):
        update_task(fresh_tracker, "河西", "梳理", **fields)


def test_an_unknown_district_or_task_is_not_found(fresh_tracker):
    with pytest.raises(NotFoundError):
        update_task(fresh_tracker, "和平", "梳理", progress="10")
    with pytest.raises(NotFoundError):
        update_task(fresh_tracker, "河西", "宣传", progress="10")


def test_the_same_values_again_change_nothing_and_log_nothing(fresh_tracker):
    update_task(fresh_tracker, "河西", "梳理", progress="40", note="查漏补缺")
    before = audit_entries(fresh_tracker)

    outcome = update_task(fresh_tracker, "河西", "梳理", progress="40", note="查漏补缺")

    assert not outcome.changed
    assert audit_entries(fresh_tracker) == before


def test_a_task_is_assigned_by_name_or_login_and_cleared_with_empty_text(team_tracker, open_as):
    outcome = assign_task(team_tracker, "河西", "梳理", "李华")
    assert outcome.record.owner == "lihua" and stored_task(open_as).owner == "lihua"
    assert newest_entry(team_tracker)["after"] == {"owner": "lihua"}

    update_task(team_tracker, "河西", "梳理", owner="")
    assert stored_task(open_as).owner == ""


@pytest.mark.parametrize(
    ("person", "message"),
    [
        ("刘洋", "刘洋是只读用户，不能作为河西区的责任人"),
        ("wangfang", "王芳是津南区试点负责人，不能作为河西区的责任人"),
    ],
)
def test_an_owner_who_cannot_answer_for_the_district_is_refused(
    team_tracker, open_as, person, message
):
    with pytest.raises(InputError, match=message):
        assign_task(team_tracker, "河西", "梳理", person)
    assert stored_task(open_as).owner == ""


def test_assigning_an_unregistered_person_is_not_found(team_tracker):
    with pytest.raises(NotFoundError):
        assign_task(team_tracker, "河西", "梳理", "nobody")


def test_a_lead_updates_their_own_district_attributed_to_them(team_tracker, open_as):
    lead = open_as("lihua")
    update_task(lead, "河西", "梳理", progress="20")
    entry = newest_entry(lead)
    assert (entry["login"], entry["user"], entry["action"]) == ("lihua", "lihua", "task.update")
    assert stored_task(open_as).progress == 20


def test_a_lead_is_refused_another_district_and_the_refusal_is_logged(team_tracker, open_as):
    lead = open_as("lihua")
    with pytest.raises(PermissionDeniedError, match="只能修改河西区的数据，不能修改津南区的数据"):
        update_task(lead, "津南", "梳理", progress="20")

    assert stored_task(open_as, "jinnan").progress == 0
    refusal = newest_entry(open_as())
    assert refusal["denied"] is True
    assert (refusal["login"], refusal["action"], refusal["scope"]) == (
        "lihua",
        "task.update",
        "jinnan",
    )
    assert "不能修改津南区的数据" in refusal["message"]
