"""报告: where the pilot's reports will be previewed and exported."""

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from tracker.tui.data import Snapshot
from tracker.tui.screens.base import TrackerScreen

COMING = """[b]报告[/b]

此处将可预览并导出：
  · 各区《试点工作报告》（试点总体情况、主要做法和成效、存在的问题及建议）
  · 《全市试点工作总体报告》（天津市人民政府办公厅报国务院办公厅）
  · 《督办通报》（逾期和临近节点、受阻或滞后任务、缺要素事项及责任人）
  · 各区政务公开事项标准目录

报告生成功能尚未提供。现在可在命令行导出标准目录：
  tracker item export 河西 -f html
"""


class ReportsScreen(TrackerScreen):
    """A placeholder that says what the reports screen will hold."""

    SUB_TITLE = "报告"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(COMING, id="reports-coming")
        yield Footer()

    def show(self, snapshot: Snapshot) -> None:
        """Nothing to redraw yet."""
