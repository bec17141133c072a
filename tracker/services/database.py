"""Looking after the database itself: check it, back it up, bring a backup back."""

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tracker.domain.errors import InputError, PermissionDeniedError, StoreError
from tracker.domain.items import Item
from tracker.domain.permissions import PEOPLE
from tracker.domain.plan import MUNICIPAL, Plan, department_scope
from tracker.domain.records import (
    Assignment,
    Evaluation,
    MilestoneRecord,
    Note,
    Person,
    Record,
    TaskRecord,
)
from tracker.domain.supervision import Order
from tracker.domain.vocab import ROLES
from tracker.domain.workflow import Concern, Consultation, Interpretation, Visit
from tracker.services.identity import acting_login, system_login
from tracker.store import (
    Store,
    Target,
    backup_info,
    backup_store,
    export_store,
    load_store,
    open_store,
    restore_store,
    upgrade_store,
)
from tracker.store.core import Doc
from tracker.store.verify import Problem, Verified, chain_problems, verify

R = TypeVar("R", bound=Record)

HEAD_SHOWN = 16
"""How many hex digits of the chain's head are printed (64 bits: no one forges a match)."""


@dataclass(frozen=True)
class AuditHead:
    """Where the audit log stands: its last entry and that entry's digest."""

    entries: int
    digest: str

    @property
    def text(self) -> str:
        return f"操作记录 {self.entries} 条，校验值 {self.digest[:HEAD_SHOWN]}"


def check_database(db: Target) -> Verified:
    """Everything ``tracker db check`` verifies: the chain, the replay, the logs, and that
    records mean something in the plan."""
    store = open_store(db)
    result = verify(store)
    result.problems += references(store)
    return result


def audit_head(store: Store) -> AuditHead:
    """The chain's head, to print on reports and bulletins: a paper copy anchors the log."""
    from tracker.store.core import entry_digest

    for entry in store.audit():
        return AuditHead(entry["seq"], entry_digest(entry))
    return AuditHead(0, "")


_DISTRICT_TABLES: dict[str, type[Record]] = {
    "tasks": TaskRecord,
    "milestones": MilestoneRecord,
    "notes": Note,
    "evaluations": Evaluation,
    "orders": Order,
    "interpretations": Interpretation,
    "concerns": Concern,
    "consultations": Consultation,
    "visits": Visit,
}


def references(store: Store) -> list[Problem]:
    """Schema and references: every record parses, and names a district, task, milestone or
    person that exists."""
    try:
        plan = store.plan()
    except (StoreError, InputError) as error:
        return [Problem("plan.json", str(error))]
    problems: list[Problem] = []
    logins = _people(store, plan, problems)
    scopes = store.scopes()
    known = {d.id for d in plan.districts} | {MUNICIPAL, PEOPLE}
    known |= {department_scope(d.id) for d in plan.departments}
    for scope in sorted(scopes.keys() - known):
        problems.append(Problem(scope, "试点方案中没有这个区或范围"))
    for district in plan.districts:
        _district(store, plan, district.id, problems)
    for key, doc in _read(store, PEOPLE, "assignments", problems).items():
        record = _parse(Assignment, doc, f"people/assignments/{key}", problems)
        if record is None:
            continue
        if record.login not in logins:
            problems.append(Problem(f"people/assignments/{key}", f"人员 {record.login} 未登记"))
        if record.district not in {d.id for d in plan.districts}:
            problems.append(Problem(f"people/assignments/{key}", f"没有区 {record.district}"))
    for key, doc in _read(store, MUNICIPAL, "milestones", problems).items():
        if key not in {m.id for m in plan.municipal_milestones}:
            problems.append(Problem(f"municipal/milestones/{key}", "试点方案中没有这个节点"))
        _parse(MilestoneRecord, doc, f"municipal/milestones/{key}", problems)
    for key, doc in _read(store, MUNICIPAL, "visits", problems).items():
        _parse(Visit, doc, f"municipal/visits/{key}", problems)
    for department in plan.departments:
        _department(store, plan, department.id, problems)
    for key, doc in _read(store, PEOPLE, "people", problems).items():
        department_id = doc.get("department") if isinstance(doc, dict) else None
        if department_id and department_id not in {d.id for d in plan.departments}:
            problems.append(Problem(f"people/people/{key}", f"没有部门 {department_id}"))
    return problems


def _department(store: Store, plan: Plan, department: str, problems: list[Problem]) -> None:
    """A department's basic catalog, its 对接指导 and the days its areas were loaded."""
    scope = department_scope(department)
    areas = set(plan.department(department).areas)
    for key, doc in _read(store, scope, "items", problems).items():
        item = _parse(Item, doc, f"{scope}/items/{key}", problems)
        if item is not None and item.area not in areas:
            problems.append(Problem(f"{scope}/items/{key}", f"领域「{item.area}」不归该部门"))
    districts = {d.id for d in plan.districts}
    for key, doc in _read(store, scope, "guidance", problems).items():
        note = _parse(Note, doc, f"{scope}/guidance/{key}", problems)
        if note is not None and note.district not in districts:
            problems.append(Problem(f"{scope}/guidance/{key}", f"没有区 {note.district}"))
    for key, doc in _read(store, scope, "loaded", problems).items():
        if not isinstance(doc.get("date"), str) or key not in areas:
            problems.append(Problem(f"{scope}/loaded/{key}", "首次导入记录不对"))


def _people(store: Store, plan: Plan, problems: list[Problem]) -> set[str]:
    logins = set()
    coordinators = 0
    for key, doc in _read(store, PEOPLE, "people", problems).items():
        where = f"people/people/{key}"
        person = _parse(Person, doc, where, problems)
        if person is None:
            continue
        logins.add(person.login)
        if person.login != key:
            problems.append(Problem(where, f"登录名 {person.login} 与记录的键不符"))
        if person.role not in ROLES.ids:
            problems.append(Problem(where, f"角色「{person.role}」不存在"))
        coordinators += person.role == "coordinator"
        if person.district and person.district not in {d.id for d in plan.districts}:
            problems.append(Problem(where, f"没有区 {person.district}"))
    if not coordinators:
        problems.append(Problem("people/people", "没有一位协调员"))
    return logins


def _district(store: Store, plan: Plan, district: str, problems: list[Problem]) -> None:
    expected = {
        "tasks": {t.id for t in plan.tasks},
        "milestones": {m.id for m in plan.district_milestones},
    }
    for table, kind in _DISTRICT_TABLES.items():
        docs = _read(store, district, table, problems)
        for key, doc in docs.items():
            _parse(kind, doc, f"{district}/{table}/{key}", problems)
        if table in expected:
            for missing in sorted(expected[table] - docs.keys()):
                problems.append(Problem(f"{district}/{table}/{missing}", "缺少这条记录"))
            for extra in sorted(docs.keys() - expected[table]):
                problems.append(Problem(f"{district}/{table}/{extra}", "试点方案中没有这一项"))


def _read(store: Store, scope: str, table: str, problems: list[Problem]) -> dict[str, Doc]:
    try:
        return store.read(scope, table)
    except StoreError as error:
        problems.append(Problem(f"{scope}/{table}", str(error)))
        return {}


def _parse(kind: type[R], doc: Doc, where: str, problems: list[Problem]) -> R | None:
    try:
        return kind.from_dict(doc)
    except StoreError as error:
        problems.append(Problem(where, str(error).split("。")[0]))
        return None


@dataclass(frozen=True)
class Backup:
    path: str
    entries: int
    head: str
    files: int


def backup_database(db: Target, destination: str) -> Backup:
    """A one-file snapshot of the database, taken under its lock."""
    target = Path(destination)
    if target.is_dir():
        raise InputError(f"{destination} 是一个目录：请给出备份文件名，如 {target / 'tracker.zip'}")
    if not target.parent.is_dir():
        raise InputError(f"备份文件所在的目录 {target.parent} 不存在")
    try:
        info = backup_store(db, destination)
    except PermissionError:
        raise InputError(f"没有在 {target.parent} 写入文件的权限") from None
    except OSError as error:
        raise InputError(f"无法写入备份文件 {destination}：{error.strerror}") from None
    return Backup(destination, info["entries"], info["head"], info["files"])


def _current_coordinators(db: Target) -> set[str] | None:
    """The coordinators of the database at ``db`` when it is intact enough to say (None when
    there is none, or it is too damaged to tell)."""
    try:
        store = open_store(db)
        people = store.read(PEOPLE, "people")
    except (StoreError, InputError):
        return None
    return {login for login, doc in people.items() if doc.get("role") == "coordinator"}


@dataclass(frozen=True)
class Restored:
    path: str
    entries: int
    head: str
    kept: str | None
    """Where a database that was at the path was kept."""


def restore_database(source: str, to: Target, *, force: bool = False) -> Restored:
    """Bring a backup back at ``to``, after checking it whole. Replacing a database (``force``)
    is for a coordinator registered in the backup: the database being replaced may be too
    damaged to say who its coordinators are."""
    info = backup_info(source)
    login = acting_login(to).login
    current = _current_coordinators(to) if force else None
    if current is not None and login not in current:
        raise PermissionDeniedError(f"用户「{login}」不是数据库 {to} 的协调员，不能用备份替换它")

    def accept(store: Store) -> None:
        result = verify(store)
        result.problems += references(store)
        if result.problems:
            shown = "\n".join(f"  - {p.where}：{p.what}" for p in result.problems[:10])
            raise StoreError(
                f"备份文件 {source} 检查未通过，未恢复（共 {len(result.problems)} 处问题）：\n{shown}"
            )
        if force and current is None:  # the database there is damaged: the backup's say
            people = store.read(PEOPLE, "people")
            person = people.get(login)
            if person is None or person.get("role") != "coordinator":
                raise PermissionDeniedError(
                    f"用户「{login}」不是该备份中登记的协调员，不能用它替换现有数据库 {to}"
                )

    kept = restore_store(source, to, accept, force=force)
    return Restored(str(to), info["entries"], info["head"], kept)


@dataclass(frozen=True)
class Copied:
    source: str
    target: str
    counts: dict[str, int]
    checksum: str
    """SHA-256 of every record, log entry and audit entry: equal on both sides."""
    kept: str | None


def copy_database(source: Target, target: Target, *, force: bool = False) -> Copied:
    """Move a whole database, audit log and item history included, to another place or kind
    (a folder to a server, or back), then read the copy back and compare counts and checksums.
    Only a coordinator registered in the source may copy it: checked before anything is read."""
    store = open_store(source)
    login = store.login() or system_login().login
    person = store.read(PEOPLE, "people").get(login)
    if person is None or person.get("role") != "coordinator" or person.get("deactivated"):
        raise PermissionDeniedError(f"用户「{login}」不是数据库 {source} 的协调员，不能复制它")
    dump = export_store(source)
    broken = next(chain_problems(dump.entries, chained=bool(dump.meta.get("chained"))), None)
    if broken:
        raise StoreError(f"数据库 {source} 检查未通过，未复制：{broken.where}：{broken.what}")
    kept = load_store(target, dump, force=force)
    copy = export_store(target)
    checksum = dump.checksum()
    if copy.counts() != dump.counts() or copy.checksum() != checksum:
        raise StoreError(
            f"复制到 {target} 后核对不符（原库 {dump.counts()}，新库 {copy.counts()}），"
            "请勿使用新库，并联系管理员"
        )
    return Copied(str(source), str(target), dump.counts(), checksum, kept)


@dataclass(frozen=True)
class Upgraded:
    before: int
    after: int


def upgrade_database(db: Target) -> Upgraded:
    """Bring the database's structure to this program's version (``tracker db upgrade``)."""
    before, after = upgrade_store(db)
    return Upgraded(before, after)
