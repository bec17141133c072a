"""What a document is, beyond its text: its kind, issuer, number, signer, addressees, date.

The templates put it at the top of the Markdown they render, as a comment the Word
writer lays out by GB/T 9704-2012 (版头, 主送, 署名, 成文日期, 附件, 版记)::

    <!--gbt9704
    {"type": "upward", "issuer": "天津市人民政府办公厅", "doc_no": "津政办报〔2018〕12号", …}
    -->

and which the Markdown and HTML outputs show as plain lines instead.
"""

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from tracker.domain.errors import InputError

ATTACHMENTS = "<!--attachments-->"
"""Where the text ends and the attachments begin: the 署名 and 成文日期 go between them."""
_BLOCK = re.compile(r"\A\s*<!--gbt9704\n(.*?)\n-->\n?", re.DOTALL)


@dataclass(frozen=True)
class DocumentInfo:
    """The parts of an official document GB/T 9704 places around its text."""

    type: str
    """upward (上行文), downward (下行文), bulletin (督办通报) or plain."""
    issuer: str
    mark: str | None = None
    """发文机关标志 as printed (a 报告 carries the issuer's name; a 文件 adds 文件)."""
    doc_no: str | None = None
    signer: str | None = None
    draft: bool = False
    title_lines: list[str] = field(default_factory=list)
    to: str | None = None
    signature: str | None = None
    date: str | None = None
    attachments: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printer: str | None = None
    printed: str | None = None
    number: str | None = None
    """The issue of a bulletin: 2018年第3期."""


class Raw:
    """Text a Markdown template prints as it is (the finalizer escapes plain strings)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def front_matter(info: DocumentInfo) -> Raw:
    """The comment block a template prints first."""
    return Raw(f"<!--gbt9704\n{json.dumps(asdict(info), ensure_ascii=False)}\n-->")


def split_front_matter(markdown: str) -> tuple[dict[str, Any] | None, str]:
    """The document's parts (None when it has none) and the Markdown after them."""
    match = _BLOCK.match(markdown)
    if not match:
        return None, markdown
    try:
        info = json.loads(match.group(1))
    except json.JSONDecodeError:
        raise InputError("报告模板开头的公文要素（gbt9704）不是有效的 JSON") from None
    return info if isinstance(info, dict) else None, markdown[match.end() :]


def as_lines(info: dict[str, Any] | None, body: str) -> str:
    """The Markdown as a reader of the .md or .html sees it: the 版头 and 版记 as plain lines."""
    if not info:
        return body
    head = [
        f"**{info['mark']}**" if info.get("mark") else "",
        "（草稿）" if info.get("draft") else "",
        info.get("number") or "",
        "　".join(x for x in (info.get("doc_no"), _signer(info)) if x),
    ]
    tail = []
    if info.get("attachments"):
        tail.append("附件：" + "；".join(info["attachments"]))
    if info.get("signature") or info.get("date"):
        tail += [f"> {info.get('signature') or ''}", f"> {info.get('date') or ''}"]
    if info.get("cc"):
        tail.append("抄送：" + "，".join(info["cc"]) + "。")
    if info.get("printer") or info.get("printed"):
        tail.append(f"{info.get('printer') or ''}　{info.get('printed') or ''}印发")
    head_text = "\n\n".join(line for line in head if line)
    body = body.strip()
    if info.get("to"):  # 主送 under the title
        title, _, rest = body.partition("\n")
        body = (
            f"{title}\n\n{info['to']}\n{rest}"
            if title.startswith("# ")
            else f"{info['to']}\n\n{body}"
        )
    main, _, attachments = body.partition(ATTACHMENTS)
    parts = (head_text, main.strip(), "\n\n".join(tail), attachments.strip())
    return "\n\n".join(part for part in parts if part) + "\n"


def _signer(info: dict[str, Any]) -> str:
    return f"签发人：{info['signer']}" if info.get("signer") else ""


def chinese_date(day: date) -> str:
    """2018年9月28日: the year in full, no padded digits (GB/T 9704 §7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


def title_lines(title: str, width: int = 20) -> list[str]:
    """A title broken into lines at word boundaries, no line over ``width`` characters, the
    lines as even as the words allow (a trapezoid, not one long line and a stub).

    Breaks fall after 关于, after the issuer, before 的, or between the words of the
    topic; never inside a word such as 总体 or 报告.
    """
    if len(title) <= width:
        return [title]
    pieces = re.findall(r"关于|[^关的报告工作情况试点]+|的|报告|工作|情况|试点|.", title)
    best: list[str] = [title]
    for lines in _splits(pieces, width):
        if len(best) == 1 or _spread(lines) < _spread(best):
            best = lines
    return best


def _splits(pieces: list[str], width: int) -> list[list[str]]:
    results: list[list[str]] = []
    for cut in range(1, len(pieces)):
        first, rest = "".join(pieces[:cut]), "".join(pieces[cut:])
        if len(first) <= width and len(rest) <= width:
            results.append([first, rest])
        if len(first) <= width:
            for cut2 in range(cut + 1, len(pieces)):
                second, third = "".join(pieces[cut:cut2]), "".join(pieces[cut2:])
                if len(second) <= width and len(third) <= width:
                    results.append([first, second, third])
    return results


def _spread(lines: list[str]) -> tuple[int, int]:
    """Fewer lines first, then the most even."""
    return len(lines), max(len(x) for x in lines) - min(len(x) for x in lines)
