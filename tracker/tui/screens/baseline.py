"""基本目录: each district's catalog against the departments' basic catalogs, area by area,
with what is missing, added or different, and the departments' 对接指导."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from tracker.domain.baseline import ELEMENT_NAMES, AreaComparison
from tracker.tui.data import Snapshot
from tracker.tui.format import escape
from tracker.tui.forms.workflow import guidance_form
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill


class BaselineScreen(TrackerScreen):
    """A row per district and area that has a basic catalog; the selected one in detail."""

    SUB_TITLE = "基本目录"
    BINDINGS = [Binding("n", "guide", "对接指导")]
    DEFAULT_CSS = """
    #baseline-table { height: auto; max-height: 50%; }
    #baseline-detail { height: 1fr; padding: 0 1; border-top: solid $primary; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[AreaComparison, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield DataTable(id="baseline-table", cursor_type="row")
            with VerticalScroll(id="baseline-detail"):
                yield Static(id="baseline-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#baseline-table", DataTable).add_columns(
            "区", "领域", "部门", "基本目录", "区目录", "一致", "缺少", "新增", "要素不同"
        )

    def show(self, snapshot: Snapshot) -> None:
        self.rows = snapshot.comparisons
        refill(
            self.query_one("#baseline-table", DataTable),
            [
                (
                    c.district_name,
                    c.area,
                    c.department_name,
                    str(c.baseline_items),
                    str(c.district_items),
                    str(c.matched),
                    str(len(c.missing)),
                    str(len(c.added)),
                    str(len(c.differing)),
                )
                for c in self.rows
            ],
            [f"{c.district}:{c.area}" for c in self.rows],
        )
        self._describe()

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._describe()

    def current(self) -> AreaComparison | None:
        row = self.query_one("#baseline-table", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _describe(self) -> None:
        text = self.query_one("#baseline-text", Static)
        chosen = self.current()
        if chosen is None:
            text.update("市有关部门尚未导入基本目录（tracker baseline import）。")
            return
        lines = [
            f"[b]{escape(chosen.district_name)}·{escape(chosen.area)}[/b]　"
            f"{escape(chosen.department_name)}基本目录 {chosen.baseline_items} 项，"
            f"区目录 {chosen.district_items} 项，一致 {chosen.matched} 项"
        ]
        if chosen.missing:
            lines.append(
                f"[yellow]缺少 {len(chosen.missing)} 项[/]：" + escape("、".join(chosen.missing))
            )
        if chosen.added:
            lines.append(f"区里新增 {len(chosen.added)} 项：" + escape("、".join(chosen.added)))
        for diff in chosen.differing:
            fields = "、".join(ELEMENT_NAMES[f] for f in diff.fields)
            lines.append(f"  {escape(diff.district_item)}「{escape(diff.name)}」{fields}不同")
        snapshot = self.tracker_app.snapshot
        if snapshot is not None and snapshot.workflow is not None:
            for department, note in snapshot.workflow.guidance:
                if note.district == chosen.district:
                    name = self.tracker_app.tracker.plan.department(department).name
                    lines.append(f"[b]对接指导[/b] {note.date} {escape(name)}：{escape(note.text)}")
        text.update("\n".join(lines))

    def action_guide(self) -> None:
        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        chosen = self.current()
        app = self.tracker_app
        app.open_form(
            guidance_form(app.tracker, snapshot.state, chosen.district if chosen else None)
        )
