"""Issue 13's acceptance: one pilot year of the office's supervision loop, through the CLI."""

from datetime import date, timedelta

import pytest

from tests.conftest import Cli


@pytest.fixture
def cli(any_cli: Cli) -> Cli:
    """Every test here runs on the folder database and on the PostgreSQL server."""
    return any_cli


def jinnan(cli: Cli, day: date) -> dict:
    status = cli.json("status", as_of=day.isoformat())
    return next(d for d in status["districts"] if d["id"] == "jinnan")


def test_a_year_of_supervision(team: Cli, tmp_path):
    team.ok("person", "add", "孙静", "--login", "sunjing", "--role", "区工作人员", "--district",
            "津南")  # fmt: skip
    team.ok("assign", "津南", "sunjing", "--task", "梳理", "--task", "规范")
    team.ok("milestone", "done", "津南", "备案", "--date", "2017-08-30", "--ref",
            "津南政办〔2017〕38号", login="wangfang", as_of="2017-08-30")  # fmt: skip

    # An order about a lagging task: issued, answered, sent back, answered, closed.
    team.ok("order", "issue", "津南", "--problem", "梳理进度滞后，请加快", "--deadline",
            "2017-11-30", as_of="2017-11-01")  # fmt: skip
    team.ok("order", "reply", "2017-1", "已增派人员", login="wangfang", as_of="2017-11-20")
    team.ok("order", "return", "2017-1", "--reason", "请报送新的时间表", as_of="2017-11-22")
    late = jinnan(team, date(2017, 12, 4))
    assert late["alert"] == "red"
    assert late["alert_reasons"][0] == (
        "督办单 2017-1 超过整改时限 4 天未办结（时限 2017-11-30，已退回待重报）：梳理进度滞后，请加快"
    )
    team.ok("order", "reply", "2017-1", "时间表已报", "--ref", "津南政办〔2017〕90号",
            login="sunjing", as_of="2017-12-05")  # fmt: skip
    team.ok("order", "accept", "2017-1", as_of="2017-12-06")
    assert not any("督办单" in r for r in jinnan(team, date(2017, 12, 6))["alert_reasons"])

    # The district reports only through task notes, milestones and order replies: never silent.
    day = date(2017, 12, 20)
    while day <= date(2018, 8, 20):
        team.ok("task", "update", "津南", "梳理", "--note", f"{day}进展", login="sunjing",
                as_of=day.isoformat())  # fmt: skip
        for check in (day + timedelta(days=1), day + timedelta(days=29)):
            state = jinnan(team, check)
            assert not any("工作进展" in r for r in state["alert_reasons"]), check
            assert {r["id"]: r["met"] for r in state["requirements"]}["progress-reported"]
        day += timedelta(days=28)

    # Staff work on tasks but do not answer for the district; a deactivated person answers
    # for nothing and is refused.
    assert [p["login"] for p in jinnan(team, date(2018, 3, 1))["leads"]] == ["wangfang"]
    team.ok("person", "deactivate", "sunjing", "--reason", "调离", as_of="2018-03-01")
    refused = team("note", "add", "津南", "--kind", "进展", "x", login="sunjing",
                   as_of="2018-03-02")  # fmt: skip
    assert refused.exit_code == 3 and "已停用" in refused.stderr
    people = {p["login"]: p for p in team.json("person", "list", as_of="2018-03-02")}
    assert people["sunjing"]["tasks"] == [] and people["sunjing"]["districts"] == []

    # A note corrected after the fact changes the next report.
    team.ok("note", "add", "津南", "--kind", "成效", "公开事项增至300项", login="wangfang",
            as_of="2018-08-25")  # fmt: skip
    team.ok("note", "edit", "津南-1", "--text", "公开事项增至320项", "--reason", "统计有误",
            as_of="2018-08-26")  # fmt: skip
    report = tmp_path / "津南.md"
    team.ok("report", "district", "津南", "-o", str(report), as_of="2018-08-31")
    text = report.read_text(encoding="utf-8")
    assert "公开事项增至320项" in text and "300项" not in text
    assert "试点期间收到市政府办公厅督办单1件，已办结1件。" in text
    assert "已于2017年12月6日整改办结（津南政办〔2017〕90号）" in text
    tasks = {t["id"]: t for t in team.json("task", "list", "-d", "津南", as_of="2018-08-31")}
    assert tasks["comb"]["owner_name"] == "孙静（已停用）"
