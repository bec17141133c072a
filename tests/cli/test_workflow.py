"""发布、解读、回应 and 公众参与 through the CLI: each time limit across National Day 2017
(10月1日至8日放假，9月30日星期六上班), the warnings, the measures of task 3 (issue 14)."""

from pathlib import Path

import pytest

from tests.conftest import Cli

PLAN = Path(__file__).parents[2] / "plans" / "tianjin-2017.toml"


@pytest.fixture
def office(tmp_path) -> Cli:
    """The Tianjin plan with a locality's 3 working days for interpretations, and a lead per
    district."""
    plan = tmp_path / "plan.toml"
    plan.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "interpretation_workdays = 0", "interpretation_workdays = 3"
        ),
        encoding="utf-8",
    )
    cli = Cli(tmp_path / "data")
    cli.ok("init", "--plan", str(plan), "--name", "张伟")
    for name, login, district in (("李华", "lihua", "河西"), ("王芳", "wangfang", "津南")):
        cli.ok("person", "add", name, "--login", login, "--role", "区试点负责人", "--district",
               district)  # fmt: skip
    return cli


def hexi(cli: Cli, day: str) -> dict:
    return next(d for d in cli.json("status", as_of=day)["districts"] if d["id"] == "hexi")


def interpretation_reasons(cli: Cli, day: str) -> list[str]:
    return [r for r in hexi(cli, day)["alert_reasons"] if "解读" in r]


def test_an_interpretation_is_due_three_working_days_after_the_policy_across_national_day(
    office: Cli,
):
    # Published Thursday 28 September: the 29th, the working Saturday 30th, then 9 October.
    office.ok("interpretation", "add", "河西", "--policy", "河西区政务公开目录管理办法", "--ref",
              "河西政办〔2017〕60号", "--policy-date", "2017-09-28", login="lihua",
              as_of="2017-09-28")  # fmt: skip
    (entry,) = office.json("interpretation", "list", as_of="2017-10-09")
    assert (entry["due"], entry["state"]) == ("2017-10-09", "pending")
    assert interpretation_reasons(office, "2017-10-09") == []
    assert interpretation_reasons(office, "2017-10-10") == [
        "政策「河西区政务公开目录管理办法（河西政办〔2017〕60号）」未按时解读"
        "（应于 2017-10-09 前，已超过 1 个工作日）"
    ]
    office.ok("interpretation", "publish", "河西-1", "--form", "图解", "--by", "区政府办主任",
              "--leader", "--published", "2017-10-11", login="lihua",
              as_of="2017-10-11")  # fmt: skip
    (entry,) = office.json("interpretation", "list", as_of="2017-10-11")
    assert entry["state"] == "late" and entry["form_name"] == "图解" and entry["leader"]
    assert interpretation_reasons(office, "2017-10-11") == [
        "政策「河西区政务公开目录管理办法（河西政办〔2017〕60号）」解读晚于时限 2 个工作日"
        "（应于 2017-10-09 前，2017-10-11 发布）"
    ]
    # A late interpretation warns for thirty days after it came out, then is history.
    assert interpretation_reasons(office, "2017-11-09") != []
    assert interpretation_reasons(office, "2017-11-10") == []


def test_an_interpretation_out_on_the_working_saturday_is_on_time(office: Cli):
    office.ok("interpretation", "add", "河西", "--policy", "政策", "--policy-date", "2017-09-29",
              "--form", "文字", "--by", "区政府办", "--published", "2017-09-30",
              as_of="2017-09-30")  # fmt: skip
    (entry,) = office.json("interpretation", "list", as_of="2017-10-20")
    assert (entry["due"], entry["state"]) == ("2017-10-10", "on-time")
    measures = hexi(office, "2017-10-20")["workflow"]
    assert (measures["interpretations_due"], measures["interpretation_share"]) == (1, 100)


def test_concerns_are_answered_within_48_clock_hours_holidays_or_not(office: Cli):
    office.ok("concern", "add", "津南", "低保审核结果何时公示", "--source", "12345热线",
              "--received", "2017-09-30 18:00", "--area", "社会救助", login="wangfang",
              as_of="2017-09-30")  # fmt: skip
    office.ok("concern", "add", "津南", "公租房摇号", "--source", "网民留言", "--received",
              "2017年10月1日9时", login="wangfang", as_of="2017-10-01")  # fmt: skip
    office.ok("concern", "respond", "津南-1", "--at", "2017-10-02 17:59", "--channel", "政府网站",
              "--by", "区民政局", login="wangfang", as_of="2017-10-02")  # fmt: skip
    office.ok("concern", "respond", "津南-2", "--at", "2017-10-03 10:00", "--channel",
              "政务微博", "--by", "区住房保障中心", login="wangfang",
              as_of="2017-10-03")  # fmt: skip
    rows = {r["id"]: r for r in office.json("concern", "list", as_of="2017-10-03")}
    assert (rows[1]["state"], rows[1]["due"]) == ("on-time", "2017-10-02 18:00")
    assert (rows[2]["state"], rows[2]["limit_hours"]) == ("late", 48)
    status = office.json("status", as_of="2017-10-03")
    jinnan = next(d for d in status["districts"] if d["id"] == "jinnan")
    assert "关切「公租房摇号」回应超时（用时 49 小时，时限 48 小时）" in jinnan["alert_reasons"]
    assert jinnan["workflow"]["concerns_due"] == 2
    assert jinnan["workflow"]["concern_share"] == 50


def test_a_major_emergency_needs_information_in_5_hours_and_a_press_conference_in_24(
    office: Cli,
):
    office.ok("concern", "add", "河西", "化工企业异味", "--source", "舆情监测", "--level",
              "重大突发", "--received", "2018-03-01 08:00", as_of="2018-03-01")  # fmt: skip
    office.ok("concern", "respond", "河西-1", "--at", "2018-03-01 12:30", "--channel",
              "政务微博", "--by", "区环保局", as_of="2018-03-01")  # fmt: skip
    assert [
        r for r in hexi(office, "2018-03-01")["alert_reasons"] if "关切" in r or "发布会" in r
    ] == []
    late = hexi(office, "2018-03-02")["alert_reasons"]
    assert "重大突发舆情「化工企业异味」未在 24 小时内举行新闻发布会" in late
    again = office("concern", "respond", "河西-1", "--at", "2018-03-02 09:00", "--channel",
                   "政府网站", "--by", "区政府", as_of="2018-03-02")  # fmt: skip
    assert again.exit_code == 2 and "不能再次登记回应" in again.stderr
    office.ok("concern", "respond", "河西-1", "--press", "2018-03-02 07:00", as_of="2018-03-02")
    (entry,) = office.json("concern", "list", as_of="2018-03-02")
    assert (entry["responded"], entry["press"]) == ("2018-03-01 12:30", "2018-03-02 07:00")
    assert not [r for r in hexi(office, "2018-03-02")["alert_reasons"] if "发布会" in r]


def test_consultations_and_visits_are_counted(office: Cli):
    office.ok("consultation", "add", "河西", "河西区老旧小区改造实施方案（征求意见稿）", "--start",
              "2018-02-01", "--end", "2018-03-02", "--channel", "政府网站",
              as_of="2018-02-01")  # fmt: skip
    office.ok("consultation", "update", "河西-1", "--opinions", "86", "--adoption",
              "2018-03-09", as_of="2018-03-09")  # fmt: skip
    measures = hexi(office, "2018-03-09")["workflow"]
    assert (measures["consultations_held"], measures["adoptions_published"]) == (1, 1)
    assert hexi(office, "2018-02-15")["workflow"]["consultations_held"] == 0
    office.ok("visit", "add", "市级", "--place", "上海市浦东新区", "--date", "2017-11-15",
              "--learned", "目录动态调整机制", as_of="2017-11-20")  # fmt: skip
    (visit,) = office.json("visit", "list", as_of="2017-11-20")
    assert (visit["scope_name"], visit["place"]) == ("市级", "上海市浦东新区")


def test_who_may_record_what_and_bad_input(office: Cli):
    other = office("interpretation", "add", "河西", "--policy", "x", "--policy-date",
                   "2018-03-01", login="wangfang", as_of="2018-03-01")  # fmt: skip
    assert other.exit_code == 3 and "只能修改津南区的数据" in other.stderr
    office_only = office("visit", "add", "市级", "--place", "北京", login="lihua",
                         as_of="2018-03-01")  # fmt: skip
    assert office_only.exit_code == 3
    cases = [
        (("interpretation", "add", "河西", "--policy", "x"), "发布日期（--policy-date）"),
        (
            (
                "interpretation",
                "add",
                "河西",
                "--policy",
                "x",
                "--policy-date",
                "2018-03-01",
                "--published",
                "2018-03-01",
            ),
            "解读形式（--form）",
        ),
        (
            (
                "interpretation",
                "add",
                "河西",
                "--policy",
                "x",
                "--policy-date",
                "2018-03-01",
                "--form",
                "图解",
            ),
            "和解读发布日期（--published）一起写",
        ),
        (
            ("concern", "add", "河西", "x", "--source", "微信", "--received", "2018-03-01 09:00"),
            "未知的关切来源「微信」",
        ),
        (
            ("concern", "add", "河西", "x", "--source", "信访", "--received", "2018-03-01"),
            "须写明几点几分",
        ),
        (
            (
                "concern",
                "add",
                "河西",
                "x",
                "--source",
                "信访",
                "--received",
                "2018-03-01 9:00",
                "--area",
                "社会救助",
            ),
            "不是河西区的试点领域",
        ),
        (
            ("consultation", "add", "河西", "x", "--start", "2018-03-01", "--end", "2018-02-01"),
            "早于开始日期",
        ),
    ]
    for args, message in cases:
        result = office(*args, as_of="2018-03-01")
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert office.json("interpretation", "list", as_of="2018-03-01") == []
    assert office.json("concern", "list", as_of="2018-03-01") == []


def test_a_date_beyond_the_holiday_calendar_is_refused_where_it_is_typed(office: Cli):
    refused = office("interpretation", "add", "河西", "--policy", "x", "--policy-date",
                     "2027-01-04", as_of="2027-01-05")  # fmt: skip
    assert refused.exit_code == 2
    assert "文件发布日期 2027-01-04 不在节假日安排数据范围内（2004—2026 年）" in refused.stderr
    assert office.json("interpretation", "list", as_of="2027-01-05") == []
    # A policy of the calendar's last days, looked at once the year turned: the status goes on,
    # counting Monday to Friday past the calendar's end (3 working days from 30 December).
    office.ok("interpretation", "add", "河西", "--policy", "跨年政策", "--policy-date",
              "2026-12-30", as_of="2026-12-30")  # fmt: skip
    (entry,) = office.json("interpretation", "list", as_of="2027-01-08")
    assert (entry["due"], entry["state"]) == ("2027-01-04", "overdue")  # 1 January counted
    assert any("跨年政策" in r for r in hexi(office, "2027-01-08")["alert_reasons"])


def test_the_reports_show_the_measures_as_json_does(office: Cli, tmp_path):
    office.ok("interpretation", "add", "河西", "--policy", "甲", "--policy-date", "2018-03-01",
              "--form", "文字", "--by", "区政府办", "--published", "2018-03-02",
              as_of="2018-03-02")  # fmt: skip
    office.ok("interpretation", "add", "河西", "--policy", "乙", "--policy-date", "2018-03-05",
              as_of="2018-03-05")  # fmt: skip
    office.ok("concern", "add", "河西", "规划公示", "--source", "网民留言", "--received",
              "2018-03-01 09:00", as_of="2018-03-01")  # fmt: skip
    office.ok("concern", "respond", "河西-1", "--at", "2018-03-02 08:00", "--channel", "政府网站",
              "--by", "区规划局", as_of="2018-03-02")  # fmt: skip
    office.ok("visit", "add", "河西", "--place", "北京市西城区", "--date", "2018-01-10",
              "--learned", "街道公开专栏标准化", as_of="2018-03-01")  # fmt: skip
    day = "2018-03-15"
    measures = hexi(office, day)["workflow"]
    assert measures == {
        "interpretations_due": 2, "interpretations_on_time": 1, "interpretation_share": 50,
        "concerns_due": 1, "concerns_on_time": 1, "concern_share": 100,
        "consultations_held": 0, "adoptions_published": 0,
    }  # fmt: skip
    district = tmp_path / "河西.md"
    office.ok("report", "district", "河西", "-o", str(district), as_of=day)
    text = district.read_text(encoding="utf-8")
    assert "应解读政策文件2份，按时解读1份，按时解读率50%；回应社会关切1条，按时回应1条" in text
    assert "2018年1月10日赴北京市西城区调研交流：街道公开专栏标准化。" in text
    municipal = tmp_path / "总体.md"
    office.ok("report", "municipal", "--draft", "-o", str(municipal), as_of=day)
    text = municipal.read_text(encoding="utf-8")
    assert "| 河西区 | 2 | 1 | 1 | 1 | 0 |" in text
    assert "应解读政策文件2份，按时解读1份（50%）" in text
