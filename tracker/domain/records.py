"""The records the tracker keeps, as plain dataclasses that convert to and from dicts."""

from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any, Self

from tracker.domain.dates import format_date, parse_stored


class Record:
    """Mixin: a dataclass stored as a flat dict, dates as ISO strings."""

    _DATE_FIELDS: tuple[str, ...] = ()

    @classmethod
    @cache
    def _field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        # A shallow copy (lists copied): records hold only text, numbers, dates and lists.
        data: dict[str, Any] = {}
        for name in self._field_names():
            value = getattr(self, name)
            data[name] = list(value) if isinstance(value, list) else value
        for name in self._DATE_FIELDS:
            data[name] = format_date(data[name]) or None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        try:
            record = cls(**data)
        except TypeError:  # a stored record from an older or newer version: keep what we know
            known = cls._field_names()
            record = cls(**{k: v for k, v in data.items() if k in known})
        for name in cls._DATE_FIELDS:
            value = getattr(record, name)
            if isinstance(value, str):
                setattr(record, name, parse_stored(value))
        return record


@dataclass
class TaskRecord(Record):
    """One district's progress on one task."""

    district: str
    task: str
    status: str = "not-started"
    progress: int = 0
    owner: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        return self.task


@dataclass
class MilestoneRecord(Record):
    """Completion of one milestone by a district, or by the municipal office."""

    scope: str
    milestone: str
    done: date | None = None
    ref: str = ""
    note: str = ""

    _DATE_FIELDS = ("done",)

    @property
    def key(self) -> str:
        return self.milestone


@dataclass
class Person(Record):
    """Someone who works on the pilot, known by their operating-system login."""

    login: str
    name: str
    role: str
    district: str = ""
    unit: str = ""
    phone: str = ""

    @property
    def key(self) -> str:
        return self.login


@dataclass
class Assignment(Record):
    """A person made responsible for a district, or for one task in it."""

    district: str
    login: str
    task: str = ""

    @property
    def key(self) -> str:
        return f"{self.district}:{self.task or '*'}:{self.login}"


@dataclass
class Note(Record):
    """A dated note on a district: progress, practice, achievement, problem or suggestion."""

    id: int
    district: str
    kind: str
    text: str
    date: date
    author: str = ""

    _DATE_FIELDS = ("date",)

    @property
    def key(self) -> str:
        return str(self.id)


@dataclass
class Evaluation(Record):
    """A public evaluation or third-party assessment of a district's pilot work."""

    id: int
    district: str
    kind: str
    score: int
    date: date
    respondents: int | None = None
    by: str = ""
    summary: str = ""

    _DATE_FIELDS = ("date",)

    @property
    def key(self) -> str:
        return str(self.id)


@dataclass
class DistrictRecords:
    """Everything recorded for one district."""

    tasks: dict[str, TaskRecord] = field(default_factory=dict)
    milestones: dict[str, MilestoneRecord] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
