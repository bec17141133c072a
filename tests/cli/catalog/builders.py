"""Building catalog items through the CLI, and catalog files in the encodings districts send."""

import csv
import io
import re
from pathlib import Path

from tests.conftest import Cli

FULL = {
    "--content": "控制性详细规划批前公示、批后公布",
    "--basis": "《中华人民共和国城乡规划法》",
    "--subject": "区规划局",
    "--time-limit": "信息形成或变更之日起20个工作日内",
    "--mode": "主动",
}
"""Every required element except the name (and the area, which every item has)."""

STANDARD_HEADERS = [
    "序号",
    "领域",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
]


def add(cli: Cli, district: str, area: str, name: str, *extra: str, full=True, **kw) -> str:
    """Add an item through ``tracker item add`` and return its id."""
    args = ["item", "add", district, "--area", area, "--name", name]
    if full:
        for option, value in FULL.items():
            args += [option, value]
    result = cli.ok(*args, *extra, **kw)
    return re.search(r"已登记事项 (\S+)", result.stdout).group(1)


def show(cli: Cli, item_id: str) -> dict:
    return cli.json("item", "show", item_id)


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    """A CSV file as Excel or WPS saves it: the exact bytes of ``encoding``."""
    path.write_bytes(csv_text(rows).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A one-sheet workbook with a single header row."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def standard_row(seq: int, area: str, topic: str, name: str, **overrides: str) -> list[str]:
    """A full row under ``STANDARD_HEADERS``."""
    values = {
        "序号": str(seq),
        "领域": area,
        "一级事项": topic,
        "二级事项": name,
        "公开内容（要素）": f"{name}的内容",
        "公开依据": "《中华人民共和国政府信息公开条例》",
        "公开时限": "信息形成或变更之日起20个工作日内",
        "公开主体": "区财政局",
        "公开渠道和载体": "政府网站、两微一端",
        "公开对象": "全社会",
        "公开方式": "主动",
        "公开层级": "区级",
    }
    values.update(overrides)
    return [values[header] for header in STANDARD_HEADERS]


TWO_ROW_TOP = [
    "序号",
    "领域",
    "公开事项",
    None,
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    None,
    "公开方式",
    None,
    "公开层级",
    None,
]
TWO_ROW_SUB = [
    None,
    None,
    "一级事项",
    "二级事项",
    None,
    None,
    None,
    None,
    None,
    "全社会",
    "特定群体",
    "主动",
    "依申请",
    "区级",
    "街乡镇级",
]


def two_row_line(
    seq: int,
    area: str,
    topic: str,
    name: str,
    channels: str,
    audience: str,
    mode: str,
    level: str,
) -> list[object]:
    """A data row of the published layout: ticks (√) under 公开对象, 公开方式 and 公开层级."""

    def ticks(chosen: str, options: tuple[str, str]) -> list[str | None]:
        return ["√" if option in chosen else None for option in options]

    return [
        seq,
        area,
        topic,
        name,
        f"{name}的办理结果",
        "《中华人民共和国城乡规划法》",
        "自作出决定之日起7个工作日内",
        "区规划局",
        channels,
        *ticks(audience, ("全社会", "特定群体")),
        *ticks(mode, ("主动", "依申请")),
        *ticks(level, ("区级", "街乡镇级")),
    ]


def write_two_row_xlsx(path: Path, title: str, lines: list[list[object]]) -> Path:
    """The standard catalog's published layout: a merged title row, then two header rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = title
    sheet.merge_cells("A1:O1")
    sheet.append(TWO_ROW_TOP)
    sheet.append(TWO_ROW_SUB)
    for column in "ABEFGHI":
        sheet.merge_cells(f"{column}2:{column}3")
    for first, last in ("CD", "JK", "LM", "NO"):
        sheet.merge_cells(f"{first}2:{last}2")
    for line in lines:
        sheet.append(line)
    workbook.save(path)
    return path
