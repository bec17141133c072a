"""Records entered wrongly can be corrected or removed, with a reason, in the log and the
history; reports built afterwards use the corrected record (issue 13, part 4)."""

import json

from tests.conftest import Cli

AS_OF = "2018-03-15"


def test_a_corrected_note_changes_the_next_report(team: Cli, tmp_path):
    team.ok("note", "add", "河西", "--kind", "成效", "门户网站访问量增长五成", "--ref",
            "河西政办〔2018〕3号", login="lihua", as_of=AS_OF)  # fmt: skip
    (note,) = team.json("note", "list", "-d", "河西")
    assert note["ref"] == "河西政办〔2018〕3号"
    team.ok("note", "edit", "hexi-1", "--text", "门户网站访问量增长三成", "--reason", "数字有误",
            login="lihua", as_of=AS_OF)  # fmt: skip
    report = tmp_path / "报告.md"
    team.ok("report", "district", "河西", "-o", str(report), as_of=AS_OF)
    text = report.read_text(encoding="utf-8")
    assert "门户网站访问量增长三成" in text and "五成" not in text
    (entry,) = [e for e in team.json("log") if e["action"] == "note.edit"]
    assert entry["reason"] == "数字有误" and entry["login"] == "lihua"


def test_a_deleted_note_leaves_lists_and_reports_but_not_the_log(team: Cli, tmp_path):
    team.ok(
        "note", "add", "津南", "--kind", "问题", "重复录入的问题", login="wangfang", as_of=AS_OF
    )
    team.ok("note", "delete", "津南-1", "--reason", "重复录入", login="wangfang", as_of=AS_OF)
    assert team.json("note", "list", "-d", "津南") == []
    report = tmp_path / "报告.md"
    team.ok("report", "district", "津南", "-o", str(report), as_of=AS_OF)
    assert "重复录入的问题" not in report.read_text(encoding="utf-8")
    log = team.json("log")
    assert [e["action"] for e in log[:2]] == ["note.delete", "note.add"]
    assert team.json("db", "check")["ok"]


def test_a_lead_cannot_correct_another_districts_note(team: Cli):
    team.ok("note", "add", "河西", "--kind", "成效", "成效", login="lihua", as_of=AS_OF)
    refused = team("note", "edit", "hexi-1", "--text", "改", "--reason", "x", login="wangfang")
    assert refused.exit_code == 3
    assert team("note", "delete", "hexi-9", "--reason", "x").exit_code == 2


def test_scores_take_one_decimal_place(team: Cli):
    team.ok("evaluation", "add", "武清", "--kind", "第三方评估", "--score", "91.5", as_of=AS_OF)
    (evaluation,) = team.json("evaluation", "list", "-d", "武清")
    assert evaluation["score"] == 91.5
    refused = team("evaluation", "add", "武清", "--kind", "第三方评估", "--score", "91.55")
    assert refused.exit_code == 2 and "一位小数" in refused.stderr
    assert json.dumps(team.json("evaluation", "list", "-d", "武清")).count("91.5") == 1


def test_an_evaluation_can_be_corrected_and_deleted(team: Cli):
    team.ok("evaluation", "add", "武清", "--kind", "第三方评估", "--score", "80", as_of=AS_OF)
    team.ok("evaluation", "edit", "武清-1", "--score", "86.5", "--reason", "录入有误", as_of=AS_OF)
    assert [e["score"] for e in team.json("evaluation", "list", "-d", "武清")] == [86.5]
    team.ok("evaluation", "delete", "wuqing-1", "--reason", "重复录入", as_of=AS_OF)
    assert team.json("evaluation", "list", "-d", "武清") == []
    actions = [e["action"] for e in team.json("log")[:3]]
    assert actions == ["evaluation.delete", "evaluation.edit", "evaluation.add"]


def test_notes_and_the_log_can_be_searched(team: Cli):
    team.ok(
        "note", "add", "河西", "--kind", "做法", "在社区公示栏张贴目录", login="lihua", as_of=AS_OF
    )
    team.ok("note", "add", "河西", "--kind", "做法", "开通政务微博", login="lihua", as_of=AS_OF)
    found = team.json("note", "list", "-q", "公示栏")
    assert [n["text"] for n in found] == ["在社区公示栏张贴目录"]
    assert "hexi-1" in team.ok("note", "list", "-q", "公示栏").stdout
    entries = team.json("log", "-q", "政务微博")
    assert [e["action"] for e in entries] == ["note.add"]


def test_task_and_milestone_lists_save_as_excel_with_the_screens_columns(team: Cli, tmp_path):
    from openpyxl import load_workbook

    team.ok("task", "update", "河西", "梳理", "-p", "40", "--note", "=1+1 待核", login="lihua",
            as_of=AS_OF)  # fmt: skip
    team.ok("task", "list", "--xlsx", str(tmp_path / "任务.xlsx"), as_of=AS_OF)
    sheet = load_workbook(tmp_path / "任务.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["区", "任务", "状态", "进度", "责任人", "备注"]
    assert len(rows) == 1 + len(team.json("task", "list"))
    hexi = next(r for r in rows if r[0] == "河西区" and r[1] == "梳理政务公开事项")
    assert hexi[3] == "40%" and hexi[5] == "=1+1 待核"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)

    team.ok("milestone", "list", "--xlsx", str(tmp_path / "节点.xlsx"), as_of=AS_OF)
    rows = [
        [c.value for c in row] for row in load_workbook(tmp_path / "节点.xlsx").active.iter_rows()
    ]
    assert rows[0] == ["范围", "时间节点", "截止", "完成", "状态", "文号"]
    assert len(rows) == 1 + len(team.json("milestone", "list"))


def test_an_evaluation_takes_a_document_number_shown_in_the_report(team: Cli, tmp_path):
    team.ok("evaluation", "add", "津南", "--kind", "第三方评估", "--score", "88.5", "--by",
            "南开大学", "--ref", "南开评估〔2018〕7号", as_of=AS_OF)  # fmt: skip
    (evaluation,) = team.json("evaluation", "list", "-d", "津南", as_of=AS_OF)
    assert evaluation["ref"] == "南开评估〔2018〕7号"
    listed = team.ok("evaluation", "list", as_of=AS_OF).stdout
    assert "jinnan-1" in listed and "南开评估〔2018〕7号" in listed
    team.ok("evaluation", "edit", "津南-1", "--ref", "南开评估〔2018〕8号", "--reason", "文号有误",
            as_of=AS_OF)  # fmt: skip
    report = tmp_path / "津南.md"
    team.ok("report", "district", "津南", "-o", str(report), as_of=AS_OF)
    assert "得分88.5分（南开评估〔2018〕8号）。" in report.read_text(encoding="utf-8")
