"""Catalog statistics per district and per area, as status, the TUI and the reports use them."""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.catalog_vocab import CHANNELS, FIVE_OPENNESS, ITEM_STATES
from tracker.domain.items import REQUIRED_ELEMENTS, missing_elements


@dataclass
class Tally:
    """Counts over a set of items."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ITEM_STATES.ids, 0))
    missing_elements: int = 0
    """Live items with at least one required element empty."""
    missing_by_element: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(REQUIRED_ELEMENTS, 0)
    )
    channels: Counter[str] = field(default_factory=Counter)
    five: Counter[str] = field(default_factory=Counter)

    def add(self, item: Mapping[str, Any]) -> None:
        """Count one stored item document."""
        self.total += 1
        self.by_status[item["status"]] += 1
        if item["status"] == "withdrawn":
            return
        missing = missing_elements(item)
        if missing:
            self.missing_elements += 1
            for name in missing:
                self.missing_by_element[name] += 1
        for channel in item["channels"]:
            self.channels[channel] += 1
        for kind in item["five"]:
            self.five[kind] += 1

    def merge(self, other: "Tally") -> None:
        self.total += other.total
        self.missing_elements += other.missing_elements
        for counts, more in (
            (self.by_status, other.by_status),
            (self.missing_by_element, other.missing_by_element),
        ):
            for key, count in more.items():
                counts[key] += count
        self.channels.update(other.channels)
        self.five.update(other.five)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_status": dict(self.by_status),
            "missing_elements": self.missing_elements,
            "missing_by_element": dict(self.missing_by_element),
            "channels": {name: self.channels[name] for name in CHANNELS if self.channels[name]},
            "five": {kind: self.five[kind] for kind in FIVE_OPENNESS.ids},
        }


@dataclass
class CatalogStats:
    """A district's catalog: the whole, and each focal or added area."""

    overall: Tally
    areas: dict[str, Tally]
    added_areas: set[str]


def catalog_stats(items: Iterable[Mapping[str, Any]], focal_areas: tuple[str, ...]) -> CatalogStats:
    """Statistics over stored item documents (counting needs no item objects)."""
    overall = Tally()
    areas = {area: Tally() for area in focal_areas}
    added: set[str] = set()
    for item in items:
        area = item["area"]
        if area not in areas:
            areas[area] = Tally()
            added.add(area)
        areas[area].add(item)
    for tally in areas.values():
        overall.merge(tally)
    return CatalogStats(overall, areas, added)
