"""Creating a database from a plan, with the records a fresh pilot starts with."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.dates import now_stamp
from tracker.domain.errors import PermissionDeniedError, StoreError
from tracker.domain.permissions import PEOPLE
from tracker.domain.plan import MUNICIPAL, Plan
from tracker.domain.plan_loader import load_plan_file
from tracker.domain.records import MilestoneRecord, Person, TaskRecord
from tracker.domain.values import optional_text
from tracker.domain.vocab import ROLES
from tracker.resources import builtin_plan_path
from tracker.services.audit_vocabulary import AuditVocabulary
from tracker.services.identity import acting_login
from tracker.services.tracker import open_tracker
from tracker.store import (
    Target,
    Transaction,
    create_store,
    is_database,
    open_store,
    store_exists,
)

AUDIT = AuditVocabulary(tables=(), actions={"init": "建库"})


@dataclass(frozen=True)
class Initialized:
    plan: Plan
    coordinator_name: str
    coordinator_login: str
    backup: str | None
    """Where the replaced database was kept, when ``force`` replaced one."""


def initialize(
    db: Target,
    *,
    plan_path: Path | None = None,
    plan: Plan | None = None,
    force: bool = False,
    name: str | None = None,
    as_of: str | None = None,
    clock: Callable[[], str] = now_stamp,
) -> Initialized:
    """Create the database at ``db``; the login (the server's, else the system's) becomes the
    first coordinator."""
    plan = plan or load_plan_file(plan_path or builtin_plan_path())
    system = acting_login(db)
    login = system.login
    name = optional_text(name, what="姓名（--name）") or None
    if force and store_exists(db):
        _check_may_rebuild(db)
    backup = create_store(
        db,
        plan.data,
        login,
        lambda tx: populate_new_database(tx, plan, login, name or login),
        force=force,
        as_of=as_of,
        clock=clock,
        login_from=system.source,
    )
    return Initialized(plan, name or login, login, backup)


def stored_plan(db: Target) -> Plan | None:
    """The plan of the database at ``db``, or None when there is nothing there."""
    return open_store(db).plan() if store_exists(db) else None


def _check_may_rebuild(db: Target) -> None:
    """Only a coordinator of the existing, intact database may replace it.

    A damaged database cannot say who its coordinators are, so it is never rebuilt
    over: it is restored from a backup, or a new one is made elsewhere.
    """
    if not is_database(db):
        return  # refused by the store, which never builds over a folder of other files
    try:
        tracker = open_tracker(db)
        tracker.people()
    except StoreError as damage:
        raise StoreError(
            f"无法重建数据库 {db}：它已损坏，无法确认你是其协调员（{damage}）。"
            "请用 tracker db restore 从备份恢复，或用 --db 在新目录建库"
        ) from None
    person = tracker.actor.person
    if person is None or person.role != "coordinator":
        who = (
            f"{person.name}（{ROLES.label(person.role)}）"
            if person
            else f"用户「{tracker.actor.login}」"
        )
        message = f"{who}不能重建数据库 {db}：只有协调员可以使用 init --force"
        tracker.store.record_refusal(
            tracker.actor.login,
            tracker.actor.user,
            "init",
            "people",
            message,
            login_from=tracker.actor.login_from,
        )
        raise PermissionDeniedError(message)


def populate_new_database(tx: Transaction, plan: Plan, login: str, name: str) -> None:
    """The records a fresh database starts with; the initializer is the first coordinator."""
    for district in plan.districts:
        for task in plan.tasks:
            record = TaskRecord(district.id, task.id)
            tx.put(district.id, "tasks", task.id, record.to_dict(), "init")
        for milestone in plan.district_milestones:
            milestone_record = MilestoneRecord(district.id, milestone.id)
            tx.put(district.id, "milestones", milestone.id, milestone_record.to_dict(), "init")
    for milestone in plan.municipal_milestones:
        milestone_record = MilestoneRecord(MUNICIPAL, milestone.id)
        tx.put(MUNICIPAL, "milestones", milestone.id, milestone_record.to_dict(), "init")
    coordinator = Person(login, name or login, "coordinator", unit=plan.issuer)
    tx.put(PEOPLE, "people", login, coordinator.to_dict(), "person.add")
