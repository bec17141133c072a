"""The Word layout of GB/T 9704-2012, read back from the .docx the writer makes from Markdown
with a front-matter block, and the PDF conversion through a stand-in LibreOffice."""

import json
import os
import shutil
import stat
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from tracker.domain.errors import InputError
from tracker.reports.docx_ooxml import CHARACTER, LINE_PITCH, TEXT_HEIGHT, TEXT_WIDTH
from tracker.reports.docx_writer import write_docx
from tracker.reports.render import write_pdf

UPWARD = {
    "type": "upward",
    "issuer": "天津市人民政府办公厅",
    "mark": "天津市人民政府办公厅",
    "doc_no": "津政办报〔2018〕12号",
    "signer": "张三",
    "draft": False,
    "title_lines": ["天津市人民政府办公厅关于", "基层政务公开标准化规范化试点工作情况的报告"],
    "to": "国务院办公厅：",
    "signature": "天津市人民政府办公厅",
    "date": "2018年9月28日",
    "attachments": ["试点区工作情况统计表", "试点区时间节点完成情况表"],
    "cc": ["市委办公厅", "市人大常委会办公厅"],
    "printer": "天津市人民政府办公厅",
    "printed": "2018年9月28日",
    "number": None,
}
BODY = """# 天津市基层政务公开标准化规范化试点工作总体报告

现将试点工作情况报告如下。

## 一、基本情况

三个试点区共梳理公开事项一千二百三十四项。

### （一）河西区

河西区成立试点工作领导小组。

#### 1. 梳理事项

共梳理事项四百一十二项。

| 试点区 | 时间节点 | 截止日期 | 文号 |
|---|---|---|---|
| 河西区 | 印发试点工作实施方案并报送市政务公开办公室审核备案 | 2018年9月28日 | 津政办函〔2017〕72号 |
| 津南区 | 编制标准目录 | 2017-08-31 | — |
"""


def document_of(tmp_path: Path, front: dict[str, object] | None, body: str = BODY) -> DocxDocument:
    head = f"<!--gbt9704\n{json.dumps(front, ensure_ascii=False)}\n-->\n" if front else ""
    path = tmp_path / "report.docx"
    write_docx(head + body, path)
    return Document(str(path))


def paragraph(document: DocxDocument, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text == text)


def indents(p: Paragraph) -> dict[str, int]:
    ind = p._p.pPr.find(qn("w:ind"))
    return {k: int(ind.get(qn(f"w:{k}"), 0)) for k in ("left", "right", "firstLine", "hanging")}


def east_asian(p: Paragraph) -> str:
    return p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.fixture
def upward(tmp_path: Path) -> DocxDocument:
    return document_of(tmp_path, UPWARD)


def test_the_page_is_a4_with_the_standard_text_block(upward: DocxDocument):
    section = upward.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert round(section.page_width.mm - 28 - 26) == 156 and round(TEXT_WIDTH / 56.69) == 156


def test_body_text_has_a_fixed_pitch_of_22_lines_of_28_characters(upward: DocxDocument):
    normal = upward.styles["Normal"]
    assert normal.paragraph_format.line_spacing_rule == 4  # EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(LINE_PITCH / 20) == Pt(28.95)
    assert TEXT_HEIGHT // LINE_PITCH == 22
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")))
    pitch = CHARACTER + spacing
    assert TEXT_WIDTH // pitch == 28
    body = paragraph(upward, "现将试点工作情况报告如下。")
    assert body.runs[0].font.size == Pt(16) and east_asian(body) == "仿宋"
    assert indents(body)["firstLine"] == 2 * CHARACTER
    assert normal.paragraph_format.alignment == 3  # justified


def test_a_line_ended_by_a_break_is_not_stretched_across_the_text_block(upward: DocxDocument):
    compat = upward.settings.element.find(qn("w:compat"))
    assert compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is not None


def test_page_numbers_sit_at_the_outside_corners(upward: DocxDocument):
    section = upward.sections[0]
    assert upward.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert "PAGE" in footer._p.xml and footer.text.startswith("— ")
        assert footer.runs[0].font.size == Pt(14) and east_asian(footer) == "宋体"
    assert odd.alignment == 2 and indents(odd)["right"] == 280
    assert even.alignment == 0 and indents(even)["left"] == 280


def test_the_masthead_of_an_upward_document(upward: DocxDocument):
    texts = [p.text for p in upward.paragraphs]
    mark = paragraph(upward, "天津市人民政府办公厅")
    assert mark.alignment == 1 and mark.runs[0].font.color.rgb == (0xFF, 0, 0)
    assert east_asian(mark) == "方正小标宋简体"
    number = paragraph(upward, "津政办报〔2018〕12号\t签发人：张三")
    assert texts.index(number.text) == texts.index(mark.text) + 3  # two lines below the mark
    assert indents(number) == {"left": 0, "right": 0, "firstLine": CHARACTER, "hanging": 0}
    tab = number._p.pPr.find(qn("w:tabs"))[0]
    assert (tab.get(qn("w:val")), int(tab.get(qn("w:pos")))) == ("right", TEXT_WIDTH - CHARACTER)
    assert (
        number.runs[-1].text == "张三"
        and number.runs[-1]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    )
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_a_downward_masthead_centres_the_number(tmp_path: Path):
    document = document_of(tmp_path, {**UPWARD, "type": "downward", "signer": None})
    number = paragraph(document, "津政办报〔2018〕12号")
    assert number.alignment == 1 and number._p.pPr.find(qn("w:pBdr")) is not None


def test_a_bulletin_masthead_has_its_issue_issuer_and_date(tmp_path: Path):
    front = {"type": "bulletin", "mark": "督办通报", "issuer": "天津市人民政府办公厅"}
    document = document_of(tmp_path, {**front, "number": "2018年第3期", "date": "2018年3月15日"})
    assert paragraph(document, "督办通报").runs[0].font.color.rgb == (0xFF, 0, 0)
    assert paragraph(document, "2018年第3期").alignment == 1
    line = paragraph(document, "天津市人民政府办公厅\t2018年3月15日")
    assert line._p.pPr.find(qn("w:pBdr")) is not None
    assert "2018年3月15日" not in [p.text for p in document.paragraphs]  # no 成文日期 again


def test_the_title_lines_and_the_flush_left_addressee(upward: DocxDocument):
    texts = [p.text for p in upward.paragraphs]
    title = paragraph(
        upward, "天津市人民政府办公厅关于\n基层政务公开标准化规范化试点工作情况的报告"
    )
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)
    assert "天津市基层政务公开标准化规范化试点工作总体报告" not in texts
    to = paragraph(upward, "国务院办公厅：")
    assert texts.index(to.text) == texts.index(title.text) + 2
    assert indents(to) == {"left": 0, "right": 0, "firstLine": 0, "hanging": 0}


def test_without_title_lines_the_heading_is_the_title(tmp_path: Path):
    document = document_of(tmp_path, {**UPWARD, "title_lines": None})
    title = paragraph(document, "天津市基层政务公开标准化规范化试点工作总体报告")
    assert title.runs[0].font.size == Pt(22)


def test_headings_take_their_level_s_face(upward: DocxDocument):
    level1, level2 = paragraph(upward, "一、基本情况"), paragraph(upward, "（一）河西区")
    level3 = paragraph(upward, "1. 梳理事项")
    assert (east_asian(level1), level1.runs[0].bold) == ("黑体", None)
    assert east_asian(level2) == "楷体" and east_asian(level3) == "仿宋"
    assert level3.runs[0].bold
    assert all(p.runs[0].font.size == Pt(16) for p in (level1, level2, level3))


def test_attachment_notes_align_their_numbered_names(upward: DocxDocument):
    first = paragraph(upward, "附件：1.试点区工作情况统计表")
    second = paragraph(upward, "2.试点区时间节点完成情况表")
    # The first line starts two characters in; every name starts at the same place.
    assert indents(first)["left"] - indents(first)["hanging"] == 2 * CHARACTER
    assert indents(first)["left"] == indents(second)["left"] == 6 * CHARACTER
    assert indents(second)["left"] - indents(second)["hanging"] == 5 * CHARACTER


def test_signature_and_date_without_a_seal(upward: DocxDocument):
    signatures = [p for p in upward.paragraphs if p.text == "天津市人民政府办公厅"]
    signature, date = signatures[-1], paragraph(upward, "2018年9月28日")
    assert signature.alignment == date.alignment == 2
    assert indents(signature)["right"] == 2 * CHARACTER
    # The date (6½ characters) starts two characters right of the 署名 (10 characters).
    assert indents(date)["right"] == round(3.5 * CHARACTER)


def test_a_long_date_keeps_two_characters_from_the_right(tmp_path: Path):
    document = document_of(tmp_path, {**UPWARD, "signature": "市政府办"})
    signature, date = paragraph(document, "市政府办"), paragraph(document, "2018年9月28日")
    assert indents(date)["right"] == 2 * CHARACTER
    assert indents(signature)["right"] == round(6.5 * CHARACTER)


def test_the_imprint_sits_at_the_foot_between_rules(upward: DocxDocument):
    imprint = upward.tables[-1]
    position = imprint._tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:vertAnchor")) == "margin"
    assert int(position.get(qn("w:tblpY"))) == TEXT_HEIGHT - 2 * LINE_PITCH
    borders = imprint._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {
        side: borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "insideH", "bottom")
    }
    assert sizes == {"top": "8", "insideH": "6", "bottom": "8"}  # 0.35 mm, 0.25 mm, 0.35 mm
    cc, printed = (row.cells[0].paragraphs[0] for row in imprint.rows)
    assert cc.text == "抄送：市委办公厅，市人大常委会办公厅。"
    assert printed.text == "天津市人民政府办公厅\t2018年9月28日印发"
    assert indents(printed)["left"] == indents(printed)["right"] == 280  # one 4号 character
    assert printed.runs[0].font.size == Pt(14)


def test_tables_keep_dates_and_numbers_whole_and_rows_together(upward: DocxDocument):
    table = upward.tables[0]
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.gridCol_lst]
    assert sum(widths) == TEXT_WIDTH
    size = 12 * 20  # 小4号 in twips
    assert widths[2] >= len("2018年9月28日") * size / 1.5  # 4 characters and 7 half-width digits
    assert widths[2] >= 6.5 * size and widths[3] >= 10.5 * size and widths[0] >= 3 * size
    cell = table.rows[1].cells[2].paragraphs[0]
    assert cell.runs[0].font.size == Pt(12) and east_asian(cell) == "仿宋"


def test_a_draft_is_marked_in_red(tmp_path: Path):
    document = document_of(tmp_path, {**UPWARD, "draft": True, "doc_no": None, "signer": None})
    mark = document.paragraphs[0]
    assert mark.text == "（草稿）" and mark.alignment == 2
    assert mark.runs[0].font.color.rgb == (0xFF, 0, 0)


def test_a_figure_is_fitted_to_the_text_width_with_its_caption(tmp_path: Path):
    picture = tmp_path / "chart.png"
    picture.write_bytes(png(40, 20))
    document = document_of(tmp_path, UPWARD, BODY + f"\n![图1 河西区事项目录进展]({picture})\n")
    shape = document.inline_shapes[0]
    assert abs(shape.width.twips - TEXT_WIDTH) <= 1
    caption = paragraph(document, "图1 河西区事项目录进展")
    assert caption.alignment == 1 and east_asian(caption) == "仿宋"


def test_a_missing_figure_is_refused(tmp_path: Path):
    with pytest.raises(InputError, match="不存在"):
        document_of(tmp_path, None, "![图1](/nowhere/chart.png)\n")


def test_without_front_matter_the_heading_is_the_title_and_no_masthead(tmp_path: Path):
    document = document_of(tmp_path, None)
    assert document.paragraphs[0].text == "天津市基层政务公开标准化规范化试点工作总体报告"
    assert len(document.tables) == 1


def test_a_broken_front_matter_is_refused_in_chinese(tmp_path: Path):
    with pytest.raises(InputError, match="JSON"):
        write_docx("<!--gbt9704\n{broken\n-->\n# 标题\n", tmp_path / "x.docx")


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError, match="libreoffice-writer-nogui"):
        write_pdf("# 标题\n", tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()


def test_pdf_is_converted_by_soffice_with_a_profile_of_its_own(tmp_path: Path, monkeypatch):
    bin_dir, log = tmp_path / "bin", tmp_path / "argv.txt"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    # A stand-in LibreOffice: records its arguments and writes <stem>.pdf into --outdir.
    fake.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{log}"\n'
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'out="$2"; src="$3"; mkdir -p "$out"\n'
        'name=$(basename "$src" .docx)\n'
        'printf "%%PDF-1.4 fake" > "$out/$name.pdf"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    write_pdf("# 标题\n\n正文。\n", tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF-1.4 fake"
    argv = log.read_text().splitlines()
    assert argv[0].startswith("-env:UserInstallation=file:///")
    assert argv[1:5] == ["--headless", "--norestore", "--convert-to", "pdf"]
    assert argv[-1].endswith("report.docx")


def png(width: int, height: int) -> bytes:
    """A white RGB PNG of ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\0" + b"\xff" * 3 * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_attachments_start_on_a_new_page_with_label_and_title(tmp_path: Path):
    body = BODY + "<!--attachments-->\n\n## 附件1\n\n### 试点区工作情况统计表\n\n正文。\n"
    document = document_of(tmp_path, UPWARD, body)
    texts = [p.text for p in document.paragraphs]
    label, title = paragraph(document, "附件1"), paragraph(document, "试点区工作情况统计表")
    assert texts.index("附件1") > texts.index("2018年9月28日")  # after the 成文日期
    assert label._p.pPr.find(qn("w:pageBreakBefore")) is not None
    assert east_asian(label) == "黑体" and indents(label)["firstLine"] == 0
    assert texts.index(title.text) == texts.index(label.text) + 2  # the 版心's third line
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)
