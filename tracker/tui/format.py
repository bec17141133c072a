"""Small text helpers shared by the screens (Rich markup, Chinese labels)."""

from rich.markup import escape
from rich.text import Text

from tracker.domain.rules import days_text

ALERT = {
    "red": ("● 红灯", "bold red"),
    "yellow": ("● 黄灯", "bold yellow"),
    "green": ("● 绿灯", "bold green"),
}
STATE_STYLE = {
    "pending": "",
    "due-soon": "yellow",
    "overdue": "bold red",
    "done": "green",
    "done-late": "dark_orange",
}
STATUS_STYLE = {"not-started": "dim", "in-progress": "cyan", "done": "green", "blocked": "bold red"}


def bar(percent: int, width: int = 8) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def days(state: str, days_left: int) -> str:
    """Compact days text for cards and tables."""
    return days_text(state, days_left, spaced=False)


def styled(text: str, style: str) -> str:
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


def markup(text: str) -> Text:
    """A table cell whose Rich markup is meant (``styled`` output); plain strings are shown as typed."""
    return Text.from_markup(text)


def literal(value: object) -> Text | object:
    """Table cells show user text exactly: brackets in a note are not markup."""
    return Text(value) if isinstance(value, str) else value
