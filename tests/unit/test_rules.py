"""Supervision rules (督促检查) on the real Tianjin plan: milestone states, schedule line, alerts, requirements."""

from datetime import date, timedelta

import pytest

from tracker.domain.records import (
    Assignment,
    DistrictRecords,
    Evaluation,
    MilestoneRecord,
    Note,
    Person,
    TaskRecord,
)
from tracker.domain.rules import (
    SCHEDULE_SLACK,
    SILENCE_KINDS,
    Alert,
    evaluate_district,
    expected_progress,
    milestone_state,
    view_milestone,
)

DUE = date(2018, 8, 31)
LEAD = Person("lihua", "李华", "district-lead", district="hexi")


def healthy(plan, as_of):
    """Hexi on ``as_of`` with nothing to warn about: on schedule, plan filed, progress reported today."""
    expected = expected_progress(plan, as_of)
    return DistrictRecords(
        tasks={t.id: TaskRecord("hexi", t.id, "in-progress", expected) for t in plan.tasks},
        milestones={"plan-filed": MilestoneRecord("hexi", "plan-filed", done=date(2017, 8, 20))},
        notes=[Note(1, "hexi", "progress", "完成事项梳理初稿", as_of)],
    )


def evaluate(plan, records, as_of, people=(), assignments=()):
    return evaluate_district(
        plan, plan.district("hexi"), records, list(people), list(assignments), as_of
    )


def met(status, requirement_id):
    return next(r.met for r in status.requirements if r.definition.id == requirement_id)


# --- milestone states ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "done, as_of, state",
    [
        (None, DUE - timedelta(days=15), "pending"),
        (None, DUE - timedelta(days=14), "due-soon"),
        (None, DUE, "due-soon"),
        (None, DUE + timedelta(days=1), "overdue"),
        (DUE - timedelta(days=30), DUE + timedelta(days=60), "done"),
        (DUE, DUE, "done"),
        (DUE + timedelta(days=1), DUE + timedelta(days=1), "done-late"),
    ],
)
def test_milestone_state_on_the_as_of_date(done, as_of, state):
    assert milestone_state(DUE, done, as_of) == state


def test_completion_recorded_after_the_as_of_date_is_not_done_yet(plan):
    definition = plan.milestone("plan-filed")
    record = MilestoneRecord("hexi", "plan-filed", done=date(2017, 9, 10))
    view = view_milestone(definition, record, as_of=date(2017, 9, 5))
    assert (view.state, view.days_left) == ("overdue", -5)
    assert view_milestone(definition, record, as_of=date(2017, 9, 10)).state == "done-late"


def test_done_milestone_counts_days_before_due(plan):
    record = MilestoneRecord("hexi", "plan-filed", done=date(2017, 8, 20))
    view = view_milestone(plan.milestone("plan-filed"), record, as_of=date(2018, 1, 1))
    assert (view.state, view.days_left) == ("done", 11)


# --- the schedule line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_of, percent",
    [
        (date(2017, 7, 1), 0),
        (date(2017, 7, 21) + timedelta(days=203), 50),
        (date(2018, 8, 31), 100),
        (date(2018, 12, 31), 100),
    ],
)
def test_expected_progress_is_share_of_pilot_period_elapsed(plan, as_of, percent):
    assert expected_progress(plan, as_of) == percent


# --- district alerts -------------------------------------------------------------------------


def test_district_on_schedule_is_green_without_reasons(plan):
    as_of = date(2018, 3, 1)
    status = evaluate(plan, healthy(plan, as_of), as_of)
    assert (status.alert, status.alert_reasons) == ("green", [])


def test_overdue_milestone_makes_district_red(plan):
    as_of = date(2017, 9, 5)
    records = healthy(plan, as_of)
    del records.milestones["plan-filed"]
    status = evaluate(plan, records, as_of)
    assert status.alert == "red"
    assert status.alert_reasons == [
        "「试点实施方案报送市政府办公厅备案」已逾期 5 天（截止 2017-08-31）"
    ]


def test_blocked_task_makes_district_red_with_task_name_and_note(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["comb"].status = "blocked"
    records.tasks["comb"].note = "权责清单尚未公布"
    status = evaluate(plan, records, as_of)
    assert status.alert == "red"
    assert status.alert_reasons == ["「梳理政务公开事项」受阻：权责清单尚未公布"]


def test_red_reasons_come_first_and_yellow_ones_are_kept(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["comb"].status = "blocked"
    records.tasks["channels"].progress = 0
    status = evaluate(plan, records, as_of)
    assert status.alert == "red"
    assert len(status.alert_reasons) == 2 and "受阻" in status.alert_reasons[0]


@pytest.mark.parametrize(
    "as_of, words", [(date(2017, 8, 25), "还有 6 天到期"), (date(2017, 8, 31), "今天到期")]
)
def test_milestone_due_soon_makes_district_yellow(plan, as_of, words):
    records = healthy(plan, as_of)
    del records.milestones["plan-filed"]
    status = evaluate(plan, records, as_of)
    assert status.alert == "yellow"
    assert status.alert_reasons == [
        f"「试点实施方案报送市政府办公厅备案」{words}（截止 2017-08-31）"
    ]


@pytest.mark.parametrize("behind, alert", [(20, "green"), (21, "yellow")])
def test_task_more_than_20_points_behind_schedule_makes_district_yellow(plan, behind, alert):
    as_of = date(2018, 3, 1)
    expected = expected_progress(plan, as_of)
    records = healthy(plan, as_of)
    records.tasks["standardize"].progress = expected - behind
    status = evaluate(plan, records, as_of)
    assert status.alert == alert
    if alert == "yellow":
        assert status.alert_reasons == [
            f"「规范政务公开事项标准」进度 {expected - behind}%，落后于时间进度 {expected}%"
        ]


def test_finished_task_is_never_behind_schedule(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["comb"].status = "done"
    records.tasks["comb"].progress = 0
    assert evaluate(plan, records, as_of).alert == "green"


@pytest.mark.parametrize("silent_days, alert", [(30, "green"), (31, "yellow")])
def test_no_progress_note_for_more_than_30_days_makes_district_yellow(plan, silent_days, alert):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = [Note(1, "hexi", "progress", "进展", as_of - timedelta(days=silent_days))]
    status = evaluate(plan, records, as_of)
    assert status.alert == alert
    if alert == "yellow":
        assert status.alert_reasons == ["已 31 天未报告工作进展（上次：2018年1月29日记录工作进展）"]


@pytest.mark.parametrize("kind", ["practice", "achievement", "problem", "suggestion"])
def test_a_note_of_any_kind_reports_progress(plan, kind):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = [Note(1, "hexi", kind, "内容", as_of - timedelta(days=3))]
    assert evaluate(plan, records, as_of).alert == "green"


def test_a_task_update_with_a_note_and_a_milestone_done_report_progress(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = []
    records.tasks["comb"].noted = date(2018, 2, 20)
    assert evaluate(plan, records, as_of).alert == "green"
    records.tasks["comb"].noted = None
    records.milestones["plan-filed"].done = date(2018, 2, 25)
    status = evaluate(plan, records, as_of)
    assert status.alert == "green" and met(status, "progress-reported")
    records.milestones["plan-filed"].done = date(2017, 8, 20)
    status = evaluate(plan, records, as_of)
    assert status.alert_reasons == [
        "已 193 天未报告工作进展（上次：2017年8月20日完成「试点实施方案报送市政府办公厅备案」）"
    ]
    assert not met(status, "progress-reported"), "the requirement uses the same definition"


def test_progress_note_dated_after_the_as_of_date_does_not_count(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = [Note(1, "hexi", "progress", "进展", as_of + timedelta(days=1))]
    assert evaluate(plan, records, as_of).alert == "yellow"


def test_status_reports_the_schedule_line(plan):
    as_of = date(2018, 3, 1)
    assert (
        evaluate(plan, healthy(plan, as_of), as_of).expected_progress
        == expected_progress(plan, as_of)
        == 55
    )


# --- work requirements -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "people, is_met",
    [
        ([LEAD], True),
        ([Person("wang", "王芳", "district-lead", district="jinnan")], False),
        ([Person("zhao", "赵强", "coordinator")], False),
        ([Person("sun", "孙丽", "viewer", district="hexi")], False),
    ],
)
def test_lead_assigned_needs_a_district_lead_of_that_district(plan, people, is_met):
    as_of = date(2018, 3, 1)
    assert met(evaluate(plan, healthy(plan, as_of), as_of, people), "lead-assigned") is is_met


def test_lead_assigned_by_assignment_counts(plan):
    as_of = date(2018, 3, 1)
    lead = Person("wang", "王芳", "district-lead")
    status = evaluate(plan, healthy(plan, as_of), as_of, [lead], [Assignment("hexi", "wang")])
    assert met(status, "lead-assigned")


@pytest.mark.parametrize("done, is_met", [(date(2017, 8, 20), True), (date(2018, 3, 2), False)])
def test_plan_filed_requirement_follows_the_milestone_as_of_the_date(plan, done, is_met):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.milestones["plan-filed"] = MilestoneRecord("hexi", "plan-filed", done=done)
    assert met(evaluate(plan, records, as_of), "plan-filed") is is_met


def test_experience_summarized_when_report_submitted(plan):
    as_of = date(2018, 9, 5)
    records = healthy(plan, as_of)
    assert not met(evaluate(plan, records, as_of), "experience-summarized")
    records.milestones["report-submitted"] = MilestoneRecord(
        "hexi", "report-submitted", done=date(2018, 8, 30)
    )
    assert met(evaluate(plan, records, as_of), "experience-summarized")


@pytest.mark.parametrize("days_ago, is_met", [(30, True), (31, False)])
def test_progress_reported_within_30_days(plan, days_ago, is_met):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = [Note(1, "hexi", "progress", "进展", as_of - timedelta(days=days_ago))]
    assert met(evaluate(plan, records, as_of), "progress-reported") is is_met


@pytest.mark.parametrize(
    "evaluated_on, is_met", [(date(2018, 3, 1), True), (date(2018, 3, 2), False)]
)
def test_evaluation_requirement_needs_an_evaluation_by_the_as_of_date(plan, evaluated_on, is_met):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.evaluations = [Evaluation(1, "hexi", "third-party", 86, evaluated_on, by="南开大学")]
    assert met(evaluate(plan, records, as_of), "evaluated") is is_met
    assert not met(evaluate(plan, healthy(plan, as_of), as_of), "evaluated")


# --- alerts: a kind code and the facts behind each sentence ----------------------------------


def only_alert(plan, records, as_of):
    (alert,) = evaluate(plan, records, as_of).alerts
    return alert


def test_an_overdue_milestone_alert_carries_the_milestone_and_days_late(plan):
    as_of = date(2017, 9, 5)
    records = healthy(plan, as_of)
    del records.milestones["plan-filed"]
    alert = only_alert(plan, records, as_of)
    assert (alert.kind, alert.level, alert.subject) == ("milestone-overdue", "red", "plan-filed")
    assert (alert.due, alert.days_overdue) == (date(2017, 8, 31), 5)


def test_a_due_soon_alert_carries_the_days_left(plan):
    as_of = date(2017, 8, 25)
    records = healthy(plan, as_of)
    del records.milestones["plan-filed"]
    alert = only_alert(plan, records, as_of)
    assert (alert.kind, alert.level, alert.days_left) == ("milestone-due-soon", "yellow", 6)


def test_a_blocked_task_alert_carries_the_task_and_its_note(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["comb"].status = "blocked"
    records.tasks["comb"].note = "权责清单尚未公布"
    alert = only_alert(plan, records, as_of)
    assert (alert.kind, alert.level, alert.subject) == ("task-blocked", "red", "comb")
    assert alert.note == "权责清单尚未公布"
    records.tasks["comb"].note = ""
    assert only_alert(plan, records, as_of).text == "「梳理政务公开事项」受阻"


def test_a_lagging_task_alert_carries_progress_against_the_schedule_line(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["standardize"].progress = 10
    alert = only_alert(plan, records, as_of)
    assert (alert.kind, alert.level, alert.subject) == ("task-lagging", "yellow", "standardize")
    assert (alert.progress, alert.expected) == (10, expected_progress(plan, as_of))
    assert alert.expected - alert.progress > SCHEDULE_SLACK


def test_silence_alerts_carry_the_days_and_the_last_report(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.notes = [Note(1, "hexi", "progress", "进展", date(2018, 1, 29))]
    silent = only_alert(plan, records, as_of)
    assert (silent.kind, silent.days_silent, silent.last_report) == (
        "silent",
        31,
        date(2018, 1, 29),
    )
    records.notes = []
    records.milestones = {}  # the plan not filed either: an overdue milestone besides
    never = next(a for a in evaluate(plan, records, as_of).alerts if a.kind in SILENCE_KINDS)
    assert (never.kind, never.days_silent, never.last_report) == ("never-reported", 223, None)
    assert {silent.kind, never.kind} == SILENCE_KINDS


def test_alert_reasons_are_the_alerts_sentences_red_first(plan):
    as_of = date(2018, 3, 1)
    records = healthy(plan, as_of)
    records.tasks["channels"].progress = 0
    records.tasks["comb"].status = "blocked"
    status = evaluate(plan, records, as_of)
    assert [a.kind for a in status.alerts] == ["task-blocked", "task-lagging"]
    assert status.alert_reasons == [a.text for a in status.alerts]


def test_an_alert_is_a_frozen_value():
    alert = Alert("silent", "yellow", days_silent=40, last_report=date(2018, 1, 1))
    assert alert == Alert("silent", "yellow", days_silent=40, last_report=date(2018, 1, 1))
    with pytest.raises(AttributeError):
        alert.days_silent = 1
