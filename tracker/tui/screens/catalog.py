"""事项目录: filter and search every district's catalog; a page at a time, with a detail panel."""

from dataclasses import replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Select, Static

from tracker.domain.catalog_vocab import FIVE_OPENNESS, ITEM_STATES
from tracker.domain.errors import TrackerError
from tracker.domain.items import LABELS, missing_elements
from tracker.services.items import ItemFilter, item_docs, item_history, matches, search_text
from tracker.services.read.views import item_elements
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, literal
from tracker.tui.forms.item import advance_item_form
from tracker.tui.screens.base import TrackerScreen

PAGE = 100


class CatalogScreen(TrackerScreen):
    """Items of all districts: filters narrow the list as you type; ``[``/``]`` page."""

    SUB_TITLE = "事项目录"

    BINDINGS = [
        Binding("left_square_bracket", "page(-1)", "上一页", id="catalog-previous"),
        Binding("right_square_bracket", "page(1)", "下一页", id="catalog-next"),
        Binding("v", "advance_item", "推进事项", id="advance-item"),
        Binding("slash", "focus_search", "搜索", id="catalog-search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.docs: list[dict[str, Any]] = []
        self.haystacks: list[str] = []
        self.found: list[dict[str, Any]] = []
        self.page_number = 0
        self.loaded_version: str | None = None
        self.filters_ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="catalog-filters"):
            yield Select([], prompt="全部区", id="filter-district")
            yield Select([], prompt="全部领域", id="filter-area")
            yield Select(
                [(t.label, t.id) for t in ITEM_STATES], prompt="全部状态", id="filter-status"
            )
            yield Select(
                [(t.label, t.id) for t in FIVE_OPENNESS], prompt="五公开", id="filter-five"
            )
            yield Checkbox("缺要素", id="filter-missing")
        yield Input(placeholder="搜索编号、名称、内容、依据、主体（/）", id="filter-search")
        with Horizontal(id="catalog-body"):
            yield DataTable(id="catalog-table", cursor_type="row")
            with VerticalScroll(id="catalog-detail-scroll"):
                yield Static(id="catalog-detail")
        yield Static(id="catalog-count")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#catalog-table", DataTable)
        # Fixed widths: rows arrive from a worker, and a page should not change the layout.
        for label, width in (("编号", 11), ("二级事项", 26), ("状态", 8), ("缺要素", 16)):
            table.add_column(label, width=width)

    def show(self, snapshot: Snapshot) -> None:
        districts = snapshot.state.districts
        if not self.filters_ready:
            self.filters_ready = True
            self.query_one("#filter-district", Select).set_options(
                [(d.name, d.id) for d in districts]
            )
            areas = dict.fromkeys(a.area for d in districts for a in d.items.areas)
            self.query_one("#filter-area", Select).set_options([(a, a) for a in areas])
        if snapshot.version != self.loaded_version:
            self.load_items(snapshot)

    @work(thread=True, exclusive=True, group="catalog-load")
    def load_items(self, snapshot: Snapshot) -> None:
        tracker = self.tracker_app.tracker
        try:
            docs = [doc for d in snapshot.state.districts for doc in item_docs(tracker, d.id)]
        except TrackerError as error:
            self.app.call_from_thread(self.tracker_app.show_damage, error)
            return
        self.app.call_from_thread(self._loaded, docs, snapshot.version)

    def _loaded(self, docs: list[dict[str, Any]], version: str) -> None:
        self.docs, self.loaded_version = docs, version
        self.haystacks = [search_text(doc) for doc in docs]
        self.apply_filters(keep_place=True)

    def current_filter(self) -> ItemFilter:
        def value(selector: str) -> str | None:
            select = self.query_one(selector, Select)
            return None if select.is_blank() else str(select.value)

        return ItemFilter(
            district=value("#filter-district"),
            area=value("#filter-area"),
            status=value("#filter-status"),
            five=value("#filter-five"),
            missing=self.query_one("#filter-missing", Checkbox).value,
            search=self.query_one("#filter-search", Input).value or None,
        )

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Input.Changed, "#filter-search")
    def filters_changed(self) -> None:
        self.page_number = 0
        self.apply_filters()

    def apply_filters(self, keep_place: bool = False) -> None:
        wanted = self.current_filter()
        text = (wanted.search or "").strip().lower()
        unsearched = replace(wanted, search=None)
        self.found = [
            doc
            for doc, haystack in zip(self.docs, self.haystacks, strict=True)
            if text in haystack
            if (wanted.district is None or doc["district"] == wanted.district)
            and matches(doc, unsearched)
        ]
        self.page_number = min(self.page_number, max(0, (len(self.found) - 1) // PAGE))
        self.fill_page(keep_place)

    def fill_page(self, keep_place: bool = False) -> None:
        table = self.query_one("#catalog-table", DataTable)
        row = table.cursor_row if keep_place else 0
        table.clear()
        start = self.page_number * PAGE
        for doc in self.found[start : start + PAGE]:
            missing = (
                "、".join(LABELS[m][2:] or LABELS[m] for m in missing_elements(doc))
                if doc["status"] != "withdrawn"
                else ""
            )
            table.add_row(
                literal(doc["id"]),
                literal(doc["name"]),
                ITEM_STATES.label(doc["status"]),
                missing,
                key=doc["id"],
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        pages = max(1, (len(self.found) + PAGE - 1) // PAGE)
        self.query_one("#catalog-count", Static).update(
            f"共 {len(self.found)} 项（全部 {len(self.docs)} 项）  第 {self.page_number + 1}/{pages} 页"
        )
        if not table.row_count:
            self.query_one("#catalog-detail", Static).update("没有符合条件的事项")

    def action_page(self, step: int) -> None:
        pages = max(1, (len(self.found) + PAGE - 1) // PAGE)
        self.page_number = (self.page_number + step) % pages
        self.fill_page()

    def action_focus_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    @on(DataTable.RowHighlighted, "#catalog-table")
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        doc = next((d for d in self.found if d["id"] == event.row_key.value), None)
        if doc is None:
            return
        from tracker.domain.items import Item

        item = Item.from_dict(doc)
        try:
            history = item_history(self.tracker_app.tracker, item)
        except TrackerError as error:
            self.tracker_app.show_damage(error)
            history = []
        lines = [f"[b]{escape(doc['id'])}[/b] {ITEM_STATES.label(doc['status'])}"]
        lines += [f"[b]{label}[/b]：{escape(text)}" for label, text in item_elements(doc)]
        if history:
            lines.append("\n[b]修改历史[/b]")
            for entry in history:
                fields = "、".join(LABELS.get(k, k) for k in entry["changes"])
                reason = f"（{entry['reason']}）" if entry["reason"] else ""
                lines.append(
                    escape(f"{entry['at'][:10]} {entry['by']} {entry['kind']}：{fields}{reason}")
                )
        self.query_one("#catalog-detail", Static).update("\n".join(lines))

    def action_advance_item(self) -> None:
        table = self.query_one("#catalog-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key is not None:
                self.tracker_app.open_form(advance_item_form(self.tracker_app.tracker, key))
