"""A district's catalog against its department's basic catalog (基本目录) for an area.

Seed §五(二): the municipal departments compile the basic catalog of their area, and each
pilot district's catalog for that area is checked against it: the basic items the district
lacks, the items the district added, and, for items both have, the elements that differ
(公开依据, 公开时限, 公开渠道).

Items are matched by their names as people write them: spaces, punctuation and the
brackets of a name (《》「」（）) do not count, and a district's 二级事项 matches the basic
catalog's whether or not the 一级事项 is the same. Withdrawn items take no part.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

COMPARED = ("basis", "time_limit", "channels")
"""The elements compared for items both catalogs have, in the order they are shown."""

ELEMENT_NAMES = {"basis": "公开依据", "time_limit": "公开时限", "channels": "公开渠道"}

_NOISE = re.compile(r"[\s\u3000·•、，,。.；;：:（）()《》〈〉「」『』“”\"'‘’\[\]【】/\\-]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """What two catalogs' names of one item have in common."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()


_PARTS = re.compile(r"[、，,；;\s]+")


def _text_key(value: Any) -> str:
    """An element as compared: a list (channels), or laws listed in any order."""
    if isinstance(value, list):
        return "|".join(sorted(name_key(str(v)) for v in value))
    parts = [p for p in _PARTS.split(str(value or "")) if p]
    return "|".join(sorted(name_key(p) for p in parts))


Index = dict[str, dict[str, list[dict[str, Any]]]]
"""A catalog as compared: area → name key → the items of that name (a name may stand under
several 一级事项: 办事指南 of 最低生活保障 and of 特困人员供养), each with its id, name, topic key,
compared elements and their keys (``keys``, in the order of ``COMPARED``). JSON-able, so a
store can remember it."""


def index_catalog(items: Iterable[Mapping[str, Any]]) -> Index:
    """The live items of a catalog by area and name key."""
    index: Index = {}
    for item in items:
        if item.get("status") == "withdrawn":
            continue
        name = str(item.get("name", ""))
        entry = {
            "id": str(item.get("id", "")),
            "name": name,
            "topic": name_key(str(item.get("topic", ""))),
            **{f: item.get(f) for f in COMPARED},
            "keys": [_text_key(item.get(f)) for f in COMPARED],
        }
        by_name = index.setdefault(str(item.get("area", "")), {})
        by_name.setdefault(name_key(name), []).append(entry)
    return index


@dataclass(frozen=True)
class Difference:
    """An item both catalogs have whose elements differ."""

    name: str
    district_item: str
    """The district's item id."""
    fields: tuple[str, ...]
    """The elements that differ (basis, time_limit, channels)."""
    baseline: Mapping[str, Any]
    district: Mapping[str, Any]


@dataclass(frozen=True)
class AreaComparison:
    """One district's catalog for one area against the basic catalog."""

    district: str
    area: str
    department: str
    baseline_items: int
    district_items: int
    missing: tuple[str, ...] = ()
    """Names of basic items the district lacks."""
    added: tuple[str, ...] = ()
    """Names of the district's items the basic catalog does not have."""
    differing: tuple[Difference, ...] = field(default_factory=tuple)
    district_name: str = ""
    department_name: str = ""

    @property
    def matched(self) -> int:
        return self.baseline_items - len(self.missing)


def compare_area(
    district: str,
    area: str,
    department: str,
    baseline: Iterable[Mapping[str, Any]],
    catalog: Iterable[Mapping[str, Any]],
) -> AreaComparison:
    """Compare a district's live items of ``area`` with the basic catalog's (item dicts)."""
    return compare_indexed(
        district,
        area,
        department,
        index_catalog(baseline).get(area, {}),
        index_catalog(catalog).get(area, {}),
    )


def compare_indexed(
    district: str,
    area: str,
    department: str,
    basic: Mapping[str, list[dict[str, Any]]],
    own: Mapping[str, list[dict[str, Any]]],
) -> AreaComparison:
    """Compare one area's indexed items (see :func:`index_catalog`). An item matches the
    district's item of the same name, under the same 一级事项 where the name stands more than
    once."""
    missing: list[str] = []
    differing: list[Difference] = []
    used: set[str] = set()
    for key, items in basic.items():
        candidates = own.get(key)
        if not candidates:
            missing.extend(item["name"] for item in items)
            continue
        for item in items:
            match: dict[str, Any] | None
            if len(items) == 1 and len(candidates) == 1:  # the usual case: one of each
                match = candidates[0]
            else:
                free = [c for c in candidates if c["id"] not in used]
                match = next((c for c in free if c["topic"] == item["topic"]), None)
                if match is None and len(items) == 1 and free:
                    match = free[0]
            if match is None:
                missing.append(item["name"])
                continue
            used.add(match["id"])
            if item["keys"] == match["keys"]:
                continue
            fields = tuple(
                f for f, mine, theirs in zip(COMPARED, item["keys"], match["keys"], strict=True)
                if mine != theirs
            )  # fmt: skip
            if fields:
                differing.append(
                    Difference(
                        item["name"],
                        match["id"],
                        fields,
                        {f: item[f] for f in fields},
                        {f: match[f] for f in fields},
                    )
                )
    owned = [c for items in own.values() for c in items]
    added = [c["name"] for c in owned if c["id"] not in used]
    return AreaComparison(
        district,
        area,
        department,
        sum(len(items) for items in basic.values()),
        len(owned),
        tuple(missing),
        tuple(added),
        tuple(differing),
    )


Names = dict[str, dict[str, list[str]]]
"""A catalog's names only: area → name key → the topic key of each item of that name. What
counting the gaps needs, small enough for ``status`` to read for every district."""


def catalog_names(items: Iterable[Mapping[str, Any]]) -> Names:
    names: Names = {}
    for item in items:
        if item.get("status") == "withdrawn":
            continue
        by_name = names.setdefault(str(item.get("area", "")), {})
        by_name.setdefault(name_key(str(item.get("name", ""))), []).append(
            name_key(str(item.get("topic", "")))
        )
    return names


def missing_from(basic: Mapping[str, list[str]], own: Mapping[str, list[str]]) -> int:
    """How many basic items an area lacks, matched as :func:`compare_indexed` matches them."""
    missing = 0
    for key, topics in basic.items():
        mine = list(own.get(key, ()))
        if len(topics) == 1:
            missing += 0 if mine else 1
            continue
        for topic in topics:
            if topic in mine:
                mine.remove(topic)
            else:
                missing += 1
    return missing
