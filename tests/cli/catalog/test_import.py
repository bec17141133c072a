"""`tracker item import`: the spreadsheets districts really send, checked row by row, all or nothing."""

import pytest

from tests.cli.catalog.builders import (
    STANDARD_HEADERS,
    add,
    show,
    standard_row,
    two_row_line,
    write_csv,
    write_two_row_xlsx,
    write_xlsx,
)
from tests.conftest import snapshot

ROWS = [
    STANDARD_HEADERS,
    standard_row(1, "财政预决算", "预算公开", "部门预算"),
    standard_row(
        2,
        "财政预决算",
        "决算公开",
        "部门决算",
        公开渠道和载体="■政府网站 □政府公报 ■两微一端",
        公开对象="特定群体",
    ),
    standard_row(
        3,
        "公共文化服务",
        "文化活动",
        "群众文化活动安排",
        公开渠道和载体="两微一端、便民服务站,社区/村公示栏（电子屏）",
        公开方式="依申请",
        公开层级="街乡镇级",
    ),
]


def _by_name(cat, district="河西") -> dict[str, dict]:
    return {item["name"]: item for item in cat.json("item", "list", "-d", district)}


def _assert_rows_imported(cat) -> None:
    items = _by_name(cat)
    assert set(items) == {"部门预算", "部门决算", "群众文化活动安排"}
    budget = items["部门预算"]
    assert (budget["area"], budget["topic"], budget["status"]) == (
        "财政预决算",
        "预算公开",
        "combed",
    )
    assert budget["content"] == "部门预算的内容"
    assert budget["basis"] == "《中华人民共和国政府信息公开条例》"
    assert budget["time_limit"] == "信息形成或变更之日起20个工作日内"
    assert budget["subject"] == "区财政局"
    assert (budget["audience"], budget["mode"], budget["level"]) == ("全社会", "主动", "区级")
    assert budget["channels"] == ["政府网站", "两微一端"]
    assert budget["missing"] == []
    assert items["部门决算"]["channels"] == ["政府网站", "两微一端"]
    assert items["部门决算"]["audience"] == "特定群体"
    culture = items["群众文化活动安排"]
    assert culture["channels"] == ["两微一端", "便民服务站", "社区/村公示栏（电子屏）"]
    assert (culture["mode"], culture["level"]) == ("依申请", "街乡镇级")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_with_the_standard_chinese_headers_imports_in_each_encoding(cat, tmp_path, encoding):
    path = write_csv(tmp_path / "河西区目录.csv", ROWS, encoding)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")

    result = cat.ok("item", "import", "河西", str(path))

    assert "新增 3 项" in result.stdout
    _assert_rows_imported(cat)


def test_a_gb18030_file_is_not_mistaken_for_utf8(cat, tmp_path):
    path = write_csv(tmp_path / "目录.csv", ROWS, "gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    cat.ok("item", "import", "hexi", str(path))
    assert _by_name(cat)["部门预算"]["subject"] == "区财政局"


def test_an_xlsx_with_the_standard_chinese_headers_imports(cat, tmp_path):
    path = write_xlsx(tmp_path / "目录.xlsx", ROWS)
    result = cat.ok("item", "import", "河西区", str(path))
    assert "新增 3 项" in result.stdout
    _assert_rows_imported(cat)


def test_a_file_with_english_keys_imports(cat, tmp_path):
    keys = ["area", "topic", "name", "content", "basis", "time_limit", "subject", "channels",
            "audience", "mode", "level", "five"]  # fmt: skip
    rows = [
        keys,
        ["社会救助", "最低生活保障", "低保对象认定", "认定条件、程序", "《社会救助暂行办法》",
         "20个工作日内", "区民政局", "政府网站、两微一端", "全社会", "主动", "区级", "执行、结果"],
        ["社会救助", "临时救助", "临时救助申请", "", "", "", "区民政局", "", "", "", "", ""],
    ]  # fmt: skip
    path = write_csv(tmp_path / "jinnan.csv", rows)

    cat.ok("item", "import", "jinnan", str(path))

    items = _by_name(cat, "津南")
    dibao = items["低保对象认定"]
    assert (dibao["area"], dibao["topic"], dibao["time_limit"]) == (
        "社会救助",
        "最低生活保障",
        "20个工作日内",
    )
    assert dibao["channels"] == ["政府网站", "两微一端"]
    assert dibao["five"] == ["execution", "result"]
    assert dibao["missing"] == []
    assert items["临时救助申请"]["missing"] == ["basis", "content", "time_limit", "mode"]


def test_an_xlsx_in_the_published_two_row_header_layout_imports_with_ticks(cat, tmp_path):
    path = write_two_row_xlsx(
        tmp_path / "河西区城乡规划目录.xlsx",
        "河西区城乡规划领域基层政务公开标准目录",
        [
            two_row_line(1, "城乡规划", "规划管理", "控制性详细规划",
                         "■政府网站 □政府公报 ■两微一端", "全社会", "主动", "区级"),
            two_row_line(2, "城乡规划", "规划许可", "建设工程规划许可",
                         "政务服务中心、入户/现场", "特定群体", "依申请", "街乡镇级"),
        ],
    )  # fmt: skip

    result = cat.ok("item", "import", "河西", str(path))

    assert "新增 2 项" in result.stdout
    items = _by_name(cat)
    plan = items["控制性详细规划"]
    assert (plan["area"], plan["topic"]) == ("城乡规划", "规划管理")
    assert (plan["audience"], plan["mode"], plan["level"]) == ("全社会", "主动", "区级")
    assert plan["channels"] == ["政府网站", "两微一端"]
    assert plan["content"] == "控制性详细规划的办理结果"
    assert plan["time_limit"] == "自作出决定之日起7个工作日内"
    permit = items["建设工程规划许可"]
    assert (permit["audience"], permit["mode"], permit["level"]) == (
        "特定群体",
        "依申请",
        "街乡镇级",
    )
    assert permit["channels"] == ["政务服务中心", "入户/现场"]
    assert permit["missing"] == []


def test_a_csv_with_three_bad_rows_is_refused_whole_and_names_each_row(cat, tmp_path):
    add(cat, "河西", "城乡规划", "规划公示")
    rows = [
        STANDARD_HEADERS,
        standard_row(1, "财政预决算", "预算公开", "部门预算"),
        standard_row(2, "就业创业", "招聘", "招聘会信息"),
        standard_row(3, "财政预决算", "决算公开", "部门决算", 公开方式="口头通知"),
        standard_row(4, "财政预决算", "决算公开", ""),
        standard_row(5, "税收管理", "税收政策", "税收优惠政策"),
    ]  # fmt: skip
    path = write_csv(tmp_path / "目录.csv", rows, "utf-8-sig")
    before = snapshot(cat.db)

    refused = cat("item", "import", "河西", str(path))

    assert refused.exit_code == 2
    assert "3 处问题" in refused.stderr and "未导入任何事项" in refused.stderr
    for row, words in ((3, "就业创业"), (4, "口头通知"), (5, "二级事项")):
        line = next(text for text in refused.stderr.splitlines() if f"第 {row} 行" in text)
        assert words in line, line
    assert "第 2 行" not in refused.stderr and "第 6 行" not in refused.stderr
    assert "Traceback" not in refused.stderr
    assert snapshot(cat.db) == before
    assert [i["name"] for i in cat.json("item", "list")] == ["规划公示"]


def test_an_xlsx_with_bad_rows_reports_the_spreadsheets_own_row_numbers(cat, tmp_path):
    path = write_two_row_xlsx(
        tmp_path / "目录.xlsx",
        "河西区政务公开事项标准目录",
        [
            two_row_line(1, "城乡规划", "规划管理", "控制性详细规划", "两微一端", "全社会", "主动", "区级"),
            two_row_line(2, "城乡规划", "规划许可", "建设工程规划许可", "两微一端",
                         "全社会、特定群体", "主动", "区级"),
            two_row_line(3, "社会保险", "参保", "参保登记", "两微一端", "全社会", "主动", "区级"),
            two_row_line(4, "城乡规划", "规划管理", "", "两微一端", "全社会", "主动", "区级"),
        ],
    )  # fmt: skip
    before = snapshot(cat.db)

    refused = cat("item", "import", "河西", str(path))

    assert refused.exit_code == 2
    assert "2 处问题" in refused.stderr  # both audiences ticked is fine: published to both
    lines = {row: next((text for text in refused.stderr.splitlines() if f"第 {row} 行" in text), "")
             for row in (5, 6, 7)}  # fmt: skip
    assert lines[5] == ""
    assert "社会保险" in lines[6] and "--added-area 社会保险" in lines[6]
    assert "二级事项" in lines[7]
    assert "第 4 行" not in refused.stderr
    assert snapshot(cat.db) == before


def test_a_dry_run_reports_what_would_change_and_writes_nothing(cat, tmp_path):
    cat.ok("item", "import", "河西", str(write_csv(tmp_path / "first.csv", ROWS[:2])))
    changed = [
        ROWS[0],
        standard_row(1, "财政预决算", "预算公开", "部门预算", 公开主体="区财政局预算科"),
        ROWS[2],
    ]
    path = write_csv(tmp_path / "second.csv", changed)
    before = snapshot(cat.db)

    result = cat.ok("item", "import", "河西", str(path), "--dry-run")

    assert "将新增 1 项" in result.stdout and "将更新 1 项" in result.stdout
    assert "部门决算" in result.stdout
    assert "hexi-1" in result.stdout and "部门预算" in result.stdout
    assert "未写入" in result.stdout
    assert snapshot(cat.db) == before
    assert [i["subject"] for i in cat.json("item", "list")] == ["区财政局"]


def test_a_dry_run_of_a_bad_file_reports_the_problems(cat, tmp_path):
    rows = [STANDARD_HEADERS, standard_row(1, "就业创业", "招聘", "招聘会信息")]
    refused = cat("item", "import", "河西", str(write_csv(tmp_path / "bad.csv", rows)), "--dry-run")
    assert refused.exit_code == 2 and "第 2 行" in refused.stderr


def test_reimporting_the_same_file_changes_nothing(cat, tmp_path):
    path = write_csv(tmp_path / "目录.csv", ROWS)
    cat.ok("item", "import", "河西", str(path))
    before = {k: v for k, v in snapshot(cat.db).items() if k != "audit.jsonl"}

    result = cat.ok("item", "import", "河西", str(path))

    assert "新增 0 项" in result.stdout and "更新 0 项" in result.stdout
    assert "3 项没有变化" in result.stdout
    assert {k: v for k, v in snapshot(cat.db).items() if k != "audit.jsonl"} == before


def test_reimporting_a_corrected_file_adjusts_the_published_item_instead_of_duplicating(
    cat, tmp_path
):
    cat.ok("item", "import", "河西", str(write_csv(tmp_path / "河西区目录.csv", ROWS)))
    budget = _by_name(cat)["部门预算"]["id"]
    cat.ok("item", "advance", budget, "standardized")
    cat.ok("item", "advance", budget, "published", "--date", "2018-03-01",
           "--url", "http://www.tjhx.gov.cn/czyjs/1.html")  # fmt: skip
    corrected = [list(row) for row in ROWS]
    corrected[1][STANDARD_HEADERS.index("公开时限")] = "预算批复后20日内"
    path = write_csv(tmp_path / "河西区目录（修订）.csv", corrected)
    before = snapshot(cat.db)

    refused = cat("item", "import", "河西", str(path))
    assert refused.exit_code == 2 and "--reason" in refused.stderr and budget in refused.stderr
    assert snapshot(cat.db) == before
    result = cat.ok("item", "import", "河西", str(path), "--reason", "财政局调整公开时限")

    assert "新增 0 项" in result.stdout and "更新 1 项" in result.stdout
    assert len(cat.json("item", "list")) == 3
    item = show(cat, budget)
    assert item["status"] == "published"
    assert (item["published"], item["url"]) == ("2018-03-01", "http://www.tjhx.gov.cn/czyjs/1.html")
    assert item["time_limit"] == "预算批复后20日内"
    adjustment = item["history"][-1]
    assert adjustment["kind"] == "动态调整"
    assert "财政局调整公开时限" in adjustment["reason"]
    assert "河西区目录（修订）.csv" in adjustment["reason"]
    assert adjustment["changes"] == {
        "time_limit": ["信息形成或变更之日起20个工作日内", "预算批复后20日内"]
    }


def test_a_district_lead_cannot_import_into_another_district(cat_team, tmp_path):
    path = write_csv(
        tmp_path / "目录.csv", [STANDARD_HEADERS, standard_row(1, "社会救助", "低保", "低保认定")]
    )
    before = {k: v for k, v in snapshot(cat_team.db).items() if k != "audit.jsonl"}

    refused = cat_team("item", "import", "津南", str(path), login="lihua")

    assert refused.exit_code == 3
    assert {k: v for k, v in snapshot(cat_team.db).items() if k != "audit.jsonl"} == before
    cat_team.ok("item", "import", "津南", str(path), login="wangfang")
    assert [i["name"] for i in cat_team.json("item", "list")] == ["低保认定"]
