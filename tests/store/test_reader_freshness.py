"""A long-lived reader (the TUI later) sees commits made by other processes."""

from tests.conftest import Cli
from tracker.services import open_tracker


def test_an_open_tracker_sees_a_change_made_after_it_was_opened(cli: Cli):
    tracker = open_tracker(cli.db)
    assert tracker.records("hexi").tasks["comb"].progress == 0

    cli.ok("task", "update", "hexi", "comb", "-p", "45")

    assert tracker.records("hexi").tasks["comb"].progress == 45
