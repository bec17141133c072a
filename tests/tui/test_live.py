"""Another office's change reaches the coordinator's screen by itself, on either backend: the
folder database is polled, the server announces each commit (LISTEN/NOTIFY)."""

import asyncio
import sys
import time

import pytest

from tests import pg
from tests.conftest import Cli, environment
from tests.tui.conftest import drive
from tests.tui.test_screens import card_text
from tracker.services import open_tracker
from tracker.tui.app import TrackerApp

LEAD = "wangjh"
"""王建华, 河西区's lead in the pilot demo: the other office."""


@pytest.fixture(params=["folder", "postgres"])
def demo_target(request, copy_demo, tmp_path) -> str:
    """The pilot demo as a folder, or copied onto the test server."""
    folder = copy_demo(tmp_path / "demo")
    if request.param == "folder":
        return str(folder)
    url = pg.new_database()
    Cli(folder).ok("db", "copy", "--from", str(folder), "--to", url)
    pg.ensure_role(LEAD)
    return url


def _as(target: str, login: str) -> str:
    return pg.with_login(target, login) if "://" in target else target


def test_another_offices_change_appears_within_a_second(demo_target: str):
    app = TrackerApp(open_tracker(demo_target))
    listening = "://" in demo_target
    if listening:
        app.POLL_SECONDS = 3600  # the server's announcement alone must bring the change
    argv = ["-m", "tracker", "--db", _as(demo_target, LEAD)]
    argv += ["task", "update", "河西", "梳理", "-p", "97"]

    async def scenario(pilot):
        await pilot.pause(0.5)  # the first read and the listener are up
        before = card_text(pilot.app, "hexi")
        writer = await asyncio.create_subprocess_exec(sys.executable, *argv, env=environment(LEAD))
        assert await writer.wait() == 0
        done = time.monotonic()
        while time.monotonic() - done < 3:
            await pilot.pause(0.05)
            if "97%" in card_text(pilot.app, "hexi"):
                return before, time.monotonic() - done
        return before, None

    before, seen_after = drive(app, scenario)
    assert "97%" not in before
    assert seen_after is not None, "the change never reached the dashboard"
    assert seen_after < (1.0 if listening else 2.0)


def test_a_server_database_is_listened_to_not_polled(demo_target: str):
    app = TrackerApp(open_tracker(demo_target))

    async def scenario(pilot):
        await pilot.pause()
        return [w.name for w in pilot.app.workers if not w.is_finished]

    assert ("listen" in drive(app, scenario)) == ("://" in demo_target)
