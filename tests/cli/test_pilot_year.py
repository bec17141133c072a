"""A district's year, recorded through the real CLI, read back through ``status --json``."""

from datetime import date, timedelta

import pytest

from tests.conftest import Cli


@pytest.fixture
def cli(any_cli: Cli) -> Cli:
    """Every test here runs on the folder database and on the PostgreSQL server."""
    return any_cli


def district(status: dict, district_id: str) -> dict:
    return next(d for d in status["districts"] if d["id"] == district_id)


def milestone(entry: dict, milestone_id: str) -> dict:
    return next(m for m in entry["milestones"] if m["id"] == milestone_id)


def task(entry: dict, task_id: str) -> dict:
    return next(t for t in entry["tasks"] if t["id"] == task_id)


def test_plan_filed_on_time_with_document_number(team: Cli):
    team.ok(
        "milestone",
        "done",
        "河西",
        "备案",
        "--date",
        "2017年8月28日",
        "--ref",
        "河西政办〔2017〕45号",
        login="lihua",
        as_of="2017-08-28",
    )

    status = team.json("status", as_of="2017-09-01")
    filed = milestone(district(status, "hexi"), "plan-filed")
    assert filed["done"] == "2017-08-28"
    assert filed["ref"] == "河西政办〔2017〕45号"
    assert filed["state"] == "done"
    assert filed["days_left"] == 3


def test_milestone_goes_due_soon_then_overdue_as_the_date_passes(team: Cli):
    early = milestone(district(team.json("status", as_of="2017-08-01"), "wuqing"), "plan-filed")
    soon = milestone(district(team.json("status", as_of="2017-08-20"), "wuqing"), "plan-filed")
    late = district(team.json("status", as_of="2017-09-05"), "wuqing")

    assert early["state"] == "pending"
    assert soon["state"] == "due-soon" and soon["days_left"] == 11
    assert milestone(late, "plan-filed")["state"] == "overdue"
    assert late["alert"] == "red"
    assert any(
        "试点实施方案报送市政府办公厅备案" in r and "逾期 5 天" in r for r in late["alert_reasons"]
    )


def test_completion_after_the_due_date_is_done_late(team: Cli):
    result = team.ok(
        "milestone",
        "done",
        "jinnan",
        "plan-filed",
        "--date",
        "2017/9/12",
        login="wangfang",
        as_of="2017-09-15",
    )
    assert "逾期完成" in result.stdout

    entry = milestone(district(team.json("status", as_of="2017-09-15"), "jinnan"), "plan-filed")
    assert entry["state"] == "done-late"
    assert entry["days_left"] == -12


def test_tasks_progress_and_a_blocked_task_turns_the_district_red_with_its_reason(team: Cli):
    team.ok(
        "note", "add", "河西", "--kind", "工作进展", "启动梳理", login="lihua", as_of="2017-10-10"
    )
    team.ok(
        "task",
        "update",
        "河西",
        "梳理",
        "--status",
        "进行中",
        "--progress",
        "40",
        login="lihua",
        as_of="2017-10-10",
    )
    team.ok("task", "update", "hexi", "standardize", "-p", "20", login="lihua", as_of="2017-10-10")
    team.ok(
        "milestone",
        "done",
        "河西",
        "plan-filed",
        "--date",
        "2017-08-28",
        login="lihua",
        as_of="2017-10-10",
    )

    hexi = district(team.json("status", as_of="2017-10-12"), "hexi")
    assert task(hexi, "comb")["status"] == "in-progress" and task(hexi, "comb")["progress"] == 40
    assert task(hexi, "standardize")["status"] == "in-progress", "progress above zero starts a task"
    assert hexi["alert"] == "green", hexi["alert_reasons"]

    team.ok(
        "task",
        "update",
        "河西",
        "workflow",
        "--status",
        "受阻",
        "--note",
        "区政务服务办人员未到位",
        login="lihua",
        as_of="2017-10-12",
    )
    hexi = district(team.json("status", as_of="2017-10-12"), "hexi")
    assert hexi["alert"] == "red"
    assert "「优化政务公开工作流程」受阻：区政务服务办人员未到位" in hexi["alert_reasons"]


def test_lagging_task_and_silence_turn_the_district_yellow(team: Cli):
    team.ok("milestone", "done", "武清", "plan-filed", "--date", "2017-08-30", as_of="2017-08-30")
    team.ok(
        "note",
        "add",
        "武清",
        "--kind",
        "progress",
        "完成方案备案",
        "--date",
        "2017-08-30",
        as_of="2017-08-30",
    )
    team.ok(
        "task", "update", "武清", "梳理", "--progress", "10", login="zhaoqiang", as_of="2018-01-20"
    )

    wuqing = district(team.json("status", as_of="2018-01-20"), "wuqing")
    assert wuqing["alert"] == "yellow"
    reasons = " ".join(wuqing["alert_reasons"])
    assert "「梳理政务公开事项」进度 10%，落后于时间进度" in reasons
    assert "未报告工作进展（上次：2017年8月30日" in reasons  # a task update without a note


def test_a_district_reporting_only_through_task_notes_and_milestones_is_never_silent(team: Cli):
    """Reporting progress is any report-worthy activity, not only notes of kind 工作进展."""
    team.ok("milestone", "done", "河西", "plan-filed", "--date", "2017-08-28", as_of="2017-08-28")
    day = date(2017, 9, 15)
    while day <= date(2018, 8, 31):
        team.ok("task", "update", "河西", "梳理", "--note", f"{day}进展", login="lihua",
                as_of=day.isoformat())  # fmt: skip
        for check in (day + timedelta(days=29), day + timedelta(days=1)):
            hexi = district(team.json("status", as_of=check.isoformat()), "hexi")
            assert not any("未报告工作进展" in r for r in hexi["alert_reasons"]), check
            met = {r["id"]: r["met"] for r in hexi["requirements"]}
            assert met["progress-reported"], check
        day += timedelta(days=29)


def test_done_task_reads_full_progress_and_the_year_can_close_green(team: Cli):
    for task_id in ("comb", "standardize", "workflow", "channels"):
        team.ok(
            "task",
            "update",
            "河西",
            task_id,
            "--status",
            "已完成",
            login="lihua",
            as_of="2018-08-20",
        )
    team.ok("milestone", "done", "河西", "plan-filed", "--date", "2017-08-28", as_of="2018-08-20")
    team.ok(
        "milestone", "done", "河西", "完成试点各项任务", "--date", "2018-08-20", as_of="2018-08-20"
    )
    team.ok(
        "milestone", "done", "河西", "report-submitted", "--date", "2018-08-25", as_of="2018-08-25"
    )
    team.ok("note", "add", "河西", "--kind", "progress", "试点任务全部完成", as_of="2018-08-25")
    team.ok(
        "evaluation",
        "add",
        "河西",
        "--kind",
        "第三方评估",
        "--score",
        "88",
        "--by",
        "天津师范大学",
        as_of="2018-08-25",
    )

    hexi = district(team.json("status", as_of="2018-09-01"), "hexi")
    assert [t["progress"] for t in hexi["tasks"]] == [100, 100, 100, 100]
    assert hexi["alert"] == "green", hexi["alert_reasons"]
    assert all(r["met"] for r in hexi["requirements"]), hexi["requirements"]


def test_municipal_report_is_the_coordinators_milestone(team: Cli):
    status = team.json("status", as_of="2018-09-20")
    assert status["municipal"]["milestones"][0]["state"] == "due-soon"

    team.ok(
        "milestone",
        "done",
        "municipal",
        "全市试点工作总体报告",
        "--date",
        "2018-09-28",
        "--ref",
        "津政办报〔2018〕60号",
        as_of="2018-09-28",
    )
    report = team.json("status", as_of="2018-10-01")["municipal"]["milestones"][0]
    assert (report["state"], report["done"], report["ref"]) == (
        "done",
        "2018-09-28",
        "津政办报〔2018〕60号",
    )


def test_reopen_clears_a_completion_and_keeps_the_reason(team: Cli):
    team.ok("milestone", "done", "武清", "plan-filed", "--date", "2017-08-30", as_of="2017-09-01")
    team.ok(
        "milestone", "reopen", "武清", "plan-filed", "--reason", "方案退回修改", as_of="2017-09-02"
    )

    entry = milestone(district(team.json("status", as_of="2017-09-02"), "wuqing"), "plan-filed")
    assert entry["done"] is None and entry["state"] == "overdue"
    assert "方案退回修改" in entry["note"]


def test_status_of_one_district_and_the_human_table(team: Cli):
    only = team.json("status", "津南区", as_of="2017-08-01")
    assert [d["id"] for d in only["districts"]] == ["jinnan"]

    table = team.ok("status", as_of="2017-09-05").stdout
    assert "河西区" in table and "红灯" in table and "梳理政务公开事项" in table


def test_looking_back_before_a_completion_shows_it_not_yet_done(team: Cli):
    team.ok("milestone", "done", "河西", "plan-filed", "--date", "2017-08-28", as_of="2017-09-01")

    earlier = milestone(district(team.json("status", as_of="2017-08-20"), "hexi"), "plan-filed")
    assert (earlier["done"], earlier["state"], earlier["days_left"]) == (None, "due-soon", 11)
