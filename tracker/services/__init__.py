"""Use cases shared by the CLI, the TUI and the reports; built by :func:`open_tracker`."""

from tracker.services.tracker import Tracker, open_tracker

__all__ = ["Tracker", "open_tracker"]
