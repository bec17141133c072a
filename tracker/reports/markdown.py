"""The Markdown dialect reports are written in, shared by the HTML and Word renderers."""

from typing import Any


def markdown_parser() -> Any:
    """CommonMark with tables; raw HTML in user text is shown as text, never run."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")
