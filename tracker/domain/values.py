"""Parsing of the small values users type: progress, scores, counts, logins."""

import re
import unicodedata

from tracker.domain.errors import InputError
from tracker.domain.text import checked_text

_LOGIN = re.compile(r"[A-Za-z0-9_.@-]+")
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
"""Digits as people type them (NFKC makes full-width ones ASCII). ``int()`` alone would also
take ``1_0`` as 10 and other scripts' digits, and raises past 4,300 digits."""


def parse_int(text: str | int, *, what: str, low: int, high: int | None = None) -> int:
    """An integer in ``[low, high]``; a trailing % or full-width digits are fine."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().removesuffix("%").strip()
    bounds = f" {low} 到 {high} 之间的整数" if high is not None else f"不小于 {low} 的整数"
    if not _INTEGER.fullmatch(raw):
        raise InputError(f"{what}应为{bounds}，收到「{text}」")
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise InputError(f"{what}应为{bounds}，收到 {value}")
    return value


def parse_login(text: str) -> str:
    login = text.strip()
    if not _LOGIN.fullmatch(login):
        raise InputError(f"登录名「{text}」无效：只能包含字母、数字和 _ . @ -")
    return login


def require_text(text: str | None, *, what: str, multiline: bool = False) -> str:
    """Typed text that must not be empty; control characters are refused (see ``optional_text``)."""
    value = optional_text(text, what=what, multiline=multiline)
    if not value:
        raise InputError(f"{what}不能为空")
    return value


def optional_text(text: str | None, *, what: str, multiline: bool = False) -> str:
    """Typed text, trimmed; empty when not given.

    Control characters are refused: they break Word files and spreadsheets and drive
    terminals. Only ``multiline`` fields (notes, reasons) may hold line breaks and tabs.
    """
    return checked_text((text or "").strip(), what=what, multiline=multiline)


def parse_score(text: str | float) -> float:
    """A score from 0 to 100 with at most one decimal place (91.5); whole scores stay whole."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().removesuffix("分").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d)?", raw):
        raise InputError(f"评分应为 0 到 100 之间、最多一位小数的数，收到「{text}」")
    value = float(raw)
    if value > 100:
        raise InputError(f"评分应为 0 到 100 之间、最多一位小数的数，收到 {raw}")
    return int(value) if value.is_integer() else value
