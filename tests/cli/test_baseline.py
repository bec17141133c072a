"""Departments' basic catalogs (基本目录) and the districts' catalogs compared with them (issue 14,
part 5). The rows are real: the basic catalog is the 城乡规划 catalog 江门市蓬江区 published
(`pengjiang-cxgh` in tests/fixtures/catalogs/rows.json, five rows), and 河西 has two rows of
the 城乡规划 catalog that `qianlima-cxgh` reprints, with one 蓬江 row of its own wording."""

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.catalog.writing import write_csv
from tracker.domain.items import Item

ROWS = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "catalogs" / "rows.json").read_text("utf-8")
)["rows"]


def catalog(path: Path, rows: list[dict]) -> Path:
    """The rows as a catalog file in the export's columns (new items: no 编号)."""
    items = [
        Item(
            id="", district="", area=r["area"], name=r["name"], topic=r["topic"],
            content=r["content"], basis=r["basis"], time_limit=r["time_limit"],
            subject=r["subject"], channels=r["channels"], audience="全社会", mode="主动",
        )
        for r in rows
    ]  # fmt: skip
    write_csv(items, path)
    return path


def rows_of(source: str) -> list[dict]:
    return [r for r in ROWS if r["source"] == source]


@pytest.fixture
def planning(team: Cli, tmp_path) -> Cli:
    """市规划局's liaison has loaded the 城乡规划 basic catalog; 河西 has three items of it."""
    team.ok("person", "add", "赵明", "--login", "zhaoming", "--role", "部门联络员",
            "--department", "市规划局")  # fmt: skip
    team.ok("person", "add", "钱红", "--login", "qianhong", "--role", "部门联络员",
            "--department", "天津市民政局")  # fmt: skip
    basic = catalog(tmp_path / "城乡规划基本目录.csv", rows_of("pengjiang-cxgh"))
    team.ok("baseline", "import", str(basic), login="zhaoming", as_of="2018-01-10")
    own = [
        *rows_of("qianlima-cxgh"),
        {**rows_of("pengjiang-cxgh")[3], "time_limit": "规划批准后20个工作日内"},
    ]
    team.ok("item", "import", "河西", str(catalog(tmp_path / "河西.csv", own)),
            login="lihua", as_of="2018-01-20")  # fmt: skip
    return team


def test_a_district_lacking_basic_items_is_yellow_with_the_count(planning: Cli):
    (compared,) = planning.json("baseline", "compare", "-d", "河西", as_of="2018-03-01")
    assert (compared["area"], compared["department_name"]) == ("城乡规划", "天津市规划局")
    assert (compared["baseline_items"], compared["district_items"], compared["matched"]) == (
        5, 3, 3,
    )  # fmt: skip
    # 蓬江's 「法规 文件」 and 「政民 互动」 are the reprint's 「法规文件」 and 「政民互动」.
    assert compared["missing"] == ["办事 服务", "部分村庄编制完成的村庄规划、村土地利用规划"]
    assert compared["added"] == []
    by_name = {d["name"]: d for d in compared["differing"]}
    assert by_name["同级的土地利用规划"]["fields"] == ["time_limit"]
    assert by_name["同级的土地利用规划"]["district"]["time_limit"] == "规划批准后20个工作日内"
    hexi = next(d for d in planning.json("status", as_of="2018-03-01")["districts"]
                if d["id"] == "hexi")  # fmt: skip
    assert "缺少市有关部门基本目录中的 2 个事项（城乡规划 2）" in hexi["alert_reasons"]
    # Looking back before the basic catalog was loaded (2018-01-10): nothing was owed yet.
    before = next(d for d in planning.json("status", as_of="2018-01-09")["districts"]
                  if d["id"] == "hexi")  # fmt: skip
    assert not any("基本目录" in r for r in before["alert_reasons"])


def test_only_liaisons_and_coordinators_load_basic_catalogs_and_refusals_are_logged(
    planning: Cli, tmp_path
):
    basic = catalog(tmp_path / "lead.csv", rows_of("pengjiang-cxgh"))
    for args in (("baseline", "import", str(basic)), ("baseline", "guide", "河西", "x")):
        refused = planning(*args, login="lihua", as_of="2018-02-01")
        assert refused.exit_code == 3 and "只有市有关部门联络员和协调员可以" in refused.stderr
    denied = [e for e in planning.json("log", "--limit", "10") if e.get("denied")]
    assert [e["action"] for e in denied[:2]] == ["guidance.add", "item.import"]


def test_a_department_is_refused_on_another_departments_catalog(planning: Cli, tmp_path):
    basic = catalog(tmp_path / "again.csv", rows_of("pengjiang-cxgh"))
    refused = planning("baseline", "import", str(basic), "--department", "市规划局",
                       login="qianhong", as_of="2018-02-01")  # fmt: skip
    assert refused.exit_code == 3
    assert (
        "钱红（天津市民政局联络员）只能修改天津市民政局的基本目录，不能修改天津市规划局的基本目录"
        in (refused.stderr)
    )
    wrong_area = planning("baseline", "import", str(basic), login="qianhong", as_of="2018-02-01")
    assert wrong_area.exit_code == 2 and "城乡规划" in wrong_area.stderr
    district = planning("item", "add", "河西", "--area", "城乡规划", "--name", "x",
                        login="zhaoming", as_of="2018-02-01")  # fmt: skip
    assert district.exit_code == 3
    denied = [e for e in planning.json("log", "--limit", "50") if e.get("denied")]
    assert {(e["login"], e["scope"]) for e in denied} >= {
        ("qianhong", "dept-planning"), ("zhaoming", "hexi"),
    }  # fmt: skip
    (listed,) = [b for b in planning.json("baseline", "list") if b["area"] == "城乡规划"]
    assert listed["items"] == 5, "the refused imports changed nothing"


def test_the_reports_show_the_comparison_and_the_guidance(planning: Cli, tmp_path):
    planning.ok("baseline", "guide", "河西", "逐项核对城乡规划领域基本目录，补齐办事服务事项",
                login="zhaoming", as_of="2018-02-05")  # fmt: skip
    report = tmp_path / "河西.md"
    planning.ok("report", "district", "河西", "-o", str(report), as_of="2018-03-01")
    text = report.read_text(encoding="utf-8")
    assert (
        "1. 城乡规划领域：天津市规划局基本目录5项，本区目录3项，其中一致3项，缺少2项（办事 服务、"
        "部分村庄编制完成的村庄规划、村土地利用规划），公开依据、时限或渠道与基本目录不同的"
    ) in text
    assert (
        "天津市规划局2018年2月5日对接指导：逐项核对城乡规划领域基本目录，补齐办事服务事项。" in text
    )
    municipal = tmp_path / "总体.md"
    planning.ok("report", "municipal", "--draft", "-o", str(municipal), as_of="2018-03-01")
    (compared,) = planning.json("baseline", "compare", as_of="2018-03-01")
    row = f"| 河西区 | 城乡规划 | 5 | 3 | 2 | 0 | {len(compared['differing'])} |"
    assert row in municipal.read_text(encoding="utf-8")
    assert planning.json("db", "check")["ok"]


def test_db_check_reads_the_departments_records(planning: Cli):
    planning.ok("baseline", "guide", "河西", "补齐事项", login="zhaoming", as_of="2018-02-05")
    assert planning.json("db", "check")["ok"]
    damaged = planning.db / "districts" / "dept-planning.json"
    text = damaged.read_text(encoding="utf-8")
    damaged.write_text(text.replace('"hexi"', '"nowhere"'), encoding="utf-8")
    report = planning("db", "check")
    assert report.exit_code != 0
    assert "没有区 nowhere" in report.stdout + report.stderr


def test_a_published_catalog_of_several_areas_is_refused_for_the_areas_not_owed(planning: Cli):
    """A real multi-area catalog (tests/fixtures/catalogs/channels.xlsx): a department takes
    only its own areas, and no 新增领域 column or option lets it add another."""
    fixture = Path(__file__).parents[1] / "fixtures" / "catalogs" / "channels.xlsx"
    before = planning.json("baseline", "list")
    refused = planning("baseline", "import", str(fixture), login="zhaoming", as_of="2018-02-01")
    assert refused.exit_code == 2
    assert "不是天津市规划局负责的领域（城乡规划），基本目录只收本部门负责的领域" in refused.stderr
    assert "--added-area" not in refused.stderr
    assert planning.json("baseline", "list") == before
