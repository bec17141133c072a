"""Find the one object a user means, by id, Chinese name, or a unique part of the name."""

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from tracker.domain.errors import NotFoundError

T = TypeVar("T")


class HasId(Protocol):
    """Anything known by a stored id: a plan's district, task or milestone, or a read model."""

    @property
    def id(self) -> str: ...


IdT = TypeVar("IdT", bound=HasId)


def with_id(candidates: Iterable[IdT], wanted: str) -> IdT | None:
    """The candidate whose id is ``wanted`` (ids as stored, not as typed), or None."""
    return next((candidate for candidate in candidates if candidate.id == wanted), None)


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
