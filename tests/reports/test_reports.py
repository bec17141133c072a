"""Reports rendered from the demo: every report in every format, figures equal to the JSON, the
official Word layout, escaping of user text, and user-edited templates."""

import re
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.conftest import Cli
from tracker.resources import data_dir


@pytest.fixture
def demo(copy_demo, tmp_path, monkeypatch) -> Cli:
    """A copy of the pilot demo in ``./data``, so reports go to ``./exports`` under tmp_path."""
    monkeypatch.chdir(tmp_path)
    return Cli(copy_demo(tmp_path / "data"))


def report(cli: Cli, *args: str) -> str:
    out = cli.ok("report", *args).stdout
    return re.search(r"已生成 (\S+)", out).group(1)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_report_renders_in_every_format(demo: Cli, tmp_path, fmt):
    paths = [report(demo, "district", d, "-f", fmt) for d in ("河西", "津南", "武清")]
    paths += [report(demo, "municipal", "-f", fmt), report(demo, "bulletin", "-f", fmt)]
    assert paths[0] == f"exports/河西区试点工作报告-2018-03-15.{fmt}"
    for path in paths:
        assert (tmp_path / path).stat().st_size > 1000


def test_municipal_figures_equal_status_json(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "municipal")).read_text(encoding="utf-8")
    status = demo.json("status")
    for district in status["districts"]:
        items = district["items"]
        counts = items["by_status"]
        row = (
            f"| {district['name']} | {'红黄绿'[['red', 'yellow', 'green'].index(district['alert'])]} | "
            f"{items['total']} | {counts['published']} | {counts['standardized']} | {counts['combed']} | "
            f"{items['missing_elements']} |"
        )
        assert row in text
    total = sum(d["items"]["total"] for d in status["districts"])
    published = sum(d["items"]["by_status"]["published"] for d in status["districts"])
    assert f"共梳理公开事项 {total} 项，其中已公开 {published} 项" in text
    assert "国务院办公厅：" in text and "> 天津市人民政府办公厅" in text


def test_district_area_table_equals_item_list(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "district", "wuqing")).read_text(encoding="utf-8")
    items = demo.json("item", "list", "-d", "wuqing")
    for area in {i["area"] for i in items}:
        mine = [i for i in items if i["area"] == area]
        published = sum(i["status"] == "published" for i in mine)
        label = area + ("（新增）" if mine[0]["added_area"] else "")
        assert f"| {label} | {len(mine)} | {published} |" in text
    assert "## 三、存在的问题及建议" in text


def test_the_bulletin_names_what_to_chase_and_who(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "bulletin")).read_text(encoding="utf-8")
    assert "| 津南区 | 优化政务公开工作流程 | 30% | 受阻：" in text and "| 孙浩然 |" in text
    assert "- 武清区：已 48 天未报告工作进展" in text
    assert "## 一、逾期和临近到期的时间节点\n\n暂无。" in text


def test_the_word_report_has_the_official_layout(demo: Cli, tmp_path):
    document = Document(str(tmp_path / report(demo, "municipal", "-f", "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [37, 35, 28, 26]
    runs = [run for p in document.paragraphs for run in p.runs]
    runs += [
        run
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)
    title = document.paragraphs[0]
    assert title.text == "天津市基层政务公开标准化规范化试点工作总体报告"
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    fonts = {
        p.text: p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))
        for p in document.paragraphs
        if p.runs
    }
    assert fonts["一、试点工作总体情况"] == "黑体"
    assert fonts["（一）河西区"] == "楷体"
    body = next(p for p in document.paragraphs if p.text.startswith("3 个试点区共梳理"))
    assert body.runs[0].font.size == Pt(16) and fonts[body.text] == "仿宋"
    assert (
        document.tables and document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    )
    assert "PAGE" in section.footer._element.xml
    assert (
        document.paragraphs[-1].alignment == 2
        and "天津市人民政府办公厅" in document.paragraphs[-1].text
    )


def test_user_text_is_escaped_in_html(demo: Cli, tmp_path):
    demo.ok("note", "add", "河西", "--kind", "problem", "<script>alert(1)</script> 人手 & 经费不足")
    html = (tmp_path / report(demo, "district", "河西", "-f", "html")).read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 人手 &amp; 经费不足" in html


def test_a_district_without_notes_gets_an_honest_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli = Cli(tmp_path / "data")
    cli.ok("init")
    text = (tmp_path / report(cli, "district", "hexi")).read_text(encoding="utf-8")
    for heading in (
        "### （一）主要做法",
        "### （二）取得成效",
        "### （一）存在的问题",
        "### （二）意见建议",
    ):
        assert f"{heading}\n\n暂无。" in text


def test_an_edited_template_is_used_and_a_broken_one_is_a_clear_error(demo: Cli, tmp_path):
    mine = tmp_path / "mine"
    shutil.copytree(data_dir("templates"), mine)
    template = mine / "district_report.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("试点工作报告", "试点工作总结报告", 1),
        encoding="utf-8",
    )
    text = (tmp_path / report(demo, "district", "河西", "--templates", str(mine))).read_text(
        encoding="utf-8"
    )
    assert text.startswith("# 河西区基层政务公开标准化规范化试点工作总结报告")

    template.write_text("# {{ district.name }\n", encoding="utf-8")
    broken = demo("report", "district", "河西", "--templates", str(mine))
    template.write_text("# {{ district.nickname }}\n", encoding="utf-8")
    undefined = demo("report", "district", "河西", "--templates", str(mine))
    for result in (broken, undefined):
        assert result.exit_code == 2 and "模板 district_report.md.j2 有错误" in result.stderr
        assert "Traceback" not in result.stderr
