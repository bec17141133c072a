"""The TUI application: screens one key away, live data from a worker, edits through the services."""

from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Select

from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.vocab import TASK_STATUSES
from tracker.services import items, milestones, tasks
from tracker.services.tracker import Tracker
from tracker.tui.data import Snapshot, database_version, load_snapshot
from tracker.tui.messages import DataReloaded
from tracker.tui.modals.forms import Field, FormModal
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
        if self.snapshot is None or database_version(self.tracker) != self.snapshot.version:
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

    def edit_task(self, district_id: str, task_id: str) -> None:
        if not self._may_edit():
            return
        if self.snapshot is None:
            return
        district = self.snapshot.district(district_id)
        task = district.task(task_id)
        fields: list[Field] = [
            (
                "状态",
                Select(
                    [(t.label, t.id) for t in TASK_STATUSES],
                    value=task.status,
                    id="status",
                    allow_blank=False,
                ),
            ),
            ("进度（0–100）", Input(str(task.progress), id="progress")),
            ("备注（标记受阻时须说明原因）", Input(task.note, id="note")),
        ]

        def save(values: dict[str, str]) -> str:
            outcome = tasks.update_task(
                self.tracker,
                district_id,
                task_id,
                status=values["status"],
                progress=values["progress"],
                note=values["note"],
            )
            return f"已更新{district.name}「{task.name}」" if outcome.changed else "没有变化"

        self.push_screen(FormModal(f"{district.name}·{task.name}", fields, save), self._after_edit)

    def edit_milestone(self, district_id: str, milestone_id: str) -> None:
        if not self._may_edit():
            return
        if self.snapshot is None:
            return
        district = self.snapshot.district(district_id)
        milestone = district.milestone(milestone_id)
        if milestone.done:
            fields: list[Field] = [("重新打开的原因", Input(id="reason"))]

            def save(values: dict[str, str]) -> str:
                milestones.reopen_milestone(
                    self.tracker, district_id, milestone_id, reason=values["reason"]
                )
                return f"已重新打开「{milestone.name}」"

            title = f"重新打开：{milestone.name}"
        else:
            fields = [
                ("完成日期（默认当天）", Input(id="date")),
                ("文号", Input(id="ref")),
                ("备注", Input(id="note")),
            ]

            def save(values: dict[str, str]) -> str:
                milestones.complete_milestone(
                    self.tracker,
                    district_id,
                    milestone_id,
                    done=values["date"] or None,
                    ref=values["ref"],
                    note=values["note"],
                )
                return f"已登记「{milestone.name}」完成"

            title = f"登记完成：{district.name}·{milestone.name}"
        self.push_screen(FormModal(title, fields, save), self._after_edit)

    def advance_item(self, item_id: str) -> None:
        if not self._may_edit():
            return
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
                self.tracker,
                item_id,
                values["target"],
                day=values["date"] or None,
                url=values["url"] or None,
            )
            return f"事项 {item_id} 已推进为「{ITEM_STATES.label(outcome.record.status)}」"

        self.push_screen(FormModal(f"推进事项 {item_id}", fields, save), self._after_edit)
