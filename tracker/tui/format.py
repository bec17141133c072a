"""Rich markup for the screens; what states read and look like comes from :mod:`tracker.presentation`."""

from rich.markup import escape
from rich.text import Text


def styled(text: str, style: str) -> str:
    """``text`` in ``style`` as Rich markup, the text itself escaped."""
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


def markup(text: str) -> Text:
    """A table cell whose Rich markup is meant (``styled`` output); plain strings are shown as typed."""
    return Text.from_markup(text)


def literal(value: object) -> object:
    """Table cells show user text exactly: brackets in a note are not markup."""
    return Text(value) if isinstance(value, str) else value
