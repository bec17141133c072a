"""The Markdown dialect reports are written in, shared by the HTML and Word renderers."""

import re
from typing import TYPE_CHECKING

from tracker.domain.text import without_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def markdown_parser() -> "MarkdownIt":
    """CommonMark with tables; raw HTML in user text is shown as text, never run."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


_INLINE = re.compile(r"([\\`*_\[\]<>&|])")
"""What starts or ends an inline construct: escapes, code, emphasis, links, autolinks,
entities, and table cells."""
_LINE_START = re.compile(r"^([ \t]*)([#>+\-=~]|\d{1,9}(?=[.)]))")
"""What makes a line a heading, quote, list, rule, setext underline or fence (``*`` and
`````` are inline specials already); for an ordered-list number, what follows it."""


def literal(text: str) -> str:
    """``text`` as Markdown that reads exactly as typed: never a heading, list, table or link.

    Line breaks stay line breaks (hard breaks inside the same paragraph or list item);
    blank lines, which would end that paragraph, are dropped; control characters go.
    """
    lines = [line for line in without_controls(text, multiline=True).split("\n") if line.strip()]
    return "\\\n".join(_LINE_START.sub(_escape_start, _INLINE.sub(r"\\\1", line)) for line in lines)


def _escape_start(match: re.Match[str]) -> str:
    indent, start = match.groups()
    return f"{indent}{start}\\" if start[0].isdigit() else f"{indent}\\{start}"
