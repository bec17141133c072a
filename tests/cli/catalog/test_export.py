"""`tracker item export`: the standard catalog as .xlsx, .csv and .html, and back in again."""

import pytest

from tests.cli.catalog.builders import FULL, add
from tests.cli.catalog.conftest import DatedCli

SCRIPT_NAME = "部门预算<script>alert('x')</script>&附表"


@pytest.fixture
def varied(cat):
    """河西's catalog: focal and added areas, every state, channels, 五公开, ticks, dates and a url."""
    plan = add(
        cat, "河西", "城乡规划", "控制性详细规划", "--topic", "规划管理",
        "--channel", "政府网站", "--channel", "两微一端", "--five", "决策",
        "--audience", "全社会", "--level", "区级",
    )  # fmt: skip
    cat.ok("item", "advance", plan, "standardized")
    cat.ok("item", "advance", plan, "published", "--date", "2018-03-01",
           "--url", "http://www.tjhx.gov.cn/cxgh/kg.html")  # fmt: skip
    permit = add(
        cat, "河西", "城乡规划", "建设工程规划许可", "--topic", "规划许可",
        "--channel", "政务服务中心、社区/村公示栏（电子屏）", "--five", "结果",
        "--audience", "特定群体", "--level", "街乡镇级", "--mode", "依申请",
    )  # fmt: skip
    cat.ok("item", "advance", permit, "standardized")
    budget = add(
        cat, "河西", "财政预决算", SCRIPT_NAME, "--topic", "预算公开",
        "--channel", "纸质媒体", "--five", "执行", "--five", "管理", "--five", "服务",
        "--audience", "全社会", "--level", "区级",
    )  # fmt: skip
    cat.ok("item", "advance", budget, "standardized")
    cat.ok("item", "advance", budget, "published", "--date", "2018/2/1")
    add(
        cat, "河西", "就业创业", "创业担保贷款", "--topic", "创业扶持", "--added-area",
        "--subject", "区人力社保局", "--channel", "发布会/听证会", full=False,
    )  # fmt: skip
    add(cat, "河西", "安全生产", "安全检查结果")
    gone = add(cat, "河西", "环境保护", "环评审批", "--topic", "环境影响评价")
    cat.ok("item", "withdraw", gone, "--reason", "职能划转至市生态环境局")
    return cat


IGNORED = {"id", "history", "district_name", "withdrawn_reason"}


def _catalog(cli) -> dict[tuple[str, str, str], dict]:
    """Live items of 河西 keyed by area, topic and name, without ids and history."""
    return {
        (item["area"], item["topic"], item["name"]): {
            k: v for k, v in item.items() if k not in IGNORED
        }
        for item in cli.json("item", "list", "-d", "hexi")
        if item["status"] != "withdrawn"
    }


def _export(cli, fmt: str, path) -> None:
    result = cli.ok("item", "export", "河西", "--format", fmt, "--out", str(path))
    assert "已导出 5 项" in result.stdout, "the withdrawn item is not exported"
    assert path.is_file()


def test_the_varied_catalog_holds_what_the_round_trips_rely_on(varied):
    statuses = sorted(i["status"] for i in varied.json("item", "list", "-d", "hexi"))
    assert statuses == ["combed", "combed", "published", "published", "standardized", "withdrawn"]
    assert len(_catalog(varied)) == 5


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "html"])
def test_an_exported_catalog_imported_into_the_same_database_changes_nothing(varied, tmp_path, fmt):
    path = tmp_path / f"河西区目录.{fmt}"
    _export(varied, fmt, path)
    before = _catalog(varied)

    result = varied.ok("item", "import", "河西", str(path))

    assert "已新增 0 项，已更新 0 项，5 项没有变化" in result.stdout
    assert _catalog(varied) == before
    assert len(varied.json("item", "list")) == 6


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "html"])
def test_an_exported_catalog_imported_into_a_fresh_database_reproduces_every_item(
    varied, tmp_path, fmt
):
    path = tmp_path / f"河西区目录.{fmt}"
    _export(varied, fmt, path)
    other = DatedCli(tmp_path / "other")
    other.ok("init", "--name", "张伟")

    result = other.ok("item", "import", "河西", str(path))

    assert "已新增 5 项" in result.stdout
    original, copy = _catalog(varied), _catalog(other)
    assert set(copy) == set(original)
    for key, item in original.items():
        assert copy[key] == item, key
    assert len(other.json("item", "list")) == 5, "the withdrawn item does not come back"


def test_the_xlsx_has_the_published_two_row_header_layout(varied, tmp_path):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter as letter_of

    path = tmp_path / "目录.xlsx"
    _export(varied, "xlsx", path)
    sheet = load_workbook(path).worksheets[0]

    assert "河西区" in sheet["A1"].value and "标准目录" in sheet["A1"].value
    merged = {str(r) for r in sheet.merged_cells.ranges}
    last = sheet.max_column
    assert f"A1:{letter_of(last)}1" in merged
    header = {sheet.cell(2, c).value: c for c in range(1, last + 1) if sheet.cell(2, c).value}
    for group, subs in (
        ("公开事项", ["一级事项", "二级事项"]),
        ("公开对象", ["全社会", "特定群体"]),
        ("公开方式", ["主动", "依申请"]),
        ("公开层级", ["区级", "街乡镇级"]),
    ):
        first = header[group]
        letters = [letter_of(first + i) for i in (0, 1)]
        assert f"{letters[0]}2:{letters[1]}2" in merged, group
        assert [sheet.cell(3, first + i).value for i in (0, 1)] == subs, group
    for single in (
        "序号",
        "领域",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
    ):
        letter = letter_of(header[single])
        assert f"{letter}2:{letter}3" in merged, single

    for column in range(1, last + 1):
        letter = letter_of(column)
        assert letter in sheet.column_dimensions, f"column {letter} has no width of its own"
        assert sheet.column_dimensions[letter].customWidth, letter
    content = header["公开内容（要素）"]
    assert sheet.column_dimensions[letter_of(content)].width >= 20

    assert sheet.max_row == 3 + 5
    for row in range(4, sheet.max_row + 1):
        assert sheet.cell(row, content).alignment.wrap_text, row
        assert sheet.cell(row, header["公开依据"]).alignment.wrap_text, row
    names = [sheet.cell(r, header["公开事项"] + 1).value for r in range(4, 9)]
    assert "环评审批" not in names and SCRIPT_NAME in names
    plan_row = 4 + names.index("控制性详细规划")
    ticks = [sheet.cell(plan_row, header["公开对象"] + i).value for i in range(6)]
    assert [value or "" for value in ticks] == ["√", "", "√", "", "√", ""]


def test_the_csv_starts_with_a_utf8_bom_for_excel(varied, tmp_path):
    path = tmp_path / "目录.csv"
    _export(varied, "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    header = text.splitlines()[0].split(",")
    for name in ("领域", "一级事项", "二级事项", "公开依据", "公开渠道和载体", "公开方式"):
        assert name in header
    assert FULL["--basis"] in text and "环评审批" not in text


def test_the_html_page_escapes_markup_in_item_text(varied, tmp_path):
    path = tmp_path / "目录.html"
    _export(varied, "html", path)
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "部门预算&lt;script&gt;" in html
    assert "&lt;/script&gt;&amp;附表" in html
    assert "控制性详细规划" in html and "环评审批" not in html
    assert 'href="http://www.tjhx.gov.cn/cxgh/kg.html"' in html
