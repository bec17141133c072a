"""责任人: persons, roles, what each answers for, and how to reach them."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from tracker.tui.data import Snapshot
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.screens.district import _refill


class PeopleScreen(TrackerScreen):
    """Everyone on the pilot and their responsibilities."""

    SUB_TITLE = "责任人"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="people-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#people-table", DataTable).add_columns(
            "姓名", "角色", "区/单位", "电话", "负责"
        )

    def show(self, snapshot: Snapshot) -> None:
        owned: dict[str, list[str]] = {}
        for district in snapshot.status["districts"]:
            for lead in district["leads"]:
                owned.setdefault(lead["login"], []).append(district["name"])
            for task in district["tasks"]:
                if task["owner"]:
                    owned.setdefault(task["owner"], []).append(
                        f"{district['name'][:2]}·{task['name'][:4]}"
                    )
        rows = [
            (
                p["name"],
                p["role_name"],
                p["district_name"] or p["unit"] or "—",
                p["phone"] or "—",
                "、".join(owned.get(p["login"], [])) or "—",
            )
            for p in snapshot.people
        ]
        _refill(
            self.query_one("#people-table", DataTable), rows, [p["login"] for p in snapshot.people]
        )
