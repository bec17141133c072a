"""区详情: one district's tasks, milestones, requirements, areas, notes and evaluations."""

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from tracker.tui.data import Snapshot
from tracker.tui.format import ALERT, STATE_STYLE, STATUS_STYLE, bar, days, literal, markup, styled
from tracker.tui.screens.base import TrackerScreen


class DistrictScreen(TrackerScreen):
    """Everything about one district; ``[`` and ``]`` move between districts."""

    SUB_TITLE = "区详情"

    BINDINGS = [
        Binding("left_square_bracket", "cycle(-1)", "上一区", id="district-previous"),
        Binding("right_square_bracket", "cycle(1)", "下一区", id="district-next"),
        Binding("e", "edit_task", "更新任务", id="edit-task"),
        Binding("m", "edit_milestone", "登记节点", id="edit-milestone"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.district_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="district-heading")
            yield DataTable(id="district-tasks", cursor_type="row")
            yield DataTable(id="district-milestones", cursor_type="row")
            yield Static(id="district-requirements")
            yield DataTable(id="district-areas", cursor_type="row")
            yield DataTable(id="district-notes", cursor_type="row")
            yield Static(id="district-evaluations")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#district-tasks", DataTable).add_columns(
            "任务", "状态", "进度", "责任人", "备注"
        )
        self.query_one("#district-milestones", DataTable).add_columns(
            "时间节点", "截止", "完成", "状态", "文号"
        )
        self.query_one("#district-areas", DataTable).add_columns(
            "领域", "事项", "已公开", "已标准化", "已梳理", "缺要素"
        )
        self.query_one("#district-notes", DataTable).add_columns("日期", "类型", "内容")

    def action_cycle(self, step: int) -> None:
        ids = [d["id"] for d in self.tracker_app.snapshot.status["districts"]]
        current = ids.index(self.district_id) if self.district_id in ids else 0
        self.district_id = ids[(current + step) % len(ids)]
        self.show(self.tracker_app.snapshot)

    def show(self, snapshot: Snapshot) -> None:
        districts = snapshot.status["districts"]
        if self.district_id not in {d["id"] for d in districts}:
            self.district_id = districts[0]["id"]
        district = snapshot.district(self.district_id)
        light, style = ALERT[district["alert"]]
        leads = escape(
            "、".join(f"{p['name']} {p['phone']}".strip() for p in district["leads"]) or "未明确"
        )
        reasons = escape("\n".join(f"· {r}" for r in district["alert_reasons"]) or "· 无预警")
        self.query_one("#district-heading", Static).update(
            f"[b]{district['name']}[/b]  {styled(light, style)}  负责人：{leads}  时间进度 {district['expected_progress']}%\n{reasons}"
        )
        tasks = self.query_one("#district-tasks", DataTable)
        _refill(
            tasks,
            [
                (
                    t["name"],
                    markup(styled(t["status_name"], STATUS_STYLE[t["status"]])),
                    f"{bar(t['progress'])} {t['progress']}%",
                    t["owner_name"] or "—",
                    t["note"] or "",
                )
                for t in district["tasks"]
            ],
            [t["id"] for t in district["tasks"]],
        )
        milestones = self.query_one("#district-milestones", DataTable)
        _refill(
            milestones,
            [
                (
                    m["name"],
                    m["due"],
                    m["done"] or "—",
                    markup(
                        styled(
                            f"{m['state_name']} {days(m['state'], m['days_left'])}",
                            STATE_STYLE[m["state"]],
                        )
                    ),
                    m["ref"],
                )
                for m in district["milestones"]
            ],
            [m["id"] for m in district["milestones"]],
        )
        met = "  ".join(
            ("[green]✓[/]" if r["met"] else "[red]✗[/]") + escape(r["name"])
            for r in district["requirements"]
        )
        self.query_one("#district-requirements", Static).update(f"工作要求：{met}")
        areas = self.query_one("#district-areas", DataTable)
        _refill(
            areas,
            [
                (
                    a["area"] + ("（新增）" if a["added"] else ""),
                    str(a["total"]),
                    str(a["by_status"]["published"]),
                    str(a["by_status"]["standardized"]),
                    str(a["by_status"]["combed"]),
                    str(a["missing_elements"]),
                )
                for a in district["items"]["by_area"]
            ],
            [a["area"] for a in district["items"]["by_area"]],
        )
        notes = self.query_one("#district-notes", DataTable)
        _refill(
            notes,
            [
                (n["date"], n["kind_name"], n["text"])
                for n in snapshot.notes.get(self.district_id, [])
            ],
            [str(n["id"]) for n in snapshot.notes.get(self.district_id, [])],
        )
        evaluations = snapshot.evaluations.get(self.district_id, [])
        self.query_one("#district-evaluations", Static).update(
            "评价："
            + (
                "；".join(
                    escape(f"{e['date']} {e['kind_name']} {e['score']}分（{e['by'] or '—'}）")
                    for e in evaluations
                )
                or "暂无"
            )
        )

    def action_edit_task(self) -> None:
        tasks = self.query_one("#district-tasks", DataTable)
        if tasks.row_count:
            key = tasks.coordinate_to_cell_key(tasks.cursor_coordinate).row_key.value
            self.tracker_app.edit_task(self.district_id, key)

    def action_edit_milestone(self) -> None:
        table = self.query_one("#district-milestones", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.tracker_app.edit_milestone(self.district_id, key)


def _refill(table: DataTable, rows: list[tuple], keys: list[str]) -> None:
    """Replace a table's rows, keeping the cursor on the same row."""
    row = table.cursor_row
    table.clear()
    for key, values in zip(keys, rows, strict=True):
        table.add_row(*(literal(value) for value in values), key=key)
    if table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))
