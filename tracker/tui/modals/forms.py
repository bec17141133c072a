"""Forms that change data: they call the same services as the CLI and show refusals in Chinese."""

import re
from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tracker.domain.errors import TrackerError
from tracker.tui.format import escape

_FLAG = re.compile(r"（--[a-z][a-z-]*）")


def without_flags(message: str) -> str:
    """A service's message as a form shows it: the command-line flag named beside a field
    (督办事项（--problem）) means nothing to someone filling in a form."""
    return _FLAG.sub("", message)


Field = tuple[str, Input | Select[str]]
"""A form field: its label, and the widget whose ``id`` names its value."""


class FormModal(ModalScreen[str | None]):
    """A titled form; ``save`` returns a confirmation or raises a ``TrackerError`` shown in red."""

    BINDINGS = [Binding("escape", "dismiss_form", "取消", id="form-cancel")]

    def __init__(
        self, title: str, fields: Sequence[Field], save: Callable[[dict[str, str]], str]
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(f"[b]{escape(self.title_text)}[/b]", id="form-title")
            for label, widget in self.fields:
                yield Label(label)
                yield widget
            yield Static(id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("保存", variant="primary", id="form-save")
                yield Button("取消", id="form-cancel-button")

    def values(self) -> dict[str, str]:
        """Each field's text by its widget's id; an unchosen selection is empty."""
        values = {}
        for _, widget in self.fields:
            blank = isinstance(widget, Select) and widget.is_blank()
            values[str(widget.id)] = "" if blank else str(widget.value)
        return values

    @on(Button.Pressed, "#form-save")
    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            message = self.save(self.values())
        except TrackerError as error:
            shown = escape(without_flags(str(error)))
            self.query_one("#form-error", Static).update(f"[red]{shown}[/]")
            return
        self.dismiss(message)

    @on(Button.Pressed, "#form-cancel-button")
    def action_dismiss_form(self) -> None:
        self.dismiss(None)
