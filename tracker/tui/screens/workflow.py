"""解读回应: policies and interpretations, concerns and responses, consultations and study
visits, each judged against its limit, with each district's measures of task 3."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from tracker.domain.text import headline
from tracker.presentation import LIMIT_STATE_STYLES
from tracker.presentation import share_text as share
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, markup, styled
from tracker.tui.forms.workflow import (
    concern_form,
    consultation_form,
    interpretation_form,
    publish_form,
    respond_form,
    visit_form,
)
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill

TABS = ("interpretations", "concerns", "consultations", "visits")


class WorkflowScreen(TrackerScreen):
    """The 优化政务公开工作流程 task in records: one tab each."""

    SUB_TITLE = "解读回应"
    BINDINGS = [
        Binding("n", "add", "登记"),
        Binding("e", "handle", "办理"),
    ]
    DEFAULT_CSS = """
    #workflow-measures { padding: 0 1; height: auto; }
    #workflow-tabs { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="workflow-measures")
            with TabbedContent(id="workflow-tabs"):
                with TabPane("政策解读", id="interpretations"):
                    yield DataTable(id="interpretations-table", cursor_type="row")
                with TabPane("回应关切", id="concerns"):
                    yield DataTable(id="concerns-table", cursor_type="row")
                with TabPane("意见征集", id="consultations"):
                    yield DataTable(id="consultations-table", cursor_type="row")
                with TabPane("调研交流", id="visits"):
                    yield DataTable(id="visits-table", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.table("interpretations").add_columns(
            "编号", "区", "政策文件", "应解读", "解读", "情况"
        )
        self.table("concerns").add_columns("编号", "区", "关切事项", "收到", "时限", "回应", "情况")
        self.table("consultations").add_columns(
            "编号", "区", "征集事项", "征集期", "意见", "采纳情况"
        )
        self.table("visits").add_columns("日期", "区", "地点或对象", "收获和借鉴")

    def table(self, tab: str) -> DataTable[object]:
        return self.query_one(f"#{tab}-table", DataTable)

    def show(self, snapshot: Snapshot) -> None:
        lines = []
        for d in snapshot.state.districts:
            w = d.workflow
            if w is None:
                continue

            lines.append(
                f"[b]{escape(d.name)}[/b]  按时解读 {share(w.interpretations_on_time, w.interpretations_due)}"
                f"  按时回应 {share(w.concerns_on_time, w.concerns_due)}"
                f"  意见征集 {w.consultations_held} 次（公布采纳 {w.adoptions_published}）"
            )
        self.query_one("#workflow-measures", Static).update("\n".join(lines))
        work = snapshot.workflow
        if work is None:
            return
        refill(
            self.table("interpretations"),
            [
                (
                    f"{i.district}-{i.id}",
                    i.district_name,
                    headline(i.policy, 14),
                    i.due.isoformat(),
                    f"{i.published} {i.form_name}" if i.published else "—",
                    markup(styled(i.state_name, LIMIT_STATE_STYLES[i.state])),
                )
                for i in work.interpretations
            ],
            [f"{i.district}-{i.id}" for i in work.interpretations],
        )
        refill(
            self.table("concerns"),
            [
                (
                    f"{c.district}-{c.id}",
                    c.district_name,
                    headline(c.subject, 12),
                    c.received,
                    f"{c.limit_hours} 小时",
                    c.responded or "—",
                    markup(styled(c.state_name, LIMIT_STATE_STYLES[c.state])),
                )
                for c in work.concerns
            ],
            [f"{c.district}-{c.id}" for c in work.concerns],
        )
        refill(
            self.table("consultations"),
            [
                (
                    f"{c.district}-{c.id}",
                    c.district_name,
                    headline(c.subject, 20),
                    f"{c.start:%m-%d} 至 {c.end:%m-%d}",
                    "—" if c.opinions is None else str(c.opinions),
                    str(c.adoption) if c.adoption else ("征集中" if not c.held else "未公布"),
                )
                for c in work.consultations
            ],
            [f"{c.district}-{c.id}" for c in work.consultations],
        )
        refill(
            self.table("visits"),
            [(v.day.isoformat(), v.scope_name, v.place, v.learned) for v in work.visits],
            [f"{v.scope}-{v.id}" for v in work.visits],
        )

    # -- actions ---------------------------------------------------------------------
    def _tab(self) -> str:
        return self.query_one("#workflow-tabs", TabbedContent).active or TABS[0]

    def _district(self) -> str | None:
        person = self.tracker_app.tracker.actor.person
        return person.district if person and person.district else None

    def action_add(self) -> None:
        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        app, tab = self.tracker_app, self._tab()
        make = {
            "interpretations": interpretation_form,
            "concerns": concern_form,
            "consultations": consultation_form,
            "visits": visit_form,
        }[tab]
        app.open_form(make(app.tracker, snapshot.state, self._district()))

    def action_handle(self) -> None:
        snapshot, app = self.tracker_app.snapshot, self.tracker_app
        if snapshot is None or snapshot.workflow is None:
            return
        tab = self._tab()
        table = self.table(tab)
        row = table.cursor_row
        if tab == "interpretations" and 0 <= row < len(snapshot.workflow.interpretations):
            entry = snapshot.workflow.interpretations[row]
            if entry.published:
                self.notify(f"政策「{entry.policy}」已有解读", severity="warning", markup=False)
                return
            app.open_form(publish_form(app.tracker, entry))
        elif tab == "concerns" and 0 <= row < len(snapshot.workflow.concerns):
            app.open_form(respond_form(app.tracker, snapshot.workflow.concerns[row]))
        else:
            self.notify("在政策解读或回应关切中选中一行后按 e 办理", severity="warning")
