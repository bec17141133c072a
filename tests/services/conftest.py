"""Fixtures for calling the services directly: a fresh database, and trackers opened by anyone."""

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import COORDINATOR
from tests.identity import act_as
from tracker.services import Tracker, open_tracker
from tracker.services.people import add_person
from tracker.services.setup import initialize

AS_OF = "2018-03-15"
"""The day every tracker here is opened on, so dates the services check are fixed."""

OpenAs = Callable[..., Tracker]


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    """A database made from the Tianjin plan by the coordinator ``zhangwei`` (张伟)."""
    db = tmp_path / "data"
    initialize(db, name="张伟")
    return db


@pytest.fixture
def open_as(fresh_db, monkeypatch) -> OpenAs:
    """Open the fresh database as an OS login (the coordinator by default), on ``AS_OF``.

    Each call reads the database anew, so a test can check what a change really stored.
    """

    def open_(login: str = COORDINATOR, *, user: str | None = None, as_of: str = AS_OF) -> Tracker:
        act_as(monkeypatch, login)
        return open_tracker(fresh_db, user=user, as_of=as_of)

    return open_


@pytest.fixture
def fresh_tracker(open_as) -> Tracker:
    """The coordinator's tracker on the fresh database."""
    return open_as()


@pytest.fixture
def team_tracker(fresh_tracker) -> Tracker:
    """The coordinator's tracker after registering 李华 (lead of 河西), 王芳 (lead of 津南) and the
    viewer 刘洋."""
    add_person(fresh_tracker, "李华", login="lihua", role="区试点负责人", district="河西")
    add_person(fresh_tracker, "王芳", login="wangfang", role="district-lead", district="jinnan")
    add_person(fresh_tracker, "刘洋", login="liuyang", role="viewer")
    return fresh_tracker


def audit_entries(tracker: Tracker) -> list[dict]:
    """The whole audit log, newest first."""
    return list(tracker.audit())


def newest_entry(tracker: Tracker) -> dict:
    """The last entry written to the audit log."""
    return next(tracker.audit())
