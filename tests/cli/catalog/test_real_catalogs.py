"""Catalogs as counties and towns published them (tests/fixtures/catalogs, sources in its
README): each imports with no hand editing, every element in its field, and an export of the
result imports back unchanged."""

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

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
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_of_an_imported_catalog_imports_back_unchanged(cli: Cli, tmp_path, name, fmt):
    cli.ok("item", "import", "河西", str(FIXTURES / name), *ADDED)
    before = imported(cli)
    out = tmp_path / f"导出.{fmt}"
    cli.ok("item", "export", "河西", "-f", fmt, "-o", str(out))

    again = cli.ok("item", "import", "河西", str(out), *ADDED)

    assert f"已新增 0 项，已更新 0 项，{len(before)} 项没有变化" in again.stdout
    assert imported(cli) == before
