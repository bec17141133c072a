"""The service facade: one open database, one plan, one acting user, one as-of date."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NoReturn, TypeVar

from tracker.domain.dates import china_day, now_stamp, parse_date
from tracker.domain.errors import InputError, NotFoundError, PermissionDeniedError, StoreError
from tracker.domain.permissions import (
    PEOPLE,
    check_coordinator,
    check_district_person,
    check_may_act_for,
    check_may_change,
)
from tracker.domain.plan import MUNICIPAL, DistrictDef, Plan
from tracker.domain.records import (
    Assignment,
    DistrictRecords,
    Evaluation,
    MilestoneRecord,
    Note,
    Person,
    TaskRecord,
)
from tracker.domain.resolve import resolve
from tracker.domain.rules import MilestoneView, view_milestones
from tracker.domain.supervision import Order
from tracker.domain.workflow import Concern, Consultation, Interpretation
from tracker.services.identity import SystemLogin, effective_user, system_login
from tracker.store import Store, Target, Transaction, open_store


@dataclass(frozen=True)
class Actor:
    """The OS login at the keyboard and the person the change is made for."""

    login: str
    user: str
    person: Person | None
    login_from: str | None = None
    """The environment variable the login came from, where the system had none."""


class Tracker:
    """Read the pilot's state and change it, with permissions and attribution."""

    def __init__(self, store: Store, plan: Plan, actor: Actor, as_of: date) -> None:
        self.store = store
        self.plan = plan
        self.actor = actor
        self.as_of = as_of
        self.clock: Callable[[], str] = now_stamp
        """What dates changes: the real time, or a simulated one while a demo is built."""
        self._batch: Transaction | None = None
        self._people: tuple[dict[str, Any], list[Person]] | None = None

    # -- lookups -------------------------------------------------------------
    def district(self, text: str) -> DistrictDef:
        return self.plan.find_district(text)

    def districts(self, text: str | None) -> list[DistrictDef]:
        """The district ``text`` names, or every district when it names none (``-d``)."""
        return [self.district(text)] if text else list(self.plan.districts)

    def scope(self, text: str) -> str:
        """A district id, or ``municipal`` for the municipal office (市级 / 全市 / 市政府办公厅)."""
        if text.strip().lower() in (MUNICIPAL, "市级", "全市", "市政府办公厅", "市"):
            return MUNICIPAL
        return self.district(text).id

    def scope_name(self, scope: str) -> str:
        """``河西区`` for a district id, ``市级`` for the municipal office, a department's name
        for its scope."""
        if scope == MUNICIPAL:
            return "市级"
        department = self.plan.scope_department(scope)
        return department.name if department else self.plan.district(scope).name

    def people(self) -> list[Person]:
        """Everyone registered. Parsed once per version of the table: the store hands back the
        same documents until the table changes, and a status of 160 districts asks 161 times."""
        docs = self.store.read(PEOPLE, "people")
        if self._people is None or self._people[0] is not docs:
            self._people = (docs, [Person.from_dict(doc) for doc in docs.values()])
        return list(self._people[1])

    def person(self, text: str) -> Person:
        """A registered person by login or name."""
        return resolve(
            text,
            self.people(),
            what="人员",
            keys=lambda p: (p.login, p.name),
            describe=lambda p: f"{p.login}（{p.name}）",
        )

    def read(self, scope: str, table: str) -> dict[str, Any]:
        """A table as committed, or as the open batch has it while a demo is built."""
        return (self._batch or self.store).read(scope, table)

    def assignments(self) -> list[Assignment]:
        return [
            Assignment.from_dict(doc) for doc in self.store.read(PEOPLE, "assignments").values()
        ]

    def records(
        self, district_id: str, read: Callable[[str, str], dict[str, Any]] | None = None
    ) -> DistrictRecords:
        """Everything recorded for a district, as stored (or as ``read`` gives the tables)."""
        read = read or self.store.read
        records = DistrictRecords(
            tasks={k: TaskRecord.from_dict(d) for k, d in read(district_id, "tasks").items()},
            milestones={
                k: MilestoneRecord.from_dict(d) for k, d in read(district_id, "milestones").items()
            },
            notes=sorted(
                (
                    note
                    for note in map(Note.from_dict, read(district_id, "notes").values())
                    if not note.deleted  # a deleted note stays for the history only
                ),
                key=lambda n: (n.date, n.id),
            ),
            evaluations=sorted(
                (
                    evaluation
                    for evaluation in map(
                        Evaluation.from_dict, read(district_id, "evaluations").values()
                    )
                    if not evaluation.deleted
                ),
                key=lambda e: (e.date, e.id),
            ),
            orders=sorted(
                map(Order.from_dict, read(district_id, "orders").values()),
                key=lambda o: (o.year, o.number),
            ),
            interpretations=_live(Interpretation, read(district_id, "interpretations")),
            concerns=_live(Concern, read(district_id, "concerns")),
            consultations=_live(Consultation, read(district_id, "consultations")),
        )
        expected = {t.id for t in self.plan.tasks} | {m.id for m in self.plan.district_milestones}
        if not expected <= set(records.tasks) | set(records.milestones):
            raise incomplete_records(self.plan.district(district_id).name)
        return records

    # -- state on the as-of date --------------------------------------------
    def municipal_milestones(self) -> list[MilestoneView]:
        done = {
            k: MilestoneRecord.from_dict(d)
            for k, d in self.store.read(MUNICIPAL, "milestones").items()
        }
        return view_milestones(self.plan.municipal_milestones, done, MUNICIPAL, self.as_of)

    def audit(
        self, district: str | None = None, since: date | None = None
    ) -> Iterator[dict[str, Any]]:
        """Audit entries newest first, optionally of one district and from a date on (a day in
        Beijing, whatever offset the writer's clock had)."""
        # Entries are in the order they were made; a writer's offset can shift the date in
        # ``at`` by a day either way, so reading stops only a day before ``since``.
        stop = (since - timedelta(days=1)).isoformat() if since else ""
        for entry in self.store.audit():
            if since and entry["at"][:10] < stop:
                return
            if since and china_day(entry["at"]) < since:
                continue
            if district and entry.get("scope") != district:
                continue
            yield entry

    # -- changing --------------------------------------------------------------
    def change(
        self, scope: str, action: str, *, coordinators_only: str = "", district_only: str = ""
    ) -> AbstractContextManager[Transaction]:
        """Open a transaction on ``scope`` after the permission checks (:meth:`check`); log
        any refusal."""
        self.check(scope, action, coordinators_only=coordinators_only, district_only=district_only)
        if self._batch is not None:
            self._batch.attribute(
                self.actor.login, self.actor.user, self.clock, self.actor.login_from
            )
            return nullcontext(self._batch)
        return self.store.transaction(
            self.actor.login, self.actor.user, self.clock, login_from=self.actor.login_from
        )

    def check(
        self, scope: str, action: str, *, coordinators_only: str = "", district_only: str = ""
    ) -> None:
        """Refuse, and log the refusal, unless the acting person may make ``action`` on
        ``scope``. A service calls it before checking its input, so a refused person learns
        nothing from the data and the refusal is always logged.

        ``coordinators_only`` names what only a coordinator may do (下发督办单 …);
        ``district_only`` what only the district's own people may do (回复督办单).
        """
        try:
            check_may_act_for(self._login_person(), self.actor.login, self.actor.user)
            check_may_change(self.actor.person, self.actor.user, scope, self.plan)
            if coordinators_only:
                check_coordinator(self.actor.person, self.actor.user, coordinators_only)
            if district_only:
                check_district_person(self.actor.person, self.actor.user, district_only)
        except PermissionDeniedError as refusal:
            self.refuse(scope, action, refusal)

    def refuse(self, scope: str, action: str, refusal: PermissionDeniedError) -> NoReturn:
        """Log ``refusal`` of ``action`` on ``scope`` and raise it."""
        # A reader without write access to the database (or a server login that may not even
        # log): the refusal itself still stands.
        with suppress(StoreError, PermissionDeniedError):
            self.store.record_refusal(
                self.actor.login,
                self.actor.user,
                action,
                scope,
                str(refusal),
                login_from=self.actor.login_from,
            )
        raise refusal

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside one transaction, committed at the end (for generators).

        Reads outside the services' own transactions see only what was
        committed before the batch began.
        """
        with self.store.transaction(
            self.actor.login, self.actor.user, self.clock, login_from=self.actor.login_from
        ) as tx:
            self._batch = tx
            try:
                yield
            finally:
                self._batch = None

    def past_date(self, text: str | None, what: str) -> date:
        """A date the user typed for something that happened: not after the as-of date (the
        default) and not before the plan was issued."""
        if text is None:
            return self.as_of
        day = parse_date(text, what=what)
        if day > self.as_of:
            raise InputError(f"{what} {day} 晚于当前日期 {self.as_of}")
        if day < self.plan.issued:
            raise InputError(f"{what} {day} 早于试点方案印发日期 {self.plan.issued}")
        return day

    def plan_date(self, text: str, what: str) -> date:
        """A date the user typed for something that may lie ahead: within the plan's years."""
        day = parse_date(text, what=what)
        if day < self.plan.issued:
            raise InputError(f"{what} {day} 早于试点方案印发日期 {self.plan.issued}")
        return day

    def _login_person(self) -> Person | None:
        if self.actor.person and self.actor.person.login == self.actor.login:
            return self.actor.person
        return next((p for p in self.people() if p.login == self.actor.login), None)


LiveT = TypeVar("LiveT", Interpretation, Concern, Consultation)


def _live(kind: type[LiveT], docs: dict[str, Any]) -> list[LiveT]:
    """The records of a numbered table that are not deleted, by number."""
    found = (kind.from_dict(doc) for doc in docs.values())
    return sorted((r for r in found if not r.deleted), key=lambda r: r.id)


def incomplete_records(where: str) -> StoreError:
    return StoreError(f"数据库中{where}的任务或节点记录不全，数据库可能已损坏，请从备份恢复")


def open_tracker(db: Target, *, user: str | None = None, as_of: str | None = None) -> Tracker:
    """Open the database at ``db`` for the current OS login, acting as ``user``."""
    store = open_store(db)
    plan = store.plan()
    server = store.login()
    system = SystemLogin(server) if server else system_login()
    login = system.login
    acting = effective_user(login, user)
    people = {doc["login"]: doc for doc in store.read(PEOPLE, "people").values()}
    if user and acting not in people:
        raise NotFoundError(f"--user 指定的人员「{acting}」未登记")
    person = Person.from_dict(people[acting]) if acting in people else None
    day = parse_date(as_of, what="日期（--as-of）") if as_of else _pinned_day(store)
    return Tracker(store, plan, Actor(login, acting, person, system.source), day)


def _pinned_day(store: Store) -> date:
    """The date a demo database is pinned to, else today."""
    pinned = store.meta().get("as_of")
    if pinned is None:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except (TypeError, ValueError):
        raise StoreError(
            f"数据库的 meta.json 中固定日期（as_of）「{pinned}」无效，数据库可能已损坏"
        ) from None
