"""``?``: every key binding of the app and of the screen underneath."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.format import escape


class HelpModal(ModalScreen[None]):
    """Lists the bindings; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "关闭", id="help-close"),
        Binding("question_mark", "dismiss", "关闭", show=False),
        Binding("q", "dismiss", "关闭", show=False),
    ]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        lines = ["[b]按键说明[/b]", ""]
        # A key such as [ or ] is text, not the start of a tag.
        lines += [
            f"  [b]{escape(f'{key:<8}')}[/b] {escape(description)}"
            for key, description in self.bindings
        ]
        lines += ["", "鼠标可点击表格、筛选框和底部按键；Ctrl+P 打开命令面板。", "按 Esc 关闭。"]
        with VerticalScroll(id="help-body"):
            yield Static("\n".join(lines), id="help-text")
