"""A pilot demo database for every TUI test, and a helper to drive the app headless."""

import asyncio

import pytest
from textual.widgets import Input, Select

from tests.conftest import COORDINATOR
from tests.identity import act_as
from tracker.services import open_tracker
from tracker.tui.app import TrackerApp
from tracker.tui.modals.forms import FormModal


@pytest.fixture
def demo_db(copy_demo, tmp_path):
    """A copy of the pilot demo of this test's own."""
    return copy_demo(tmp_path / "demo")


@pytest.fixture
def make_app(demo_db, monkeypatch):
    """An app on the demo, acting as ``login`` (the coordinator by default)."""

    def make(login: str = COORDINATOR, *, readonly: bool = False) -> TrackerApp:
        act_as(monkeypatch, login)
        return TrackerApp(open_tracker(demo_db), readonly=readonly)

    return make


def drive(app: TrackerApp, scenario, size=(100, 32)):
    """Run ``scenario(pilot)`` against the app headless and return what it returns."""

    async def run():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await scenario(pilot)

    return asyncio.run(run())


async def fill(pilot, **values: str) -> None:
    """Type into the open form's fields and save."""
    form = pilot.app.screen
    assert isinstance(form, FormModal), type(form).__name__
    for field, value in values.items():
        widget = form.query_one(f"#{field}")
        assert isinstance(widget, Input | Select)
        widget.value = value
    await pilot.click("#form-save")
    await pilot.pause(0.5)
