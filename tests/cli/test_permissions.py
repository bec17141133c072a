"""Identity and permissions (PRODUCT §6): leads in their own district, viewers read, refusals logged."""

from tests.conftest import Cli, snapshot


def test_a_district_lead_updates_their_own_district(team: Cli):
    team.ok("task", "update", "河西", "梳理", "-p", "25", login="lihua")
    team.ok("note", "add", "河西", "--kind", "practice", "建立事项台账", login="lihua")
    assert team.json("task", "list", "-d", "hexi")[0]["progress"] == 25


def test_a_district_lead_cannot_touch_another_district_and_the_refusal_is_logged(team: Cli):
    before = snapshot(team.db)
    for args in (
        ["task", "update", "津南", "梳理", "-p", "90"],
        ["milestone", "done", "jinnan", "plan-filed", "--date", "2017-08-20"],
        ["note", "add", "wuqing", "--kind", "progress", "代报"],
    ):
        result = team(*args, login="lihua", as_of="2017-09-01")
        assert result.exit_code == 3
        assert "李华（河西区试点负责人）只能修改河西区的数据" in result.stderr
    data_files = {k: v for k, v in snapshot(team.db).items() if k != "audit.jsonl"}
    assert data_files == {k: v for k, v in before.items() if k != "audit.jsonl"}

    refusals = [e for e in team.json("log", "--limit", "5") if e.get("denied")]
    assert len(refusals) == 3
    assert {(e["login"], e["scope"]) for e in refusals} == {
        ("lihua", "jinnan"),
        ("lihua", "wuqing"),
    }


def test_a_viewer_and_an_unregistered_login_change_nothing(team: Cli):
    viewer = team("task", "update", "河西", "梳理", "-p", "10", login="liuyang")
    stranger = team("task", "update", "河西", "梳理", "-p", "10", login="intruder")
    assert viewer.exit_code == 3 and "刘洋（只读用户）不能修改河西区的数据" in viewer.stderr
    assert stranger.exit_code == 3 and "用户「intruder」尚未登记" in stranger.stderr
    assert team.json("task", "list", "-d", "hexi", login="liuyang")[0]["progress"] == 0


def test_only_coordinators_register_people_and_complete_municipal_milestones(team: Cli):
    person = team("person", "add", "孙丽", "--login", "sunli", "--role", "viewer", login="lihua")
    municipal = team(
        "milestone", "done", "municipal", "municipal-report", login="lihua", as_of="2018-09-01"
    )
    assert person.exit_code == 3 and "人员和责任分工" in person.stderr
    assert municipal.exit_code == 3 and "市级节点" in municipal.stderr


def test_a_coordinator_acts_on_behalf_of_a_lead_and_both_are_logged(team: Cli):
    team.ok("--user", "lihua", "task", "update", "河西", "梳理", "-p", "35")
    entry = team.json("log", "--limit", "1")[0]
    assert (entry["login"], entry["user"]) == ("zhangwei", "lihua")

    refused = team("--user", "lihua", "task", "update", "津南", "梳理", "-p", "35")
    assert refused.exit_code == 3, "acting for a lead carries the lead's permissions"


def test_only_a_coordinator_may_act_on_someone_elses_behalf(team: Cli):
    result = team("--user", "zhangwei", "task", "update", "河西", "梳理", "-p", "35", login="lihua")
    assert result.exit_code == 3 and "只有协调员可以代他人操作" in result.stderr


def test_the_initializer_is_the_first_coordinator(cli: Cli):
    people = cli.json("person", "list")
    assert [(p["login"], p["name"], p["role"]) for p in people] == [
        ("zhangwei", "张伟", "coordinator")
    ]


def test_assign_makes_a_lead_responsible_and_sets_task_owners(team: Cli):
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
        "--unit",
        "市财政局预算处",
    )
    team.ok("assign", "河西", "chenjing")
    team.ok("assign", "河西", "李华", "--task", "规范", login="lihua")

    leads = team.json("status", "hexi")["districts"][0]["leads"]
    assert {p["login"] for p in leads} == {"lihua", "chenjing"}
    owner = team.json("task", "list", "-d", "hexi")[1]
    assert (owner["id"], owner["owner"], owner["owner_name"]) == ("standardize", "lihua", "李华")


def test_only_a_coordinator_may_rebuild_the_database(team: Cli):
    before = snapshot(team.db)
    refused = team("init", "--force", login="lihua")
    stranger = team("init", "--force", login="intruder")
    assert refused.exit_code == 3 and "只有协调员可以使用 init --force" in refused.stderr
    assert stranger.exit_code == 3
    assert list(team.db.parent.glob("data.bak-*")) == []
    assert {k: v for k, v in snapshot(team.db).items() if k != "audit.jsonl"} == {
        k: v for k, v in before.items() if k != "audit.jsonl"
    }
    assert team.json("log", "--limit", "1")[0]["denied"] is True


def test_responsibility_goes_only_to_people_who_can_answer_for_the_district(team: Cli):
    viewer = team("assign", "河西", "liuyang")
    other_lead = team("task", "update", "河西", "梳理", "--owner", "王芳")
    assert viewer.exit_code == 2 and "刘洋是只读用户，不能作为河西区的责任人" in viewer.stderr
    assert (
        other_lead.exit_code == 2
        and "王芳是津南区试点负责人，不能作为河西区的责任人" in other_lead.stderr
    )

    team.ok("task", "update", "河西", "梳理", "--owner", "lihua")
    team.ok("task", "update", "河西", "梳理", "--owner", "")
    assert team.json("task", "list", "-d", "hexi")[0]["owner"] is None
