"""Disclosure items (公开事项): their elements, lifecycle and the rules of each transition."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tracker.domain.catalog_vocab import FIVE_OPENNESS, ITEM_STATES, WEBSITE
from tracker.domain.errors import InputError
from tracker.domain.plan import DistrictDef
from tracker.domain.records import Record

REQUIRED_ELEMENTS = ("name", "basis", "content", "subject", "time_limit", "mode")
"""The six elements the seed names: 名称、依据、内容、主体、时限、方式."""

LABELS = {
    "area": "领域",
    "topic": "一级事项",
    "name": "二级事项",
    "content": "公开内容",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "subject": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "mode": "公开方式",
    "level": "公开层级",
    "five": "五公开类型",
    "published": "公开日期",
    "url": "页面地址",
    "added_area": "新增领域",
    "status": "状态",
}
EDITABLE = (
    "area",
    "topic",
    "name",
    "content",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "five",
    "published",
    "url",
    "added_area",
)

MULTILINE_ELEMENTS = ("content", "basis")
"""Elements whose text may run over several lines, as catalog cells often do."""


def element_text(name: str, value: Any) -> str:
    """How an element's stored value reads: lists joined with 、, ids as labels, — when empty."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "five":
        return "、".join(FIVE_OPENNESS.text(v) for v in value)
    if name == "channels":
        return "、".join(str(v) for v in value)
    if name == "status":
        return ITEM_STATES.text(value)
    if name == "added_area":
        return "是" if value else "否"
    return str(value)


@dataclass
class Item(Record):
    """One row of a district's standard catalog."""

    id: str
    district: str
    area: str
    name: str
    topic: str = ""
    content: str = ""
    basis: str = ""
    time_limit: str = ""
    subject: str = ""
    channels: list[str] = field(default_factory=list)
    audience: str = ""
    mode: str = ""
    level: str = ""
    five: list[str] = field(default_factory=list)
    status: str = "combed"
    published: date | None = None
    url: str = ""
    added_area: bool = False
    withdrawn_reason: str = ""

    _DATE_FIELDS = ("published",)

    @property
    def key(self) -> str:
        return self.id

    @property
    def identity(self) -> tuple[str, str, str]:
        """Area, topic and name: what makes an item the same item across files."""
        return (self.area, self.topic, self.name)

    @property
    def live(self) -> bool:
        return self.status != "withdrawn"

    def missing(self) -> list[str]:
        """The required elements still empty."""
        return missing_elements(vars(self))


def missing_elements(doc: Mapping[str, Any]) -> list[str]:
    """The required elements still empty in an item or its stored document."""
    return [name for name in REQUIRED_ELEMENTS if not doc.get(name)]


def item_number(item_id: str) -> int:
    return int(item_id.rsplit("-", 1)[1])


def check_area(area: str, district: DistrictDef, added_area: bool) -> None:
    """An item's area is one of the district's focal areas, or explicitly an added one."""
    if area in district.areas or added_area:
        return
    raise InputError(
        f"「{area}」不是{district.name}的试点领域（{'、'.join(district.areas)}）；"
        "如为结合实际新增的领域，请加 --added-area 标明"
    )


def check_unique(item: Item, others: list[Item]) -> None:
    """No two live items of a district share area, topic and name."""
    if not item.live:
        return
    for other in others:
        if other.id != item.id and other.live and other.identity == item.identity:
            raise InputError(f"{describe(item)}已存在（{other.id}），不能重复登记")


def describe(item: Item) -> str:
    topic = f"{item.topic}·" if item.topic else ""
    return f"「{item.area}·{topic}{item.name}」"


def check_state(item: Item) -> None:
    """The elements a state demands are present: six for standardized, plus publication for published."""
    if item.status in ("standardized", "published") and item.missing():
        names = "、".join(LABELS[name] for name in item.missing())
        raise InputError(
            f"{describe(item)}缺少要素：{names}，不能{'标准化' if item.status == 'standardized' else '公开'}"
        )
    if item.url and not item.url.startswith(("http://", "https://")):
        raise InputError(f"页面地址「{item.url}」应以 http:// 或 https:// 开头")
    if item.status == "published":
        if item.published is None:
            raise InputError(f"{describe(item)}公开时须有公开日期（--date）")
        if not item.channels:
            raise InputError(f"{describe(item)}公开时须至少有一个公开渠道（--channel）")
        if WEBSITE in item.channels and not item.url:
            raise InputError(f"{describe(item)}通过政府网站公开时须填页面地址（--url）")


def advance(item: Item, target: str, *, on: date, url: str | None) -> Item:
    """Move an item forward: combed → standardized → published."""
    order = ["combed", "standardized", "published"]
    if item.status == "withdrawn":
        raise InputError(f"{describe(item)}已撤销，不能再推进")
    if target not in ("standardized", "published"):
        raise InputError(
            f"只能推进到 standardized（已标准化）或 published（已公开），收到「{target}」"
        )
    if order.index(target) <= order.index(item.status):
        raise InputError(
            f"{describe(item)}已是「{ITEM_STATES.label(item.status)}」，无需推进到「{ITEM_STATES.label(target)}」"
        )
    moved = replace(item, status=target)
    if target == "published":
        moved.published = on
        moved.url = url.strip() if url else item.url
    check_state(moved)
    return moved


def withdraw(item: Item, reason: str) -> Item:
    if item.status == "withdrawn":
        raise InputError(f"{describe(item)}已撤销")
    if not reason.strip():
        raise InputError("撤销事项须用 --reason 说明原因")
    return replace(item, status="withdrawn", withdrawn_reason=reason.strip())


def edit(item: Item, changes: dict[str, Any], reason: str | None) -> Item:
    """Apply field changes; a change to a published item is a 动态调整 and needs a reason."""
    if item.status == "withdrawn":
        raise InputError(f"{describe(item)}已撤销，不能修改")
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if changed and item.status == "published" and not (reason or "").strip():
        raise InputError(f"{describe(item)}已公开，修改属于动态调整，须用 --reason 说明调整原因")
    edited = replace(item, **changed)
    for name in ("area", "name"):
        if not getattr(edited, name).strip():
            raise InputError(f"{LABELS[name]}不能为空")
    check_state(edited)
    return edited


def changed_elements(before: Item, after: Item) -> list[tuple[str, str, str]]:
    """Each element that differs between two versions of an item: its label, before, after."""
    return [
        (
            LABELS.get(name, name),
            element_text(name, getattr(before, name)),
            element_text(name, getattr(after, name)),
        )
        for name in dict.fromkeys((*EDITABLE, "status", "published", "withdrawn_reason"))
        if getattr(before, name) != getattr(after, name)
    ]


def revision(
    before: Item, after: Item, *, at: str, by: str, kind: str, reason: str = ""
) -> dict[str, Any]:
    """A history entry: the fields that differ between two versions of an item."""
    changes = {
        name: [_plain(getattr(before, name)), _plain(getattr(after, name))]
        for name in (*EDITABLE, "status", "withdrawn_reason")
        if getattr(before, name) != getattr(after, name)
    }
    return {"at": at, "by": by, "kind": kind, "reason": reason, "changes": changes}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
