"""Printing for people (Rich tables, imported only when needed) and for scripts (JSON).

What states read and look like comes from :mod:`tracker.presentation`; this module draws it.
"""

import sys
from functools import cache
from typing import TYPE_CHECKING, Any

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
    from rich.console import Console

    return Console(highlight=False)


def say(message: str) -> None:
    """A one-line confirmation for the user."""
    sys.stdout.write(message + "\n")


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
                    Text.from_markup(c)
                    if isinstance(c, Markup)
                    else Text(c)
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
