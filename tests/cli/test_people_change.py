"""People who change: corrected, taken off the pilot, district staff who are not its leads, and
several tasks assigned at once (issue 13, part 3)."""

from tests.conftest import Cli

AS_OF = "2018-03-15"


def leads(cli: Cli, district: str) -> list[str]:
    status = cli.json("status", as_of=AS_OF)
    found = next(d for d in status["districts"] if d["id"] == district)
    return [p["login"] for p in found["leads"]]


def test_a_deactivated_person_answers_for_nothing_and_cannot_act(team: Cli):
    assert "zhaoqiang" in leads(team, "wuqing")
    team.ok("person", "deactivate", "zhaoqiang", "--reason", "调离")
    assert "zhaoqiang" not in leads(team, "wuqing")
    refused = team("task", "update", "武清", "梳理", "-p", "5", login="zhaoqiang", as_of=AS_OF)
    assert refused.exit_code == 3 and "已停用（调离）" in refused.stderr
    assigned = team("assign", "武清", "zhaoqiang")
    assert assigned.exit_code == 2 and "已停用" in assigned.stderr
    entry = next(e for e in team.json("log") if e["action"] == "person.deactivate")
    assert entry["reason"] == "调离"


def test_district_staff_work_on_their_district_but_do_not_answer_for_it(team: Cli):
    team.ok(
        "person", "add", "陈静", "--login", "chenjing", "--role", "区工作人员", "--district", "河西"
    )
    team.ok("task", "update", "河西", "梳理", "-p", "20", login="chenjing", as_of=AS_OF)
    assert "chenjing" not in leads(team, "hexi")
    refused = team("task", "update", "津南", "梳理", "-p", "20", login="chenjing", as_of=AS_OF)
    assert refused.exit_code == 3 and "河西区工作人员" in refused.stderr


def test_a_person_can_be_corrected(team: Cli):
    team.ok("person", "update", "wangfang", "--role", "区工作人员", "--phone", "022-88888888")
    person = next(p for p in team.json("person", "list") if p["login"] == "wangfang")
    assert person["role"] == "district-staff" and person["phone"] == "022-88888888"
    assert "wangfang" not in leads(team, "jinnan")


def test_assign_takes_several_tasks_at_once(team: Cli):
    result = team.ok("assign", "河西", "lihua", "--task", "梳理", "--task", "规范")
    assert result.stdout.count("已明确 李华") == 2
    owners = {t["id"]: t["owner"] for t in team.json("task", "list", "-d", "hexi")}
    assert owners["comb"] == owners["standardize"] == "lihua"
