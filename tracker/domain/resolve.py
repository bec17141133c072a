"""Find the one object a user means, by id, Chinese name, or a unique part of the name."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from tracker.domain.errors import NotFoundError

T = TypeVar("T")


def resolve(
    text: str,
    candidates: Iterable[T],
    *,
    what: str,
    keys: Callable[[T], Iterable[str]],
    describe: Callable[[T], str],
) -> T:
    """Match ``text`` exactly against each candidate's keys, then as a unique substring.

    An ambiguous or unknown name is refused with the list of what is accepted,
    never guessed.
    """
    wanted = text.strip()
    pool = list(candidates)
    exact = [c for c in pool if wanted in keys(c) or wanted.lower() in keys(c)]
    if len(exact) == 1:
        return exact[0]
    partial = [c for c in pool if wanted and any(wanted in key for key in keys(c))]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        options = "、".join(describe(c) for c in partial)
        raise NotFoundError(f"「{text}」可指多个{what}：{options}，请写得更完整")
    options = "、".join(describe(c) for c in pool)
    raise NotFoundError(f"未知的{what}「{text}」，可选：{options}")
