"""Files for people stay what they say: a note is text in every report, a stored control
character breaks no Word file or spreadsheet, and no exported cell runs as a formula."""

import csv
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import COORDINATOR, Cli
from tracker.store import open_store

ESC = "\x1b"
AS_OF = "2018-03-15"
NOTE = (
    "第一行\n# 标题\n| a | b |\n|---|---|\n- 列表\n1. 编号\n> 引用\n**粗体** [链接](http://x) &amp;"
)


@pytest.fixture
def demo(copy_demo, tmp_path, monkeypatch) -> Cli:
    """A copy of the pilot demo in ``./data``, so files go to ``./exports`` under tmp_path."""
    monkeypatch.chdir(tmp_path)
    return Cli(copy_demo(tmp_path / "data"))


def write(cli: Cli, *args: str) -> Path:
    out = cli.ok(*args).stdout
    return Path(re.search(r"(?:已生成|到) (\S+)", out).group(1))


def plant(db: Path, scope: str, table: str, key: str, **fields: object) -> None:
    """Change a stored record past every check, as an older version let control characters in."""
    with open_store(db).transaction(COORDINATOR, COORDINATOR) as tx:
        doc = tx.get(scope, table, key)
        assert doc is not None
        tx.put(scope, table, key, {**doc, **fields}, f"{table[:-1]}.update")


def plant_note(db: Path, text: str) -> None:
    with open_store(db).transaction(COORDINATOR, COORDINATOR) as tx:
        key = tx.next_id("hexi", "notes")
        note = {
            "id": key,
            "district": "hexi",
            "kind": "problem",
            "text": text,
            "date": "2018-03-01",
            "author": COORDINATOR,
        }
        tx.put("hexi", "notes", str(key), note, "note.add")


# -- reports -----------------------------------------------------------------------------------


def test_a_note_with_line_breaks_stays_text_in_the_html_report(demo: Cli):
    before = write(demo, "report", "district", "河西", "-f", "html").read_text(encoding="utf-8")
    demo.ok("note", "add", "河西", "--kind", "problem", NOTE, as_of=AS_OF)
    html = write(demo, "report", "district", "河西", "-f", "html").read_text(encoding="utf-8")

    for tag in ("<h1", "<h2", "<h3", "<table", "<blockquote", "<ul", "<ol", "<strong", "<a "):
        assert html.count(tag) == before.count(tag), tag
    assert (
        "第一行<br />\n# 标题<br />\n| a | b |<br />\n|---|---|<br />\n- 列表<br />\n1. 编号<br />\n"
        "&gt; 引用<br />\n**粗体** [链接](http://x) &amp;amp;"
    ) in html


def test_a_note_with_line_breaks_stays_text_in_the_word_report(demo: Cli):
    before = Document(str(write(demo, "report", "district", "河西", "-f", "docx")))
    demo.ok("note", "add", "河西", "--kind", "problem", NOTE, as_of=AS_OF)
    document = Document(str(write(demo, "report", "district", "河西", "-f", "docx")))

    assert len(document.tables) == len(before.tables)
    texts = [p.text for p in document.paragraphs]
    assert "标题" not in texts and "# 标题" not in texts
    (mine,) = [t for t in texts if "第一行" in t]
    assert re.match(r"\d+\. 第一行\n", mine)
    assert mine.partition(" ")[2].startswith(
        "第一行\n# 标题\n| a | b |\n|---|---|\n- 列表\n1. 编号\n> 引用\n"
    )
    assert mine.endswith("**粗体** [链接](http://x) &amp;。")


def test_a_note_in_a_table_cell_keeps_the_table_whole(demo: Cli):
    demo.ok("task", "update", "河西", "梳理", "--status", "受阻", "--note", "受阻\n| x | y |\n说明",
            as_of=AS_OF)  # fmt: skip
    text = write(demo, "report", "bulletin", "--draft").read_text(encoding="utf-8")
    html = write(demo, "report", "bulletin", "--draft", "-f", "html").read_text(encoding="utf-8")

    (row,) = [line for line in text.splitlines() if "受阻 ｜" in line]
    assert row.startswith("| ") and row.endswith(" |")
    assert "受阻 ｜ x ｜ y ｜ 说明" in html


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_stored_control_character_breaks_no_report(demo: Cli, fmt):
    plant_note(demo.db, f"前\x01后{ESC}[31m红\x0b字")
    plant(demo.db, "hexi", "tasks", "comb", note=f"备\x00注{ESC}")
    path = write(demo, "report", "district", "河西", "-f", fmt)

    if fmt == "docx":
        document = Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    else:
        # Markdown shows a bracket escaped, as \[ (HTML and Word show it plain).
        text = path.read_text(encoding="utf-8").replace("\\[", "[")
    assert "前后[31m红字" in text
    assert "备注" in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_the_bulletin_and_municipal_report_survive_stored_control_characters(demo: Cli):
    plant_note(demo.db, "建议\x01增加人手")
    for kind in ("municipal", "bulletin"):
        document = Document(str(write(demo, "report", kind, "--draft", "-f", "docx")))
        assert document.paragraphs


# -- catalog exports ---------------------------------------------------------------------------

FORMULAS = {
    "name": '=HYPERLINK("http://evil.example","点击")',
    "content": "+1+1",
    "basis": "-2+3",
    "subject": "@SUM(A1:A2)",
    "time_limit": "\t=1+1",
}


@pytest.fixture
def formulas(demo: Cli) -> Cli:
    """河西's first item with text that reads as a formula in five cells."""
    plant(demo.db, "hexi", "items", "hexi-1", **FORMULAS)
    return demo


@pytest.fixture
def controls(demo: Cli) -> Cli:
    """河西's first item with control characters in its topic, as an older version let in."""
    plant(demo.db, "hexi", "items", "hexi-1", topic=f"规划{ESC}[2J编制\x00")
    return demo


def test_an_xlsx_export_holds_no_formula_and_keeps_the_text(formulas: Cli):
    path = write(formulas, "item", "export", "河西", "-o", "目录.xlsx")
    cells = [cell for row in load_workbook(path).active.iter_rows() for cell in row]

    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    for text in FORMULAS.values():
        assert text in values
    assert all(cell.quotePrefix for cell in cells if cell.value in FORMULAS.values())


def test_a_csv_export_starts_no_cell_with_a_formula_character(formulas: Cli):
    path = write(formulas, "item", "export", "河西", "-o", "目录.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]

    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for text in FORMULAS.values():
        assert f"'{text}" in cells


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "html"])
def test_an_export_drops_stored_control_characters(controls: Cli, fmt):
    path = write(controls, "item", "export", "河西", "-o", f"目录.{fmt}")

    if fmt == "xlsx":
        text = "\n".join(
            str(cell.value) for row in load_workbook(path).active.iter_rows() for cell in row
        )
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert "规划[2J编制" in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
