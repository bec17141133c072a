"""The vocabularies of a standard disclosure catalog (政务公开事项标准目录)."""

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
_LEVEL_ALIASES = {
    "县级": "区级",
    "区县级": "区级",
    "乡级": "街乡镇级",
    "乡镇级": "街乡镇级",
    "街道": "街乡镇级",
}


def channel(text: str) -> str:
    """The standard channel a user's wording names (``微信`` is 两微一端)."""
    wanted = text.strip()
    if wanted in CHANNELS:
        return wanted
    alias = _CHANNEL_ALIASES.get(wanted) or _CHANNEL_ALIASES.get(wanted.lower())
    if alias:
        return alias
    raise InputError(f"未知的公开渠道「{text}」，可选：{'、'.join(CHANNELS)}")


def choice(
    text: str, options: tuple[str, ...], what: str, aliases: dict[str, str] | None = None
) -> str:
    wanted = text.strip()
    if wanted in options:
        return wanted
    if aliases and wanted in aliases:
        return aliases[wanted]
    raise InputError(f"未知的{what}「{text}」，可选：{'、'.join(options)}")


def audience(text: str) -> str:
    return choice(text, AUDIENCES, "公开对象", {"社会公众": "全社会", "公众": "全社会"})


def mode(text: str) -> str:
    return choice(text, MODES, "公开方式", {"主动公开": "主动", "依申请公开": "依申请"})


def level(text: str) -> str:
    return choice(text, LEVELS, "公开层级", _LEVEL_ALIASES)


def five(text: str) -> str:
    """A 五公开 type by id, full label, or its first two characters (决策, 执行 …)."""
    return FIVE_OPENNESS.resolve(text)
