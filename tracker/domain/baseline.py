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
from typing import Any

COMPARED = ("basis", "time_limit", "channels")
"""The elements compared for items both catalogs have, in the order they are shown."""

ELEMENT_NAMES = {"basis": "公开依据", "time_limit": "公开时限", "channels": "公开渠道"}

_NOISE = re.compile(r"[\s\u3000·•、，,。.；;：:（）()《》〈〉「」『』“”\"'‘’\[\]【】/\\-]+")


def name_key(name: str) -> str:
    """What two catalogs' names of one item have in common."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()


def _text_key(value: Any) -> str:
    if isinstance(value, list):
        return "|".join(sorted(name_key(str(v)) for v in value))
    return name_key(str(value or ""))


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
    basic = [i for i in baseline if i.get("area") == area and i.get("status") != "withdrawn"]
    own = [i for i in catalog if i.get("area") == area and i.get("status") != "withdrawn"]
    by_name: dict[str, Mapping[str, Any]] = {}
    for item in own:
        by_name.setdefault(name_key(str(item.get("name", ""))), item)
    missing, differing, seen = [], [], set()
    for item in basic:
        key = name_key(str(item.get("name", "")))
        match = by_name.get(key)
        if match is None:
            missing.append(str(item.get("name", "")))
            continue
        seen.add(key)
        fields = tuple(f for f in COMPARED if _text_key(item.get(f)) != _text_key(match.get(f)))
        if fields:
            differing.append(
                Difference(
                    str(item.get("name", "")),
                    str(match.get("id", "")),
                    fields,
                    {f: item.get(f) for f in fields},
                    {f: match.get(f) for f in fields},
                )
            )
    added = [str(i.get("name", "")) for i in own if name_key(str(i.get("name", ""))) not in seen]
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
