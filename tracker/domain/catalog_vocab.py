"""The vocabularies of a standard disclosure catalog (政务公开事项标准目录)."""

import re
import unicodedata
from collections.abc import Iterable

from tracker.domain.errors import InputError
from tracker.domain.vocab import Term, Vocabulary

ITEM_STATES = Vocabulary(
    "事项状态",
    [
        Term("combed", "已梳理"),
        Term("standardized", "已标准化"),
        Term("published", "已公开"),
        Term("withdrawn", "已撤销"),
    ],
)

FIVE_OPENNESS = Vocabulary(
    "五公开类型",
    [
        Term("decision", "决策公开"),
        Term("execution", "执行公开"),
        Term("management", "管理公开"),
        Term("service", "服务公开"),
        Term("result", "结果公开"),
    ],
)

AUDIENCES = ("全社会", "特定群体")
MODES = ("主动", "依申请")
LEVELS = ("区级", "街乡镇级")

CHANNELS = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/村公示栏（电子屏）",
    "精准推送",
    "其他",
)
WEBSITE = "政府网站"

_CHANNEL_ALIASES = {
    "政府门户网站": WEBSITE,
    "门户网站": WEBSITE,
    "网站": WEBSITE,
    "政府信息公开网站": WEBSITE,
    "微博": "两微一端",
    "微信": "两微一端",
    "政务微博": "两微一端",
    "政务微信": "两微一端",
    "客户端": "两微一端",
    "移动客户端": "两微一端",
    "app": "两微一端",
    "政务新媒体": "两微一端",
    "发布会": "发布会/听证会",
    "听证会": "发布会/听证会",
    "新闻发布会": "发布会/听证会",
    "广播": "广播电视",
    "电视": "广播电视",
    "报纸": "纸质媒体",
    "报刊": "纸质媒体",
    "查阅点": "公开查阅点",
    "办事大厅": "政务服务中心",
    "政务大厅": "政务服务中心",
    "便民服务窗口": "便民服务站",
    "便民服务中心": "便民服务站",
    "入户": "入户/现场",
    "现场": "入户/现场",
    "公示栏": "社区/村公示栏（电子屏）",
    "电子屏": "社区/村公示栏（电子屏）",
    "社区公示栏": "社区/村公示栏（电子屏）",
    "村公示栏": "社区/村公示栏（电子屏）",
    "社区/村公示栏": "社区/村公示栏（电子屏）",
    "社区/村公示栏(电子屏)": "社区/村公示栏（电子屏）",
}
LEVEL_WORDS = {
    "区级": "区级",
    "县级": "区级",
    "县（区）级": "区级",
    "区（县）级": "区级",
    "区县级": "区级",
    "县区级": "区级",
    "街乡镇级": "街乡镇级",
    "乡级": "街乡镇级",
    "乡镇级": "街乡镇级",
    "街道": "街乡镇级",
    "街道级": "街乡镇级",
    "乡镇（街道）级": "街乡镇级",
    "乡（镇、街道）级": "街乡镇级",
    "乡（镇）级": "街乡镇级",
    "镇街级": "街乡镇级",
    "镇级": "街乡镇级",
    "镇（街）级": "街乡镇级",
    "镇（街道）级": "街乡镇级",
    "乡、村级": "街乡镇级",
    "乡（村）级": "街乡镇级",
    "村级": "街乡镇级",
    "村（社区）级": "街乡镇级",
}
"""The words catalogs use for levels, each with the level it means here: a county-level
catalog ticks 县级 | 乡级 (or 县级 | 镇级 | 乡、村级), a district one 区级 | 街乡镇级. Items keep
the file's words; everything below the district counts as 街乡镇级."""
AUDIENCE_WORDS = {
    "全社会": "全社会",
    "社会公众": "全社会",
    "公众": "全社会",
    "特定群体": "特定群体",
    "特定群众": "特定群体",
    "特定对象": "特定群体",
}
MODE_WORDS = {
    "主动": "主动",
    "主动公开": "主动",
    "依申请": "依申请",
    "依申请公开": "依申请",
}
_SEPARATOR = re.compile(r"[、,，;；/\s]+")


def word_key(text: str) -> str:
    """A vocabulary word as compared: full-width brackets and 、, no spaces."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").replace(",", "、")


def channel(text: str) -> str:
    """The channel a user's wording names: a standard one (``微信`` is 两微一端), or, for a
    platform outside the standard list (信用中国, 公共资源交易平台 …), its own name."""
    wanted = text.strip()
    if wanted in CHANNELS:
        return wanted
    alias = _CHANNEL_ALIASES.get(wanted) or _CHANNEL_ALIASES.get(wanted.lower())
    if alias:
        return alias
    if not wanted:
        raise InputError("公开渠道不能为空")
    return wanted


def channel_aliases() -> tuple[str, ...]:
    """Other words people use for the standard channels (微信, 门户网站 …)."""
    return tuple(_CHANNEL_ALIASES)


def is_standard_channel(name: str) -> bool:
    """Whether a stored channel is on the standard list (else it is an 其他 platform)."""
    return name in CHANNELS


def _combination(text: str, words: dict[str, str], what: str, *, keep_words: bool) -> str:
    """One or more of a vocabulary's terms (全社会、特定群体), in the order given, each once.

    ``keep_words`` keeps the file's own words (县级) instead of the standard term (区级).
    """
    keys = {word_key(word): word for word in words}
    parts = _parts(unicodedata.normalize("NFKC", text).replace("(", "（").replace(")", "）"), words)
    if not parts:
        raise InputError(f"{what}不能为空")
    chosen: list[str] = []
    meant: set[str] = set()
    for part in parts:
        word, detail = keys.get(word_key(part)), ""
        if word is None:
            base, detail = split_detail(part)
            word = keys.get(word_key(base)) if detail else None
        if word is None:
            options = "、".join(dict.fromkeys(words.values()))
            raise InputError(f"未知的{what}「{part.strip()}」，可选：{options}")
        # Kept words stay as many as the file ticked (县级、镇级、乡、村级); terms once each.
        term = (word if keep_words else words[word]) + (f"（{detail}）" if detail else "")
        if term not in meant:
            meant.add(term)
            chosen.append(term)
    return "、".join(chosen)


def _parts(text: str, known: Iterable[str] = ()) -> list[str]:
    """``text`` split into words: a known word is taken whole even when it holds a separator
    (乡、村级, 乡（镇、街道）级); elsewhere separators outside brackets split."""
    words = sorted((word_key(w) for w in known), key=len, reverse=True)
    parts: list[str] = []
    current, depth, position = "", 0, 0
    while position < len(text):
        if not current and depth == 0:
            rest = word_key(text[position:])
            whole = next((w for w in words if rest.startswith(w) and _ends_word(rest, w)), None)
            if whole:
                parts.append(whole)
                position += _span(text[position:], whole)
                continue
        char = text[position]
        depth += (char == "（") - (char == "）")
        if depth <= 0 and _SEPARATOR.fullmatch(char):
            parts.append(current)
            current = ""
        else:
            current += char
        position += 1
    return [part for part in [*parts, current] if part.strip()]


def _ends_word(rest: str, word: str) -> bool:
    """A known word ends where the text ends or a separator follows."""
    return len(rest) == len(word) or bool(_SEPARATOR.fullmatch(rest[len(word)]))


def _span(text: str, word: str) -> int:
    """How many characters of ``text`` (spaces and all) the compared ``word`` covers."""
    taken = 0
    for position, char in enumerate(text):
        if not char.isspace():
            taken += 1
        if taken == len(word):
            return position + 1
    return len(text)


def audience(text: str) -> str:
    """全社会, 特定群体, or both (特定群众 and 特定对象 are 特定群体)."""
    return _combination(text, AUDIENCE_WORDS, "公开对象", keep_words=False)


def mode(text: str) -> str:
    """主动, 依申请, or both (依申请公开 is 依申请)."""
    return _combination(text, MODE_WORDS, "公开方式", keep_words=False)


def level(text: str) -> str:
    """One level or both, in the words given: ``县级、乡级``, ``区级``, ``街道`` …"""
    return _combination(text, LEVEL_WORDS, "公开层级", keep_words=True)


_DETAIL = re.compile(r"^(.+?)（(.+)）$")


def split_detail(text: str) -> tuple[str, str]:
    """A term and the words a catalog added in brackets: 特定群体（项目单位）."""
    match = _DETAIL.match(text.strip())
    return (match.group(1), match.group(2)) if match else (text, "")


def parts_of(text: str) -> list[str]:
    """The words of a stored audience, mode or level (乡、村级 and 乡（镇、街道）级 whole)."""
    return _parts(text, (*LEVEL_WORDS, *AUDIENCE_WORDS, *MODE_WORDS))


def terms_meant(text: str) -> dict[str, str]:
    """The standard terms a stored audience, mode or level names (县级 means 区级), each with
    the words a catalog added to it (项目单位 in 特定群体（项目单位）), or empty."""
    found: dict[str, str] = {}
    every = {**LEVEL_WORDS, **AUDIENCE_WORDS, **MODE_WORDS}
    for part in _parts(text, every):
        base, detail = (part, "") if part in every else split_detail(part)
        if base in every:
            found[every[base]] = detail
    return found


def five(text: str) -> str:
    """A 五公开 type by id, full label, or its first two characters (决策, 执行 …)."""
    return FIVE_OPENNESS.resolve(text)
