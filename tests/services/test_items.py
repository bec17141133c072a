"""The catalog item service: add, edit (动态调整), advance and withdraw, each change kept in the
item's own history and in the audit log."""

from datetime import date

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, NotFoundError, PermissionDeniedError
from tracker.services.items import (
    ItemFilter,
    add_item,
    advance_item,
    find_item,
    item_history,
    list_items,
    update_item,
    withdraw_item,
)

SIX_ELEMENTS = {
    "content": "控制性详细规划批前公示、批后公布",
    "basis": "《中华人民共和国城乡规划法》",
    "subject": "区规划局",
    "time_limit": "信息形成或变更之日起20个工作日内",
    "mode": "主动",
}
"""With the name, the six elements an item needs before it is standardized."""


def add(tracker, name: str = "控制性详细规划", area: str = "城乡规划", **fields) -> str:
    """Add a complete item to 河西 and return its id."""
    raw = {"area": area, "name": name, **SIX_ELEMENTS, **fields}
    return add_item(tracker, "河西", raw).record.id


def test_items_are_numbered_per_district_and_stored_with_lists_parsed(fresh_tracker, open_as):
    first = add(fresh_tracker, channels="政府网站，微信、公示栏", five="决策; 结果公开")
    second = add(fresh_tracker, "建设工程规划许可")
    jinnan = add_item(fresh_tracker, "津南", {"area": "社会救助", "name": "最低生活保障"}).record

    assert (first, second, jinnan.id) == ("hexi-1", "hexi-2", "jinnan-1")
    stored = find_item(open_as(), "河西-001")
    assert stored.channels == ["政府网站", "两微一端", "社区/村公示栏（电子屏）"]
    assert stored.five == ["decision", "result"]
    assert (stored.status, stored.mode) == ("combed", "主动")
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["scope"], entry["key"]) == ("item.add", "jinnan", "jinnan-1")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"area": "城乡规划", "name": " "}, "事项名称"),
        ({"area": "", "name": "规划"}, "领域"),
        ({"area": "义务教育", "name": "招生入学"}, "「义务教育」不是河西区的试点领域"),
        ({"area": "城乡规划", "name": "规划", "mode": "主动公开吧"}, "主动公开吧"),
    ],
)
def test_an_item_without_name_outside_the_districts_areas_or_with_a_bad_value_is_refused(
    fresh_tracker, open_as, raw, message
):
    with pytest.raises(InputError, match=message):
        add_item(fresh_tracker, "河西", raw)
    assert list_items(open_as(), ItemFilter()) == []


def test_an_added_area_is_accepted_when_marked(fresh_tracker, open_as):
    add(fresh_tracker, "招生入学", area="义务教育", added_area=True)
    assert find_item(open_as(), "hexi-1").added_area is True


def test_the_same_item_twice_is_refused_until_the_first_is_withdrawn(fresh_tracker, open_as):
    add(fresh_tracker)
    with pytest.raises(InputError, match="已存在（hexi-1），不能重复登记"):
        add(fresh_tracker)
    withdraw_item(fresh_tracker, "hexi-1", "职能划转")
    assert add(fresh_tracker) == "hexi-2"
    assert [i["status"] for i in list_items(open_as(), ItemFilter(district="河西"))] == [
        "withdrawn",
        "combed",
    ]


def test_advancing_checks_the_elements_each_state_needs(fresh_tracker, open_as):
    bare = add_item(fresh_tracker, "河西", {"area": "城乡规划", "name": "规划公示"}).record.id
    with pytest.raises(
        InputError, match="缺少要素：公开依据、公开内容、公开主体、公开时限、公开方式，不能标准化"
    ):
        advance_item(fresh_tracker, bare, "standardized")

    item = add(fresh_tracker)
    advance_item(fresh_tracker, item, "已标准化")
    with pytest.raises(InputError, match="至少有一个公开渠道"):
        advance_item(fresh_tracker, item, "published")
    update_item(fresh_tracker, item, {"channels": "政府网站"}, None)
    with pytest.raises(InputError, match="须填页面地址"):
        advance_item(fresh_tracker, item, "published")
    with pytest.raises(InputError, match="晚于当前日期"):
        advance_item(
            fresh_tracker, item, "published", day="2018-03-20", url="http://www.tjhx.gov.cn/1"
        )

    advance_item(fresh_tracker, item, "published", url="http://www.tjhx.gov.cn/1")

    stored = find_item(open_as(), item)
    assert (stored.status, stored.published, stored.url) == (
        "published",
        date(2018, 3, 15),
        "http://www.tjhx.gov.cn/1",
    )
    assert find_item(open_as(), bare).status == "combed"
    with pytest.raises(InputError, match="已是「已公开」"):
        advance_item(fresh_tracker, item, "standardized")


def test_each_change_is_kept_in_the_items_history_oldest_first(fresh_tracker, open_as):
    item = add(fresh_tracker, channels="两微一端")
    advance_item(fresh_tracker, item, "standardized")
    update_item(fresh_tracker, item, {"basis": "《城乡规划法》"}, None)
    advance_item(fresh_tracker, item, "published", day="2018-03-01")
    with pytest.raises(InputError, match="动态调整，须用 --reason 说明调整原因"):
        update_item(fresh_tracker, item, {"subject": "区规划分局"}, None)
    update_item(fresh_tracker, item, {"subject": "区规划分局"}, "机构改革")
    withdraw_item(fresh_tracker, item, "职能划转")

    tracker = open_as()
    history = item_history(tracker, find_item(tracker, item))
    assert [(h["kind"], h["reason"]) for h in history] == [
        ("推进", ""),
        ("调整", ""),
        ("推进", ""),
        ("动态调整", "机构改革"),
        ("撤销", "职能划转"),
    ]
    assert history[1]["changes"] == {"basis": ["《中华人民共和国城乡规划法》", "《城乡规划法》"]}
    assert history[2]["changes"]["published"] == [None, "2018-03-01"]
    assert all(h["by"] == "zhangwei" for h in history)
    entry = newest_entry(tracker)
    assert (entry["action"], entry["reason"]) == ("item.withdraw", "职能划转")
    assert entry["after"] == {"status": "withdrawn", "withdrawn_reason": "职能划转"}


def test_an_edit_that_changes_nothing_is_no_change(fresh_tracker, open_as):
    item = add(fresh_tracker)
    before = audit_entries(fresh_tracker)

    outcome = update_item(fresh_tracker, item, {"subject": " 区规划局 "}, None)

    assert not outcome.changed
    assert audit_entries(fresh_tracker) == before
    tracker = open_as()
    assert item_history(tracker, find_item(tracker, item)) == []
    with pytest.raises(InputError, match="请至少指定一项要修改的内容"):
        update_item(fresh_tracker, item, {"subject": None}, None)


def test_a_withdrawn_item_is_final(fresh_tracker):
    item = add(fresh_tracker)
    with pytest.raises(InputError, match="--reason"):
        withdraw_item(fresh_tracker, item, " ")
    withdraw_item(fresh_tracker, item, "职能划转")
    with pytest.raises(InputError, match="已撤销"):
        withdraw_item(fresh_tracker, item, "再撤一次")
    with pytest.raises(InputError, match="已撤销，不能再推进"):
        advance_item(fresh_tracker, item, "standardized")
    with pytest.raises(InputError, match="已撤销，不能修改"):
        update_item(fresh_tracker, item, {"basis": "新依据"}, "更正")


def test_an_item_id_is_found_in_either_spelling_or_not_at_all(fresh_tracker):
    add(fresh_tracker)
    assert find_item(fresh_tracker, " 河西 - 01 ").id == "hexi-1"
    with pytest.raises(NotFoundError, match="没有编号为「hexi-9」的事项"):
        find_item(fresh_tracker, "hexi-9")
    with pytest.raises(NotFoundError):
        withdraw_item(fresh_tracker, "hexi-9", "不存在")
    with pytest.raises(InputError, match="应形如 hexi-12"):
        find_item(fresh_tracker, "hexi")


def test_the_list_filters_by_state_five_openness_missing_elements_and_text(fresh_tracker):
    decided = add(fresh_tracker, five="决策")
    bare = add_item(fresh_tracker, "河西", {"area": "财政预决算", "name": "部门预算"}).record.id
    advance_item(fresh_tracker, decided, "standardized")

    def ids(**wanted) -> list[str]:
        return [i["id"] for i in list_items(fresh_tracker, ItemFilter(**wanted))]

    assert ids() == [decided, bare]
    assert ids(status="已标准化") == [decided]
    assert ids(five="decision") == [decided]
    assert ids(missing=True) == [bare]
    assert ids(search="预算") == [bare]
    assert ids(area="城乡规划") == [decided]
    assert ids(district="津南") == []


def test_a_lead_edits_only_their_own_districts_catalog(team_tracker, open_as):
    item = add(team_tracker)
    other_lead = open_as("wangfang")
    with pytest.raises(PermissionDeniedError):
        update_item(other_lead, item, {"basis": "改依据"}, None)

    assert find_item(open_as(), item).basis == SIX_ELEMENTS["basis"]
    refusal = newest_entry(open_as())
    assert refusal["denied"] and (refusal["login"], refusal["action"], refusal["scope"]) == (
        "wangfang",
        "item.update",
        "hexi",
    )
    update_item(open_as("lihua"), item, {"basis": "改依据"}, None)
    assert find_item(open_as(), item).basis == "改依据"
