"""The resting layout of every screen at 80×24 and 160×48, on the demo frozen at 2018-03-15."""

import pytest

SCREENS = {
    "dashboard": "d",
    "district": "x",
    "catalog": "c",
    "timeline": "t",
    "people": "p",
    "reports": "r",
    "activity": "a",
    "orders": "o",
    "workflow": "i",
    "baseline": "g",
}
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_layout(snap_compare, make_app, screen, size):
    async def settle(pilot):
        await quiet(pilot)  # the first full read of the database
        await pilot.press(SCREENS[screen])
        await quiet(pilot)
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=settle)


async def quiet(pilot) -> None:
    """Let workers finish and the messages they post be handled, twice over."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
