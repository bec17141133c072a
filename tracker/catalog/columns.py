"""The standard catalog's columns: their Chinese headers, variants, and the export layout."""

import re
import unicodedata

from tracker.domain.catalog_vocab import AUDIENCE_WORDS, LEVEL_WORDS, MODE_WORDS
from tracker.domain.items import EDITABLE, MULTILINE_ELEMENTS


def normalize_word(header: object) -> str:
    """A header cell as compared: NFKC, no spaces or line breaks, no required-marks."""
    text = unicodedata.normalize("NFKC", str(header or ""))
    return re.sub(r"[\s*]+", "", text)


TICKS = frozenset({"√", "✓", "✔", "☑", "■", "●", "◆", "★", "是", "1", "y", "yes", "true"})

HEADERS = {
    "序号": "seq",
    "编号": "id",
    "事项编号": "id",
    "领域": "area",
    "公开领域": "area",
    "试点领域": "area",
    "所属领域": "area",
    "相应领域": "area",
    "对相应领域": "area",
    "领域名称": "area",
    "一级事项": "topic",
    "公开事项一级事项": "topic",
    "二级事项": "name",
    "事项名称": "name",
    "公开事项名称": "name",
    "公开事项": "name",
    "公开内容": "content",
    "公开内容(要素)": "content",
    "公开内容要素": "content",
    "公开依据": "basis",
    "公开时限": "time_limit",
    "公开主体": "subject",
    "公开渠道和载体": "channels",
    "公开渠道": "channels",
    "公开载体": "channels",
    "公开对象": "audience",
    "公开方式": "mode",
    "公开层级": "level",
    "五公开": "five",
    "五公开类型": "five",
    "状态": "status",
    "事项状态": "status",
    "公开日期": "published",
    "发布日期": "published",
    "页面地址": "url",
    "网址": "url",
    "链接": "url",
    "公开网址": "url",
    "新增领域": "added_area",
    "备注": "remark",
}
ENGLISH = {"id", "status", *EDITABLE}
"""A file may use the English field names as its headers."""
TICK_COLUMNS = {
    **{normalize_word(word): ("audience", term) for word, term in AUDIENCE_WORDS.items()},
    **{normalize_word(word): ("mode", term) for word, term in MODE_WORDS.items()},
    # A level keeps the file's own word: 县级 | 乡级 in a county's catalog, 区级 | 街乡镇级 here.
    **{normalize_word(word): ("level", word) for word in LEVEL_WORDS},
}
"""Sub-headers of the tick columns, as catalogs publish them, with the field and value a tick
in them means."""
TICK_FIELDS = frozenset({"audience", "mode", "level"})
SUB_HEADERS = {"一级事项", "二级事项", *TICK_COLUMNS}
MULTILINE = frozenset({*MULTILINE_ELEMENTS, "channels"})
"""Fields whose cells keep their line breaks: long elements, and channels listed one a line."""

# The export layout: (top header, sub header or None, field, tick value or None).
LAYOUT = [
    ("序号", None, "seq", None),
    ("编号", None, "id", None),
    ("领域", None, "area", None),
    ("公开事项", "一级事项", "topic", None),
    ("公开事项", "二级事项", "name", None),
    ("公开内容（要素）", None, "content", None),
    ("公开依据", None, "basis", None),
    ("公开时限", None, "time_limit", None),
    ("公开主体", None, "subject", None),
    ("公开渠道和载体", None, "channels", None),
    ("公开对象", "全社会", "audience", "全社会"),
    ("公开对象", "特定群体", "audience", "特定群体"),
    ("公开方式", "主动", "mode", "主动"),
    ("公开方式", "依申请", "mode", "依申请"),
    ("公开层级", "区级", "level", "区级"),
    ("公开层级", "街乡镇级", "level", "街乡镇级"),
    ("五公开类型", None, "five", None),
    ("状态", None, "status", None),
    ("公开日期", None, "published", None),
    ("页面地址", None, "url", None),
    ("新增领域", None, "added_area", None),
]
FLAT = [
    ("序号", "seq"),
    ("编号", "id"),
    ("领域", "area"),
    ("一级事项", "topic"),
    ("二级事项", "name"),
    ("公开内容（要素）", "content"),
    ("公开依据", "basis"),
    ("公开时限", "time_limit"),
    ("公开主体", "subject"),
    ("公开渠道和载体", "channels"),
    ("公开对象", "audience"),
    ("公开方式", "mode"),
    ("公开层级", "level"),
    ("五公开类型", "five"),
    ("状态", "status"),
    ("公开日期", "published"),
    ("页面地址", "url"),
    ("新增领域", "added_area"),
]
WIDTHS = {
    "seq": 6,
    "id": 11,
    "area": 12,
    "topic": 16,
    "name": 22,
    "content": 36,
    "basis": 36,
    "time_limit": 22,
    "subject": 18,
    "channels": 24,
    "five": 12,
    "status": 9,
    "published": 12,
    "url": 30,
    "added_area": 8,
}


normalize = normalize_word


def field_of(header: object) -> str | None:
    """The field a header names: exactly, or once a note in brackets is taken off
    (公开渠道和载体（“■”表示必选项）), or by a long known name it starts with
    (公开内容（要素）及要求)."""
    key = normalize(header)
    if key in HEADERS:
        return HEADERS[key]
    if key.lower() in ENGLISH:
        return key.lower()
    bare = _NOTE.sub("", key)
    if bare != key and bare in HEADERS:
        return HEADERS[bare]
    for known in _LONG_HEADERS:
        if key.startswith(known):
            return HEADERS[known]
    return None


_NOTE = re.compile(r"\([^()]*\)")
"""A note in brackets (NFKC has made them ASCII)."""
_LONG_HEADERS = sorted((name for name in HEADERS if len(name) >= 4), key=len, reverse=True)


NO_MARKS = frozenset(
    {"×", "✗", "✘", "否", "无", "□", "☐", "口", "-", "—", "/", "n", "no", "false", "0"}
)
"""What a tick column holds when it is not ticked, besides nothing."""


def is_no(value: object) -> bool:
    return normalize(value).lower() in NO_MARKS


def is_tick(value: object) -> bool:
    return normalize(value).lower() in TICKS


def closest_header(header: str) -> str | None:
    """The known column name an unknown header most likely means (for the error message)."""
    import difflib

    known = [*HEADERS, *TICK_COLUMNS]
    found = difflib.get_close_matches(normalize(header), known, n=1, cutoff=0.5)
    return found[0] if found else None
