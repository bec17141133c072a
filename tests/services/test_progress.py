"""Catalog progress by month: items combed, standardized and published at each month's end, as
recorded by then, withdrawn items left out from their withdrawal on."""

import csv
from datetime import date

import pytest

from tests.conftest import Cli
from tracker.services import open_tracker
from tracker.services.catalog_import import import_catalog
from tracker.services.items import add_item, advance_item, update_item, withdraw_item
from tracker.services.read.progress import (
    MonthCount,
    catalog_progress,
    progress_by_district,
    total_progress,
)

SIX_ELEMENTS = {
    "content": "控制性详细规划批前公示、批后公布",
    "basis": "《中华人民共和国城乡规划法》",
    "subject": "区规划局",
    "time_limit": "信息形成或变更之日起20个工作日内",
    "mode": "主动",
    "channels": "公示栏",
}
"""With the name, what an item needs to be standardized and published (no website: no URL)."""


def at(tracker, stamp: str) -> None:
    """Date the tracker's next changes at ``stamp`` (Beijing time)."""
    tracker.clock = lambda: f"{stamp}+08:00"


def counts(months: list[MonthCount]) -> dict[str, tuple[int, int, int]]:
    return {f"{m.month:%Y-%m}": (m.combed, m.standardized, m.published) for m in months}


@pytest.fixture
def story(fresh_tracker):
    """河西: three items from September 2017, one standardized in October and published in
    November, one standardized on 30 November late at night and withdrawn in January, one
    withdrawn in December; 津南: one item from 20 September."""
    tracker = fresh_tracker
    at(tracker, "2017-09-05T09:00:00")
    for name in ("控制性详细规划", "建设工程规划许可", "乡村建设规划许可"):
        add_item(tracker, "河西", {"area": "城乡规划", "name": name, **SIX_ELEMENTS})
    at(tracker, "2017-09-20T10:00:00")
    add_item(tracker, "津南", {"area": "社会救助", "name": "最低生活保障"})
    at(tracker, "2017-10-10T10:00:00")
    advance_item(tracker, "hexi-1", "standardized")
    at(tracker, "2017-11-02T10:00:00")
    advance_item(tracker, "hexi-1", "published", day="2017-11-02")
    at(tracker, "2017-11-30T23:30:00")
    advance_item(tracker, "hexi-2", "standardized")
    at(tracker, "2017-12-01T08:00:00")
    withdraw_item(tracker, "hexi-3", "与其他事项重复")
    at(tracker, "2017-12-05T08:00:00")
    update_item(tracker, "hexi-2", {"basis": "《城乡规划法》"}, None)  # no change of state
    at(tracker, "2018-01-10T08:00:00")
    withdraw_item(tracker, "hexi-2", "合并")
    return tracker


def test_each_month_counts_the_items_in_at_least_each_state_at_its_end(story):
    months = catalog_progress(story, "hexi", date(2018, 3, 15))

    assert counts(months) == {
        "2017-07": (0, 0, 0),  # the plan was issued on 21 July 2017
        "2017-08": (0, 0, 0),
        "2017-09": (3, 0, 0),
        "2017-10": (3, 1, 0),
        "2017-11": (3, 2, 1),
        "2017-12": (2, 2, 1),  # hexi-3 withdrawn while combed
        "2018-01": (1, 1, 1),  # hexi-2 withdrawn while standardized
        "2018-02": (1, 1, 1),
        "2018-03": (1, 1, 1),
    }
    assert [m.month for m in months][:2] == [date(2017, 7, 1), date(2017, 8, 1)]


def test_nothing_recorded_after_the_as_of_date_counts(story):
    assert counts(catalog_progress(story, "hexi", date(2017, 11, 29)))["2017-11"] == (3, 1, 1)
    assert counts(catalog_progress(story, "hexi", date(2017, 11, 30)))["2017-11"] == (3, 2, 1)
    early = catalog_progress(story, "hexi", date(2017, 9, 4))
    assert counts(early) == {"2017-07": (0, 0, 0), "2017-08": (0, 0, 0), "2017-09": (0, 0, 0)}


def test_a_report_as_of_a_later_date_carries_the_last_figures_forward(story):
    months = counts(catalog_progress(story, "hexi", date(2018, 6, 30)))
    assert list(months)[-1] == "2018-06" and months["2018-06"] == (1, 1, 1)


def test_the_city_sums_its_districts_and_a_district_may_be_named_in_chinese(story):
    until = date(2018, 1, 31)
    city = counts(catalog_progress(story, None, until))
    jinnan = counts(catalog_progress(story, "津南", until))
    by_district = progress_by_district(story, until)

    assert jinnan["2017-09"] == (1, 0, 0) and jinnan["2018-01"] == (1, 0, 0)
    assert city["2017-09"] == (4, 0, 0)
    assert city["2018-01"] == (2, 1, 1)
    assert counts(by_district["wuqing"]) == dict.fromkeys(city, (0, 0, 0))
    assert counts(total_progress(by_district.values())) == city
    assert by_district["hexi"] == catalog_progress(story, "hexi", until)


def test_a_district_without_items_has_a_zero_for_every_month(fresh_tracker):
    months = catalog_progress(fresh_tracker, "武清", date(2017, 9, 30))
    assert counts(months) == dict.fromkeys(["2017-07", "2017-08", "2017-09"], (0, 0, 0))


def test_an_as_of_date_before_the_plan_has_no_months(fresh_tracker):
    assert catalog_progress(fresh_tracker, None, date(2017, 6, 30)) == []


def test_imported_items_count_in_the_state_they_were_imported_in(fresh_tracker, tmp_path):
    path = tmp_path / "河西区目录.csv"
    header = ["领域", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体"]
    common = ["内容", "依据", "20个工作日内", "区规划局"]
    with path.open("w", newline="", encoding="utf-8") as out:
        rows = [
            [*header, "公开渠道和载体", "公开方式", "状态"],
            ["城乡规划", "规划许可", *common, "公示栏", "主动", "已公开"],
            ["城乡规划", "规划公示", *common, "公示栏", "主动", "已标准化"],
            ["城乡规划", "规划核实", *common, "公示栏", "主动", ""],
        ]
        csv.writer(out).writerows(rows)
    at(fresh_tracker, "2017-10-09T09:00:00")
    import_catalog(fresh_tracker, "河西", path)

    months = counts(catalog_progress(fresh_tracker, "hexi", date(2017, 10, 31)))
    assert months["2017-09"] == (0, 0, 0) and months["2017-10"] == (3, 2, 1)


def test_on_the_demo_the_last_month_equals_the_catalog_status_reports(copy_demo, tmp_path):
    db = copy_demo(tmp_path / "demo")
    tracker = open_tracker(db)
    status = Cli(db).json("status")
    by_district = progress_by_district(tracker, tracker.as_of)

    assert status["as_of"] == tracker.as_of.isoformat() == "2018-03-15"
    for district in status["districts"]:
        figures = district["items"]
        by_status = figures["by_status"]
        last = by_district[district["id"]][-1]
        assert last.month == date(2018, 3, 1)
        assert (last.combed, last.standardized, last.published) == (
            figures["total"] - by_status["withdrawn"],
            by_status["standardized"] + by_status["published"],
            by_status["published"],
        )
    assert all(
        m.combed >= m.standardized >= m.published >= 0
        for months in by_district.values()
        for m in months
    )
