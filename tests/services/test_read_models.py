"""Read models: the pilot's state as the queries build it from a database, and its ``--json`` form."""

from collections import Counter
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from tracker.domain.rules import SILENCE_KINDS
from tracker.services import open_tracker
from tracker.services.items import item_docs
from tracker.services.read import queries
from tracker.services.read.models import MilestoneState, PilotState, PlanHeading
from tracker.services.read.views import (
    json_of,
    milestone_row_json,
    responsibilities_json,
    status_json,
    task_json,
)

DISTRICT_KEYS = [
    "id",
    "name",
    "alert",
    "alert_reasons",
    "leads",
    "expected_progress",
    "tasks",
    "milestones",
    "requirements",
    "items",
    "orders",
    "workflow",
]
TASK_KEYS = [
    "district",
    "district_name",
    "id",
    "name",
    "status",
    "status_name",
    "progress",
    "owner",
    "owner_name",
    "note",
]
MILESTONE_KEYS = [
    "scope",
    "id",
    "name",
    "due",
    "done",
    "ref",
    "note",
    "state",
    "state_name",
    "days_left",
]
PERSON_KEYS = [
    "login",
    "name",
    "role",
    "district",
    "unit",
    "phone",
    "role_name",
    "district_name",
    "department",
    "department_name",
]


@pytest.fixture
def demo(copy_demo, tmp_path):
    return copy_demo(tmp_path / "demo")


# --- the pilot state ----------------------------------------------------------------------


def test_the_demo_state_judges_each_district_with_its_alerts(demo):
    state = queries.pilot_state(open_tracker(demo))
    assert state.as_of == date(2018, 3, 15)
    assert [(d.id, d.alert) for d in state.districts] == [
        ("hexi", "green"),
        ("jinnan", "red"),
        ("wuqing", "yellow"),
    ]
    jinnan = state.district("jinnan")
    blocked = next(a for a in jinnan.alerts if a.kind == "task-blocked")
    assert jinnan.task(blocked.subject).status == "blocked"
    assert blocked.note == jinnan.task(blocked.subject).note
    wuqing = state.district("wuqing")
    silence = next(a for a in wuqing.alerts if a.kind in SILENCE_KINDS)
    assert silence.days_silent > 30
    assert wuqing.alert_reasons == [a.text for a in wuqing.alerts]


def test_only_the_districts_asked_for_are_read_but_municipal_milestones_always(demo):
    state = queries.pilot_state(open_tracker(demo), ["wuqing"])
    assert [d.id for d in state.districts] == ["wuqing"]
    assert [m.id for m in state.municipal_milestones] == ["municipal-report"]
    with pytest.raises(KeyError):
        state.district("hexi")


def test_a_districts_tasks_and_milestones_follow_the_plan(demo):
    tracker = open_tracker(demo, as_of="2018-09-05")
    hexi = queries.pilot_state(tracker).district("hexi")
    assert [t.id for t in hexi.tasks] == [t.id for t in tracker.plan.tasks]
    assert [m.id for m in hexi.milestones] == [m.id for m in tracker.plan.district_milestones]
    assert all(m.scope == "hexi" and m.scope_name == "河西区" for m in hexi.milestones)
    assert hexi.expected_progress == 100
    with pytest.raises(KeyError):
        hexi.task("nothing")


def test_the_catalog_summary_counts_the_districts_items(demo):
    tracker = open_tracker(demo)
    district = tracker.plan.district("hexi")
    summary = queries.catalog_summary(tracker, district)
    docs = item_docs(tracker, "hexi")
    assert summary.overall.total == len(docs)
    assert dict(summary.overall.by_status) == {
        state: Counter(d["status"] for d in docs)[state]
        for state in ("combed", "standardized", "published", "withdrawn")
    }
    assert summary.overall.published == summary.overall.by_status["published"]
    assert [a.area for a in summary.areas][: len(district.areas)] == list(district.areas)
    assert sum(a.total for a in summary.areas) == summary.overall.total
    assert queries.catalog_summary(tracker, district) == summary, "the remembered value agrees"


def milestone(id: str, state: str, days_left: int, scope: str = "hexi") -> MilestoneState:
    return MilestoneState(
        scope, "河西区", id, id, date(2018, 8, 31), None, "", "", state, days_left
    )


def pilot(*milestones: MilestoneState) -> PilotState:
    return PilotState(date(2018, 3, 1), PlanHeading("p", "t", "d", "i"), (), milestones)


def test_the_next_deadline_is_the_upcoming_milestone_due_soonest():
    soon, later = milestone("soon", "due-soon", 6), milestone("later", "pending", 30)
    tie = milestone("tie", "pending", 6, scope="municipal")
    late, done = milestone("late", "overdue", -3), milestone("done", "done", 1)
    assert pilot(later, late, soon, tie, done).next_deadline == soon
    assert pilot(late, done).next_deadline is None


# --- people and what they answer for -----------------------------------------------------


def test_a_district_is_answered_for_by_its_leads_and_a_task_by_its_owner(team):
    team.ok(
        "person",
        "add",
        "陈静",
        "--login",
        "chenjing",
        "--role",
        "department",
        "--department",
        "市财政局",
    )
    team.ok("assign", "河西", "chenjing")
    team.ok("assign", "津南", "陈静", "--task", "梳理")
    tracker = open_tracker(team.db)
    people = {r.person.login: r for r in queries.responsibilities(tracker)}
    assert [r.district for r in people["lihua"].districts] == ["hexi"], "a lead by role"
    assert [r.district for r in people["chenjing"].districts] == ["hexi"], "a lead by assignment"
    assert [(r.district, r.task) for r in people["chenjing"].tasks] == [("jinnan", "comb")]
    assert people["liuyang"].responsibilities == ()
    state = queries.pilot_state(tracker)
    hexi, jinnan = state.district("hexi"), state.district("jinnan")
    assert {p.login for p in hexi.leads} == {
        login for login, r in people.items() if "hexi" in {d.district for d in r.districts}
    }
    assert jinnan.answerable_for(jinnan.task("comb")) == ("陈静",)
    assert jinnan.answerable_for(jinnan.task("workflow")) == ("王芳",)


def test_person_list_json_keeps_its_keys(team):
    tracker = open_tracker(team.db)
    (lihua,) = [r for r in queries.responsibilities(tracker) if r.person.login == "lihua"]
    data = responsibilities_json(lihua)
    assert list(data) == [*PERSON_KEYS, "districts", "tasks"]
    assert (data["district"], data["district_name"], data["role_name"]) == (
        "hexi",
        "河西区",
        "区试点负责人",
    )
    assert (data["districts"], data["tasks"]) == (["河西区"], [])
    (coordinator,) = [
        r for r in queries.responsibilities(tracker) if r.person.role == "coordinator"
    ]
    assert json_of(coordinator.person)["district"] is None


# --- notes and evaluations ------------------------------------------------------------------


def test_notes_are_listed_oldest_first_and_filtered_by_kind(team):
    team.ok("note", "add", "河西", "--kind", "problem", "人员不足", "--date", "2018-01-05")
    team.ok("note", "add", "河西", "--kind", "progress", "完成梳理", "--date", "2018-01-02")
    tracker = open_tracker(team.db)
    hexi = [tracker.plan.district("hexi")]
    notes = queries.notes(tracker, hexi)
    assert [(n.text, n.kind_name) for n in notes] == [
        ("完成梳理", "工作进展"),
        ("人员不足", "存在的问题"),
    ]
    assert [n.text for n in queries.notes(tracker, hexi, "problem")] == ["人员不足"]
    assert json_of(notes[0]) == {
        "id": notes[0].id,
        "district": "hexi",
        "kind": "progress",
        "text": "完成梳理",
        "date": "2018-01-02",
        "author": notes[0].author,
        "ref": "",
        "district_name": "河西区",
        "kind_name": "工作进展",
    }


def test_an_evaluation_reads_as_recorded(team):
    team.ok(
        "evaluation", "add", "武清", "--kind", "third-party", "--score", "86", "--by", "南开大学"
    )
    tracker = open_tracker(team.db)
    (evaluation,) = queries.evaluations(tracker, tracker.plan.districts)
    assert (evaluation.district_name, evaluation.kind_name, evaluation.score) == (
        "武清区",
        "第三方评估",
        86,
    )
    assert json_of(evaluation)["respondents"] is None


# --- the --json form --------------------------------------------------------------------------


def test_status_json_has_the_contract_keys_in_order(demo):
    data = status_json(queries.pilot_state(open_tracker(demo)))
    assert list(data) == ["as_of", "plan", "districts", "municipal"]
    assert data["as_of"] == "2018-03-15"
    assert list(data["plan"]) == ["id", "title", "doc_no", "issuer"]
    hexi = data["districts"][0]
    assert list(hexi) == DISTRICT_KEYS
    assert list(hexi["tasks"][0]) == TASK_KEYS
    assert list(hexi["milestones"][0]) == MILESTONE_KEYS
    assert list(hexi["requirements"][0]) == ["id", "name", "met"]
    assert list(hexi["leads"][0]) == ["login", "name", "phone"]
    assert list(hexi["items"]) == [
        "total",
        "by_status",
        "missing_elements",
        "missing_by_element",
        "channels",
        "five",
        "by_area",
    ]
    assert list(hexi["items"]["by_area"][0])[:3] == ["area", "added", "total"]
    assert data["municipal"]["milestones"][0]["done"] is None


def test_milestone_rows_name_their_scope_last(demo):
    tracker = open_tracker(demo)
    (municipal,) = queries.milestone_states(tracker, "municipal")
    row = milestone_row_json(municipal)
    assert list(row) == [*MILESTONE_KEYS, "scope_name"]
    assert (row["scope"], row["scope_name"], row["due"]) == ("municipal", "市级", "2018-09-30")
    assert len(queries.milestone_states(tracker)) == 3 * 3 + 1


def test_a_task_without_owner_has_null_owner_fields(cli):
    tracker = open_tracker(cli.db)
    (task, *_) = queries.task_states(tracker, [tracker.plan.district("hexi")])
    assert (task.owner, task.owner_name) == ("", None)
    assert (task_json(task)["owner"], task_json(task)["owner_name"]) == (None, None)


def test_json_of_serialises_lists_and_refuses_what_is_not_a_model(cli):
    tracker = open_tracker(cli.db)
    tasks = queries.task_states(tracker, tracker.plan.districts)
    assert json_of(tasks) == [task_json(t) for t in tasks]
    with pytest.raises(TypeError):
        json_of(object())


def test_read_models_are_frozen(cli):
    state = queries.pilot_state(open_tracker(cli.db))
    with pytest.raises(FrozenInstanceError):
        state.districts[0].alert = "green"
