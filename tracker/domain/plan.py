"""A pilot plan: its document, districts and focal areas, tasks, milestones and requirements."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from tracker.domain.errors import NotFoundError
from tracker.domain.resolve import HasId, resolve, with_id

MUNICIPAL = "municipal"
"""The scope of milestones the municipal office itself owes."""

DEPARTMENT_PREFIX = "dept-"
"""A department's records (its basic catalog) are kept in the scope ``dept-<id>``."""


def department_scope(department_id: str) -> str:
    return f"{DEPARTMENT_PREFIX}{department_id}"


@dataclass(frozen=True)
class DistrictDef:
    """A pilot district and the focal areas the plan gives it."""

    id: str
    name: str
    short_name: str
    areas: tuple[str, ...]
    section: str = ""


@dataclass(frozen=True)
class TaskDef:
    """One of the work tasks every district carries out."""

    id: str
    name: str
    section: str = ""
    description: str = ""


@dataclass(frozen=True)
class MilestoneDef:
    """A dated deliverable, owed by each district or by the municipal office."""

    id: str
    name: str
    scope: str
    due: date
    source: str = ""
    section: str = ""
    short_name: str = ""
    """A few characters for where the name does not fit (方案备案); the name when not given."""

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class RequirementDef:
    """A work requirement checked per district from the data."""

    id: str
    name: str
    check: str
    section: str = ""
    milestone: str = ""
    days: int = 30


@dataclass(frozen=True)
class Limits:
    """The time limits of the publish–interpret–respond workflow (发布、解读、回应)."""

    interpretation_workdays: int = 0
    """Working days after a policy's publication its interpretation is due (0: the same day,
    同步)."""
    concern_hours: int = 48
    """Hours to respond to a public concern (其他政务舆情)."""
    major_concern_hours: int = 5
    """Hours to publish authoritative information on a major emergency (重大突发事件)."""
    press_conference_hours: int = 24
    """Hours to hold a press conference on a major emergency."""


@dataclass(frozen=True)
class DepartmentDef:
    """A municipal department that owes the districts a basic catalog (基本目录) for its areas."""

    id: str
    name: str
    areas: tuple[str, ...]
    short_name: str = ""


@dataclass(frozen=True)
class Plan:
    """The whole plan, read-only once loaded."""

    id: str
    title: str
    doc_no: str
    issuer: str
    issued: date
    period_start: date
    period_end: date
    goal: str = ""
    parent_doc_no: str = ""
    parent_title: str = ""
    parent_issued: date | None = None
    national_areas: tuple[str, ...] = ()
    districts: tuple[DistrictDef, ...] = ()
    tasks: tuple[TaskDef, ...] = ()
    milestones: tuple[MilestoneDef, ...] = ()
    requirements: tuple[RequirementDef, ...] = ()
    limits: Limits = Limits()
    departments: tuple[DepartmentDef, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The plan as loaded, kept so the database can store it verbatim."""

    @property
    def district_milestones(self) -> tuple[MilestoneDef, ...]:
        return tuple(m for m in self.milestones if m.scope == "district")

    @property
    def municipal_milestones(self) -> tuple[MilestoneDef, ...]:
        return tuple(m for m in self.milestones if m.scope == MUNICIPAL)

    def find_district(self, text: str) -> DistrictDef:
        """The district named by id (``hexi``), name (``河西区``) or short name (``河西``)."""
        return resolve(
            text,
            self.districts,
            what="试点区",
            keys=lambda d: (d.id, d.name, d.short_name),
            describe=lambda d: f"{d.id}（{d.name}）",
        )

    def district(self, district_id: str) -> DistrictDef:
        """The district with this stored id; :class:`NotFoundError` if the plan has none."""
        return _by_id(self.districts, district_id, "试点区")

    def find_department(self, text: str) -> DepartmentDef:
        """A department by id (``planning``), name (``天津市规划局``) or short name (``市规划局``)."""
        return resolve(
            text,
            self.departments,
            what="市有关部门",
            keys=lambda d: (d.id, d.name, d.short_name),
            describe=lambda d: f"{d.id}（{d.name}）",
        )

    def department(self, department_id: str) -> DepartmentDef:
        """The department with this stored id; :class:`NotFoundError` if the plan has none."""
        return _by_id(self.departments, department_id, "市有关部门")

    def department_of_area(self, area: str) -> DepartmentDef | None:
        """The department that owes the basic catalog of ``area``, if any."""
        return next((d for d in self.departments if area in d.areas), None)

    def scope_department(self, scope: str) -> DepartmentDef | None:
        """The department whose scope ``scope`` is (``dept-planning``), else None."""
        if not scope.startswith(DEPARTMENT_PREFIX):
            return None
        return with_id(self.departments, scope.removeprefix(DEPARTMENT_PREFIX))

    def find_task(self, text: str) -> TaskDef:
        return resolve(
            text,
            self.tasks,
            what="任务",
            keys=lambda t: (t.id, t.name),
            describe=lambda t: f"{t.id}（{t.name}）",
        )

    def task(self, task_id: str) -> TaskDef:
        """The task with this stored id; :class:`NotFoundError` if the plan has none."""
        return _by_id(self.tasks, task_id, "任务")

    def find_milestone(self, text: str, scope: str) -> MilestoneDef:
        """A milestone of ``scope`` (``district`` or ``municipal``) by id or name."""
        pool = self.municipal_milestones if scope == MUNICIPAL else self.district_milestones
        return resolve(
            text,
            pool,
            what="市级节点" if scope == MUNICIPAL else "区级节点",
            keys=lambda m: (m.id, m.name),
            describe=lambda m: f"{m.id}（{m.name}）",
        )

    def milestone(self, milestone_id: str) -> MilestoneDef:
        """The milestone with this stored id; :class:`NotFoundError` if the plan has none."""
        return _by_id(self.milestones, milestone_id, "时间节点")


DefT = TypeVar("DefT", bound=HasId)


def _by_id(definitions: tuple[DefT, ...], wanted: str, what: str) -> DefT:
    found = with_id(definitions, wanted)
    if found is None:
        raise NotFoundError(f"试点方案中没有代号为「{wanted}」的{what}")
    return found
