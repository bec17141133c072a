"""Should python-calamine replace openpyxl for reading catalog workbooks? (issue 11, point 7)

Run it in a separate virtual environment (xlrd, which it compares for .xls, is no project
dependency), with the byte-code cache enabled as on a user's machine:

    python3 -m venv /tmp/calvenv
    /tmp/calvenv/bin/pip install python-calamine openpyxl xlrd
    env -u PYTHONDONTWRITEBYTECODE /tmp/calvenv/bin/python bench/calamine_vs_openpyxl.py \
        [--rounds 7] [--keep DIR]

It builds, with openpyxl, (a) a 5,000-row one-sheet catalog (16 columns of Chinese text,
a title row, the two-row merged header, 一级事项 merged over 3-8 rows, 领域 merged over its
block) and (b) a 26-sheet workbook, one sheet per area, 100 rows each. When ``soffice`` is
on the PATH it converts (a) to .xls, and saves (a) and (b) again as .xlsx the way Excel, WPS
and LibreOffice write them (a shared-string table, where openpyxl writes inline strings).
Then it times, in interleaved rounds, every way of reading them (medians), the import time
of each library, checks that calamine and openpyxl give the same text, and prints what each
reader makes of dates, numbers, booleans and multi-line cells, and of a forged workbook.

``catalog_sheets_bench.py`` reuses the generator (``write_catalog``, ``five_thousand``,
``per_area``) to time the tracker's own import. Not part of the test suite.
"""

import argparse
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any

DISTRICT = "河西区"
DISTRICT_AREAS = {
    "城乡规划",
    "重大建设项目",
    "财政预决算",
    "税收管理",
    "环境保护",
    "食品药品监管",
    "安全生产",
    "公共文化服务",
    "公共法律服务",
}
"""河西's focal areas in the Tianjin plan; an item of another area is marked 新增领域."""
AREAS = [
    "城乡规划",
    "重大建设项目",
    "公共资源交易",
    "财政预决算",
    "安全生产",
    "税收管理",
    "征地补偿",
    "国有土地上房屋征收与补偿",
    "环境保护",
    "公共文化服务",
    "公共法律服务",
    "扶贫",
    "救灾",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "就业",
    "社会保险",
    "医疗卫生",
    "食品药品监管",
    "城市综合执法",
    "保障性住房",
    "农村危房改造",
    "市政服务",
    "义务教育",
]
"""The 26 areas of the State Council's 基层政务公开标准指引."""

# (top header, sub header or None): a title row above, then the standard two-row header.
HEADER = [
    ("序号", None),
    ("领域", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开内容（要素）", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道和载体", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群体"),
    ("公开方式", "主动"),
    ("公开方式", "依申请"),
    ("公开层级", "区级"),
    ("公开层级", "街乡镇级"),
    ("新增领域", None),
]
FIRST_DATA_ROW = 4

_TOPICS = [
    "规划管理",
    "项目审批",
    "行政许可",
    "行政处罚",
    "监督检查",
    "资金管理",
    "政策文件",
    "办事服务",
    "信息发布",
    "专项工作",
    "应急管理",
    "结果公开",
]
_ACTS = [
    "建设工程规划许可证核发",
    "建设用地规划许可证核发",
    "乡村建设规划许可证核发",
    "批前公示",
    "批后公布",
    "年度计划",
    "实施情况",
    "监督检查结果",
    "行政处罚决定",
    "补助资金发放",
    "申请条件及办理流程",
    "政策解读",
    "投诉举报处理",
    "资格认定结果",
    "招标公告",
    "中标结果",
    "合同订立及履行情况",
    "预算执行情况",
]
_ELEMENTS = [
    "项目名称",
    "建设单位",
    "建设地点",
    "用地面积",
    "建筑面积",
    "容积率",
    "绿地率",
    "建筑密度",
    "规划总平面图",
    "审批部门",
    "审批文号",
    "审批时间",
    "办理依据",
    "申请条件",
    "申报材料",
    "办理流程",
    "办理时限",
    "收费标准",
    "咨询电话",
    "监督投诉渠道",
    "补助对象",
    "补助标准",
    "发放金额",
    "资金来源",
    "处罚对象",
    "违法事实",
    "处罚依据",
    "处罚结果",
    "公示期限及意见反馈方式",
]
_LAWS = [
    "《中华人民共和国政府信息公开条例》第十九条、第二十条",
    "《中华人民共和国城乡规划法》第八条、第四十条",
    "《中华人民共和国行政许可法》第三十条",
    "《中华人民共和国行政处罚法》第四十八条",
    "《中华人民共和国预算法》第十四条",
    "《中华人民共和国招标投标法实施条例》第二十二条",
    "《社会救助暂行办法》第六十条",
    "《天津市城乡规划条例》第三十五条",
    "《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）",
    "《优化营商环境条例》第三十七条",
]
_TIME_LIMITS = [
    "自信息形成或者变更之日起20个工作日内",
    "审批完成后7个工作日内",
    "每年3月31日前公开上一年度情况",
    "批准后20个工作日内",
    "处罚决定作出之日起7个工作日内",
    "实时公开，信息变更后及时更新",
]
_CHANNELS = [
    "政府网站",
    "两微一端",
    "政务服务中心",
    "公开查阅点",
    "社区/村公示栏（电子屏）",
    "便民服务站",
    "纸质媒体",
    "发布会/听证会",
]


def _joined(rng: random.Random, pool: list[str], low: int, high: int, sep: str = "、") -> str:
    """Phrases from ``pool`` joined by ``sep``: between ``low`` and ``high`` characters."""
    goal = rng.randint(low, high)
    text = ""
    while len(text) < goal:
        text += (sep if text else "") + rng.choice(pool)
    return text[:high]


def _channels(rng: random.Random) -> str:
    """A ■/□ checkbox list one a line, as many published catalogs have, or a 、 list."""
    chosen = rng.sample(_CHANNELS, rng.randint(1, 3))
    if rng.random() < 0.5:
        return "\n".join(("■" if name in chosen else "□") + name for name in _CHANNELS[:5])
    return "、".join(chosen)


def area_rows(area: str, count: int, rng: random.Random) -> list[tuple[list[str], int]]:
    """``count`` data rows of one area, each with the size of its 一级事项 group (first row
    of a group only; 0 for the rows under it, whose 一级事项 cell is blank as in Excel)."""
    rows: list[tuple[list[str], int]] = []
    while len(rows) < count:
        span = min(rng.randint(3, 8), count - len(rows))
        topic = f"{area}{rng.choice(_TOPICS)}（{len(rows) // 3 + 1}）"
        for k in range(span):
            number = len(rows) + 1
            audience, mode, level = rng.random() < 0.8, rng.random() < 0.85, rng.random() < 0.6
            row = [
                "",  # 序号, filled when the sheet is written
                area,
                topic if k == 0 else "",
                f"{rng.choice(_ACTS)}（第{number}项）",
                _joined(rng, _ELEMENTS, 60, 200),
                _joined(rng, _LAWS, 60, 200, sep="；"),
                rng.choice(_TIME_LIMITS),
                f"{DISTRICT}{area}主管部门",
                _channels(rng),
                "√" if audience else "",
                "" if audience else "√",
                "√" if mode else "",
                "" if mode else "√",
                "√" if level else "",
                "" if level else "√",
                "" if area in DISTRICT_AREAS else "是",
            ]
            rows.append((row, span if k == 0 else 0))
    return rows


def write_catalog(path: Path, sheets: list[tuple[str, str, list[tuple[list[str], int]]]]) -> None:
    """A workbook laid out as districts publish it: per sheet (name, title, rows), a merged
    title row, the merged two-row header, 一级事项 merged down its group and 领域 down each
    run of one area."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    workbook.remove(workbook.active)
    wrapped = Alignment(vertical="top", wrap_text=True)
    width = len(HEADER)
    for name, title, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.cell(1, 1, title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        column = 1
        while column <= width:
            top, sub = HEADER[column - 1]
            span = 1
            while sub and column + span <= width and HEADER[column + span - 1][0] == top:
                span += 1
            sheet.cell(2, column, top)
            if sub:
                for offset in range(span):
                    sheet.cell(3, column + offset, HEADER[column + offset - 1][1])
                if span > 1:
                    sheet.merge_cells(
                        start_row=2, start_column=column, end_row=2, end_column=column + span - 1
                    )
            else:
                sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
            column += span
        area_start = FIRST_DATA_ROW
        for index, (row, span) in enumerate(rows):
            at = FIRST_DATA_ROW + index
            values = [str(index + 1), *row[1:]]
            if index and values[1] == rows[index - 1][0][1]:
                values[1] = ""  # 领域 is written once per run and merged down
            for column, value in enumerate(values, 1):
                if value:
                    cell = sheet.cell(at, column, value)
                    if "\n" in value:
                        cell.alignment = wrapped
            if span > 1:
                sheet.merge_cells(start_row=at, start_column=3, end_row=at + span - 1, end_column=3)
            last = index + 1 == len(rows) or rows[index + 1][0][1] != row[1]
            if last:
                if at > area_start:
                    sheet.merge_cells(
                        start_row=area_start, start_column=2, end_row=at, end_column=2
                    )
                area_start = at + 1
    workbook.save(path)


def five_thousand(path: Path, seed: int = 1) -> Path:
    """The 5,000-row one-sheet catalog: the 26 areas one after another."""
    rng = random.Random(seed)
    rows: list[tuple[list[str], int]] = []
    for n, area in enumerate(AREAS):
        rows += area_rows(area, 5000 // len(AREAS) + (n < 5000 % len(AREAS)), rng)
    write_catalog(path, [("标准目录", f"{DISTRICT}基层政务公开标准目录", rows)])
    return path


def per_area(path: Path, seed: int = 2, rows_per_sheet: int = 100) -> Path:
    """The 26-sheet workbook: a sheet per area named after it, the area in its title too."""
    rng = random.Random(seed)
    write_catalog(
        path,
        [
            (
                area,
                f"{DISTRICT}{area}领域基层政务公开标准目录",
                area_rows(area, rows_per_sheet, rng),
            )
            for area in AREAS
        ],
    )
    return path


# ---- readers: each returns (rows, non-empty cells, merged ranges) over every sheet ---------


def openpyxl_read_only(path: Path) -> tuple[int, int, int]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = cells = 0
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows += 1
            cells += sum(value is not None for value in values)
    workbook.close()
    return rows, cells, 0


def openpyxl_read_only_merges(path: Path) -> tuple[int, int, int]:
    """What the tracker does today: read-only rows, then the merges from each sheet's XML."""
    from openpyxl import load_workbook
    from openpyxl.xml.functions import iterparse

    tag = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = cells = merges = 0
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows += 1
            cells += sum(value is not None for value in values)
        with sheet._get_source() as source:
            for _, element in iterparse(source):
                if element.tag == tag and element.get("ref"):
                    merges += 1
                element.clear()
    workbook.close()
    return rows, cells, merges


def openpyxl_normal(path: Path) -> tuple[int, int, int]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True)
    rows = cells = merges = 0
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows += 1
            cells += sum(value is not None for value in values)
        merges += len(sheet.merged_cells.ranges)
    workbook.close()
    return rows, cells, merges


def calamine(path: Path) -> tuple[int, int, int]:
    """The brief's call: ``to_python()`` with its defaults, plus the merged ranges."""
    from python_calamine import CalamineWorkbook

    rows = cells = merges = 0
    with CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            for values in sheet.to_python():
                rows += 1
                cells += sum(value != "" for value in values)
            merges += len(sheet.merged_cell_ranges or ())
    return rows, cells, merges


def xlrd_read(path: Path, formatting: bool) -> tuple[int, int, int]:
    """xlrd fills ``merged_cells`` only with ``formatting_info=True``."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=formatting, on_demand=True)
    rows = cells = merges = 0
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        for number in range(sheet.nrows):
            rows += 1
            cells += sum(value != "" for value in sheet.row_values(number))
        merges += len(sheet.merged_cells)
        book.unload_sheet(index)
    book.release_resources()
    return rows, cells, merges


READERS: dict[str, Callable[[Path], tuple[int, int, int]]] = {
    "openpyxl read-only": openpyxl_read_only,
    "openpyxl read-only + merges (tracker)": openpyxl_read_only_merges,
    "openpyxl normal (merged_cells)": openpyxl_normal,
    "calamine to_python + merges": calamine,
}
XLS_READERS: dict[str, Callable[[Path], tuple[int, int, int]]] = {
    "calamine .xls + merges": calamine,
    "xlrd .xls (formatting_info: merges)": lambda path: xlrd_read(path, True),
    "xlrd .xls (no merges)": lambda path: xlrd_read(path, False),
}


def interleaved(
    jobs: list[tuple[str, Path, Callable[[Path], tuple[int, int, int]]]], rounds: int
) -> dict[str, tuple[float, tuple[int, int, int]]]:
    """Median seconds of each job, the jobs run round-robin so background load hits all alike."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in jobs}
    counts: dict[str, tuple[int, int, int]] = {}
    for _, path, reader in jobs:  # warm-up: imports, page cache
        reader(path)
    for n in range(rounds):
        order = jobs[n % len(jobs) :] + jobs[: n % len(jobs)]
        for label, path, reader in order:
            gc.collect()
            start = time.perf_counter()
            counts[label] = reader(path)
            times[label].append(time.perf_counter() - start)
    return {label: (statistics.median(times[label]), counts[label]) for label in times}


def import_times(modules: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    """Per module: the median wall time of ``python -c 'import M'`` less ``python -c pass``,
    and the cumulative microseconds ``-X importtime`` gives the module itself."""
    walls: dict[str, list[float]] = {name: [] for name in ["", *modules]}
    for _ in range(rounds + 1):  # the first round writes the byte-code caches
        for name in walls:
            code = f"import {name}" if name else "pass"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            walls[name].append(time.perf_counter() - start)
    floor = statistics.median(walls[""][1:])
    result = {}
    for name in modules:
        report = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {name}"],
            check=True,
            capture_output=True,
            text=True,
        ).stderr
        cumulative = 0.0
        for line in report.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[2].strip() == name:
                cumulative = int(parts[1]) / 1000
        result[name] = (statistics.median(walls[name][1:]) - floor, cumulative)
    return result


def fresh_process(label: str, path: Path, rounds: int) -> float:
    """Median wall time of a new interpreter importing the library and reading ``path`` once,
    as a ``tracker`` command does."""
    code = (
        f"import sys, pathlib; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import calamine_vs_openpyxl as b; "
        f"reader = b.READERS.get({label!r}) or b.XLS_READERS[{label!r}]; "
        f"reader(pathlib.Path({str(path)!r}))"
    )
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def convert(source: Path, folder: Path, kind: str, suffix: str = "") -> tuple[Path | None, str]:
    """``source`` saved by LibreOffice as ``kind`` (xls, xlsx) to ``folder``/stem+suffix.kind,
    with how long that took, or why not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return (
            None,
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
        )
    outdir = folder / "libreoffice"
    start = time.perf_counter()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            kind,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    made = outdir / f"{source.stem}.{kind}"
    if done.returncode or not made.exists():
        return None, f"soffice failed: {done.stderr.strip() or done.stdout.strip()}"
    target = made.replace(folder / f"{source.stem}{suffix}.{kind}")
    seconds = time.perf_counter() - start
    return target, f"LibreOffice saved {source.name} as {target.name} in {seconds:.1f} s"


# ---- fidelity: what each reader makes of the cells people type ---------------------------

FIDELITY = [
    ("date", datetime(2024, 3, 5), "yyyy-mm-dd"),
    ("date and time", datetime(2024, 3, 5, 9, 30), "yyyy-mm-dd hh:mm"),
    ("time", clock(9, 30), "hh:mm"),
    ("whole number", 1, None),
    ("whole float", 1.0, None),
    ("decimal", 1.5, None),
    ("0.00 format", 3.1, "0.00"),
    ("percent", 0.25, "0%"),
    ("big integer", 20240305001, None),
    ("boolean", True, None),
    ("text 001", "001", None),
    ("two lines (LF)", "第一行\n第二行", None),
    ("CRLF", "第一行\r\n第二行", None),
    ("■/□ lines", "■政府网站\n□两微一端\n■政务服务中心", None),
    ("spaces kept", "  前后空格  ", None),
    ("formula", "=1+1", None),
]


def write_fidelity(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "values"
    for row, (label, value, number_format) in enumerate(FIDELITY, 1):
        sheet.cell(row, 1, label)
        cell = sheet.cell(row, 2, value)
        if number_format:
            cell.number_format = number_format
    offset = workbook.create_sheet("offset")
    offset["C3"] = "表头在 C3"
    offset["C4"] = "数据"
    workbook.save(path)


def fidelity_rows(path: Path) -> dict[str, list[Any]]:
    """Column B of sheet "values" as each reader gives it, and the first row of sheet "offset"
    (which starts at C3) as row numbers and padding go."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    out: dict[str, list[Any]] = {}
    if path.suffix == ".xlsx":
        workbook = load_workbook(path, read_only=True, data_only=True)
        out["openpyxl read-only"] = [
            row[1] for row in workbook["values"].iter_rows(values_only=True)
        ]
        out["openpyxl offset sheet"] = [list(workbook["offset"].iter_rows(values_only=True))]
        workbook.close()
    else:
        import xlrd

        book = xlrd.open_workbook(str(path), formatting_info=True)
        sheet = book.sheet_by_name("values")
        out["xlrd"] = [sheet.cell(r, 1).value for r in range(sheet.nrows)]
        out["xlrd cell types"] = [
            xlrd.sheet.ctype_text.get(sheet.cell(r, 1).ctype) for r in range(sheet.nrows)
        ]
    with CalamineWorkbook.from_path(str(path)) as workbook:
        values = workbook.get_sheet_by_name("values").to_python()
        out["calamine"] = [row[1] for row in values]
        offset = workbook.get_sheet_by_name("offset")
        out["calamine offset sheet, to_python()"] = [offset.to_python()]
        out["calamine offset sheet, skip_empty_area=False"] = [
            offset.to_python(skip_empty_area=False)
        ]
    return out


def print_fidelity(folder: Path, xls_ok: bool) -> None:
    path = folder / "fidelity.xlsx"
    write_fidelity(path)
    results = fidelity_rows(path)
    if xls_ok:
        xls, _ = convert(path, folder, "xls")
        if xls:
            results |= {f"{k} (.xls)": v for k, v in fidelity_rows(xls).items()}
    print("\n## Cell values as read (column B of a sheet written by openpyxl)")
    readers = [k for k in results if "offset" not in k]
    for index, (label, _, _) in enumerate(FIDELITY):
        print(f"- {label}:")
        for reader in readers:
            values = results[reader]
            print(f"    {reader:<22} {values[index]!r}" if index < len(values) else "    -")
    print("\n## A sheet whose first cell is C3 (row numbers)")
    for reader, value in results.items():
        if "offset" in reader:
            print(f"    {reader:<48} {value[0]!r}")


def as_text(value: object) -> str:
    """A cell as the tracker turns it into text (``reading._cell_text``)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_grid(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    """Rows as text, without their trailing blank cells or trailing blank rows."""
    grid = []
    for row in rows:
        cells = [as_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        grid.append(cells)
    while grid and not grid[-1]:
        grid.pop()
    return grid


def same_text(reference: Path, path: Path) -> str:
    """Whether calamine reading ``path`` gives the text openpyxl reads from ``reference`` (an
    .xlsx), cell by cell, at the same row numbers (calamine with ``skip_empty_area=False``)."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    workbook = load_workbook(reference, read_only=True, data_only=True)
    theirs = {s.title: text_grid(list(s.iter_rows(values_only=True))) for s in workbook}
    workbook.close()
    with CalamineWorkbook.from_path(str(path)) as book:
        ours = {
            name: text_grid(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names
        }
    if ours == theirs:
        cells = sum(len(row) for grid in ours.values() for row in grid)
        return f"{path.name}: identical text in all {len(ours)} sheets ({cells} cells)"
    for name in theirs:
        for number, (a, b) in enumerate(zip(theirs[name], ours.get(name, []), strict=False), 1):
            if a != b:
                return f"{path.name}: sheet {name!r} row {number} differs: {a!r} vs {b!r}"
    return f"{path.name}: sheets or row counts differ"


FORGED = """
import sys
from python_calamine import CalamineWorkbook
with CalamineWorkbook.from_path(sys.argv[1]) as book:
    sheet = book.get_sheet_by_index(0)
    print(sheet.height, "rows x", sheet.width, "columns", flush=True)
"""


def forged(folder: Path) -> None:
    """A 5 KB workbook with cells at A1 and at ``far``: what calamine does with it (in a child
    process: it may abort). The tracker's reader refuses these row by row (``BoundedRows``)."""
    from openpyxl import Workbook

    print("\n## A forged workbook: A1 plus one far cell (calamine in a child process)")
    for far in ("ZZ100000", "XFD1048576"):
        path = folder / f"forged-{far}.xlsx"
        workbook = Workbook()
        workbook.active["A1"] = "x"
        workbook.active[far] = "y"
        workbook.save(path)
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", sys.executable, "-c", FORGED, str(path)]
            if Path("/usr/bin/time").exists()
            else [sys.executable, "-c", FORGED, str(path)],
            capture_output=True,
            text=True,
        )
        lines = done.stderr.strip().splitlines()
        peak = f", peak {int(lines[-1]) // 1024} MB" if lines and lines[-1].isdigit() else ""
        said = done.stdout.strip() or (lines[0] if lines else "")
        print(
            f"    {far:<11} {path.stat().st_size // 1024} KB file: exit {done.returncode} in "
            f"{time.perf_counter() - start:.1f} s{peak}: {said}"
        )


def merged_sample(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as workbook:
        sheet = workbook.get_sheet_by_index(0)
        ranges = sheet.merged_cell_ranges
        print(f"\n## calamine merged_cell_ranges of {path.name}, sheet {sheet.name!r}")
        print(
            f"    {type(ranges).__name__} of {len(ranges or ())}; first six: {(ranges or [])[:6]}"
        )
        print("    ((first row, first column), (last row, last column)), 0-based, inclusive")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    args = parser.parse_args()
    from importlib.metadata import version

    print(
        f"Python {sys.version.split()[0]} · "
        + " · ".join(f"{name} {version(name)}" for name in ("openpyxl", "python-calamine", "xlrd"))
        + f" · median of {args.rounds} interleaved rounds · load average {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        big = five_thousand(folder / "catalog-5000.xlsx")
        sheets = per_area(folder / "catalog-26-sheets.xlsx")
        print(
            f"generated in {time.perf_counter() - start:.1f} s: {big.name} "
            f"{big.stat().st_size // 1024} KB, {sheets.name} {sheets.stat().st_size // 1024} KB"
        )
        xls, note = convert(big, folder, "xls")
        print(note + (f" ({xls.stat().st_size // 1024} KB)" if xls else ""))
        # openpyxl writes every string inline (t="inlineStr"); Excel, WPS and LibreOffice write
        # a shared-string table and a styled blank for each cell a merge covers.
        resaved = []
        for path in (big, sheets):
            again, note = convert(path, folder, "xlsx", "-resaved")
            print(note + (f" ({again.stat().st_size // 1024} KB, shared strings)" if again else ""))
            if again:
                resaved.append(again)
        books = [big, sheets, *resaved]

        jobs = [(f"{label} · {p.name}", p, r) for p in books for label, r in READERS.items()]
        if xls:
            jobs += [(f"{label} · {xls.name}", xls, r) for label, r in XLS_READERS.items()]
        results = interleaved(jobs, args.rounds)
        print("\n## In-process read time (library already imported)")
        print(f"{'reader · file':<72} {'ms':>8} {'×ro':>6}  rows / cells / merges")
        for path in [*books, xls]:
            if path is None:
                continue
            base = results.get(f"openpyxl read-only · {path.name}")
            for label, (seconds, counts) in results.items():
                if not label.endswith(f" · {path.name}"):
                    continue
                ratio = f"{seconds / base[0]:.2f}" if base else "-"
                print(f"{label:<72} {seconds * 1000:>8.0f} {ratio:>6}  {counts}")

        print("\n## Import time (median wall less `python -c pass`; -X importtime cumulative)")
        for name, (wall, cumulative) in import_times(
            ["openpyxl", "python_calamine", "xlrd"], args.rounds
        ).items():
            print(f"{name:<18} {wall * 1000:>6.0f} ms wall   {cumulative:>6.0f} ms importtime")

        print("\n## A fresh interpreter importing the library and reading the file once (median)")
        fresh = [
            (label, path)
            for path in books
            for label in ("openpyxl read-only + merges (tracker)", "calamine to_python + merges")
        ]
        if xls:
            fresh += [("calamine .xls + merges", xls), ("xlrd .xls (formatting_info: merges)", xls)]
        for label, path in fresh:
            seconds = fresh_process(label, path, max(3, args.rounds // 2))
            print(f"{label + ' · ' + path.name:<72} {seconds * 1000:>8.0f} ms")

        print("\n## Same text? (cells as the tracker turns them into text)")
        pairs = [
            (big, big),
            (sheets, sheets),
            (big, xls),
            *zip((big, sheets), resaved, strict=False),
        ]
        for reference, path in pairs:
            if path:
                print("    " + same_text(reference, path))
        merged_sample(big)
        if xls:
            merged_sample(xls)
        print_fidelity(folder, xls is not None)
        forged(folder)
        print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
