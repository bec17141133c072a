"""The weekly digest: exactly the changes recorded in the window, counted by kind, and the
events that matter (issue 13, part 5)."""

from datetime import date

import pytest

from tests.conftest import Cli
from tests.services.test_progress import SIX_ELEMENTS as SIX
from tests.services.test_progress import at
from tracker.domain.errors import InputError
from tracker.services import milestones, notes, supervision, tasks
from tracker.services.items import add_item, advance_item
from tracker.services.read.digest import digest, parse_since


@pytest.fixture
def week(team_tracker, open_as, fresh_db):
    """Changes before the week of 2018-03-05, in it, and after 2018-03-11 (the as-of date)."""
    office = team_tracker
    at(office, "2018-03-02T10:00:00")  # before the window
    notes.add_note(office, "河西", kind="工作进展", text="上周的进展", day="2018-03-02")
    item = add_item(office, "河西", {"area": "城乡规划", "name": "控制性详细规划", **SIX}).record
    at(office, "2018-03-05T09:00:00")  # Monday: the window opens
    supervision.issue_order(office, "津南", problem="公示栏更新不及时", deadline="2018-03-30",
                            day="2018-03-05")  # fmt: skip
    advance_item(office, item.id, "published", day="2018-03-05")
    at(office, "2018-03-06T15:30:00")
    tasks.update_task(office, "河西", "梳理", status="受阻", note="部门配合不够")
    lead = open_as("wangfang", as_of="2018-03-08")
    at(lead, "2018-03-08T11:00:00")
    supervision.reply_order(lead, "2018-1", "已更新", day="2018-03-08")
    at(lead, "2018-03-11T23:59:00")  # Sunday night: the window's last minute
    milestones.complete_milestone(lead, "津南", "plan-filed", done="2017-08-30",
                                  ref="津南政办〔2017〕38号")  # fmt: skip
    later = open_as(as_of="2018-03-12")
    at(later, "2018-03-12T08:00:00")  # after the window
    notes.add_note(later, "武清", kind="工作进展", text="下周的进展", day="2018-03-12")
    return Cli(fresh_db)


def test_digest_json_lists_exactly_the_events_of_the_window(week: Cli):
    found = week.json("digest", "--since", "2018-03-05", as_of="2018-03-11")
    assert (found["since"], found["until"]) == ("2018-03-05", "2018-03-11")
    by_id = {d["id"]: d for d in found["districts"]}
    assert [d["id"] for d in found["districts"]] == ["hexi", "jinnan", "wuqing", "municipal"]
    hexi, jinnan, wuqing = by_id["hexi"], by_id["jinnan"], by_id["wuqing"]
    assert hexi["counts"] == {"推进事项": 1, "更新任务": 1}
    assert [(e["date"], e["kind"], e["text"]) for e in hexi["events"]] == [
        ("2018-03-05", "published", "公开事项 1 项"),
        ("2018-03-06", "task-status", "「梳理政务公开事项」未开始 → 受阻：部门配合不够"),
    ]  # red before (its plan is overdue) and after: no change of light
    assert jinnan["counts"] == {"下发督办单": 1, "回复督办单": 1, "登记节点完成": 1}
    assert [(e["date"], e["kind"], e["text"]) for e in jinnan["events"]] == [
        ("2018-03-05", "order", "下发督办单 2018-1（整改时限 2018-03-30）：公示栏更新不及时"),
        ("2018-03-08", "order", "督办单 2018-1 区回复：已更新"),
        ("2018-03-11", "milestone-done", "完成「试点实施方案报送市政府办公厅备案」（津南政办〔2017〕38号）"),
        ("2018-03-11", "light", "由红灯变为黄灯：「梳理政务公开事项」进度 0%，落后于时间进度 57%"),
    ]  # fmt: skip
    assert wuqing["counts"] == {} and wuqing["events"] == []
    assert by_id["municipal"]["changes"] == 0


def test_the_digest_reads_as_text_and_markdown(week: Cli, tmp_path):
    text = week.ok("digest", "--since", "上周一", as_of="2018-03-12").stdout
    assert "试点工作动态　2018-03-05 至 2018-03-12" in text
    assert "督办单 2018-1 区回复：已更新" in text and "下周的进展" not in text
    assert "武清区" in text and "共 1 项操作：新增记录 1" in text
    page = tmp_path / "周报.md"
    week.ok("digest", "--since", "2018-03-05", "-o", str(page), as_of="2018-03-11")
    markdown = page.read_text(encoding="utf-8")
    assert markdown.startswith("# 试点工作动态（2018-03-05 至 2018-03-11）")
    assert "## 津南区　黄灯（原为红灯）" in markdown and "## 河西区　红灯\n" in markdown
    assert "- 2018-03-06 任务状态变化：「梳理政务公开事项」未开始 → 受阻：部门配合不够" in markdown


def test_since_reads_what_a_user_would_type():
    thursday = date(2018, 3, 15)
    assert parse_since(None, thursday) == date(2018, 3, 5)
    assert parse_since("上周一", thursday) == date(2018, 3, 5)
    assert parse_since("本周一", thursday) == date(2018, 3, 12)
    assert parse_since("上周五", thursday) == date(2018, 3, 9)
    assert parse_since("昨天", thursday) == date(2018, 3, 14)
    assert parse_since("7天前", thursday) == date(2018, 3, 8)
    assert parse_since("2018年3月1日", thursday) == date(2018, 3, 1)
    for wrong in ("下周一", "2018-04-01", "某天"):
        with pytest.raises(InputError):
            parse_since(wrong, thursday)


def test_a_digest_over_the_days_the_database_was_made(fresh_db, open_as):
    """init makes every district's tasks and milestones: before it, they were not started."""
    tracker = open_as(as_of="2018-03-15")
    found = digest(tracker, date(2017, 1, 1))
    assert [d.light_before for d in found.districts[:3]] == ["green", "green", "green"]
    assert [d.light for d in found.districts[:3]] == ["red", "red", "red"]  # 备案 overdue


def test_a_milestone_missed_shows_in_the_window_of_the_day_it_went_overdue(open_as):
    tracker = open_as(as_of="2017-09-05")  # 备案 was due 2017-08-31
    events = digest(tracker, date(2017, 9, 1)).districts[0].events
    missed = [e for e in events if e.kind == "milestone-missed"]
    assert [e.day for e in missed] == [date(2017, 9, 1)]
    assert "（截止 2017-08-31）" in missed[0].text
    before = open_as(as_of="2017-08-31")
    events = digest(before, date(2017, 8, 25)).districts[0].events
    assert not [e for e in events if e.kind == "milestone-missed"]


def test_days_are_beijing_days_whatever_the_writers_clock(team_tracker, fresh_db):
    office = team_tracker
    office.clock = lambda: "2018-03-04T23:30:00+00:00"  # 07:30 on Monday 5 March in Beijing
    notes.add_note(office, "河西", kind="工作进展", text="周一早上", day="2018-03-05")
    office.clock = lambda: "2018-03-05T10:00:00+08:00"
    supervision.issue_order(office, "津南", problem="第一行\n第二行", deadline="2018-03-30",
                            day="2018-03-05")  # fmt: skip
    found = Cli(fresh_db).json("digest", "--since", "2018-03-05", as_of="2018-03-05")
    hexi, jinnan = found["districts"][:2]
    assert hexi["counts"] == {"新增记录": 1}
    (event,) = jinnan["events"]
    assert "\n" not in event["text"] and event["text"].endswith("第一行 第二行")
