"""The form that advances a catalog item: standardized, or published with its date and page."""

from textual.widgets import Input, Select

from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.services import items
from tracker.services.tracker import Tracker
from tracker.tui.modals.forms import Field, FormModal


def advance_item_form(tracker: Tracker, item_id: str) -> FormModal:
    """Advance the item through :func:`tracker.services.items.advance_item`."""
    fields: list[Field] = [
        (
            "推进到",
            Select(
                [(ITEM_STATES.label(s), s) for s in ("standardized", "published")],
                value="standardized",
                id="target",
                allow_blank=False,
            ),
        ),
        ("公开日期（默认当天）", Input(id="date")),
        ("页面地址（通过政府网站公开时必填）", Input(id="url")),
    ]

    def save(values: dict[str, str]) -> str:
        outcome = items.advance_item(
            tracker,
            item_id,
            values["target"],
            day=values["date"] or None,
            url=values["url"] or None,
        )
        return f"事项 {item_id} 已推进为「{ITEM_STATES.label(outcome.record.status)}」"

    return FormModal(f"推进事项 {item_id}", fields, save)
