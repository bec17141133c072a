"""The Markdown dialect reports are written in, shared by the HTML and Word renderers."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def markdown_parser() -> "MarkdownIt":
    """CommonMark with tables; raw HTML in user text is shown as text, never run."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")
