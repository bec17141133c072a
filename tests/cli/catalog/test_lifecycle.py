"""The life of a disclosure item (PRODUCT §4): 已梳理 → 已标准化 → 已公开, 动态调整, 撤销, and who may do it."""

import re

from tests.cli.catalog.builders import FULL, add, show
from tests.cli.catalog.conftest import AS_OF
from tests.conftest import snapshot

LABELS = {
    "--basis": "公开依据",
    "--content": "公开内容",
    "--subject": "公开主体",
    "--time-limit": "公开时限",
    "--mode": "公开方式",
}


def _missing_in(message: str) -> set[str]:
    """The element labels a refusal lists after 「缺少要素：」."""
    listed = re.search(r"缺少要素：([^，,\n]+)", message)
    assert listed, message
    return set(listed.group(1).split("、"))


def test_standardizing_is_refused_while_any_required_element_is_empty_and_names_the_missing(
    cat,
):
    item = add(cat, "河西", "城乡规划", "控制性详细规划", "--topic", "规划管理", full=False)
    remaining = dict(LABELS)
    for option, value in FULL.items():
        before = snapshot(cat.db)
        refused = cat("item", "advance", item, "standardized")
        assert refused.exit_code == 2
        assert _missing_in(refused.stderr) == set(remaining.values())
        assert "Traceback" not in refused.stderr + refused.stdout
        assert snapshot(cat.db) == before
        assert show(cat, item)["status"] == "combed"
        cat.ok("item", "update", item, option, value)
        del remaining[option]

    cat.ok("item", "advance", item, "已标准化")
    shown = show(cat, item)
    assert (shown["status"], shown["missing"]) == ("standardized", [])


def test_an_item_added_with_all_six_elements_can_be_standardized_at_once(cat):
    item = add(cat, "hexi", "财政预决算", "部门预算")
    assert show(cat, item)["missing"] == []
    cat.ok("item", "advance", item, "standardized")
    assert show(cat, item)["status"] == "standardized"


def test_publishing_is_refused_without_a_channel(cat):
    item = add(cat, "河西", "城乡规划", "规划许可")
    cat.ok("item", "advance", item, "standardized")
    before = snapshot(cat.db)

    refused = cat("item", "advance", item, "published")

    assert refused.exit_code == 2
    assert "公开渠道" in refused.stderr and "--channel" in refused.stderr
    assert snapshot(cat.db) == before
    assert show(cat, item)["status"] == "standardized"


def test_publishing_on_the_government_website_needs_the_page_address(cat):
    item = add(cat, "河西", "城乡规划", "规划许可", "--channel", "政府网站")
    cat.ok("item", "advance", item, "standardized")
    before = snapshot(cat.db)

    refused = cat("item", "advance", item, "published")
    assert refused.exit_code == 2
    assert "页面地址" in refused.stderr and "--url" in refused.stderr
    assert snapshot(cat.db) == before

    cat.ok("item", "advance", item, "已公开", "--url", "http://www.tjhx.gov.cn/zwgk/1.html")
    shown = show(cat, item)
    assert shown["status"] == "published"
    assert shown["url"] == "http://www.tjhx.gov.cn/zwgk/1.html"
    assert shown["published"] == AS_OF, "the publication date defaults to the as-of date"


def test_publishing_through_other_channels_needs_no_page_address(cat):
    item = add(cat, "河西", "城乡规划", "规划公示", "--channel", "两微一端、公开查阅点")
    cat.ok("item", "advance", item, "standardized")
    cat.ok("item", "advance", item, "published", "--date", "2018年3月1日")
    shown = show(cat, item)
    assert (shown["status"], shown["published"], shown["url"]) == ("published", "2018-03-01", "")
    assert shown["channels"] == ["两微一端", "公开查阅点"]


def test_a_publication_date_after_the_as_of_date_is_refused(cat):
    item = add(cat, "河西", "城乡规划", "规划公示", "--channel", "两微一端")
    cat.ok("item", "advance", item, "standardized")
    before = snapshot(cat.db)

    refused = cat("item", "advance", item, "published", "--date", "2018-03-16")

    assert refused.exit_code == 2 and "2018-03-16" in refused.stderr
    assert snapshot(cat.db) == before
    assert show(cat, item)["status"] == "standardized"


def _published(cat, name="规划公示") -> str:
    item = add(cat, "河西", "城乡规划", name, "--channel", "两微一端")
    cat.ok("item", "advance", item, "standardized")
    cat.ok("item", "advance", item, "published", "--date", "2018-03-01")
    return item


def test_editing_a_published_item_without_a_reason_is_refused(cat):
    item = _published(cat)
    before = snapshot(cat.db)

    refused = cat("item", "update", item, "--basis", "《天津市政府信息公开规定》")

    assert refused.exit_code == 2
    assert "动态调整" in refused.stderr and "--reason" in refused.stderr
    assert snapshot(cat.db) == before
    assert show(cat, item)["basis"] == FULL["--basis"]


def test_a_dynamic_adjustment_keeps_the_item_published_and_records_reason_before_and_after(cat):
    item = _published(cat)

    cat.ok(
        "item",
        "update",
        item,
        "--basis",
        "《天津市政府信息公开规定》",
        "--reason",
        "依据修订",
    )

    shown = show(cat, item)
    assert shown["status"] == "published"
    assert shown["published"] == "2018-03-01"
    assert shown["basis"] == "《天津市政府信息公开规定》"
    adjustment = shown["history"][-1]
    assert adjustment["kind"] == "动态调整"
    assert adjustment["reason"] == "依据修订"
    assert adjustment["by"] == "zhangwei"
    assert adjustment["changes"] == {
        "basis": ["《中华人民共和国城乡规划法》", "《天津市政府信息公开规定》"]
    }
    assert [entry["kind"] for entry in shown["history"]] == ["推进", "推进", "动态调整"]


def test_an_area_outside_the_districts_focal_areas_needs_added_area(cat):
    before = snapshot(cat.db)
    refused = cat("item", "add", "河西", "--area", "就业创业", "--name", "招聘会信息")
    assert refused.exit_code == 2
    assert "就业创业" in refused.stderr and "--added-area" in refused.stderr
    assert "城乡规划" in refused.stderr, "the refusal lists the focal areas that are accepted"
    assert snapshot(cat.db) == before
    assert cat.json("item", "list") == []

    item = add(cat, "河西", "就业创业", "招聘会信息", "--added-area")
    assert show(cat, item)["added_area"] is True


def test_moving_an_item_to_an_area_outside_the_focal_areas_is_refused(cat):
    item = add(cat, "河西", "城乡规划", "规划公示")
    refused = cat("item", "update", item, "--area", "社会救助")
    assert refused.exit_code == 2 and "--added-area" in refused.stderr
    assert show(cat, item)["area"] == "城乡规划"


def test_a_second_live_item_with_the_same_area_topic_and_name_is_refused(cat):
    first = add(cat, "河西", "城乡规划", "规划公示", "--topic", "规划管理")
    before = snapshot(cat.db)

    refused = cat(
        "item", "add", "河西", "--area", "城乡规划", "--topic", "规划管理", "--name", "规划公示"
    )

    assert refused.exit_code == 2
    assert first in refused.stderr and "重复" in refused.stderr
    assert snapshot(cat.db) == before
    other_topic = add(cat, "河西", "城乡规划", "规划公示", "--topic", "规划实施")
    assert other_topic != first, "the same name under another topic is another item"


def test_renaming_an_item_onto_a_live_one_is_refused(cat):
    first = add(cat, "河西", "城乡规划", "规划公示")
    second = add(cat, "河西", "城乡规划", "规划许可")
    refused = cat("item", "update", second, "--name", "规划公示")
    assert refused.exit_code == 2 and first in refused.stderr
    assert show(cat, second)["name"] == "规划许可"


def test_the_same_item_may_be_registered_again_after_the_first_is_withdrawn(cat):
    first = add(cat, "河西", "城乡规划", "规划公示", "--topic", "规划管理")
    cat.ok("item", "withdraw", first, "--reason", "职能划转至市规划局")

    again = add(cat, "河西", "城乡规划", "规划公示", "--topic", "规划管理")

    assert again != first
    withdrawn = show(cat, first)
    assert (withdrawn["status"], withdrawn["withdrawn_reason"]) == (
        "withdrawn",
        "职能划转至市规划局",
    )
    assert show(cat, again)["status"] == "combed"


def test_a_withdrawn_item_cannot_be_edited_advanced_or_withdrawn_again(cat):
    item = add(cat, "河西", "城乡规划", "规划公示")
    cat.ok("item", "withdraw", item, "--reason", "合并到规划许可")
    before = snapshot(cat.db)

    for args in (
        ["item", "update", item, "--basis", "《城乡规划法》", "--reason", "补充"],
        ["item", "advance", item, "standardized"],
        ["item", "withdraw", item, "--reason", "再次撤销"],
    ):
        refused = cat(*args)
        assert refused.exit_code == 2, args
        assert "已撤销" in refused.stderr, args

    assert snapshot(cat.db) == before


def test_withdrawing_needs_a_reason(cat):
    item = add(cat, "河西", "城乡规划", "规划公示")
    refused = cat("item", "withdraw", item, "--reason", "  ")
    assert refused.exit_code == 2 and "原因" in refused.stderr
    assert show(cat, item)["status"] == "combed"


def test_a_district_lead_cannot_add_or_change_items_of_another_district(cat_team):
    jinnan = add(cat_team, "津南", "社会救助", "最低生活保障")
    before = {k: v for k, v in snapshot(cat_team.db).items() if k != "audit.jsonl"}

    for args in (
        ["item", "add", "津南", "--area", "社会救助", "--name", "临时救助"],
        ["item", "update", jinnan, "--basis", "《社会救助暂行办法》"],
        ["item", "advance", jinnan, "standardized"],
        ["item", "withdraw", jinnan, "--reason", "代为撤销"],
    ):
        refused = cat_team(*args, login="lihua")
        assert refused.exit_code == 3, args
        assert "只能修改河西区的数据" in refused.stderr, args

    after = {k: v for k, v in snapshot(cat_team.db).items() if k != "audit.jsonl"}
    assert after == before
    assert [i["id"] for i in cat_team.json("item", "list")] == [jinnan]
    refusals = [e for e in cat_team.json("log", "--limit", "4") if e.get("denied")]
    assert {(e["login"], e["scope"]) for e in refusals} == {("lihua", "jinnan")}


def test_a_district_lead_manages_their_own_districts_items(cat_team):
    item = add(cat_team, "河西", "城乡规划", "规划公示", "--channel", "两微一端", login="lihua")
    cat_team.ok("item", "advance", item, "standardized", login="lihua")
    cat_team.ok("item", "advance", item, "published", login="lihua")
    shown = show(cat_team, item)
    assert shown["status"] == "published"
    assert {entry["by"] for entry in shown["history"]} == {"lihua"}


def test_item_show_prints_elements_and_the_history_for_people(cat):
    item = add(cat, "河西", "城乡规划", "控规[/i]", "--channel", "两微一端")
    cat.ok("item", "advance", item, "published")
    cat.ok("item", "update", item, "--subject", "区规划分局", "--reason", "机构改革")
    shown = cat.ok("item", "show", item).stdout
    assert "控规[/i]" in shown and "公开依据" in shown
    assert "修改历史" in shown and "动态调整" in shown and "机构改革" in shown


def test_tables_show_user_text_with_brackets_as_typed(cat):
    cat.ok("note", "add", "河西", "--kind", "problem", "经费[/b]不足 [red]")
    assert "经费[/b]不足 [red]" in cat.ok("note", "list").stdout
    assert "Traceback" not in cat("status").stderr


def test_a_page_address_must_be_a_web_address(cat):
    item = add(cat, "河西", "城乡规划", "控规", "--channel", "政府网站")
    result = cat("item", "advance", item, "published", "--url", "x")
    assert result.exit_code == 2 and "应以 http:// 或 https:// 开头" in result.stderr
    cat.ok("item", "advance", item, "published", "--url", "http://www.tjhx.gov.cn/zwgk/1.html")
