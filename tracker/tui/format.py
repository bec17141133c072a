"""Rich markup for the screens; what states read and look like comes from :mod:`tracker.presentation`."""

from rich.text import Text

from tracker.domain.text import visible


def escape(text: str) -> str:
    """User text inside markup: brackets stay brackets, and control characters (from an
    older database) are pictured, never sent to the terminal.

    Every ``[`` is escaped, not only those that look like tags (as ``rich.markup.escape``
    does): Textual's parser reads an unclosed ``[`` up to the next tag, so a name like
    ``规划[草案`` before ``[b]…[/b]`` raised MarkupError. Rich and Textual both read
    ``\\[`` as a bracket.
    """
    return visible(text).replace("[", "\\[")


def styled(text: str, style: str) -> str:
    """``text`` in ``style`` as Rich markup, the text itself escaped."""
    shown = escape(text)
    return f"[{style}]{shown}[/]" if style else shown


def markup(text: str) -> Text:
    """A table cell whose Rich markup is meant (``styled`` output); plain strings are shown as typed."""
    return Text.from_markup(text)


def literal(value: object) -> object:
    """Table cells show user text exactly: brackets in a note are not markup, and control
    characters (from an older database) are pictured, never sent to the terminal."""
    return Text(visible(value)) if isinstance(value, str) else value
