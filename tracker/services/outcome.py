"""What a change did, returned by every service that changes a record."""

from dataclasses import dataclass
from typing import Generic, TypeVar

RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class Outcome(Generic[RecordT]):
    """The record after the change, and whether anything changed."""

    record: RecordT
    changed: bool
