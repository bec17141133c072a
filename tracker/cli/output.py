"""Printing for people (Rich tables, imported only when needed) and for scripts (JSON).

What states read and look like comes from :mod:`tracker.presentation`; this module draws it.
Everything printed for people passes :func:`~tracker.domain.text.visible` here, so a control
character stored in a note or a name (an older database, a hand-edited file) is shown as a
symbol and never reaches the terminal as an escape sequence. JSON needs nothing: orjson
escapes control characters itself.
"""

import sys
from functools import cache
from typing import TYPE_CHECKING, Any

from tracker.domain.text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and faster) into a pipe."""
    import orjson

    option = orjson.OPT_INDENT_2 if sys.stdout.isatty() else 0
    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(data, option=option) + b"\n")
    sys.stdout.buffer.flush()


def console() -> "Console":
    """A Rich console whose printed strings show control characters as symbols."""
    return _visible_console_class()(highlight=False)


@cache
def _visible_console_class() -> "type[Console]":
    from rich.console import Console
    from rich.text import Text

    class VisibleConsole(Console):
        """Every string printed becomes visible text before Rich reads its markup."""

        def render_str(self, text: str, **options: Any) -> Text:
            return super().render_str(visible(text), **options)

    return VisibleConsole


def say(message: str) -> None:
    """A one-line confirmation for the user."""
    sys.stdout.write(visible(message) + "\n")


def table(
    *columns: str,
    title: str | None = None,
    keep: tuple[str, ...] = ("代号", "截止", "完成", "日期", "时间"),
) -> "Table":
    """A table whose id and date columns never wrap, and whose cells show user text as typed."""
    grid = _literal_table_class()(
        title=title, title_justify="left", header_style="bold", expand=False
    )
    for column in columns:
        grid.add_column(column, overflow="fold", no_wrap=column in keep)
    return grid


@cache
def _literal_table_class() -> "type[Table]":
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    class LiteralTable(Table):
        """Plain strings are text (a ``[`` in a note is not markup); ``Markup`` cells are styled."""

        def add_row(self, *cells: RenderableType | None, **options: Any) -> None:
            super().add_row(
                *(
                    Text.from_markup(visible(c))
                    if isinstance(c, Markup)
                    else Text(visible(c))
                    if isinstance(c, str)
                    else c
                    for c in cells
                ),
                **options,
            )

    return LiteralTable


class Markup(str):
    """Rich markup that is meant as markup (built by ``styled``, user text escaped)."""


def styled(text: str, style: str) -> Markup:
    return Markup(f"[{style}]{plain(text)}[/]" if style else plain(text))


def plain(text: str) -> str:
    """User text inside a line that is printed with markup: brackets stay brackets."""
    from rich.markup import escape

    return escape(text)


def printed_as_json(models: Any, wanted: bool) -> bool:
    """With ``--json``, print read models as their ``--json`` value and say so; the list
    commands then stop there."""
    if not wanted:
        return False
    from tracker.services.read.views import json_of

    print_json(json_of(models))
    return True
