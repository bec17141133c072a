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
from dataclasses import asdict
from datetime import date

from tracker.reports.markdown import ATTACHMENTS_MARK, FrontMatter


class Raw:
    """Text a Markdown template prints as it is (the finalizer escapes plain strings)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def front_matter(info: FrontMatter) -> Raw:
    """The comment block a template prints first (read back by ``split_front_matter``)."""
    return Raw(f"<!--gbt9704\n{json.dumps(asdict(info), ensure_ascii=False)}\n-->")


def as_lines(info: FrontMatter | None, body: str) -> str:
    """The Markdown as a reader of the .md or .html sees it: the 版头 and 版记 as plain lines."""
    if not info:
        return body
    head = [
        f"**{info.mark}**" if info.mark else "",
        "（草稿）" if info.draft else "",
        info.number or "",
        "　".join(x for x in (info.doc_no, f"签发人：{info.signer}" if info.signer else "") if x),
    ]
    tail = []
    if info.attachments:
        tail.append("附件：" + "；".join(info.attachments))
    if info.signature or info.date:
        tail += [f"> {info.signature or ''}", f"> {info.date or ''}"]
    if info.cc:
        tail.append("抄送：" + "，".join(info.cc) + "。")
    if info.printer or info.printed:
        tail.append(f"{info.printer or ''}　{info.printed or ''}印发")
    head_text = "\n\n".join(line for line in head if line)
    body = body.strip()
    if info.to:  # 主送 under the title
        title, _, rest = body.partition("\n")
        body = f"{title}\n\n{info.to}\n{rest}" if title.startswith("# ") else f"{info.to}\n\n{body}"
    main, _, attachments = body.partition(ATTACHMENTS_MARK)
    parts = (head_text, main.strip(), "\n\n".join(tail), attachments.strip())
    return "\n\n".join(part for part in parts if part) + "\n"


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
