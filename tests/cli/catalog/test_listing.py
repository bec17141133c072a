"""Finding items (`item list --json` filters) and the catalog counts of `status --json`."""

import pytest

from tests.cli.catalog.builders import add


@pytest.fixture
def catalog(cat):
    """A small catalog in two districts, one item in each state."""
    ids = {
        "plan": add(
            cat, "河西", "城乡规划", "控制性详细规划", "--topic", "规划管理", "--five", "决策"
        ),
        "permit": add(
            cat,
            "河西",
            "城乡规划",
            "建设工程规划许可",
            "--topic",
            "规划许可",
            "--five",
            "结果",
            "--channel",
            "两微一端",
        ),
        "budget": add(
            cat, "河西", "财政预决算", "部门预算", "--five", "决策公开", "--five", "执行"
        ),
        "gap": add(cat, "河西", "财政预决算", "三公经费", "--subject", "", full=False),
        "old": add(cat, "河西", "环境保护", "排污许可"),
        "dibao": add(cat, "津南", "社会救助", "最低生活保障", "--topic", "低保", full=False),
        "extra": add(cat, "津南", "扶贫救灾", "救灾物资发放", "--added-area"),
    }
    cat.ok("item", "advance", ids["permit"], "standardized")
    cat.ok("item", "advance", ids["permit"], "published")
    cat.ok("item", "advance", ids["budget"], "standardized")
    cat.ok("item", "withdraw", ids["old"], "--reason", "并入排污许可证核发")
    return ids


def _ids(cat, *filters: str) -> list[str]:
    return [item["id"] for item in cat.json("item", "list", *filters)]


def test_each_listed_item_carries_the_contract_keys(cat, catalog):
    items = cat.json("item", "list")
    assert len(items) == 7
    for item in items:
        assert set(item) >= {"id", "district", "area", "topic", "name", "status", "missing"}
    dibao = next(i for i in items if i["id"] == catalog["dibao"])
    assert (dibao["district"], dibao["area"], dibao["topic"], dibao["name"], dibao["status"]) == (
        "jinnan",
        "社会救助",
        "低保",
        "最低生活保障",
        "combed",
    )
    assert dibao["missing"] == ["basis", "content", "subject", "time_limit", "mode"]


def test_list_narrows_to_a_district_by_id_or_chinese_name(cat, catalog):
    jinnan = [catalog["dibao"], catalog["extra"]]
    assert _ids(cat, "--district", "jinnan") == jinnan
    assert _ids(cat, "--district", "津南区") == jinnan
    assert _ids(cat, "-d", "津南") == jinnan
    assert _ids(cat, "--district", "wuqing") == []


def test_list_narrows_to_an_area(cat, catalog):
    assert _ids(cat, "--area", "城乡规划") == [catalog["plan"], catalog["permit"]]
    assert _ids(cat, "--area", "扶贫救灾") == [catalog["extra"]]


@pytest.mark.parametrize(
    ("status", "key"),
    [
        ("published", "permit"),
        ("已公开", "permit"),
        ("standardized", "budget"),
        ("已标准化", "budget"),
        ("withdrawn", "old"),
        ("已撤销", "old"),
    ],
)
def test_list_narrows_to_a_state_by_id_or_chinese_label(cat, catalog, status, key):
    assert _ids(cat, "--status", status) == [catalog[key]]


def test_list_of_combed_items_holds_the_rest(cat, catalog):
    combed = [catalog[k] for k in ("plan", "gap", "dibao", "extra")]
    assert _ids(cat, "--status", "已梳理") == combed
    assert _ids(cat, "-s", "combed") == combed


def test_an_unknown_state_is_refused_with_the_accepted_ones(cat, catalog):
    refused = cat("item", "list", "--status", "已归档", "--json")
    assert refused.exit_code == 2
    assert "已公开" in refused.stderr and "published" in refused.stderr


def test_list_narrows_to_one_of_the_five_openness_types(cat, catalog):
    assert _ids(cat, "--five", "决策") == [catalog["plan"], catalog["budget"]]
    assert _ids(cat, "--five", "执行公开") == [catalog["budget"]]
    assert _ids(cat, "--five", "result") == [catalog["permit"]]


def test_list_of_missing_elements_shows_live_items_with_gaps(cat, catalog):
    missing = cat.json("item", "list", "--missing")
    assert [i["id"] for i in missing] == [catalog["gap"], catalog["dibao"]]
    gap = missing[0]
    assert gap["missing"] == ["basis", "content", "subject", "time_limit", "mode"]
    assert _ids(cat, "--missing", "-d", "河西") == [catalog["gap"]]


def test_list_searches_names_content_basis_and_subject(cat, catalog):
    assert _ids(cat, "--search", "许可") == [catalog["permit"], catalog["old"]]
    assert _ids(cat, "--search", "城乡规划法") == [
        catalog[k] for k in ("plan", "permit", "budget", "old", "extra")
    ]
    assert _ids(cat, "-q", "救灾") == [catalog["extra"]]
    assert _ids(cat, "-q", "不存在的事项") == []


def test_filters_combine(cat, catalog):
    assert _ids(cat, "-d", "河西", "--area", "城乡规划", "--status", "已公开") == [
        catalog["permit"]
    ]
    assert _ids(cat, "-d", "河西", "--five", "决策", "--status", "已梳理") == [catalog["plan"]]


def test_status_counts_items_per_district_by_state_and_area(cat, catalog):
    status = cat.json("status")
    blocks = {d["id"]: d["items"] for d in status["districts"]}

    hexi = blocks["hexi"]
    assert hexi["total"] == 5
    assert hexi["by_status"] == {"combed": 2, "standardized": 1, "published": 1, "withdrawn": 1}
    assert hexi["missing_elements"] == 1
    areas = {a["area"]: a for a in hexi["by_area"]}
    assert areas["城乡规划"]["total"] == 2
    assert areas["城乡规划"]["by_status"]["published"] == 1
    assert areas["财政预决算"]["total"] == 2
    assert areas["财政预决算"]["missing_elements"] == 1
    assert areas["环境保护"]["by_status"]["withdrawn"] == 1
    assert areas["税收管理"]["total"] == 0, "every focal area is listed, even an empty one"

    jinnan = blocks["jinnan"]
    assert jinnan["total"] == 2 and jinnan["missing_elements"] == 1
    added = {a["area"]: a for a in jinnan["by_area"]}["扶贫救灾"]
    assert added["total"] == 1 and added["added"] is True
    assert blocks["wuqing"]["total"] == 0


def test_status_counts_agree_with_item_list(cat, catalog):
    cat.ok("item", "advance", catalog["plan"], "standardized")
    cat.ok("item", "withdraw", catalog["dibao"], "--reason", "由民政局统一公开")
    status = cat.json("status")
    for district in status["districts"]:
        items = district["items"]
        listed = cat.json("item", "list", "-d", district["id"])
        assert items["total"] == len(listed)
        for state, count in items["by_status"].items():
            assert count == sum(1 for i in listed if i["status"] == state), (district["id"], state)
        gaps = [i for i in listed if i["missing"] and i["status"] != "withdrawn"]
        assert items["missing_elements"] == len(gaps)
        for area in items["by_area"]:
            in_area = [i for i in listed if i["area"] == area["area"]]
            assert area["total"] == len(in_area), area["area"]
        assert sum(a["total"] for a in items["by_area"]) == items["total"]
    jinnan = next(d for d in status["districts"] if d["id"] == "jinnan")["items"]
    assert jinnan["by_status"]["withdrawn"] == 1 and jinnan["missing_elements"] == 0
