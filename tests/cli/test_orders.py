"""督办单 through the CLI: issue → reply → return → reply → accept, the red light of an overdue
order with its reason, who may do what, and the numbering per year (issue 13, part 1)."""

from tests.conftest import Cli


def district(status: dict, district_id: str) -> dict:
    return next(d for d in status["districts"] if d["id"] == district_id)


def test_an_order_goes_issue_reply_return_reply_accept(team: Cli):
    team.ok("order", "issue", "津南", "--problem", "公示栏信息更新不及时", "--deadline",
            "2018年4月30日", as_of="2018-04-02")  # fmt: skip
    (order,) = team.json("order", "list", as_of="2018-04-02")
    assert (order["id"], order["state"], order["owner"]) == ("2018-1", "open", "wangfang")
    assert order["deadline"] == "2018-04-30" and order["days_left"] == 28

    team.ok("order", "reply", "2018-1", "已更新公示栏", "--ref", "津南政办〔2018〕21号",
            login="wangfang", as_of="2018-04-10")  # fmt: skip
    team.ok("order", "return", "2018-1", "--reason", "请附更新前后照片", as_of="2018-04-12")
    (order,) = team.json("order", "list", "--open", as_of="2018-04-12")
    assert order["state"] == "returned" and order["state_name"] == "已退回待重报"

    team.ok("order", "reply", "2018年第1号", "已补照片", login="wangfang", as_of="2018-04-20")
    team.ok("order", "accept", "2018-1", as_of="2018-04-21")
    (order,) = team.json("order", "list", as_of="2018-04-21")
    assert order["state"] == "accepted"
    assert [(s["action"], s["date"], s["by"]) for s in order["steps"]] == [
        ("reply", "2018-04-10", "wangfang"),
        ("return", "2018-04-12", "zhangwei"),
        ("reply", "2018-04-20", "wangfang"),
        ("accept", "2018-04-21", "zhangwei"),
    ]
    assert order["steps"][0]["ref"] == "津南政办〔2018〕21号"
    assert team.json("order", "list", "--open", as_of="2018-04-21") == []
    # Looking back: on 2018-04-15 the order stood returned.
    (back,) = team.json("order", "list", as_of="2018-04-15")
    assert back["state"] == "returned" and len(back["steps"]) == 2

    actions = [e["action"] for e in team.json("log") if e.get("table") == "orders"]
    assert actions == ["order.accept", "order.reply", "order.return", "order.reply", "order.issue"]
    assert team.json("db", "check")["ok"]


def test_an_overdue_order_turns_the_district_red_with_its_reason(team: Cli):
    team.ok("order", "issue", "武清", "--problem", "部分事项缺少公开依据", "--deadline",
            "2018-05-31", as_of="2018-05-02")  # fmt: skip
    on_time = district(team.json("status", as_of="2018-05-31"), "wuqing")
    assert not any("督办单" in r for r in on_time["alert_reasons"])

    late = district(team.json("status", as_of="2018-06-04"), "wuqing")
    assert late["alert"] == "red"
    assert (
        "督办单 2018-1 超过整改时限 4 天未办结（时限 2018-05-31，待回复）：部分事项缺少公开依据"
        in late["alert_reasons"]
    )
    # A reply alone does not close it; only the office's acceptance does.
    team.ok("order", "reply", "2018-1", "已补齐", login="zhaoqiang", as_of="2018-06-04")
    still = district(team.json("status", as_of="2018-06-05"), "wuqing")
    assert any("督办单 2018-1" in r and "已回复待审核" in r for r in still["alert_reasons"])
    team.ok("order", "accept", "2018-1", as_of="2018-06-05")
    closed = district(team.json("status", as_of="2018-06-05"), "wuqing")
    assert not any("督办单" in r for r in closed["alert_reasons"])

    shown = team.ok("order", "list", as_of="2018-06-04").stdout
    assert "超期 4 天" in shown and "武清区" in shown


def test_an_order_from_a_current_alert_takes_its_reason(team: Cli):
    team.ok("task", "update", "河西", "梳理", "--status", "受阻", "--note", "部门配合不够",
            login="lihua", as_of="2018-03-01")  # fmt: skip
    shown = team.ok("status", "河西", as_of="2018-03-05").stdout
    # The first warning is the plan filing, overdue since 2017-08-31; the second the task.
    assert "（2）「梳理政务公开事项」受阻：部门配合不够" in shown
    team.ok("order", "issue", "河西", "--from-alert", "2", "--deadline", "2018-03-20",
            "--owner", "李华", as_of="2018-03-05")  # fmt: skip
    (order,) = team.json("order", "list", "-d", "hexi", as_of="2018-03-05")
    assert order["problem"] == "「梳理政务公开事项」受阻：部门配合不够"
    assert order["alert"] == "task-blocked" and order["owner_name"] == "李华"
    missing = team("order", "issue", "河西", "--from-alert", "7", "--deadline", "2018-03-20",
                   as_of="2018-03-05")  # fmt: skip
    assert missing.exit_code == 2 and "只有 5 条预警，没有第 7 条" in missing.stderr


def test_orders_are_numbered_per_year_across_districts(team: Cli):
    for place, day in (("河西", "2017-11-01"), ("津南", "2017-12-01"), ("武清", "2018-01-05")):
        team.ok("order", "issue", place, "--problem", "问题", "--deadline", "2018-06-30",
                as_of=day)  # fmt: skip
    team.ok("order", "issue", "hexi", "--problem", "又一个", "--deadline", "2018-06-30",
            as_of="2018-02-01")  # fmt: skip
    ids = sorted(o["id"] for o in team.json("order", "list", as_of="2018-02-01"))
    assert ids == ["2017-1", "2017-2", "2018-1", "2018-2"]


def test_who_may_do_what(team: Cli):
    refused = team("order", "issue", "河西", "--problem", "x", "--deadline", "2018-06-30",
                   login="lihua", as_of="2018-03-01")  # fmt: skip
    assert refused.exit_code == 3 and "只有市政府办公厅协调员可以下发督办单" in refused.stderr
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-06-30",
            as_of="2018-03-01")  # fmt: skip
    other = team("order", "reply", "2018-1", "代答", login="wangfang", as_of="2018-03-02")
    assert other.exit_code == 3 and "只能修改津南区的数据" in other.stderr
    team.ok("order", "reply", "2018-1", "已整改", login="lihua", as_of="2018-03-02")
    own = team("order", "accept", "2018-1", login="lihua", as_of="2018-03-02")
    assert own.exit_code == 3 and "办结督办单" in own.stderr
    denied = [e for e in team.json("log") if e.get("denied")]
    assert {e["action"] for e in denied} == {"order.issue", "order.reply", "order.accept"}


def test_steps_out_of_order_and_bad_input_are_refused_in_chinese(team: Cli):
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-06-30",
            as_of="2018-03-01")  # fmt: skip
    before = team.json("order", "list", as_of="2018-03-01")
    cases = [
        (("order", "accept", "2018-1"), "尚无待审核的回复"),
        (("order", "return", "2018-1", "--reason", "x"), "尚无待审核的回复"),
        (("order", "reply", "2018-9", "x"), "没有编号为 2018-9 的督办单"),
        (("order", "reply", "第一号", "x"), "应形如 2018-3"),
        (("order", "issue", "河西", "--deadline", "2018-06-30"), "--problem"),
        (("order", "issue", "河西", "--problem", "x", "--deadline", "2018-02-01"), "早于下发日期"),
        (("order", "issue", "河西", "--problem", "x", "--deadline", "明天"), "整改时限"),
        (
            (
                "order",
                "issue",
                "河西",
                "--problem",
                "x",
                "--deadline",
                "2018-06-30",
                "--owner",
                "wangfang",
            ),
            "津南区的人员",
        ),
    ]
    for args, message in cases:
        result = team(*args, as_of="2018-03-01")
        assert result.exit_code == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
    team.ok("order", "reply", "2018-1", "已整改", login="lihua", as_of="2018-03-05")
    again = team("order", "reply", "2018-1", "再答", login="lihua", as_of="2018-03-06")
    assert again.exit_code == 2 and "正等待协调员审核" in again.stderr
    early = team("order", "accept", "2018-1", "--date", "2018-03-02", as_of="2018-03-06")
    assert early.exit_code == 2 and "早于督办单 2018-1 上一环节的日期" in early.stderr
    assert team.json("order", "list", as_of="2018-03-01") == before


def test_a_reply_counts_as_reporting_progress(team: Cli):
    team.ok("order", "issue", "武清", "--problem", "请报送进展", "--deadline", "2018-03-20",
            as_of="2018-03-01")  # fmt: skip
    silent = district(team.json("status", as_of="2018-03-10"), "wuqing")
    assert any("未报告工作进展" in r or "仍无工作进展记录" in r for r in silent["alert_reasons"])
    team.ok("order", "reply", "2018-1", "本月完成梳理300项", login="zhaoqiang", as_of="2018-03-10")
    heard = district(team.json("status", as_of="2018-03-10"), "wuqing")
    assert not any("工作进展" in r for r in heard["alert_reasons"])
    later = district(team.json("status", as_of="2018-04-20"), "wuqing")
    assert "上次：2018年3月10日回复督办单 2018-1" in " ".join(later["alert_reasons"])


def test_order_show_tells_the_story(team: Cli):
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-06-30",
            as_of="2018-03-01")  # fmt: skip
    team.ok("order", "reply", "2018-1", "已整改", "--ref", "河西政办〔2018〕9号", login="lihua",
            as_of="2018-03-05")  # fmt: skip
    shown = team.ok("order", "show", "2018-1", as_of="2018-03-05").stdout
    assert "督办单 2018-1" in shown and "已回复待审核" in shown
    assert "2018-03-05  区回复  李华：已整改（河西政办〔2018〕9号）" in shown
    assert team.json("order", "show", "2018-1", as_of="2018-03-05")["steps"][0]["by_name"] == "李华"
    early = team("order", "show", "2018-1", as_of="2018-02-01")
    assert early.exit_code == 2 and "尚未下发" in early.stderr


def test_orders_in_the_bulletin_and_the_district_report(team: Cli, tmp_path):
    team.ok("order", "issue", "津南", "--problem", "公示栏信息更新不及时", "--deadline",
            "2018-03-31", as_of="2018-03-01")  # fmt: skip
    team.ok("order", "issue", "河西", "--problem", "要素不全", "--deadline", "2018-03-20",
            as_of="2018-03-02")  # fmt: skip
    team.ok("order", "reply", "2018-2", "已补齐", "--ref", "河西政办〔2018〕9号", login="lihua",
            as_of="2018-03-10")  # fmt: skip
    team.ok("order", "accept", "2018-2", as_of="2018-03-12")
    orders = team.json("order", "list", as_of="2018-04-03")
    bulletin = tmp_path / "通报.md"
    team.ok("report", "bulletin", "-o", str(bulletin), as_of="2018-04-03")
    text = bulletin.read_text(encoding="utf-8")
    section = text[text.index("## 五、督办单办理情况") :]
    issued = len(orders)
    closed = sum(o["state"] == "accepted" for o in orders)
    assert f"2018年以来共下发督办单{issued}件，已办结{closed}件。" in section
    assert (
        "| 2018-1 | 津南区 | 公示栏信息更新不及时 | 2018年3月31日 | 待回复（超期 3 天） | 王芳 |"
        in section
    )
    assert "2018-2" not in section  # closed orders are not chased
    report = tmp_path / "河西.md"
    team.ok("report", "district", "河西", "-o", str(report), as_of="2018-04-03")
    assert (
        "1. 督办单2018-2（2018年3月2日下发）：要素不全。已于2018年3月12日整改办结"
        "（河西政办〔2018〕9号）。" in report.read_text(encoding="utf-8")
    )


def test_status_saves_the_overview_tasks_and_milestones_as_excel(team: Cli, tmp_path):
    from python_calamine import CalamineWorkbook

    team.ok("task", "update", "河西", "梳理", "--progress", "40", login="lihua", as_of="2018-03-01")
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-06-30",
            as_of="2018-03-01")  # fmt: skip
    book = tmp_path / "总览.xlsx"
    team.ok("status", "--xlsx", str(book), as_of="2018-03-15")
    status = team.json("status", as_of="2018-03-15")
    workbook = CalamineWorkbook.from_path(str(book))
    assert workbook.sheet_names == ["总览", "任务", "时间节点"]
    overview = workbook.get_sheet_by_name("总览").to_python()
    assert overview[0][:5] == ["区", "预警", "原因", "负责人", "时间进度"]
    hexi = dict(zip(overview[0], overview[1], strict=True))
    first = status["districts"][0]
    assert hexi["区"] == first["name"] == "河西区"
    assert hexi["原因"] == "\n".join(first["alert_reasons"])
    assert hexi["梳理政务公开事项"] == "40%（进行中）"
    assert hexi["未办结督办单"] == "1"
    tasks = workbook.get_sheet_by_name("任务").to_python()
    assert len(tasks) == 1 + sum(len(d["tasks"]) for d in status["districts"])
    milestones = workbook.get_sheet_by_name("时间节点").to_python()
    every = [m for d in status["districts"] for m in d["milestones"]]
    assert len(milestones) == 1 + len(every) + len(status["municipal"]["milestones"])


def test_only_the_district_replies_and_a_coordinator_does_so_on_its_behalf(team: Cli):
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-06-30",
            as_of="2018-03-01")  # fmt: skip
    own = team("order", "reply", "2018-1", "协调员自己回复", as_of="2018-03-02")
    assert own.exit_code == 3 and "须由区试点负责人或区工作人员办理" in own.stderr
    assert "--user" in own.stderr
    team.ok("--user", "lihua", "order", "reply", "2018-1", "代为回复", as_of="2018-03-02")
    (order,) = team.json("order", "list", as_of="2018-03-02")
    assert order["steps"][0]["by"] == "lihua"
    entry = next(
        e for e in team.json("log") if e["action"] == "order.reply" and not e.get("denied")
    )
    assert (entry["login"], entry["user"]) == ("zhangwei", "lihua")


def test_a_refusal_is_logged_even_when_the_input_is_also_wrong(team: Cli):
    refused = team("order", "issue", "津南", "--problem", "x", "--deadline", "明天",
                   "--from-alert", "1", login="wangfang", as_of="2018-03-01")  # fmt: skip
    assert refused.exit_code == 3 and "预警" not in refused.stderr
    (entry,) = [e for e in team.json("log") if e.get("denied")]
    assert (entry["action"], entry["login"]) == ("order.issue", "wangfang")


def test_an_empty_problem_or_a_wrong_alert_number_is_refused_in_chinese(team: Cli):
    for args, message in [
        (("--problem", ""), "督办事项（--problem）"),
        (("--problem", "  "), "督办事项（--problem）"),
        (("--from-alert", "abc"), "预警序号（--from-alert）"),
    ]:
        result = team("order", "issue", "河西", *args, "--deadline", "2018-06-30",
                      as_of="2018-03-01")  # fmt: skip
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
        assert "Input should" not in result.stderr
    assert team.json("order", "list", as_of="2018-03-01") == []


def test_a_deactivated_owner_leaves_the_order_to_the_districts_leads(team: Cli, tmp_path):
    team.ok("person", "add", "孙静", "--login", "sunjing", "--role", "区工作人员", "--district",
            "河西")  # fmt: skip
    team.ok("order", "issue", "河西", "--problem", "问题", "--deadline", "2018-03-20",
            "--owner", "sunjing", as_of="2018-03-01")  # fmt: skip
    (order,) = team.json("order", "list", as_of="2018-03-05")
    assert order["answerable"] == ["孙静"]
    team.ok("person", "deactivate", "sunjing", "--reason", "调离", as_of="2018-03-05")
    (order,) = team.json("order", "list", as_of="2018-03-25")
    assert order["owner"] == "sunjing" and order["answerable"] == ["李华"]
    bulletin = tmp_path / "通报.md"
    team.ok("report", "bulletin", "-o", str(bulletin), as_of="2018-03-25")
    assert "| 2018-1 | 河西区 | 问题 | 2018年3月20日 | 待回复（超期 5 天） | 李华 |" in (
        bulletin.read_text(encoding="utf-8")
    )
