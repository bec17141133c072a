"""报告: preview a report rendered from the templates, then export it."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from tracker.domain.errors import TrackerError
from tracker.tui.data import Snapshot
from tracker.tui.screens.base import TrackerScreen

Report = tuple[str, str | None, str]
"""A report to preview: its kind, its district (None for citywide ones) and its title."""

KINDS: list[Report] = [("municipal", None, "全市总体报告"), ("bulletin", None, "督办通报")]


class ReportsScreen(TrackerScreen):
    """The municipal report, the bulletin and each district's report; ``[``/``]`` switch, ``w`` exports."""

    SUB_TITLE = "报告"
    BINDINGS = [
        Binding("left_square_bracket", "cycle(-1)", "上一份", id="report-previous"),
        Binding("right_square_bracket", "cycle(1)", "下一份", id="report-next"),
        Binding("w", "export('docx')", "导出 Word", id="report-export-docx"),
        Binding("h", "export('html')", "导出网页", id="report-export-html"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.choice = 0
        self.rendered_for: tuple[str, str | None, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="report-heading")
        with VerticalScroll(id="report-body"):
            yield Markdown(id="report-preview")
        yield Footer(compact=True)

    def reports(self, snapshot: Snapshot) -> list[Report]:
        districts: list[Report] = [
            ("district", d.id, f"{d.name}试点工作报告") for d in snapshot.state.districts
        ]
        return KINDS + districts

    def action_cycle(self, step: int) -> None:
        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        self.choice = (self.choice + step) % len(self.reports(snapshot))
        self.show(snapshot)

    def show(self, snapshot: Snapshot) -> None:
        kind, district, _ = self.reports(snapshot)[self.choice]
        names = "  ".join(
            f"[reverse]{name}[/]" if index == self.choice else name
            for index, (_, _, name) in enumerate(self.reports(snapshot))
        )
        self.query_one("#report-heading", Static).update(
            f"{names}\n[ ] 切换  w 导出 Word  h 导出网页"
        )
        if self.rendered_for != (kind, district, snapshot.version):
            self.rendered_for = (kind, district, snapshot.version)
            self.render_preview(kind, district)

    @work(thread=True, exclusive=True, group="report-preview")
    def render_preview(self, kind: str, district: str | None) -> None:
        from tracker.reports.context import ReportOptions, report_context
        from tracker.reports.document import as_lines
        from tracker.reports.markdown import literal, split_front_matter
        from tracker.reports.render import render_markdown

        tracker = self.tracker_app.tracker
        try:
            draft = ReportOptions(draft=kind in ("municipal", "bulletin"))
            context = report_context(tracker, district, kind, draft)
            text = as_lines(*split_front_matter(render_markdown(kind, context)))
        except TrackerError as error:
            text = f"**无法生成报告**：{literal(str(error))}"
        self.app.call_from_thread(self.query_one("#report-preview", Markdown).update, text)

    def action_export(self, fmt: str) -> None:
        from tracker.reports.context import ReportOptions
        from tracker.reports.files import write_report_file

        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        kind, district, _ = self.reports(snapshot)[self.choice]
        try:
            # The screen asks for no 文号 or 签发人, and issues no 期号: a document for the office
            # to finish (tracker report … --doc-number … makes the one that is sent).
            draft = ReportOptions(draft=kind in ("municipal", "bulletin"))
            path = write_report_file(
                self.tracker_app.tracker, kind, district=district, fmt=fmt, options=draft
            )
        except TrackerError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"已导出 {path}", markup=False)
