"""The Markdown dialect reports are written in, shared by the HTML and Word renderers.

A report may open with a ``<!--gbt9704 {...} -->`` block: the JSON the Word writer lays
out as the GB/T 9704-2012 版头, 署名, 附件说明 and 版记.
"""

import json
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import InputError
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


_FRONT_MATTER = re.compile(r"\A\s*<!--gbt9704[ \t]*\n(.*?)\n[ \t]*-->[ \t]*(?:\n|\Z)", re.DOTALL)
DOCUMENT_TYPES = ("upward", "downward", "bulletin", "plain")
"""上行文, 下行文, 督办通报 (a 简报-style 版头), and a document without a 版头."""


@dataclass(frozen=True)
class FrontMatter:
    """What a report's ``<!--gbt9704 {...} -->`` block says about its official layout.

    Every element is optional: a missing one is left out of the document.
    """

    type: str = "plain"
    issuer: str | None = None
    mark: str | None = None
    doc_no: str | None = None
    signer: str | None = None
    draft: bool = False
    title_lines: tuple[str, ...] = ()
    to: str | None = None
    signature: str | None = None
    date: str | None = None
    attachments: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    printer: str | None = None
    printed: str | None = None
    number: str | None = None


def split_front_matter(markdown: str) -> tuple[FrontMatter | None, str]:
    """The front matter at the start of ``markdown`` (None without one) and the rest.

    A template a user edited may carry a broken block: it is refused with its reason.
    """
    match = _FRONT_MATTER.match(markdown)
    if match is None:
        return None, markdown
    try:
        data = json.loads(match.group(1))
    except ValueError as error:
        raise InputError(f"报告开头的 gbt9704 版式信息不是合法的 JSON：{error}") from None
    if not isinstance(data, dict):
        raise InputError("报告开头的 gbt9704 版式信息应当是一个 JSON 对象")
    values: dict[str, Any] = {}
    for field in fields(FrontMatter):
        value = data.get(field.name)
        if value is None:
            continue
        if field.name == "draft":
            values["draft"] = bool(value)
        elif field.name in ("title_lines", "attachments", "cc"):
            if isinstance(value, str) or not isinstance(value, list):
                raise InputError(f"gbt9704 版式信息中「{field.name}」应当是文字列表")
            values[field.name] = tuple(str(v) for v in value if str(v).strip())
        else:
            values[field.name] = str(value)
    if values.get("type", "plain") not in DOCUMENT_TYPES:
        raise InputError(
            f"gbt9704 版式信息中的文种「{values['type']}」未知，可选：{'、'.join(DOCUMENT_TYPES)}"
        )
    return FrontMatter(**values), markdown[match.end() :]


ATTACHMENTS_MARK = "<!--attachments-->"
"""Where a report's text ends and its 附件 begin: 署名 and 成文日期 go before it, the
附件 start on a new page after it."""
