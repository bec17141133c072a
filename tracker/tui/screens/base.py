"""What every screen shares: the header line and redrawing from the latest snapshot."""

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from tracker.tui.data import Snapshot
from tracker.tui.messages import DataReloaded

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class TrackerScreen(Screen[None]):
    """A screen drawn from the app's current snapshot; redrawn when a new one arrives."""

    @property
    def tracker_app(self) -> "TrackerApp":
        """The app, with its tracker, snapshot and edit actions."""
        return cast("TrackerApp", self.app)

    def on_screen_resume(self) -> None:
        snapshot = self.tracker_app.snapshot
        if snapshot is not None:
            self.show(snapshot)

    def on_data_reloaded(self, message: DataReloaded) -> None:
        self.show(message.snapshot)

    def show(self, snapshot: Snapshot) -> None:
        """Draw the screen from ``snapshot``, keeping the user's place."""
        raise NotImplementedError
