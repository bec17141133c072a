"""Every service that changes a record refuses a read-only user, changes nothing, and logs the
refusal with the action and scope that were tried."""

import pytest

from tests.services.conftest import audit_entries
from tracker.domain.errors import PermissionDeniedError
from tracker.services import evaluations, items, milestones, notes, people, tasks

ATTEMPTS = {
    "task.update": (lambda t: tasks.update_task(t, "河西", "梳理", progress="10"), "hexi"),
    "milestone.done": (lambda t: milestones.complete_milestone(t, "津南", "plan-filed"), "jinnan"),
    "milestone.reopen": (
        lambda t: milestones.reopen_milestone(t, "市级", "municipal-report", reason="重报"),
        "municipal",
    ),
    "person.add": (
        lambda t: people.add_person(t, "陈明", login="chenming", role="viewer"),
        "people",
    ),
    "assign": (lambda t: people.assign(t, "河西", "lihua"), "people"),
    "note.add": (lambda t: notes.add_note(t, "武清", kind="progress", text="进展"), "wuqing"),
    "evaluation.add": (
        lambda t: evaluations.add_evaluation(t, "武清", kind="public", score="90"),
        "wuqing",
    ),
    "item.add": (lambda t: items.add_item(t, "河西", {"area": "城乡规划", "name": "规划"}), "hexi"),
    "item.withdraw": (lambda t: items.withdraw_item(t, "hexi-1", "职能划转"), "hexi"),
}


TABLES = ("tasks", "milestones", "notes", "evaluations", "items", "people", "assignments")


def everything_stored(tracker) -> dict:
    """Every record of every table, read through the store, for comparing before and after."""
    scopes = [d.id for d in tracker.plan.districts] + ["municipal", "people"]
    return {(s, t): tracker.store.read(s, t) for s in scopes for t in TABLES}


@pytest.mark.parametrize("action", ATTEMPTS)
def test_a_viewer_is_refused_every_change_and_each_refusal_is_logged(team_tracker, open_as, action):
    items.add_item(team_tracker, "河西", {"area": "城乡规划", "name": "控制性详细规划"})
    attempt, scope = ATTEMPTS[action]
    logged_before = len(audit_entries(team_tracker))
    stored_before = everything_stored(open_as())

    with pytest.raises(PermissionDeniedError, match="刘洋（只读用户）不能修改"):
        attempt(open_as("liuyang"))

    entries = audit_entries(open_as())
    assert len(entries) == logged_before + 1
    refusal = entries[0]
    assert refusal["denied"] is True
    assert (refusal["login"], refusal["user"], refusal["action"], refusal["scope"]) == (
        "liuyang",
        "liuyang",
        action,
        scope,
    )
    assert refusal["message"].startswith("刘洋（只读用户）不能修改")
    assert everything_stored(open_as()) == stored_before
