"""A damaged database in the TUI: a notification while it runs, a plain error when it starts;
stored escape sequences pictured, never sent to the terminal."""

import asyncio
import subprocess
import sys

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from tests.conftest import COORDINATOR, environment
from tests.tui.conftest import drive
from tracker.domain.errors import StoreError
from tracker.store import open_store
from tracker.tui.app import TrackerApp

GARBAGE = b'{"tasks": {"1": \x00\x01 not json at all'


def errors(app: TrackerApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def settle(pilot) -> None:
    """Let workers finish and what they post be handled."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_damage_while_running_is_a_notification_and_the_app_keeps_running(make_app, demo_db):
    app = make_app()
    hexi = demo_db / "districts" / "hexi.json"
    good = hexi.read_bytes()

    async def scenario(pilot):
        await settle(pilot)
        hexi.write_bytes(GARBAGE)
        pilot.app.reload()
        await settle(pilot)
        pilot.app.reload()  # the same damage again: no second notice
        await settle(pilot)
        damaged = errors(pilot.app)
        await pilot.press("c")  # still answers keys, showing the last good read
        await settle(pilot)
        rows = pilot.app.screen.query_one("#catalog-table", DataTable).row_count
        hexi.write_bytes(good)
        pilot.app.reload()
        await settle(pilot)
        return damaged, rows, pilot.app.is_running, [n.message for n in pilot.app._notifications]

    damaged, rows, running, notices = drive(app, scenario)
    assert len(damaged) == 1
    assert "hexi.json" in damaged[0] and "损坏" in damaged[0]
    assert "not json" not in damaged[0]
    assert running
    assert rows > 0
    assert "数据库已恢复正常，数据已重新读取" in notices


def test_damage_read_by_the_catalog_screen_is_a_notification(make_app, demo_db):
    app = make_app()

    async def scenario(pilot):
        await settle(pilot)
        (demo_db / "items" / "hexi.json").write_bytes(GARBAGE)
        await pilot.press("c")
        await settle(pilot)
        return errors(pilot.app), pilot.app.is_running

    damaged, running = drive(app, scenario)
    assert damaged and all("hexi.json" in message for message in damaged)
    assert running


def test_damage_at_start_exits_with_the_database_code(make_app, demo_db):
    app = make_app()
    (demo_db / "districts" / "hexi.json").write_bytes(GARBAGE)

    async def run() -> None:
        async with app.run_test() as pilot:
            await pilot.pause()

    asyncio.run(run())
    assert app.return_code == 4
    assert isinstance(app.startup_error, StoreError)
    assert "hexi.json" in str(app.startup_error)


def test_tracker_tui_on_a_damaged_database_prints_the_error_and_exits_4(demo_db):
    (demo_db / "districts" / "hexi.json").write_bytes(GARBAGE)
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(demo_db), "tui"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environment(COORDINATOR),
        timeout=120,
    )

    assert result.returncode == 4, result.stderr
    assert result.stderr.startswith("错误：") and "hexi.json" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "not json" not in result.stderr + result.stdout


def test_stored_escape_sequences_are_pictured_on_screen(make_app, demo_db):
    with open_store(demo_db).transaction(COORDINATOR, COORDINATOR) as tx:
        item = tx.get("hexi", "items", "hexi-1")
        tx.put("hexi", "items", "hexi-1", {**item, "name": "控规\x1b[2J公示"}, "item.update")
        evaluation = tx.get("hexi", "evaluations", "1")
        tx.put("hexi", "evaluations", "1", {**evaluation, "by": "问卷\x1b]0;x\x07"}, "x.y")
    app = make_app()

    async def scenario(pilot):
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = pilot.app.screen.query_one("#catalog-table", DataTable)
        cell = str(table.get_cell_at(Coordinate(0, 1)))
        detail = str(pilot.app.screen.query_one("#catalog-detail", Static).render())
        await pilot.press("x")
        await settle(pilot)
        evaluations = str(pilot.app.screen.query_one("#district-evaluations", Static).render())
        return cell, detail, evaluations

    cell, detail, evaluations = drive(app, scenario)
    assert cell == "控规␛[2J公示"
    assert "控规␛[2J公示" in detail
    assert "问卷␛]0;x␇" in evaluations
