"""责任人: persons, roles, what each answers for, and how to reach them."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from tracker.services.read.models import Responsibility
from tracker.tui.data import Snapshot
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill


class PeopleScreen(TrackerScreen):
    """Everyone on the pilot and their responsibilities."""

    SUB_TITLE = "责任人"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="people-table", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#people-table", DataTable).add_columns(
            "姓名", "角色", "区/单位", "电话", "负责"
        )

    def show(self, snapshot: Snapshot) -> None:
        rows = [
            (
                p.person.name,
                p.person.role_name,
                p.person.place or "—",
                p.person.phone or "—",
                "、".join(_duty(r) for r in p.responsibilities) or "—",
            )
            for p in snapshot.people
        ]
        refill(
            self.query_one("#people-table", DataTable),
            rows,
            [p.person.login for p in snapshot.people],
        )


def _duty(responsibility: Responsibility) -> str:
    """A district by name; a task shortened to fit the column: ``河西·梳理政务``."""
    if not responsibility.task:
        return responsibility.district_name
    return f"{responsibility.district_name[:2]}·{responsibility.task_name[:4]}"
