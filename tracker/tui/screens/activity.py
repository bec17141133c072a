"""动态: the audit log, newest first, filterable by district and by user."""

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Select

from tracker.services.audit_text import describe
from tracker.tui.data import Snapshot
from tracker.tui.format import markup, styled
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill


class ActivityScreen(TrackerScreen):
    """Who changed what, and when."""

    SUB_TITLE = "动态"

    def __init__(self) -> None:
        super().__init__()
        self.ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="activity-filters"):
            yield Select([], prompt="全部区", id="activity-district")
            yield Input(placeholder="操作人登录名", id="activity-user")
        yield DataTable(id="activity-table", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#activity-table", DataTable)
        # Narrow fixed columns first, so the change itself starts within an 80-column screen.
        for label, width in (("时间", 16), ("操作人", 8), ("操作", 10), ("对象", 18), ("变更", 80)):
            table.add_column(label, width=width)

    @on(Select.Changed)
    @on(Input.Changed)
    def filters_changed(self) -> None:
        if self.tracker_app.snapshot is not None:
            self.show(self.tracker_app.snapshot)

    def show(self, snapshot: Snapshot) -> None:
        if not self.ready:
            self.ready = True
            self.query_one("#activity-district", Select).set_options(
                [(d.name, d.id) for d in snapshot.state.districts] + [("市级", "municipal")]
            )
        select = self.query_one("#activity-district", Select)
        district = None if select.is_blank() else select.value
        user = self.query_one("#activity-user", Input).value.strip()
        entries = [
            e
            for e in snapshot.audit
            if (district is None or e.get("scope") == district)
            and (not user or user in (e["login"], e["user"]))
        ]
        tracker = self.tracker_app.tracker
        rows = []
        for entry in entries:
            line = describe(tracker, entry)
            rows.append(
                (
                    entry["at"][:16].replace("T", " "),
                    line.who,
                    markup(styled(line.action, "red")) if line.denied else line.action,
                    line.target,
                    line.change,
                )
            )
        refill(self.query_one("#activity-table", DataTable), rows, [str(e["seq"]) for e in entries])
