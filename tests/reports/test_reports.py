"""Reports rendered from the demo: every report in every format, figures equal to the JSON, the
official Word layout, escaping of user text, and user-edited templates."""

import re
import shutil

import pytest
from docx import Document

from tests.conftest import Cli
from tracker.resources import data_dir


@pytest.fixture
def demo(copy_demo, tmp_path, monkeypatch) -> Cli:
    """A copy of the pilot demo in ``./data``, so reports go to ``./exports`` under tmp_path."""
    monkeypatch.chdir(tmp_path)
    return Cli(copy_demo(tmp_path / "data"))


def report(cli: Cli, *args: str, as_of: str | None = None) -> str:
    out = cli.ok("report", *args, as_of=as_of).stdout
    return re.search(r"已生成 (\S+)", out).group(1)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_report_renders_in_every_format(demo: Cli, tmp_path, fmt):
    paths = [report(demo, "district", d, "-f", fmt) for d in ("河西", "津南", "武清")]
    paths += [
        report(
            demo, "municipal", "-f", fmt, "--doc-number", "津政办报〔2018〕12号", "--signer", "张三"
        ),
        report(demo, "bulletin", "-f", fmt),
        report(demo, "notice", "津南", "-f", fmt),
    ]
    assert paths[0] == f"exports/河西区试点工作报告-2018-03-15.{fmt}"
    for path in paths:
        assert (tmp_path / path).stat().st_size > 1000


def test_municipal_figures_equal_status_json(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "municipal", "--draft")).read_text(encoding="utf-8")
    status = demo.json("status")
    for district in status["districts"]:
        items = district["items"]
        counts = items["by_status"]
        row = (
            f"| {district['name']} | {items['total']} | {counts['published']} | "
            f"{counts['standardized']} | {counts['combed']} | {counts['withdrawn']} |"
        )
        assert row in text
    total = sum(d["items"]["total"] for d in status["districts"])
    published = sum(d["items"]["by_status"]["published"] for d in status["districts"])
    assert f"共梳理政务公开事项{total}项，其中已公开{published}项" in text
    assert "国务院办公厅：" in text and "> 天津市人民政府办公厅" in text


MUNICIPAL_SECTIONS = [
    "## 一、基本情况",
    "## 二、主要做法",
    "## 三、取得成效",
    "## 四、存在的问题",
    "## 五、下一步工作打算和在全市推广的意见",
    "## 附件1",
    "## 附件2",
]


def test_the_municipal_report_reads_as_a_report_to_the_state_council(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "municipal", "--draft")).read_text(encoding="utf-8")
    positions = [text.index(section) for section in MUNICIPAL_SECTIONS]
    assert positions == sorted(positions), "the sections come in order"
    for internal in ("预警", "红色", "黄色", "绿色", "督促检查规则", "负责人", "tracker"):
        assert internal not in text, internal
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("!["))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", prose), "dates in prose are Chinese"
    sentences = [
        line.split(". ", 1)[1].rsplit("（", 1)[0]
        for line in text.splitlines()
        if re.match(r"\d+\. ", line)
    ]
    assert len(sentences) == len(set(sentences)), "no point is made twice"
    tasks = text[text.index("## 二、主要做法") : text.index("## 三、取得成效")]
    assert ("### （一）" in tasks and "（河西区" in tasks) or "河西区）" in tasks


def test_each_districts_plan_filing_runs_on_in_the_basic_facts(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "municipal", "--draft")).read_text(encoding="utf-8")
    facts = next(line for line in text.splitlines() if line.startswith("3个试点区围绕"))
    assert "河西区于2017年8月28日报送试点实施方案" in facts
    assert facts.endswith("报送试点实施方案（武清政办〔2017〕112号）。")


def test_issuing_a_bulletin_does_not_change_the_next_reports_figures(demo: Cli, tmp_path):
    """A bulletin's number is recorded today, after the demo's as-of date; it changes no
    catalog, so the municipal report's counts (撤销 included) stay those of the day."""
    before = (tmp_path / report(demo, "municipal", "--draft")).read_text(encoding="utf-8")
    report(demo, "bulletin")
    after = (tmp_path / report(demo, "municipal", "--draft")).read_text(encoding="utf-8")

    def figures(text: str) -> list[str]:
        return re.findall(r"共梳理政务公开事项\d+项.*?。|\| 合计 \|.*", text)

    assert figures(before) and figures(after) == figures(before)


def test_a_report_to_the_state_council_needs_its_number_and_signer(demo: Cli):
    refused = demo("report", "municipal", "-f", "docx")
    assert refused.exit_code == 2
    assert "发文字号（--doc-number）" in refused.stderr and "签发人（--signer）" in refused.stderr
    assert "--draft" in refused.stderr


def test_an_early_as_of_hides_everything_after_it(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "municipal", "--draft", as_of="2017-12-01")).read_text(
        encoding="utf-8"
    )
    prose = text[: text.index("## 附件2")]
    assert "2018年" not in prose.split("## 附件1")[0].replace("2018年8月31日", "")
    assert "86分" not in text and "2018年1月19日" not in text  # the January evaluation


def test_district_area_table_equals_item_list(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "district", "wuqing")).read_text(encoding="utf-8")
    items = demo.json("item", "list", "-d", "wuqing")
    for area in {i["area"] for i in items}:
        mine = [i for i in items if i["area"] == area]
        published = sum(i["status"] == "published" for i in mine)
        label = area + ("（新增）" if mine[0]["added_area"] else "")
        assert f"| {label} | {len(mine)} | {published} |" in text
    for heading in ("## 三、存在的问题", "## 四、意见建议", "## 五、下一步工作打算"):
        assert heading in text


def test_the_bulletin_names_what_to_chase_who_and_by_when(demo: Cli, tmp_path):
    text = (tmp_path / report(demo, "bulletin")).read_text(encoding="utf-8")
    assert "| 津南区 | 优化政务公开工作流程 | 30% | 受阻：" in text
    assert "| 孙浩然 | 2018年3月25日 |" in text
    assert "1. 武清区：已 48 天未报告工作进展" in text and "整改时限：2018年3月25日" in text
    assert "## 一、逾期和临近到期的时间节点\n\n暂无。" in text
    assert "2018年第1期" in text


def test_bulletins_are_numbered_per_year_and_remembered(demo: Cli, tmp_path):
    for number in (1, 2):
        text = (tmp_path / report(demo, "bulletin")).read_text(encoding="utf-8")
        assert f"2018年第{number}期" in text
    draft = (tmp_path / report(demo, "bulletin", "--draft", "-d", "津南")).read_text("utf-8")
    assert "第3期" not in draft and "（草稿）" in draft
    assert "武清区" not in draft.split("## 一")[1]
    next_year = (tmp_path / report(demo, "bulletin", as_of="2019-01-10")).read_text("utf-8")
    assert "2019年第1期" in next_year
    issued = [e for e in demo.json("log", "--limit", "50") if e["action"] == "document.issue"]
    assert len(issued) == 3 and all(e["login"] == "zhangwei" for e in issued)


def test_a_notice_goes_to_one_district_with_its_problems_and_a_deadline(demo: Cli, tmp_path):
    path = report(demo, "notice", "津南", "--deadline", "2018年4月10日", "--cc", "市委办公厅")
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert "津南区人民政府：" in text
    assert "优化政务公开工作流程" in text and "于2018年4月10日前" in text
    assert "武清区" not in text
    assert "抄送：市委办公厅。" in text


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
    assert "### （一）主要做法\n\n正在总结试点做法。" in text
    assert "## 三、存在的问题\n\n暂未发现需要协调解决的突出问题。" in text
    assert "## 四、意见建议\n\n暂无。" in text
    assert text.count("暂无。") == 1, "no 暂无 twice in a row"


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


def test_reports_show_the_catalogs_progress_as_a_figure(demo: Cli, tmp_path):
    html_path = tmp_path / report(demo, "district", "河西", "-f", "html")
    html = html_path.read_text(encoding="utf-8")
    assert 'alt="图1　河西区政务公开事项目录编制进展（截至2018年3月15日）"' in html
    figure = html_path.with_name(f"{html_path.stem}.files") / "figure1.png"
    assert figure.stat().st_size > 10_000
    document = Document(str(tmp_path / report(demo, "municipal", "--draft", "-f", "docx")))
    assert document.inline_shapes, "the Word report embeds the figure"
    assert any(p.text.startswith("图1　全市试点区") for p in document.paragraphs)
