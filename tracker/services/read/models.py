"""What screens, commands and reports show: the pilot's state on the as-of date, as frozen values.

The query functions in :mod:`tracker.services.read.queries` build these;
:mod:`tracker.services.read.views` turns them into the ``--json`` documents.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from tracker.domain.resolve import HasId, with_id
from tracker.domain.rules import Alert, Light
from tracker.domain.supervision import ORDER_STATES, STEP_ACTIONS
from tracker.domain.vocab import (
    EVALUATION_KINDS,
    MILESTONE_STATES,
    NOTE_KINDS,
    ROLES,
    TASK_STATUSES,
)
from tracker.domain.workflow import (
    CONCERN_LEVELS,
    CONCERN_SOURCES,
    INTERPRETATION_FORMS,
    LIMIT_STATES,
    WorkflowMeasures,
)

UPCOMING_STATES = ("pending", "due-soon")
"""Milestone states that still have a deadline ahead (or today)."""


ModelT = TypeVar("ModelT", bound=HasId)


def _by_id(models: Iterable[ModelT], wanted: str) -> ModelT:
    found = with_id(models, wanted)
    if found is None:
        raise KeyError(wanted)
    return found


@dataclass(frozen=True)
class PlanHeading:
    """The plan's document, as a heading names it."""

    id: str
    title: str
    doc_no: str
    issuer: str


@dataclass(frozen=True)
class Contact:
    """Someone to reach about a district: who they are and their phone."""

    login: str
    name: str
    phone: str


@dataclass(frozen=True)
class TaskState:
    """One district's progress on one task."""

    district: str
    district_name: str
    id: str
    name: str
    status: str
    progress: int
    owner: str
    """The owner's login; empty when nobody owns the task."""
    owner_name: str | None
    """The owner's name; None when there is no owner or the login is not registered."""
    note: str
    owner_active: bool = True
    """False once the owner was deactivated: the task is then answered for by the leads."""

    @property
    def answered_by_owner(self) -> bool:
        """Whether the owner (an active, registered person) answers for the task."""
        return bool(self.owner and self.owner_active)

    @property
    def status_name(self) -> str:
        return TASK_STATUSES.label(self.status)


@dataclass(frozen=True)
class MilestoneState:
    """A milestone as it stands on the as-of date: a completion recorded later is not shown yet."""

    scope: str
    """The district's id, or ``municipal``."""
    scope_name: str
    id: str
    name: str
    due: date
    done: date | None
    ref: str
    note: str
    state: str
    days_left: int
    """Days until due (negative once late); for a done milestone, days before the due date."""
    short_name: str = ""
    """What a narrow card shows (the plan's short name, else the name)."""

    @property
    def state_name(self) -> str:
        return MILESTONE_STATES.label(self.state)

    @property
    def upcoming(self) -> bool:
        """Not done and not yet late: its deadline is still ahead, or today."""
        return self.state in UPCOMING_STATES


@dataclass(frozen=True)
class RequirementState:
    """Whether a district meets one work requirement of the plan."""

    id: str
    name: str
    met: bool


@dataclass(frozen=True)
class ItemCounts:
    """Counts over a set of disclosure items, each mapping in its vocabulary's order."""

    total: int
    by_status: Mapping[str, int]
    """Items in each state, every state listed."""
    missing_elements: int
    """Live items with at least one required element empty."""
    missing_by_element: Mapping[str, int]
    """Live items lacking each required element, every element listed."""
    channels: Mapping[str, int]
    """Live items using each standard channel; channels nobody uses are left out."""
    five: Mapping[str, int]
    """Live items serving each of the 五公开, every kind listed."""

    @property
    def combed(self) -> int:
        return self.by_status["combed"]

    @property
    def standardized(self) -> int:
        return self.by_status["standardized"]

    @property
    def published(self) -> int:
        return self.by_status["published"]

    @property
    def withdrawn(self) -> int:
        return self.by_status["withdrawn"]


@dataclass(frozen=True)
class AreaCounts(ItemCounts):
    """The counts of one area of a district's catalog."""

    area: str
    added: bool
    """An area the district added beyond the plan's focal areas."""


@dataclass(frozen=True)
class CatalogSummary:
    """A district's catalog: the whole, then each focal area and each added area."""

    overall: ItemCounts
    areas: tuple[AreaCounts, ...]


@dataclass(frozen=True)
class OrderStep:
    """One step in handling a supervision order: a reply, a return, or the acceptance."""

    action: str
    """``reply``, ``return`` or ``accept``."""
    date: date
    by: str
    by_name: str
    text: str
    ref: str

    @property
    def action_name(self) -> str:
        return STEP_ACTIONS.label(self.action)


@dataclass(frozen=True)
class OrderEntry:
    """A supervision order (督办单) as it stands on the as-of date."""

    id: str
    """``2018-3``: the year and the number within it."""
    year: int
    number: int
    district: str
    district_name: str
    problem: str
    deadline: date
    issued: date
    issued_by: str
    issued_by_name: str
    owner: str
    owner_name: str
    """The responsible person's name; empty when nobody was named or the login is unknown."""
    answerable: tuple[str, ...]
    """Who answers for it now: the owner while active and of the district, else its leads."""
    alert: str
    state: str
    steps: tuple[OrderStep, ...]
    """The steps dated on or before the as-of date, in order."""
    days_left: int
    """Days until the deadline (negative once past it)."""
    overdue: bool
    """Past the deadline without an accepted reply."""

    @property
    def state_name(self) -> str:
        return ORDER_STATES.label(self.state)

    @property
    def open(self) -> bool:
        """Not yet accepted (办结)."""
        return self.state != "accepted"

    @property
    def last_reply(self) -> OrderStep | None:
        return next((s for s in reversed(self.steps) if s.action == "reply"), None)


@dataclass(frozen=True)
class InterpretationEntry:
    """A policy and its interpretation, judged against the limit on the as-of date."""

    id: int
    district: str
    district_name: str
    policy: str
    ref: str
    policy_date: date
    item: str
    due: date
    """The last day the interpretation is on time."""
    published: date | None
    form: str
    interpreter: str
    leader: bool
    channel: str
    url: str
    state: str
    """``pending``, ``on-time``, ``late`` or ``overdue`` (LIMIT_STATES)."""

    @property
    def form_name(self) -> str:
        return INTERPRETATION_FORMS.label(self.form) if self.form else ""

    @property
    def state_name(self) -> str:
        return LIMIT_STATES.label(self.state)


@dataclass(frozen=True)
class ConcernEntry:
    """A public concern and its response, judged against the limit on the as-of date."""

    id: int
    district: str
    district_name: str
    source: str
    received: str
    subject: str
    area: str
    level: str
    limit_hours: int
    due: str
    responded: str
    channel: str
    responder: str
    response: str
    press: str
    state: str
    press_state: str

    @property
    def source_name(self) -> str:
        return CONCERN_SOURCES.label(self.source)

    @property
    def level_name(self) -> str:
        return CONCERN_LEVELS.label(self.level)

    @property
    def state_name(self) -> str:
        return LIMIT_STATES.label(self.state)


@dataclass(frozen=True)
class ConsultationEntry:
    id: int
    district: str
    district_name: str
    subject: str
    start: date
    end: date
    item: str
    ref: str
    channel: str
    opinions: int | None
    adoption: date | None
    held: bool
    """Closed by the as-of date."""


@dataclass(frozen=True)
class VisitEntry:
    id: int
    scope: str
    scope_name: str
    day: date
    place: str
    participants: str
    learned: str


@dataclass(frozen=True)
class DistrictState:
    """Everything shown about one district on the as-of date."""

    id: str
    name: str
    alert: Light
    alerts: tuple[Alert, ...]
    """Why the light is not green: red warnings first."""
    leads: tuple[Contact, ...]
    """Who answers for the district (专人负责)."""
    expected_progress: int
    """The schedule line: the share of the pilot period elapsed, in percent."""
    tasks: tuple[TaskState, ...]
    milestones: tuple[MilestoneState, ...]
    requirements: tuple[RequirementState, ...]
    items: CatalogSummary
    orders: tuple[OrderEntry, ...] = ()
    """The supervision orders issued to the district by the as-of date, oldest first."""
    workflow: WorkflowMeasures | None = None
    """Task 3 in facts: interpretations and responses in time, consultations held."""

    @property
    def alert_reasons(self) -> list[str]:
        return [alert.text for alert in self.alerts]

    def task(self, task_id: str) -> TaskState:
        """The task with this id; :class:`KeyError` if the district shows none."""
        return _by_id(self.tasks, task_id)

    def milestone(self, milestone_id: str) -> MilestoneState:
        """The milestone with this id; :class:`KeyError` if the district shows none."""
        return _by_id(self.milestones, milestone_id)

    def answerable_for(self, task: TaskState) -> tuple[str, ...]:
        """The names of who answers for ``task``: its owner, else the district's leads."""
        if task.answered_by_owner and task.owner_name:
            return (task.owner_name,)
        return tuple(p.name for p in self.leads)


@dataclass(frozen=True)
class PilotState:
    """The pilot on the as-of date: every district shown, and the municipal milestones."""

    as_of: date
    plan: PlanHeading
    districts: tuple[DistrictState, ...]
    municipal_milestones: tuple[MilestoneState, ...]

    def district(self, district_id: str) -> DistrictState:
        """The district with this id; :class:`KeyError` if it is not shown."""
        return _by_id(self.districts, district_id)

    @property
    def milestones(self) -> tuple[MilestoneState, ...]:
        """Every milestone shown: each district's in turn, then the municipal ones."""
        return tuple(m for d in self.districts for m in d.milestones) + self.municipal_milestones

    @property
    def all_orders(self) -> tuple[OrderEntry, ...]:
        """Every district's orders, the open ones first by deadline, then the closed ones."""
        every = [o for d in self.districts for o in d.orders]
        return tuple(sorted(every, key=lambda o: (not o.open, o.deadline, o.year, o.number)))

    @property
    def next_deadline(self) -> MilestoneState | None:
        """The upcoming milestone due soonest (the first listed on a tie); None if none is left."""
        upcoming = [m for m in self.milestones if m.upcoming]
        return min(upcoming, key=lambda m: m.days_left, default=None)


@dataclass(frozen=True)
class PersonEntry:
    """A registered person, with the names of their role and district."""

    login: str
    name: str
    role: str
    district: str
    """The district's id; empty for people outside the districts."""
    district_name: str | None
    unit: str
    phone: str
    department: str = ""
    """The department's id, for a department's liaison."""
    department_name: str | None = None

    @property
    def role_name(self) -> str:
        return ROLES.label(self.role)

    @property
    def place(self) -> str:
        """Where the person works: the district, the department, or the unit."""
        return self.district_name or self.department_name or self.unit


@dataclass(frozen=True)
class Responsibility:
    """Something a person answers for: a district's pilot work, or one task in a district."""

    district: str
    district_name: str
    task: str = ""
    """The task's id; empty for the whole district."""
    task_name: str = ""


@dataclass(frozen=True)
class PersonResponsibilities:
    """A person and what they answer for."""

    person: PersonEntry
    responsibilities: tuple[Responsibility, ...]
    """District by district in the plan's order: the district if they lead it, then the tasks
    they own in it."""

    @property
    def districts(self) -> tuple[Responsibility, ...]:
        """The districts they lead."""
        return tuple(r for r in self.responsibilities if not r.task)

    @property
    def tasks(self) -> tuple[Responsibility, ...]:
        """The tasks they own."""
        return tuple(r for r in self.responsibilities if r.task)


@dataclass(frozen=True)
class NoteEntry:
    """A dated note on a district."""

    id: int
    district: str
    district_name: str
    kind: str
    text: str
    date: date
    author: str
    ref: str = ""

    @property
    def kind_name(self) -> str:
        return NOTE_KINDS.label(self.kind)


@dataclass(frozen=True)
class EvaluationEntry:
    """A public evaluation or third-party assessment of a district."""

    id: int
    district: str
    district_name: str
    kind: str
    score: float
    date: date
    respondents: int | None
    by: str
    summary: str
    ref: str = ""

    @property
    def kind_name(self) -> str:
        return EVALUATION_KINDS.label(self.kind)
