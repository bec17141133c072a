"""区详情: one district's progress by month, tasks, milestones, requirements, areas, notes and
evaluations."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from tracker.presentation import (
    ALERT_LIGHTS,
    ALERT_STYLES,
    MILESTONE_STATE_STYLES,
    REQUIREMENT_MARKS,
    REQUIREMENT_STYLES,
    TASK_STATUS_STYLES,
    milestone_state_text,
    names_text,
    progress_text,
    share_text,
)
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, markup, styled
from tracker.tui.forms.milestone import milestone_form
from tracker.tui.forms.task import task_form
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill
from tracker.tui.widgets.progress_chart import ProgressChart


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
            yield ProgressChart(id="district-chart")
            yield DataTable(id="district-tasks", cursor_type="row")
            yield DataTable(id="district-milestones", cursor_type="row")
            yield Static(id="district-requirements")
            yield DataTable(id="district-areas", cursor_type="row")
            yield DataTable(id="district-notes", cursor_type="row")
            yield Static(id="district-evaluations")
        yield Footer(compact=True)

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
        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        ids = [d.id for d in snapshot.state.districts]
        current = ids.index(self.district_id) if self.district_id in ids else 0
        self.district_id = ids[(current + step) % len(ids)]
        self.show(snapshot)

    def show(self, snapshot: Snapshot) -> None:
        districts = snapshot.state.districts
        if self.district_id not in {d.id for d in districts}:
            self.district_id = districts[0].id
        district = snapshot.district(self.district_id)
        light = styled(ALERT_LIGHTS[district.alert], ALERT_STYLES[district.alert])
        leads = escape(names_text(f"{p.name} {p.phone}".strip() for p in district.leads))
        reasons = escape("\n".join(f"· {r}" for r in district.alert_reasons) or "· 无预警")
        self.query_one("#district-heading", Static).update(
            f"[b]{district.name}[/b]  {light}  负责人：{leads}  时间进度 {district.expected_progress}%\n{reasons}"
        )
        self.query_one("#district-chart", ProgressChart).show(snapshot.progress.get(district.id))
        refill(
            self.query_one("#district-tasks", DataTable),
            [
                (
                    t.name,
                    markup(styled(t.status_name, TASK_STATUS_STYLES[t.status])),
                    progress_text(t.progress, 8, aligned=False),
                    t.owner_name or "—",
                    t.note or "",
                )
                for t in district.tasks
            ],
            [t.id for t in district.tasks],
        )
        refill(
            self.query_one("#district-milestones", DataTable),
            [
                (
                    m.name,
                    m.due.isoformat(),
                    str(m.done or "—"),
                    markup(
                        styled(
                            milestone_state_text(m.state, m.days_left, compact=True),
                            MILESTONE_STATE_STYLES[m.state],
                        )
                    ),
                    m.ref,
                )
                for m in district.milestones
            ],
            [m.id for m in district.milestones],
        )
        met = "  ".join(
            styled(REQUIREMENT_MARKS[r.met], REQUIREMENT_STYLES[r.met]) + escape(r.name)
            for r in district.requirements
        )
        facts = ""
        if district.workflow is not None:
            w = district.workflow
            facts = (
                f"\n发布解读回应：按时解读 {share_text(w.interpretations_on_time, w.interpretations_due)}"
                f"　按时回应 {share_text(w.concerns_on_time, w.concerns_due)}"
                f"　意见征集 {w.consultations_held} 次（公布采纳 {w.adoptions_published}）"
            )
        self.query_one("#district-requirements", Static).update(f"工作要求：{met}{facts}")
        areas = district.items.areas
        refill(
            self.query_one("#district-areas", DataTable),
            [
                (
                    a.area + ("（新增）" if a.added else ""),
                    str(a.total),
                    str(a.published),
                    str(a.standardized),
                    str(a.combed),
                    str(a.missing_elements),
                )
                for a in areas
            ],
            [a.area for a in areas],
        )
        notes = snapshot.notes.get(district.id, ())
        refill(
            self.query_one("#district-notes", DataTable),
            [(n.date.isoformat(), n.kind_name, n.text) for n in notes],
            [str(n.id) for n in notes],
        )
        evaluations = snapshot.evaluations.get(district.id, ())
        self.query_one("#district-evaluations", Static).update(
            "评价："
            + (
                "；".join(
                    escape(f"{e.date} {e.kind_name} {e.score}分（{e.by or '—'}）")
                    for e in evaluations
                )
                or "暂无"
            )
        )

    def action_edit_task(self) -> None:
        tasks = self.query_one("#district-tasks", DataTable)
        if tasks.row_count and self.district_id:
            key = tasks.coordinate_to_cell_key(tasks.cursor_coordinate).row_key.value
            snapshot = self.tracker_app.snapshot
            if key is not None and snapshot is not None:
                district = snapshot.district(self.district_id)
                form = task_form(self.tracker_app.tracker, district, district.task(key))
                self.tracker_app.open_form(form)

    def action_edit_milestone(self) -> None:
        table = self.query_one("#district-milestones", DataTable)
        if table.row_count and self.district_id:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            snapshot = self.tracker_app.snapshot
            if key is not None and snapshot is not None:
                district = snapshot.district(self.district_id)
                form = milestone_form(self.tracker_app.tracker, district, district.milestone(key))
                self.tracker_app.open_form(form)
