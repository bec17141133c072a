"""`tracker item import` refuses hostile files at once, with a Chinese message, and reads what is
left of a file's control characters as text.

Each hostile file is built here, tiny, in the test's folder; without the limits, several of them
would take minutes and gigabytes (the test would hang).
"""

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli.catalog.builders import STANDARD_HEADERS, add, standard_row, write_csv
from tests.conftest import snapshot
from tracker.catalog.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
)

ROW = standard_row(1, "财政预决算", "预算公开", "部门预算")


def _workbook(path: Path, *cells: tuple[str, str]) -> Path:
    """A catalog of one row, with ``cells`` (coordinate, text) written besides."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(STANDARD_HEADERS)
    sheet.append(ROW)
    for coordinate, text in cells:
        sheet[coordinate] = text
    workbook.save(path)
    return path


def _rewrite_sheet(path: Path, change, extra: dict[str, bytes] | None = None) -> Path:
    """Rewrite the first sheet's XML of ``path`` with ``change``, adding ``extra`` parts."""
    original = path.with_suffix(".orig.xlsx")
    path.rename(original)
    with (
        zipfile.ZipFile(original) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    original.unlink()
    return path


def _refused(cat, path: Path, *fragments: str) -> str:
    """Import ``path``: exit 2, nothing written, a message holding each fragment."""
    before = snapshot(cat.db)
    result = cat("item", "import", "河西", str(path))
    assert result.exit_code == 2, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert snapshot(cat.db) == before
    return result.stderr


def _imported(cat, path: Path) -> list[dict]:
    cat.ok("item", "import", "河西", str(path))
    return cat.json("item", "list")


# .xlsx --------------------------------------------------------------------------------------


def test_an_xlsx_with_one_cell_at_xfd1048576_is_refused_at_once(cat, tmp_path):
    path = _workbook(tmp_path / "远角.xlsx", ("XFD1048576", "x"))
    _refused(cat, path, "远角.xlsx", "第 1048576 行", f"上限 {MAX_ROWS} 行")


def test_an_xlsx_reaching_row_200000_column_200_is_refused_at_once(cat, tmp_path):
    path = _workbook(tmp_path / "大表.xlsx", ("GR200000", "x"))
    _refused(cat, path, "大表.xlsx", "第 200000 行")


def test_an_xlsx_whose_declared_size_is_huge_but_data_small_imports(cat, tmp_path):
    path = _rewrite_sheet(
        _workbook(tmp_path / "目录.xlsx"),
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
    )
    assert [item["name"] for item in _imported(cat, path)] == ["部门预算"]


def test_a_merge_forged_down_to_the_last_row_costs_nothing(cat, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(STANDARD_HEADERS)
    sheet.append(ROW)
    sheet.append(standard_row(2, "", "预算公开", "部门决算"))
    sheet.merge_cells("B2:B3")
    path = tmp_path / "合并.xlsx"
    workbook.save(path)
    _rewrite_sheet(path, lambda xml: xml.replace('ref="B2:B3"', 'ref="B2:B1048576"'))

    items = _imported(cat, path)

    assert [(item["area"], item["name"]) for item in items] == [
        ("财政预决算", "部门预算"),
        ("财政预决算", "部门决算"),
    ]


def test_an_xlsx_with_text_past_the_last_column_is_refused(cat, tmp_path):
    path = _workbook(tmp_path / "宽表.xlsx", ("XFD2", "x"))
    _refused(cat, path, "宽表.xlsx", "第 2 行第 XFD 列", f"上限 {MAX_COLUMNS} 列")


def test_an_xlsx_cell_longer_than_the_limit_is_refused_naming_it(cat, tmp_path):
    path = _workbook(tmp_path / "长文.xlsx", ("F2", "依" * (MAX_CELL_CHARS + 1)))
    _refused(cat, path, "长文.xlsx", "第 2 行第 F 列", f"上限 {MAX_CELL_CHARS} 个字符")


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_before_it_is_read(cat, tmp_path):
    """A zip bomb: a few hundred kilobytes that would unpack to more than 100 MB."""
    path = _rewrite_sheet(
        _workbook(tmp_path / "炸弹.xlsx"),
        lambda xml: xml,
        {"xl/media/padding.bin": bytes(MAX_UNPACKED_BYTES)},
    )
    assert path.stat().st_size < 1024 * 1024
    _refused(cat, path, "炸弹.xlsx", "解压后", "超过上限")


# .csv ---------------------------------------------------------------------------------------


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(cat, tmp_path):
    path = write_csv(tmp_path / "巨大.csv", [STANDARD_HEADERS, ROW])
    with path.open("r+b") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk is spent on it
    _refused(cat, path, "巨大.csv", "超过导入上限 50.0 MB")


def test_a_csv_field_over_128_kb_is_refused_not_a_traceback(cat, tmp_path):
    path = write_csv(
        tmp_path / "长字段.csv", [STANDARD_HEADERS, ["1", "财政预决算", "x" * 200_000]]
    )
    _refused(cat, path, "长字段.csv", "第 2 行", f"上限 {MAX_CELL_CHARS} 个字符")


def test_a_csv_cell_longer_than_the_limit_is_refused_naming_it(cat, tmp_path):
    row = standard_row(
        1, "财政预决算", "预算公开", "部门预算", 公开依据="依" * (MAX_CELL_CHARS + 1)
    )
    path = write_csv(tmp_path / "长文.csv", [STANDARD_HEADERS, row])
    _refused(cat, path, "长文.csv", "第 2 行第 6 列", f"上限 {MAX_CELL_CHARS} 个字符")


def test_a_csv_with_text_past_the_last_row_is_refused(cat, tmp_path):
    path = tmp_path / "长表.csv"
    path.write_text(",".join(STANDARD_HEADERS) + "\n" + "\n" * MAX_ROWS + ",".join(ROW) + "\n")
    _refused(cat, path, "长表.csv", f"第 {MAX_ROWS + 2} 行", f"上限 {MAX_ROWS} 行")


def test_a_csv_with_text_past_the_last_column_is_refused(cat, tmp_path):
    path = write_csv(tmp_path / "宽表.csv", [STANDARD_HEADERS, [*ROW, *[""] * MAX_COLUMNS, "x"]])
    _refused(cat, path, "宽表.csv", f"第 2 行第 {len(ROW) + MAX_COLUMNS + 1} 列")


def test_a_csv_saved_with_carriage_returns_only_imports(cat, tmp_path):
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR alone."""
    path = tmp_path / "mac.csv"
    path.write_bytes("\r".join(",".join(row) for row in (STANDARD_HEADERS, ROW)).encode())
    assert [item["name"] for item in _imported(cat, path)] == ["部门预算"]


@pytest.mark.parametrize(
    "raw",
    [b"\xef\xbb\xbf\xe9\xa2\x86\xff\xfe", b"\xff\xfe\x41\x00\x42", b"\x81\x20\xff\xff"],
    ids=["utf8-bom-then-garbage", "utf16-odd-length", "neither-utf8-nor-gbk"],
)
def test_an_undecodable_csv_is_refused_with_the_encodings_to_use(cat, tmp_path, raw):
    path = tmp_path / "乱码.csv"
    path.write_bytes(raw)
    _refused(cat, path, "无法识别 乱码.csv 的编码", "UTF-8")


def test_control_characters_in_a_csv_are_removed_and_line_breaks_kept_where_allowed(cat, tmp_path):
    row = standard_row(
        1,
        "财政\x00预决算",
        "预算\x1b[31m公开",
        "部门\x07预算\n（含附表）",
        **{
            "公开内容（要素）": "收入\x1b预算\n支出预算\t附表",
            "公开渠道和载体": "政府网站\n两微\x0c一端",
        },
    )
    path = write_csv(tmp_path / "控制符.csv", [STANDARD_HEADERS, row])

    (item,) = _imported(cat, path)

    assert (item["area"], item["topic"], item["name"]) == (
        "财政预决算",
        "预算[31m公开",
        "部门预算 （含附表）",
    )
    shown = cat.json("item", "show", item["id"])
    assert shown["content"] == "收入预算\n支出预算\t附表"
    assert shown["channels"] == ["政府网站", "两微一端"]


# .html --------------------------------------------------------------------------------------


def _page(path: Path, cell: str) -> Path:
    head = "".join(f"<th>{header}</th>" for header in STANDARD_HEADERS)
    body = "".join(f"<td>{value}</td>" for value in ROW[1:])
    path.write_text(f"<table><tr>{head}</tr><tr>{cell}{body}</tr></table>", encoding="utf-8")
    return path


@pytest.mark.parametrize("attribute", ["colspan", "rowspan"])
def test_a_320_byte_page_spanning_300000000_cells_is_refused_at_once(cat, tmp_path, attribute):
    path = tmp_path / "跨度.html"
    path.write_text(f"<table><tr><td {attribute}='300000000'>领域</td></tr></table>")
    assert path.stat().st_size < 320
    _refused(cat, path, "跨度.html", f"{attribute}=300000000", "超过上限")


@pytest.mark.parametrize("value", ["abc", "", "0", "-3", "1e9x"])
def test_a_span_that_is_not_a_count_reads_as_one_cell_as_in_a_browser(cat, tmp_path, value):
    path = _page(tmp_path / "目录.html", f"<td rowspan='{value}' colspan='{value}'>1</td>")
    assert [item["name"] for item in _imported(cat, path)] == ["部门预算"]


def test_control_characters_in_an_html_page_are_removed(cat, tmp_path):
    path = _page(tmp_path / "目录.html", "<td>1</td>")
    path.write_text(path.read_text().replace("部门预算", "部门&#27;预算\x01"), encoding="utf-8")
    assert [item["name"] for item in _imported(cat, path)] == ["部门预算"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda xml: xml[: len(xml) // 2],
        lambda xml: xml.replace('<row r="2"', '<row r="abc"'),
        lambda xml: xml.replace('r="B2"', 'r="2B"'),
    ],
    ids=["truncated-xml", "row-number-not-a-number", "bad-coordinate"],
)
def test_a_damaged_xlsx_is_refused_as_damaged_not_a_traceback(cat, tmp_path, damage):
    workbook = Workbook()
    workbook.active.append(STANDARD_HEADERS)
    workbook.active.append(ROW)
    workbook.active.merge_cells("B2:B3")
    workbook.save(tmp_path / "损坏.xlsx")
    path = _rewrite_sheet(tmp_path / "损坏.xlsx", damage)
    _refused(cat, path, "无法读取 Excel 文件 损坏.xlsx", "已损坏")


def test_a_file_that_is_not_a_zip_is_refused_as_not_an_xlsx(cat, tmp_path):
    path = tmp_path / "改名.xlsx"
    path.write_text("领域,二级事项\n", encoding="utf-8")
    _refused(cat, path, "改名.xlsx", "不是 .xlsx")


def test_a_csv_export_with_formula_like_text_imports_back_unchanged(cat, tmp_path):
    """The export writes ``-2+3`` as ``'-2+3`` so no spreadsheet runs it; the import reads it
    back as ``-2+3``, not as a change to the item."""
    item = add(cat, "河西", "城乡规划", "=规划公示", "--basis=-依据第2条", "--subject=@区规划局")
    path = tmp_path / "导出.csv"
    cat.ok("item", "export", "河西", "--format", "csv", "--out", str(path))
    assert "'-依据第2条" in path.read_text(encoding="utf-8-sig")

    result = cat.ok("item", "import", "河西", str(path))

    assert "已新增 0 项，已更新 0 项，1 项没有变化" in result.stdout
    shown = cat.json("item", "show", item)
    assert (shown["name"], shown["basis"], shown["subject"]) == (
        "=规划公示",
        "-依据第2条",
        "@区规划局",
    )


def test_an_inverted_merge_is_ignored_and_the_rows_import(cat, tmp_path):
    workbook = Workbook()
    workbook.active.append(STANDARD_HEADERS)
    workbook.active.append(ROW)
    workbook.active.merge_cells("B2:B3")
    workbook.save(tmp_path / "合并.xlsx")
    path = _rewrite_sheet(
        tmp_path / "合并.xlsx", lambda xml: xml.replace('ref="B2:B3"', 'ref="B9:B2"')
    )
    result = cat.ok("item", "import", "河西", str(path))
    assert "已新增 1 项" in result.stdout
