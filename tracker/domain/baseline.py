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


def _text_key(value: Any) -> str:
    if isinstance(value, list):
        return "|".join(sorted(name_key(str(v)) for v in value))
    return name_key(str(value or ""))


Index = dict[str, dict[str, dict[str, Any]]]
"""A catalog as compared: area → name key → the item's id, name, compared elements, and
their keys (``keys``, in the order of ``COMPARED``). JSON-able, so a store can remember it."""


def index_catalog(items: Iterable[Mapping[str, Any]]) -> Index:
    """The live items of a catalog by area and name key (the first of a name wins)."""
    index: Index = {}
    for item in items:
        if item.get("status") == "withdrawn":
            continue
        name = str(item.get("name", ""))
        entry = {
            "id": str(item.get("id", "")),
            "name": name,
            **{f: item.get(f) for f in COMPARED},
            "keys": [_text_key(item.get(f)) for f in COMPARED],
        }
        index.setdefault(str(item.get("area", "")), {}).setdefault(name_key(name), entry)
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
    basic: Mapping[str, Mapping[str, Any]],
    own: Mapping[str, Mapping[str, Any]],
) -> AreaComparison:
    """Compare one area's indexed items (see :func:`index_catalog`)."""
    missing, differing = [], []
    for key, item in basic.items():
        match = own.get(key)
        if match is None:
            missing.append(item["name"])
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
    added = [item["name"] for key, item in own.items() if key not in basic]
    return AreaComparison(
        district,
        area,
        department,
        len(basic),
        len(own),
        tuple(missing),
        tuple(added),
        tuple(differing),
    )


def name_keys_by_area(items: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Each area's live item names as compared (what a cheap count of the gaps needs)."""
    found: dict[str, set[str]] = {}
    for item in items:
        if item.get("status") != "withdrawn":
            found.setdefault(str(item.get("area", "")), set()).add(
                name_key(str(item.get("name", "")))
            )
    return {area: sorted(keys) for area, keys in found.items()}


def missing_count(
    baseline: Mapping[str, list[str]], catalog: Mapping[str, list[str]], area: str
) -> int:
    """How many of the basic catalog's items of ``area`` the district lacks."""
    own = set(catalog.get(area, ()))
    return sum(1 for key in baseline.get(area, ()) if key not in own)
