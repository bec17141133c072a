"""Task progress by month: each district's average over the plan's tasks at each month's end,
beside the schedule line, replayed from the audit log with the catalog in one reading."""

import shutil
from datetime import date

import pytest

from tests.services.test_progress import at
from tracker.domain.rules import expected_progress
from tracker.services import open_tracker
from tracker.services.items import add_item
from tracker.services.read.progress import (
    AuditChanges,
    district_progress,
    progress_by_district,
    task_progress_by_district,
)
from tracker.services.tasks import update_task

UNTIL = date(2018, 1, 15)


def averages(months) -> dict[str, float]:
    return {f"{m.month:%Y-%m}": m.progress for m in months}


@pytest.fixture
def story(fresh_tracker):
    """河西: 梳理 to 40% in September 2017; 梳理 to 80% and 规范 to 20% in November; 优化 done
    (so 100%) in December; 拓宽 to 50% after the as-of date. 津南: nothing."""
    tracker = fresh_tracker
    at(tracker, "2017-09-10T09:00:00")
    update_task(tracker, "河西", "comb", progress="40")
    at(tracker, "2017-11-20T09:00:00")
    update_task(tracker, "河西", "comb", progress="80")
    update_task(tracker, "河西", "standardize", progress="20")
    at(tracker, "2017-12-31T23:30:00")
    update_task(tracker, "河西", "workflow", status="done")
    at(tracker, "2018-01-16T09:00:00")
    update_task(tracker, "河西", "channels", progress="50")
    return tracker


def test_each_month_averages_the_plans_tasks_and_carries_the_last_figure(story):
    hexi = task_progress_by_district(story, UNTIL)["hexi"]

    assert averages(hexi) == {
        "2017-07": 0,
        "2017-08": 0,
        "2017-09": 10,  # 40 / 4 tasks
        "2017-10": 10,  # no change: September's figure carries on
        "2017-11": 25,  # (80 + 20) / 4
        "2017-12": 50,  # 优化 done counts 100
        "2018-01": 50,  # 拓宽's 50% came on 16 January, after the as-of date
    }
    assert averages(task_progress_by_district(story, date(2018, 1, 16))["hexi"])["2018-01"] == 62.5
    assert set(averages(task_progress_by_district(story, UNTIL)["jinnan"]).values()) == {0}


def test_the_schedule_line_is_taken_at_each_months_end_and_at_the_as_of_date(story):
    plan = story.plan
    hexi = task_progress_by_district(story, UNTIL)["hexi"]

    assert [m.expected for m in hexi] == [
        expected_progress(plan, day)
        for day in (
            date(2017, 7, 31),
            date(2017, 8, 31),
            date(2017, 9, 30),
            date(2017, 10, 31),
            date(2017, 11, 30),
            date(2017, 12, 31),
            UNTIL,
        )
    ]
    assert hexi[0].expected < hexi[-1].expected <= 100


def test_the_catalog_and_the_tasks_come_over_the_same_months_from_one_reading(story):
    at(story, "2017-10-01T09:00:00")
    add_item(story, "河西", {"area": "城乡规划", "name": "控制性详细规划"})
    both = district_progress(story, UNTIL)

    assert {d: list(p.catalog) for d, p in both.items()} == progress_by_district(story, UNTIL)
    assert {d: list(p.tasks) for d, p in both.items()} == task_progress_by_district(story, UNTIL)
    assert [m.month for m in both["hexi"].catalog] == [m.month for m in both["hexi"].tasks]
    assert both["hexi"].catalog[3].combed == 1


def test_a_later_reading_takes_only_the_new_entries_and_agrees_with_a_whole_one(story):
    changes = AuditChanges(["hexi", "jinnan", "wuqing"], UNTIL)
    district_progress(story, UNTIL, changes)
    at(story, "2018-01-05T09:00:00")
    update_task(story, "津南", "comb", progress="60")
    add_item(story, "津南", {"area": "社会救助", "name": "最低生活保障"})

    again = district_progress(story, UNTIL, changes)

    assert again == district_progress(story, UNTIL)
    assert averages(again["jinnan"].tasks)["2018-01"] == 15
    assert again["jinnan"].catalog[-1].combed == 1


def test_a_log_that_is_not_the_one_read_before_is_read_again_whole(story, fresh_db, tmp_path):
    """A database restored from a copy, then changed: its entries from the copy on differ."""
    copy = shutil.copytree(fresh_db, tmp_path / "copy")
    at(story, "2017-12-01T09:00:00")
    update_task(story, "河西", "comb", progress="90")
    changes = AuditChanges(["hexi", "jinnan", "wuqing"], UNTIL)
    district_progress(story, UNTIL, changes)

    restored = open_tracker(copy, as_of=UNTIL.isoformat())
    assert district_progress(restored, UNTIL, changes) == district_progress(restored, UNTIL)
    at(restored, "2017-12-02T09:00:00")
    update_task(restored, "河西", "comb", progress="10")
    assert district_progress(restored, UNTIL, changes) == district_progress(restored, UNTIL)
    assert averages(district_progress(restored, UNTIL, changes)["hexi"].tasks)["2017-12"] == 32.5
