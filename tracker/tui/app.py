"""The TUI application: screens one key away, live data from a worker, edits through the services."""

from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tracker.services.tracker import Tracker
from tracker.tui.data import Snapshot, load_snapshot
from tracker.tui.messages import DataReloaded
from tracker.tui.modals.forms import FormModal
from tracker.tui.modals.help import HelpModal
from tracker.tui.screens.activity import ActivityScreen
from tracker.tui.screens.catalog import CatalogScreen
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.district import DistrictScreen
from tracker.tui.screens.people import PeopleScreen
from tracker.tui.screens.reports import ReportsScreen
from tracker.tui.screens.timeline import TimelineScreen

SCREEN_NAMES = {
    "dashboard": "总览",
    "district": "区详情",
    "catalog": "事项目录",
    "timeline": "时间轴",
    "people": "责任人",
    "reports": "报告",
    "activity": "动态",
}


class TrackerApp(App[None]):
    """The municipal office's view of the whole pilot."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "基层政务公开标准化规范化试点"
    SCREENS = {
        "dashboard": DashboardScreen,
        "district": DistrictScreen,
        "catalog": CatalogScreen,
        "timeline": TimelineScreen,
        "people": PeopleScreen,
        "reports": ReportsScreen,
        "activity": ActivityScreen,
    }
    BINDINGS = [
        Binding("d", "go('dashboard')", "总览", id="go-dashboard"),
        Binding("x", "go('district')", "区详情", id="go-district"),
        Binding("c", "go('catalog')", "目录", id="go-catalog"),
        Binding("t", "go('timeline')", "时间轴", id="go-timeline"),
        Binding("p", "go('people')", "责任人", id="go-people"),
        Binding("r", "go('reports')", "报告", id="go-reports"),
        Binding("a", "go('activity')", "动态", id="go-activity"),
        Binding("question_mark", "help", "帮助", id="help"),
        Binding("q", "quit", "退出", id="quit"),
        Binding(
            "ctrl+p", "command_palette", "命令", show=False, priority=True, id="command-palette"
        ),
    ]
    POLL_SECONDS = 1.0
    """How often the database is checked for changes made by others."""

    def __init__(self, tracker: Tracker, *, readonly: bool = False) -> None:
        super().__init__()
        self.tracker = tracker
        self.readonly = readonly
        self.snapshot: Snapshot | None = None

    def on_mount(self) -> None:
        self.snapshot = load_snapshot(self.tracker, complete=False)
        self.title = self.tracker.plan.title
        self.sub_title = "只读模式" if self.readonly else f"{self.tracker.actor.user}"
        self.push_screen("dashboard")
        self.call_after_refresh(self.reload)
        self.set_interval(self.POLL_SECONDS, self.poll)

    # -- data ------------------------------------------------------------------
    def poll(self) -> None:
        """Reload when anyone (this app, the CLI, another office) changed the database."""
        if self.snapshot is None or self.tracker.store.version() != self.snapshot.version:
            self.reload()

    @work(thread=True, exclusive=True, group="reload")
    def reload(self) -> None:
        snapshot = load_snapshot(self.tracker)
        self.call_from_thread(self.apply_snapshot, snapshot)

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.screen.post_message(DataReloaded(snapshot))

    # -- navigation --------------------------------------------------------------
    def action_go(self, name: str) -> None:
        if isinstance(self.screen, Screen) and self.screen.id != name:
            self.switch_screen(name)

    def action_help(self) -> None:
        keys = [
            (b.key.replace("question_mark", "?"), b.description)
            for b in self.BINDINGS
            if isinstance(b, Binding)
        ]
        keys += [
            (
                b.key.replace("left_square_bracket", "[")
                .replace("right_square_bracket", "]")
                .replace("slash", "/"),
                b.description,
            )
            for b in getattr(self.screen, "BINDINGS", [])
        ]
        self.push_screen(HelpModal(keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, label in SCREEN_NAMES.items():
            yield SystemCommand(
                f"打开{label}", f"切换到{label}页面", lambda name=name: self.action_go(name)
            )

    # -- edits -------------------------------------------------------------------
    def _may_edit(self) -> bool:
        if self.readonly:
            self.notify("只读模式下不能修改数据", severity="warning")
        return not self.readonly

    def _after_edit(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.reload()

    def open_form(self, form: FormModal) -> None:
        """Show an edit form (built by a module of :mod:`tracker.tui.forms`), unless read-only."""
        if self._may_edit():
            self.push_screen(form, self._after_edit)
