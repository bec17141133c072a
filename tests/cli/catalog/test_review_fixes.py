"""Rules that held for the CLI and now hold the same way for import and list."""

from openpyxl import Workbook

from tests.cli.catalog.builders import STANDARD_HEADERS, add, show, standard_row, write_csv
from tests.conftest import snapshot


def test_an_item_cannot_lose_its_name_or_area(cat):
    item = add(cat, "河西", "城乡规划", "控规")
    for option in ("--name", "--area"):
        result = cat("item", "update", item, option, "")
        assert result.exit_code == 2 and "不能为空" in result.stderr
    assert show(cat, item)["name"] == "控规"


def test_missing_filter_leaves_out_withdrawn_items_like_status_does(cat):
    add(cat, "河西", "城乡规划", "缺要素的事项", full=False)
    gone = add(cat, "河西", "城乡规划", "已撤销的事项", full=False)
    cat.ok("item", "withdraw", gone, "--reason", "合并")

    listed = [i["id"] for i in cat.json("item", "list", "--missing")]
    counted = cat.json("status", "hexi")["districts"][0]["items"]["missing_elements"]
    assert gone not in listed
    assert len(listed) == counted == 1


def test_import_cannot_turn_one_item_into_a_copy_of_another(cat, tmp_path):
    first = add(cat, "河西", "城乡规划", "规划许可")
    second = add(cat, "河西", "城乡规划", "规划批复")
    before = snapshot(cat.db)
    path = write_csv(
        tmp_path / "rename.csv",
        [["编号", "领域", "一级事项", "二级事项"], [second, "城乡规划", "", "规划许可"]],
    )

    result = cat("item", "import", "河西", str(path))

    assert result.exit_code == 2 and f"已存在（{first}）" in result.stderr
    assert snapshot(cat.db) == before


def test_import_refuses_a_publication_date_after_the_as_of_date(cat, tmp_path):
    headers = [*STANDARD_HEADERS, "状态", "公开日期"]
    row = [*standard_row(1, "城乡规划", "规划", "控规"), "已公开", "2019-01-01"]
    path = write_csv(tmp_path / "future.csv", [headers, row])
    result = cat("item", "import", "河西", str(path))
    assert result.exit_code == 2 and "晚于当前日期" in result.stderr


def test_an_area_merged_down_several_rows_counts_for_each(cat, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(STANDARD_HEADERS)
    sheet.append(standard_row(1, "城乡规划", "规划编制", "控制性详细规划"))
    sheet.append(standard_row(2, "", "", "修建性详细规划"))
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    cat.ok("item", "import", "河西", str(path))
    items = cat.json("item", "list")
    assert [(i["area"], i["topic"], i["name"]) for i in items] == [
        ("城乡规划", "规划编制", "控制性详细规划"),
        ("城乡规划", "规划编制", "修建性详细规划"),
    ]


def test_update_can_mark_an_item_as_in_an_added_area(cat):
    item = add(cat, "河西", "城乡规划", "控规")
    refused = cat("item", "update", item, "--area", "教育")
    assert refused.exit_code == 2 and "--added-area" in refused.stderr
    cat.ok("item", "update", item, "--area", "教育", "--added-area")
    assert show(cat, item)["added_area"] is True
