"""The TUI application: screens one key away, live data from a worker, edits through the services."""

import time
from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from tracker.domain.errors import TrackerError
from tracker.services.tracker import Tracker
from tracker.tui.data import Snapshot, load_snapshot
from tracker.tui.messages import DataReloaded
from tracker.tui.modals.forms import FormModal
from tracker.tui.modals.help import HelpModal
from tracker.tui.screens.activity import ActivityScreen
from tracker.tui.screens.baseline import BaselineScreen
from tracker.tui.screens.catalog import CatalogScreen
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.district import DistrictScreen
from tracker.tui.screens.orders import OrdersScreen
from tracker.tui.screens.people import PeopleScreen
from tracker.tui.screens.reports import ReportsScreen
from tracker.tui.screens.timeline import TimelineScreen
from tracker.tui.screens.workflow import WorkflowScreen

SCREEN_NAMES = {
    "dashboard": "总览",
    "district": "区详情",
    "catalog": "事项目录",
    "timeline": "时间轴",
    "people": "责任人",
    "reports": "报告",
    "activity": "动态",
    "orders": "督办",
    "workflow": "解读回应",
    "baseline": "基本目录",
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
        "orders": OrdersScreen,
        "workflow": WorkflowScreen,
        "baseline": BaselineScreen,
    }
    BINDINGS = [
        Binding("d", "go('dashboard')", "总览", id="go-dashboard"),
        Binding("x", "go('district')", "区详情", id="go-district"),
        Binding("c", "go('catalog')", "目录", id="go-catalog"),
        Binding("t", "go('timeline')", "时间轴", id="go-timeline"),
        Binding("p", "go('people')", "责任人", id="go-people"),
        Binding("r", "go('reports')", "报告", id="go-reports"),
        Binding("a", "go('activity')", "动态", id="go-activity"),
        Binding("o", "go('orders')", "督办", id="go-orders"),
        # One key away too, but left out of the footer, which 80 columns already fill: ?
        # lists them, and the command palette opens them by name.
        Binding("i", "go('workflow')", "解读回应", id="go-workflow", show=False),
        Binding("g", "go('baseline')", "基本目录", id="go-baseline", show=False),
        Binding("question_mark", "help", "帮助", id="help"),
        Binding("q", "quit", "退出", id="quit"),
        Binding(
            "ctrl+p", "command_palette", "命令", show=False, priority=True, id="command-palette"
        ),
    ]
    POLL_SECONDS = 1.0
    LISTEN_SECONDS = 0.5
    """How long one wait for the server's announcement lasts before the listener checks it
    should stop (a change is still seen the moment it is announced)."""
    """How often the database is checked for changes made by others."""
    DAMAGE_SECONDS = 30.0
    """How long a notice of a damaged database stays up."""

    def __init__(
        self, tracker: Tracker, *, readonly: bool = False, snapshot: Snapshot | None = None
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.readonly = readonly
        self.snapshot: Snapshot | None = snapshot
        """What the screens show; the command line may pass the first, quick read in."""
        self.startup_error: TrackerError | None = None
        """Why the app could not start (the database could not be read); the CLI reports it."""
        self.damage: str | None = None
        """The message of the last failed read, shown once until a read succeeds again."""
        self.damaged_version: str | None = None
        """The database version a reload failed on: polling waits for the next change."""

    def on_mount(self) -> None:
        if self.snapshot is None:
            try:
                self.snapshot = load_snapshot(self.tracker, complete=False)
            except TrackerError as error:
                self.startup_error = error
                self.exit(return_code=error.exit_code)
                return
        self.title = self.tracker.plan.title
        self.sub_title = "只读模式" if self.readonly else f"{self.tracker.actor.user}"
        self.push_screen("dashboard")
        self.call_after_refresh(self.reload)
        if self.tracker.store.listens:
            self.listen()
        else:
            self.set_interval(self.POLL_SECONDS, self.poll)

    # -- data ------------------------------------------------------------------
    def poll(self) -> None:
        """Reload when anyone (this app, the CLI, another office) changed the database."""
        try:
            version = self.tracker.store.version()
        except TrackerError as error:
            self.show_damage(error)
            return
        if version == self.damaged_version:
            return  # still the damaged files: wait for a change before reading again
        if self.snapshot is None or version != self.snapshot.version:
            self.reload()

    @work(thread=True, exclusive=True, group="listen")
    def listen(self) -> None:
        """Reload as soon as the server announces a change (LISTEN/NOTIFY), without polling. A
        lost server is said once; listening resumes when it is back."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                announced = self.tracker.store.wait_for_change(self.LISTEN_SECONDS)
            except TrackerError as error:
                self.call_from_thread(self.show_damage, error)
                time.sleep(self.LISTEN_SECONDS)
                continue
            if announced and not worker.is_cancelled:
                self.call_from_thread(self.poll)

    @work(thread=True, exclusive=True, group="reload")
    def reload(self) -> None:
        version = self._version_or_none()
        try:
            snapshot = load_snapshot(self.tracker)
        except TrackerError as error:
            self.call_from_thread(self._reload_failed, error, version)
            return
        self.call_from_thread(self.apply_snapshot, snapshot)

    def _reload_failed(self, error: TrackerError, version: str | None) -> None:
        self.show_damage(error)
        self.damaged_version = version

    def _version_or_none(self) -> str | None:
        try:
            return self.tracker.store.version()
        except TrackerError:
            return None

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        if self.damaged_version is not None:
            self.notify("数据库已恢复正常，数据已重新读取", markup=False)
        self.damage = self.damaged_version = None
        self.snapshot = snapshot
        self.screen.post_message(DataReloaded(snapshot))

    def show_damage(self, error: TrackerError) -> None:
        """Say that the database could not be read, once per problem, and keep running on the
        last good read: the screens go on showing it until the files are repaired."""
        message = str(error)
        if message != self.damage:
            self.damage = message
            self.notify(
                f"{message}\n界面仍显示上次读取的数据。",
                title="无法读取数据库",
                severity="error",
                timeout=self.DAMAGE_SECONDS,
                markup=False,
            )

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
        """Whether a form may open: not in read-only mode, and for someone who may change
        something (a viewer, an unregistered or a deactivated login may not)."""
        if self.readonly:
            self.notify("只读模式下不能修改数据", severity="warning")
            return False
        person = self.tracker.actor.person
        if person is None or person.role == "viewer" or not person.active:
            who = (
                f"{person.name}（{person.login}）"
                if person
                else f"用户「{self.tracker.actor.login}」"
            )
            why = "已停用" if person and not person.active else "没有修改权限"
            self.notify(f"{who}{why}，不能修改数据", severity="warning", markup=False)
            return False
        return True

    def _after_edit(self, message: str | None) -> None:
        if message:
            self.notify(message, markup=False)
            self.reload()

    def open_form(self, form: FormModal) -> None:
        """Show an edit form (built by a module of :mod:`tracker.tui.forms`), unless read-only."""
        if self._may_edit():
            self.push_screen(form, self._after_edit)
