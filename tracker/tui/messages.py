"""Messages the app posts to its screens."""

from dataclasses import dataclass

from textual.message import Message

from tracker.tui.data import Snapshot


@dataclass
class DataReloaded(Message):
    """A fresh snapshot of the database was read."""

    snapshot: Snapshot
