"""Properties of the parsers at the door: whatever arrives, a value or an InputError, never a crash.

Each ``@PROPERTY`` test runs ``EXAMPLES`` cases that hypothesis generates.
"""

import calendar
import copy
import csv
import html
import io
import re
import tomllib
import unicodedata
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker.catalog.html_table import html_cells, span
from tracker.catalog.reading import _csv_cells, channel_names, decode, parse_sheet
from tracker.domain import catalog_vocab as vocab
from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError, PlanError
from tracker.domain.plan import Plan
from tracker.domain.plan_loader import load_plan_data, load_plan_text
from tracker.domain.text import inert_cell, without_controls
from tracker.domain.values import parse_int, parse_login
from tracker.resources import builtin_plan_path

EXAMPLES = 80
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
"""Moderate and reproducible: the same cases on every run, so a failure is never a fluke of one
machine (and no example database is kept, since nothing is random to replay)."""

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What no value read at the door may hold (tab and line feed are judged per field)."""

FULL_WIDTH = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")

any_text = st.text(max_size=40)
"""Any Unicode text, control characters and all."""
datelike = st.builds(
    lambda parts, separators: "".join(p + s for p, s in zip(parts, separators, strict=False)),
    st.lists(st.integers(0, 99_999).map(lambda n: f"{n:04}"), min_size=1, max_size=3),
    st.lists(
        st.sampled_from(["-", "/", ".", "年", "月", "日", "号", "底", "末", " ", "－", "", "x"]),
        min_size=3,
        max_size=3,
    ),
).map(lambda text: text.translate(FULL_WIDTH) if len(text) % 2 else text)
"""Text shaped like the date forms, with numbers out of range and separators mixed up."""


# Dates --------------------------------------------------------------------------------------


@PROPERTY
@example("0000年1月底")  # once a ValueError
@given(st.one_of(any_text, datelike))
def test_parse_date_gives_a_date_or_refuses(text):
    try:
        value = parse_date(text)
    except InputError:
        return
    assert isinstance(value, date)


@PROPERTY
@given(st.dates(), st.sampled_from(["{y}-{m:02}-{d:02}", "{y}/{m}/{d}", "{y}.{m}.{d}",
                                    "{y}年{m}月{d}日", "{y}年{m}月{d}号", " {y} - {m} - {d} "]),
       st.booleans())  # fmt: skip
def test_every_date_reads_back_in_every_accepted_form(day, form, full_width):
    text = form.format(y=f"{day.year:04}", m=day.month, d=day.day)
    assert parse_date(text.translate(FULL_WIDTH) if full_width else text) == day


@PROPERTY
@given(st.integers(1, 9999), st.integers(1, 12), st.sampled_from(["底", "末"]))
def test_month_end_is_the_last_day_of_that_month(year, month, word):
    last = calendar.monthrange(year, month)[1]
    assert parse_date(f"{year:04}年{month}月{word}") == date(year, month, last)


# Values --------------------------------------------------------------------------------------


@PROPERTY
@example("1_0", 0, 100)  # once read as 10
@example("٣", 0, 100)  # once read as 3
@given(st.one_of(any_text, st.integers().map(str), st.from_regex(r"\s*[+-]?[0-9_]{1,6}%?\s*")),
       st.integers(-5, 5), st.one_of(st.none(), st.integers(5, 200)))  # fmt: skip
def test_parse_int_gives_an_integer_in_bounds_or_refuses(text, low, high):
    try:
        value = parse_int(text, what="数", low=low, high=high)
    except InputError:
        return
    assert type(value) is int
    assert value >= low and (high is None or value <= high)
    assert re.fullmatch(r"\s*[+-]?[0-9]+\s*%?\s*", unicodedata.normalize("NFKC", text)), text


@PROPERTY
@given(st.integers(0, 100), st.sampled_from(["{}", "{}%", " {} ", "{} %"]), st.booleans())
def test_a_number_reads_back_plain_percent_or_full_width(number, form, full_width):
    text = form.format(number)
    assert parse_int(text.translate(FULL_WIDTH) if full_width else text, what="进度", low=0,
                     high=100) == number  # fmt: skip


def test_underscores_and_other_scripts_are_not_numbers():
    for text in ("1_0", "٣", "5_0%"):
        with pytest.raises(InputError):
            parse_int(text, what="进度", low=0, high=100)


@PROPERTY
@given(st.one_of(any_text, st.from_regex(r"\s*[A-Za-z0-9_.@-]{1,12}\s*")))
def test_parse_login_gives_a_clean_login_or_refuses(text):
    try:
        login = parse_login(text)
    except InputError:
        return
    assert re.fullmatch(r"[A-Za-z0-9_.@-]+", login)
    assert parse_login(login) == login


# Catalog vocabularies ------------------------------------------------------------------------

VOCAB_WORDS = st.sampled_from(
    [*vocab.CHANNELS, *vocab.AUDIENCES, *vocab.MODES, *vocab.LEVELS, "微信", "APP", "县级",
     "决策", "公众", "主动公开", "政府门户网站", " 报纸 ", "result", "执行公开"]
)  # fmt: skip
"""The words the vocabularies know, and some of their aliases."""


@PROPERTY
@given(st.one_of(any_text, VOCAB_WORDS, st.lists(VOCAB_WORDS, max_size=3).map("、".join)))
def test_each_vocabulary_gives_its_values_or_refuses_and_is_idempotent(text):
    for parse, values in (
        (vocab.audience, vocab.AUDIENCES),
        (vocab.mode, vocab.MODES),
        (vocab.level, tuple(vocab.LEVEL_WORDS)),
        (vocab.five, tuple(vocab.FIVE_OPENNESS.ids)),
    ):
        try:
            value = parse(text)
        except InputError:
            continue
        parts = [value] if parse is vocab.five else vocab.parts_of(value)
        bases = [part if part in values else vocab.split_detail(part)[0] for part in parts]
        assert bases and all(base in values for base in bases), value
        assert len(set(parts)) == len(parts), "each term once"
        assert parse(value) == value


@PROPERTY
@given(st.one_of(any_text, VOCAB_WORDS))
def test_a_channel_is_a_standard_one_or_kept_by_its_own_name(text):
    try:
        value = vocab.channel(text)
    except InputError:
        assert not text.strip()
        return
    assert value in vocab.CHANNELS or value == text.strip()
    assert vocab.channel(value) == value


# Catalog cells -------------------------------------------------------------------------------

cell_text = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\ufeff;\t"), max_size=12
)
"""A cell's text: anything but the characters the delimiter sniffer may take for a separator
(``;`` and tab) and a byte-order mark (which only means something at the start of a file)."""
grids = st.lists(st.lists(cell_text, max_size=6), max_size=6)


def _cleaned(row: list[str]) -> list[str]:
    cells = [without_controls(cell, multiline=True).strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_read_as_csv_give_clean_rows_or_a_refusal(raw):
    try:
        rows = _csv_cells(raw, "目录.csv")
    except InputError as error:
        assert "目录.csv" in str(error)
        return
    assert all(isinstance(cell, str) and not CONTROLS.search(cell) for row in rows for cell in row)


@PROPERTY
@given(grids.map(lambda grid: [[cell.lstrip("'") for cell in row] for row in grid]))
def test_a_csv_export_reads_back_as_written_less_control_characters(grid):
    """Cells go out as the export writes them (``=1`` as ``'=1``) and come back as they were.

    A cell that itself starts with an apostrophe before ``=`` is the one thing that does not
    come back: Excel reads that apostrophe as a mark too.
    """
    out = io.StringIO()
    csv.writer(out).writerows([[inert_cell(cell) for cell in row] for row in grid])
    assert _csv_cells(out.getvalue().encode("utf-8"), "目录.csv") == [_cleaned(r) for r in grid]


@PROPERTY
@given(grids, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_decode_reads_each_encoding_excel_saves(grid, encoding):
    text = "\n".join(",".join(row) for row in grid)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    decoded = decode(raw, "目录.csv")
    if decoded != text:
        assert encoding == "gb18030"
        raw.decode("utf-8")  # GB18030 bytes that are valid UTF-8 too are read as UTF-8


@PROPERTY
@given(any_text)
def test_any_html_gives_clean_rows_or_a_refusal(text):
    try:
        rows = html_cells(text, "目录.html")
    except InputError as error:
        assert "目录.html" in str(error)
        return
    assert all(not CONTROLS.search(cell) for row in rows for cell in row)


@PROPERTY
@given(grids)
def test_an_html_table_reads_back_as_written_less_control_characters(grid):
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in grid
    )
    assert html_cells(f"<table>{body}</table>", "目录.html") == [_cleaned(row) for row in grid]


@PROPERTY
@given(st.one_of(st.none(), any_text, st.from_regex(r"\s*-?[0-9]{0,20}[a-z%]*")))
def test_a_span_is_a_positive_count(value):
    assert span(value) >= 1


@PROPERTY
@given(any_text)
def test_channel_names_are_trimmed_and_a_second_reading_changes_nothing(text):
    names = channel_names(without_controls(text, multiline=True))
    assert all(name and name == name.strip() and not CONTROLS.search(name) for name in names)
    # A bare number before 、 reads as list numbering (1、政府网站), so such names are left out.
    if not any(mark in text for mark in "■□☑☐√✓✔") and not any(n.isdigit() for n in names):
        assert channel_names("、".join(names)) == names


HEADER = ["领域", "二级事项", "公开依据", "公开渠道和载体", "公开对象", "公开内容"]


@PROPERTY
@example(grid=[["", "全社会", "", "", "", "", "全社会"]], with_header=True)
@example(grid=[["", "0", "", "", "", "", "全社会", "全社会"]], with_header=True)
@given(st.lists(st.lists(st.one_of(cell_text, st.sampled_from(["√", "全社会", "是"])),
                         max_size=8), max_size=6), st.booleans())  # fmt: skip
def test_any_sheet_parses_to_single_line_fields_or_a_refusal(grid, with_header):
    cells = [_cleaned(row) for row in ([HEADER, *grid] if with_header else grid)]
    try:
        sheet = parse_sheet(cells)
    except InputError:
        assert not with_header
        return
    for _, fields in sheet.rows:
        for name, value in fields.items():
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                assert not isinstance(text, str) or not CONTROLS.search(text)
                if name not in ("content", "basis", "channels") and isinstance(text, str):
                    assert "\n" not in text and "\t" not in text, (name, text)


# Plan files ----------------------------------------------------------------------------------

PLAN_TEXT = builtin_plan_path().read_text(encoding="utf-8")
PLAN_DATA = tomllib.loads(PLAN_TEXT)
json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False),
              st.text(max_size=6), st.sampled_from(["", " ", "x", "hexi", "district", "2018-01-01",
                                                     "milestone-done", "lead-assigned"]),
              st.dates()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3),
    max_leaves=8,
)  # fmt: skip
"""Values as a TOML file or a damaged database might hold them."""


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list position in ``data``, as paths from the top."""
    places = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            places += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            places += _places(value, (*path, index))
    return places


PLACES = _places(PLAN_DATA)


@PROPERTY
@example([(("tasks", 0, "id"), True, None)])  # KeyError once
@example(
    [(("districts", 0, "short_name"), True, None), (("districts", 0, "name"), False, [1, 2, 3])]
)
@example([(("districts", 1, "short_name"), True, None), (("districts", 1, "name"), False, 5)])
@example([(("requirements", 4, "milestone"), False, [])])  # TypeError (unhashable) once
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.booleans(), json_like), min_size=1,
                max_size=4))  # fmt: skip
def test_a_plan_with_any_value_changed_or_removed_loads_or_lists_its_problems(changes):
    data = copy.deepcopy(PLAN_DATA)
    for path, remove, value in changes:
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            if remove:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this place
    try:
        plan = load_plan_data(data, "plan.toml")
    except PlanError as error:
        assert error.problems
        return
    assert isinstance(plan, Plan)


@PROPERTY
@given(st.one_of(json_like, st.lists(json_like)))
def test_plan_data_of_any_shape_is_refused_as_a_plan_problem(data):
    with pytest.raises(PlanError):
        load_plan_data(data, "plan.toml")


LINES = PLAN_TEXT.splitlines()


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), any_text), min_size=1, max_size=3))
def test_a_plan_file_with_lines_replaced_loads_or_lists_its_problems(edits):
    lines = list(LINES)
    for number, text in edits:
        lines[number] = text
    try:
        load_plan_text("\n".join(lines), "plan.toml")
    except PlanError as error:
        assert error.problems


def test_a_plan_nested_too_deep_is_a_plan_problem_not_a_crash():
    with pytest.raises(PlanError, match="嵌套"):
        load_plan_text("goal = " + "[" * 5000 + "]" * 5000, "plan.toml")
