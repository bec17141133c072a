"""发布、解读、回应 and 公众参与: the records of the 优化政务公开工作流程 task, and their time limits.

- An interpretation (政策解读) belongs to a policy document (title, 文号, date) or a catalog
  item; it is due with the policy or within the plan's limit in working days.
- A public concern (回应关切) is received at a moment and answered within the plan's limit in
  hours, shorter for a major emergency.
- A consultation (意见征集) runs over a period and reports how many opinions came in and
  whether their adoption was published.
- A study visit or exchange (调研交流) records where, with whom and what was learned.

Each rule is a pure function of the record, the plan's limits and the day looked at.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker.domain.plan import Limits
from tracker.domain.records import Record
from tracker.domain.vocab import Term, Vocabulary
from tracker.domain.workdays import add_workdays

INTERPRETATION_FORMS = Vocabulary(
    "解读形式",
    [
        Term("text", "文字"),
        Term("graphic", "图解"),
        Term("video", "音视频"),
        Term("press", "新闻发布会"),
        Term("online", "在线访谈"),
        Term("media", "媒体采访"),
    ],
)

CONCERN_SOURCES = Vocabulary(
    "关切来源",
    [
        Term("online", "网民留言"),
        Term("hotline", "12345热线"),
        Term("media", "媒体报道"),
        Term("monitoring", "舆情监测"),
        Term("petition", "信访"),
    ],
)

CONCERN_LEVELS = Vocabulary(
    "舆情类别",
    [Term("ordinary", "一般"), Term("major", "重大突发")],
)

LIMIT_STATES = Vocabulary(
    "办理情况",
    [
        Term("pending", "未到期"),
        Term("on-time", "按时"),
        Term("late", "超时办理"),
        Term("overdue", "超时未办"),
    ],
)

LATE_SHOWN_DAYS = 30
"""How long a late interpretation or response stays a warning after it was done."""


@dataclass
class Interpretation(Record):
    """A policy (or catalog item) and its interpretation, once published."""

    id: int
    district: str
    policy: str
    """The policy document's title (or what the item publishes)."""
    policy_date: date
    """When the policy was published: the interpretation's limit counts from it."""
    ref: str = ""
    """The policy's 文号."""
    item: str = ""
    """The catalog item it belongs to (hexi-12), if any."""
    form: str = ""
    interpreter: str = ""
    """Who interpreted it (a person or a body)."""
    leader: bool = False
    """Interpreted by a leading official (主要负责人 / 领导干部带头解读)."""
    published: date | None = None
    """When the interpretation was published; None while it is still owed."""
    channel: str = ""
    url: str = ""
    deleted: str = ""

    _DATE_FIELDS = ("policy_date", "published")

    @property
    def key(self) -> str:
        return str(self.id)


@dataclass
class Concern(Record):
    """A public concern received, and the response to it."""

    id: int
    district: str
    source: str
    received: str
    """When it was received, ``2018-03-05 09:30`` (Beijing time)."""
    subject: str
    area: str = ""
    level: str = "ordinary"
    responded: str = ""
    """When it was answered; empty while it is not."""
    channel: str = ""
    responder: str = ""
    response: str = ""
    press: str = ""
    """When a press conference was held on it (a major emergency needs one)."""
    deleted: str = ""

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def press_at(self) -> datetime | None:
        return datetime.fromisoformat(self.press) if self.press else None

    @property
    def received_at(self) -> datetime:
        return datetime.fromisoformat(self.received)

    @property
    def responded_at(self) -> datetime | None:
        return datetime.fromisoformat(self.responded) if self.responded else None


@dataclass
class Consultation(Record):
    """A public consultation (意见征集) on a decision."""

    id: int
    district: str
    subject: str
    start: date
    end: date
    item: str = ""
    ref: str = ""
    """The 文号 of the draft consulted on, if any."""
    channel: str = ""
    opinions: int | None = None
    """How many opinions came in; None until counted."""
    adoption: date | None = None
    """When the adoption of opinions (采纳情况) was published; None while it is not."""
    deleted: str = ""

    _DATE_FIELDS = ("start", "end", "adoption")

    @property
    def key(self) -> str:
        return str(self.id)


@dataclass
class Visit(Record):
    """A study visit or exchange (调研交流), by a district or the municipal office."""

    id: int
    scope: str
    """The district's id, or ``municipal``."""
    day: date
    place: str
    """Where, or with whom (another province's pilot, a department …)."""
    participants: str = ""
    learned: str = ""
    deleted: str = ""

    _DATE_FIELDS = ("day",)

    @property
    def key(self) -> str:
        return str(self.id)


# -- the rules ----------------------------------------------------------------------------


def interpretation_due(limits: Limits, policy_date: date) -> date:
    """The last day an interpretation of a policy published on ``policy_date`` is on time."""
    return add_workdays(policy_date, limits.interpretation_workdays)


def interpretation_state(record: Interpretation, limits: Limits, day: date) -> str:
    """``pending``, ``on-time``, ``late`` or ``overdue`` on ``day``."""
    due = interpretation_due(limits, record.policy_date)
    published = record.published if record.published and record.published <= day else None
    return _state(published, due, day)


def concern_limit_hours(limits: Limits, level: str) -> int:
    return limits.major_concern_hours if level == "major" else limits.concern_hours


def concern_due(record: Concern, limits: Limits) -> datetime:
    """The last moment a response is on time."""
    return record.received_at + timedelta(hours=concern_limit_hours(limits, record.level))


def end_of(day: date, now: datetime | None = None) -> datetime:
    """The moment a day is judged at: ``now`` when given (the day is today), else its end."""
    return now if now is not None else datetime.combine(day, time(23, 59, 59))


def concern_state(record: Concern, limits: Limits, day: date, now: datetime | None = None) -> str:
    """``pending``, ``on-time``, ``late`` or ``overdue`` at the end of ``day`` (at ``now``
    when the day is today)."""
    now = end_of(day, now)
    due = concern_due(record, limits)
    answered = record.responded_at
    if answered is not None and answered > now:
        answered = None
    if answered is not None:
        return "on-time" if answered <= due else "late"
    return "overdue" if now > due else "pending"


def press_state(record: Concern, limits: Limits, day: date, now: datetime | None = None) -> str:
    """For a major emergency, whether the press conference was held in time (else ``on-time``
    for a concern that needs none)."""
    if record.level != "major":
        return "on-time"
    now = end_of(day, now)
    due = record.received_at + timedelta(hours=limits.press_conference_hours)
    held = record.press_at if record.press_at and record.press_at <= now else None
    if held is not None:
        return "on-time" if held <= due else "late"
    return "overdue" if now > due else "pending"


@dataclass(frozen=True)
class WorkflowMeasures:
    """Task 3 (优化政务公开工作流程) in facts, on one day."""

    interpretations_due: int
    """Policies whose interpretation was due by the day (or already published)."""
    interpretations_on_time: int
    concerns_due: int
    """Concerns whose limit has passed or that were answered."""
    concerns_on_time: int
    consultations_held: int
    """Consultations closed by the day."""
    adoptions_published: int
    """Of those, how many published the adoption of opinions."""

    @staticmethod
    def share(part: int, whole: int) -> int | None:
        """A whole percentage; None when there is nothing to measure."""
        return round(100 * part / whole) if whole else None

    @property
    def interpretation_share(self) -> int | None:
        return self.share(self.interpretations_on_time, self.interpretations_due)

    @property
    def concern_share(self) -> int | None:
        return self.share(self.concerns_on_time, self.concerns_due)


def workflow_measures(
    interpretations: list[Interpretation],
    concerns: list[Concern],
    consultations: list[Consultation],
    limits: Limits,
    day: date,
    now: datetime | None = None,
) -> WorkflowMeasures:
    """The shares of interpretations and responses in time, and the consultations held."""
    i_states = [
        interpretation_state(i, limits, day) for i in interpretations if i.policy_date <= day
    ]
    c_states = [concern_state(c, limits, day, now) for c in concerns if c.received_at.date() <= day]
    held = [c for c in consultations if c.end <= day]
    return WorkflowMeasures(
        interpretations_due=sum(s != "pending" for s in i_states),
        interpretations_on_time=i_states.count("on-time"),
        concerns_due=sum(s != "pending" for s in c_states),
        concerns_on_time=c_states.count("on-time"),
        consultations_held=len(held),
        adoptions_published=sum(1 for c in held if c.adoption and c.adoption <= day),
    )


def _state(done: date | None, due: date, day: date) -> str:
    if done is not None:
        return "on-time" if done <= due else "late"
    return "overdue" if day > due else "pending"


def shown_late(done: date | None, day: date) -> bool:
    """Whether a late interpretation or response done on ``done`` still warns on ``day``."""
    return done is not None and (day - done).days < LATE_SHOWN_DAYS
