"""Catalogs as counties and towns published them (tests/fixtures/catalogs, sources in its
README): each imports with no hand editing, every element in its field, and an export of the
result imports back unchanged."""

import json
from pathlib import Path

import pytest

from tests.cli.catalog.builders import write_csv
from tests.conftest import Cli, snapshot

FIXTURES = Path(__file__).parents[2] / "fixtures" / "catalogs"
FILES = [
    "per-area-title.xlsx",
    "sheet-per-area.xlsx",
    "two-row-ticks.xlsx",
    "channels.xlsx",
    "merged-gbk.csv",
    "word-table.docx",
    "catalog.xls",
    "page-per-area.html",
]
ADDED = ["--added-area", "义务教育", "--added-area", "公共资源交易"]
"""The fixtures' areas outside 河西区's focal areas, as a district would mark them."""
ELEMENTS = (
    "area", "topic", "name", "content", "basis", "time_limit", "subject",
    "channels", "audience", "mode", "level",
)  # fmt: skip


def expected(name: str) -> list[dict]:
    return json.loads((FIXTURES / "expected" / f"{Path(name).stem}.json").read_text("utf-8"))


def imported(cli: Cli) -> list[dict]:
    items = cli.json("item", "list", "-d", "河西")
    return sorted(items, key=lambda item: int(item["id"].split("-")[1]))


@pytest.mark.parametrize("name", FILES)
def test_a_published_catalog_imports_element_by_element(cli: Cli, name):
    result = cli.ok("item", "import", "河西", str(FIXTURES / name), *ADDED)

    items = imported(cli)
    wanted = expected(name)
    assert [item["name"] for item in items] == [item["name"] for item in wanted], result.stdout
    for item, want in zip(items, wanted, strict=True):
        for element in ELEMENTS:
            assert item[element] == want[element], f"{item['id']} {element}"


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "html"])
def test_an_export_of_an_imported_catalog_imports_back_unchanged(cli: Cli, tmp_path, name, fmt):
    cli.ok("item", "import", "河西", str(FIXTURES / name), *ADDED)
    before = imported(cli)
    out = tmp_path / f"导出.{fmt}"
    cli.ok("item", "export", "河西", "-f", fmt, "-o", str(out))

    again = cli.ok("item", "import", "河西", str(out), *ADDED)

    assert f"已新增 0 项，已更新 0 项，{len(before)} 项没有变化" in again.stdout
    assert imported(cli) == before


def test_every_sheet_is_read_an_empty_one_is_skipped_and_said(cli: Cli):
    result = cli.ok("item", "import", "河西", str(FIXTURES / "sheet-per-area.xlsx"), *ADDED)
    lines = result.stdout.splitlines()
    assert any("工作表「Sheet3」：空表，已跳过" in line for line in lines)
    for sheet in ("重大建设项目", "公共文化服务", "财政预决算", "义务教育"):
        line = next(line for line in lines if f"工作表「{sheet}」" in line)
        assert f"领域「{sheet}」取自标题" in line or f"领域「{sheet}」取自工作表名" in line, line


def test_sheet_chooses_sheets_and_names_the_ones_there_are(cli: Cli):
    path = str(FIXTURES / "sheet-per-area.xlsx")
    cli.ok("item", "import", "河西", path, "--sheet", "财政预决算", "--sheet", "公共文化服务")
    assert {item["area"] for item in imported(cli)} == {"财政预决算", "公共文化服务"}
    wrong = cli("item", "import", "河西", path, "--sheet", "城建")
    assert wrong.exit_code == 2
    assert "没有工作表「城建」" in wrong.stderr and "重大建设项目、公共文化服务" in wrong.stderr


def test_the_area_comes_from_the_option_when_nothing_in_the_file_names_it(cli: Cli, tmp_path):
    rows = [["序号", "一级事项", "二级事项", "公开依据", "公开主体"],
            ["1", "规划管理", "控制性详细规划", "《城乡规划法》", "区规划局"]]  # fmt: skip
    path = write_csv(tmp_path / "目录.csv", rows)
    refused = cli("item", "import", "河西", str(path))
    assert refused.exit_code == 2 and "--area" in refused.stderr
    cli.ok("item", "import", "河西", str(path), "--area", "城乡规划")
    assert imported(cli)[0]["area"] == "城乡规划"


def test_a_dry_run_lists_platforms_fills_and_each_changed_element(cli: Cli, tmp_path):
    dry = cli.ok("item", "import", "河西", str(FIXTURES / "merged-gbk.csv"), "--dry-run")
    assert "按名称保留" in dry.stdout and "广东政务服务网" in dry.stdout
    assert "按上一行补全（合并单元格）" in dry.stdout
    cli.ok("item", "import", "河西", str(FIXTURES / "merged-gbk.csv"))

    changed = (
        (FIXTURES / "merged-gbk.csv")
        .read_bytes()
        .replace("实时公开".encode("gbk"), "即时公开".encode("gbk"), 1)
    )
    (tmp_path / "修订.csv").write_bytes(changed)
    again = cli.ok("item", "import", "河西", str(tmp_path / "修订.csv"), "--dry-run")
    assert "公开时限：实时公开 → 即时公开" in again.stdout
    assert "未写入任何数据" in again.stdout


def test_an_unknown_column_with_data_stops_the_import_unless_ignored(cli: Cli, tmp_path):
    rows = [["领域", "二级事项", "公开形式", "公开主体"],
            ["城乡规划", "控制性详细规划", "主动", "区规划局"]]  # fmt: skip
    path = write_csv(tmp_path / "目录.csv", rows)
    before = snapshot(cli.db)
    refused = cli("item", "import", "河西", str(path))
    assert refused.exit_code == 2
    assert "「公开形式」" in refused.stderr and "是不是「公开方式」" in refused.stderr
    assert "--ignore-column 公开形式" in refused.stderr
    assert snapshot(cli.db) == before
    cli.ok("item", "import", "河西", str(path), "--ignore-column", "公开形式")
    assert imported(cli)[0]["subject"] == "区规划局"


@pytest.mark.parametrize("mark", ["√", "✓", "✔", "●", "■", "是", "Y"])
def test_every_tick_mark_people_use_counts(cli: Cli, tmp_path, mark):
    """Made-up rows (the published tables found all use √): the mark is what is tested."""
    rows = [["领域", "二级事项", "公开对象", "", "公开方式", "", "公开层级", ""],
            ["", "", "全社会", "特定群众", "主动", "依申请公开", "县级", "乡级"],
            ["城乡规划", "控制性详细规划", mark, "", mark, "", mark, mark]]  # fmt: skip
    cli.ok("item", "import", "河西", str(write_csv(tmp_path / "目录.csv", rows)))
    item = imported(cli)[0]
    assert (item["audience"], item["mode"], item["level"]) == ("全社会", "主动", "县级、乡级")


def test_a_csv_row_that_only_goes_on_with_the_item_above_is_joined(cli: Cli, tmp_path):
    rows = [["序号", "领域", "一级事项", "二级事项", "公开内容（要素）", "公开主体"],
            ["1", "城乡规划", "规划管理", "建设用地规划许可", "许可结果", "区规划局"],
            ["", "", "", "", "许可依据", ""]]  # fmt: skip
    cli.ok("item", "import", "河西", str(write_csv(tmp_path / "目录.csv", rows)))
    (item,) = imported(cli)
    assert item["content"] == "许可结果\n许可依据"
