"""The records the tracker keeps, as plain dataclasses that convert to and from dicts."""

import types
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Self, Union, get_args, get_origin, get_type_hints

from tracker.domain.dates import format_date, parse_stored
from tracker.domain.errors import StoreError

if TYPE_CHECKING:
    from tracker.domain.supervision import Order
    from tracker.domain.workflow import Concern, Consultation, Interpretation


def _accepted(hint: Any) -> tuple[type, ...]:
    """The stored types a field's annotation accepts (dates are stored as ISO text)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return tuple(t for arg in get_args(hint) for t in _accepted(arg))
    if origin is not None:
        return (origin,)
    if hint is date:
        return (str,)
    if hint is type(None):
        return (type(None),)
    if hint is float:
        return (int, float)
    return (hint,)


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
    @cache
    def _field_types(cls) -> dict[str, tuple[type, ...]]:
        hints = get_type_hints(cls)
        return {name: _accepted(hints[name]) for name in cls._field_names()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """The record stored as ``data``; a stored record of the wrong shape is damage."""
        known = cls._field_types()
        kept = {k: v for k, v in data.items() if k in known}  # older or newer fields dropped
        for name, value in kept.items():
            accepted = known[name]
            if not isinstance(value, accepted) or (
                isinstance(value, bool) and bool not in accepted
            ):
                raise cls._damaged(data, f"字段 {name} 的值「{value!r:.40}」类型不对")
        try:
            record = cls(**kept)
        except TypeError:
            missing = [n for n in cls._field_names() if n not in kept]
            raise cls._damaged(data, f"缺少字段 {'、'.join(missing)}") from None
        for name in cls._DATE_FIELDS:
            value = getattr(record, name)
            if isinstance(value, str):
                try:
                    setattr(record, name, parse_stored(value))
                except ValueError:
                    raise cls._damaged(data, f"字段 {name} 的日期「{value:.40}」无效") from None
        return record

    @classmethod
    def _damaged(cls, data: dict[str, Any], why: str) -> StoreError:
        key = data.get("task") or data.get("milestone") or data.get("login") or data.get("id")
        return StoreError(
            f"数据库中有一条记录已损坏（{cls.__name__} {key}：{why}）。"
            "可运行 tracker db check 查看详情，并用 tracker db restore 从备份恢复"
        )


@dataclass
class TaskRecord(Record):
    """One district's progress on one task."""

    district: str
    task: str
    status: str = "not-started"
    progress: int = 0
    owner: str = ""
    note: str = ""
    noted: date | None = None
    """When the district last reported on the task with a note (an update that says something)."""

    _DATE_FIELDS = ("noted",)

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
    department: str = ""
    """The municipal department a department liaison works for (its id in the plan)."""
    deactivated: str = ""
    """Why the person no longer works on the pilot: kept for the history, can no longer act,
    and answers for nothing."""

    @property
    def key(self) -> str:
        return self.login

    @property
    def active(self) -> bool:
        return not self.deactivated


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
    ref: str = ""
    """The 文号 of the document the note reports, if any."""
    deleted: str = ""
    """Why the note was deleted (it stays, out of every list and report, for the history)."""

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
    score: float
    date: date
    respondents: int | None = None
    by: str = ""
    summary: str = ""
    ref: str = ""
    """The 文号 of the evaluation report, if any."""
    deleted: str = ""
    """Why the evaluation was deleted (kept for the history, out of lists and reports)."""

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
    orders: list["Order"] = field(default_factory=list)
    """The supervision orders issued to the district, in the order they were issued."""
    interpretations: list["Interpretation"] = field(default_factory=list)
    concerns: list["Concern"] = field(default_factory=list)
    consultations: list["Consultation"] = field(default_factory=list)
