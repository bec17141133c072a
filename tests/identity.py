"""Acting as a login in tests: the tracker asks the password database, so tests replace
that one lookup (in-process) or load ``tests/shim`` (in a subprocess)."""

from collections.abc import Iterator
from contextlib import contextmanager

from tracker.services import identity


@contextmanager
def acting_as(login: str) -> Iterator[None]:
    """Run the block as if the password database named ``login`` for this process."""
    saved = identity._password_login
    identity._password_login = lambda: login
    try:
        yield
    finally:
        identity._password_login = saved


def act_as(monkeypatch, login: str) -> None:
    """Act as ``login`` for the rest of the test."""
    monkeypatch.setattr(identity, "_password_login", lambda: login)
