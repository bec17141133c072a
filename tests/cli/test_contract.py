"""The JSON keys scripts rely on (PRODUCT §6), and help that teaches."""

import json
import subprocess
import sys

import pytest
from typer.main import get_command

from tests.conftest import COORDINATOR, Cli, environment
from tracker.cli.app import app


def test_status_json_has_the_contract_shape(team: Cli):
    status = team.json("status", as_of="2018-03-15")

    assert status["as_of"] == "2018-03-15"
    assert status["plan"] == {
        "id": "tianjin-2017",
        "title": "天津市开展基层政务公开标准化规范化试点工作实施方案",
        "doc_no": "津政办函〔2017〕72号",
        "issuer": "天津市人民政府办公厅",
    }
    assert [(d["id"], d["name"]) for d in status["districts"]] == [
        ("hexi", "河西区"),
        ("jinnan", "津南区"),
        ("wuqing", "武清区"),
    ]
    hexi = status["districts"][0]
    assert hexi["alert"] in ("red", "yellow", "green") and isinstance(hexi["alert_reasons"], list)
    assert [t["id"] for t in hexi["tasks"]] == ["comb", "standardize", "workflow", "channels"]
    assert set(hexi["tasks"][0]) >= {"id", "name", "status", "progress", "owner"}
    assert [m["id"] for m in hexi["milestones"]] == [
        "plan-filed",
        "tasks-complete",
        "report-submitted",
    ]
    assert set(hexi["milestones"][0]) >= {"id", "name", "due", "done", "ref", "state"}
    assert [r["id"] for r in hexi["requirements"]] == [
        "lead-assigned",
        "plan-filed",
        "progress-reported",
        "evaluated",
        "experience-summarized",
    ]
    assert hexi["requirements"][0] == {"id": "lead-assigned", "name": "明确专人负责", "met": True}
    assert status["municipal"]["milestones"] == [
        {
            "scope": "municipal",
            "id": "municipal-report",
            "name": "全市试点工作总体报告报送国务院办公厅",
            "due": "2018-09-30",
            "done": None,
            "ref": "",
            "note": "",
            "state": "pending",
            "state_name": "未到期",
            "days_left": 199,
        }
    ]


def test_list_commands_print_json_arrays(team: Cli):
    team.ok("note", "add", "河西", "--kind", "problem", "人员不足", as_of="2018-03-01")
    team.ok(
        "evaluation",
        "add",
        "津南",
        "--kind",
        "public",
        "--score",
        "90",
        "--respondents",
        "500",
        as_of="2018-03-01",
    )

    tasks = team.json("task", "list", "--district", "武清")
    people = team.json("person", "list")
    notes = team.json("note", "list", "--kind", "存在的问题")
    evaluations = team.json("evaluation", "list")
    milestones = team.json("milestone", "list", as_of="2018-03-01")
    log = team.json("log", "--limit", "3")

    assert [(t["district"], t["id"]) for t in tasks][:2] == [
        ("wuqing", "comb"),
        ("wuqing", "standardize"),
    ]
    assert {p["login"]: p["role"] for p in people}["lihua"] == "district-lead"
    assert [(n["district"], n["kind"], n["text"]) for n in notes] == [
        ("hexi", "problem", "人员不足")
    ]
    assert evaluations[0]["score"] == 90 and evaluations[0]["respondents"] == 500
    assert len(milestones) == 3 * 3 + 1
    assert [e["action"] for e in log] == ["evaluation.add", "note.add", "person.add"]


def test_log_records_who_when_what_before_and_after(team: Cli):
    team.ok("task", "update", "河西", "梳理", "-p", "30", login="lihua")
    entry = team.json("log", "--district", "hexi", "--limit", "1")[0]

    assert entry["login"] == "lihua" and entry["user"] == "lihua"
    assert entry["action"] == "task.update" and entry["key"] == "comb"
    assert entry["before"]["progress"] == 0 and entry["after"]["progress"] == 30
    assert entry["at"][:4] >= "2026"


def test_global_options_work_after_the_sub_command_too(team: Cli):
    result = team("status", "--json", "--as-of", "2017-08-20")  # --db comes first from the fixture
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == "2017-08-20"


def _commands(group, path=()):
    ctx = group.make_context("tracker", ["--help"], resilient_parsing=True)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if hasattr(command, "list_commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name)


@pytest.mark.parametrize("path", sorted(_commands(get_command(app))), ids=" ".join)
def test_every_command_explains_itself_in_chinese_with_an_example(path, cli: Cli):
    result = cli.ok(*path, "--help")
    assert "用法：" in result.stdout
    assert "示例" in result.stdout, f"{' '.join(path)} --help has no example"
    assert "显示本帮助并退出" in result.stdout


def test_importing_the_cli_does_not_import_textual_openpyxl_or_docx():
    code = "import sys, tracker.cli.app; print([m for m in ('textual', 'openpyxl', 'docx') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_task_update_loads_no_ui_spreadsheet_report_or_validation_library(cli: Cli):
    code = (
        "import sys; from tracker.cli import main;"
        f"code = main(['--db', {str(cli.db)!r}, 'task', 'update', 'hexi', 'comb', '-p', '5']);"
        "heavy = ('textual', 'rich', 'pydantic', 'openpyxl', 'docx', 'jinja2');"
        "print(code, sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment(COORDINATOR),
    )
    assert out.stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    "change",
    [
        ("task", "update", "hexi", "comb", "-p", "5"),
        ("item", "add", "hexi", "--area", "城乡规划", "--name", "控制性详细规划"),
        ("milestone", "done", "hexi", "plan-filed", "--date", "2017-08-28"),
        ("note", "add", "hexi", "--kind", "progress", "完成梳理"),
    ],
)
def test_a_change_loads_no_read_models_they_are_for_reading(change, cli: Cli):
    code = (
        "import sys; from tracker.cli import main;"
        f"code = main(['--db', {str(cli.db)!r}, '--as-of', '2018-03-15', *{list(change)!r}]);"
        "print(code, 'tracker.services.read.models' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment(COORDINATOR),
    )
    assert out.stdout.splitlines()[-1] == "0 False"


def test_the_log_table_reads_in_words(team: Cli):
    team.ok("task", "update", "河西", "梳理", "-s", "进行中", "-p", "30", login="lihua")
    team("task", "update", "津南", "梳理", "-p", "3", login="lihua")
    table = team.ok("log", "-n", "2").stdout
    assert "河西区·梳理政务公开事项" in table
    assert "状态：未开始 → 进行中" in table and "进度：0% → 30%" in table
    assert "被拒绝：更新任务" in table


def test_short_forms_of_kinds_and_roles_are_understood(team: Cli):
    team.ok("note", "add", "河西", "--kind", "问题", "人手不足")
    team.ok("evaluation", "add", "河西", "--kind", "第三方", "--score", "80")
    team.ok(
        "person",
        "add",
        "周敏",
        "--login",
        "zhoumin",
        "--role",
        "部门联络员",
        "--department",
        "市财政局",
    )
    assert team.json("note", "list")[0]["kind"] == "problem"
    assert team.json("evaluation", "list")[0]["kind"] == "third-party"


def test_help_offers_no_shell_completion_options(cli: Cli):
    for path in (["--help"], ["item", "--help"], ["item", "add", "--help"], ["status", "--help"]):
        assert "completion" not in cli.ok(*path).stdout


def test_bare_tracker_off_a_terminal_prints_help_instead_of_opening_the_tui(cli: Cli):
    result = cli()
    assert result.exit_code == 0
    assert "用法：" in result.stdout and "tui" in result.stdout
