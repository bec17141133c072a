"""Text at the door and on the way out: no control characters in, no escape sequences out.

C0 controls (and DEL and the C1 range) in a note or a name break Word files (XML forbids
most of them), corrupt spreadsheets and, printed raw, drive the user's terminal. Text a
user types is refused when it holds them; text read from a file has them removed; text
shown on a terminal has them made visible.
"""

import re

from tracker.domain.errors import InputError

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every C0 control but tab and line feed, DEL and C1: what no field may hold."""
_CONTROLS_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""The same with tab and line feed: what a one-line field may not hold."""
_NEWLINES = re.compile(r"\r\n?")


def _pictured(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, Unicode's control pictures
    if code == 0x7F:
        return "␡"
    return f"\\x{code:02x}"


def _named(char: str) -> str:
    code = ord(char)
    return {0x1B: "ESC（\\x1b）", 0x00: "NUL（\\x00）"}.get(code, f"\\x{code:02x}")


def checked_text(text: str, *, what: str, multiline: bool = False) -> str:
    """``text`` as typed, refused when it holds control characters.

    Line breaks (CRLF and CR become LF) are allowed only in ``multiline`` fields;
    tab is allowed in those too.
    """
    value = _NEWLINES.sub("\n", text)
    pattern = _CONTROLS if multiline else _CONTROLS_IN_LINE
    found = pattern.search(value)
    if found:
        kind = "控制字符" if found.group() not in "\t\n" else "换行或制表符"
        raise InputError(
            f"{what}含有不能保存的{kind} {_named(found.group())}（第 {found.start() + 1} 个字符），"
            "请删除后重试"
        )
    return value


def without_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` read from a file, with control characters removed (line breaks kept in
    ``multiline`` fields, turned into spaces otherwise)."""
    value = _NEWLINES.sub("\n", text)
    value = _CONTROLS.sub("", value)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return value


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as symbols, never sent.

    Tab and line feed pass through; everything else that a terminal would act on
    (ESC sequences, bells, backspaces, carriage returns, C1) is pictured instead.
    """
    return _CONTROLS.sub(lambda m: _pictured(m.group()), text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: str) -> str:
    """A spreadsheet cell that cannot run as a formula (OWASP's CSV-injection rule): text
    starting with ``= + - @``, tab or carriage return gets a leading apostrophe."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def headline(text: str, width: int = 30) -> str:
    """The first line of ``text``, cut to ``width`` characters with …: where a long title or
    problem stands in a sentence or a column."""
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else ""
    return line if len(line) <= width else line[: width - 1] + "…"
