"""People on the pilot: registering them, and making them responsible for a district or task."""

from dataclasses import replace

from tracker.domain.errors import InputError
from tracker.domain.permissions import DISTRICT_ROLES, PEOPLE
from tracker.domain.records import Assignment, Person
from tracker.domain.values import optional_text, parse_login, require_text
from tracker.domain.vocab import ROLES
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker


def _record_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    if table == "people":
        return f"{doc.get('name', key)}（{key}）"
    return f"责任分工（{doc.get('login', key)}）"


def _department(tracker: Tracker, value: object) -> str:
    """A department id as its name; an id the plan does not know, as it is stored."""
    found = next((d for d in tracker.plan.departments if d.id == value), None)
    return found.name if found else str(value)


AUDIT = AuditVocabulary(
    tables=("people", "assignments"),
    actions={
        "person.add": "登记人员",
        "person.update": "修改人员信息",
        "person.deactivate": "停用人员",
        "assign": "明确责任人",
    },
    fields={
        "name": "姓名",
        "role": "角色",
        "district": "区",
        "unit": "单位",
        "phone": "电话",
        "department": "部门",
        "deactivated": "停用原因",
    },
    values={"role": labelled(ROLES), "district": district_text, "department": _department},
    record_name=_record_name,
)


def add_person(
    tracker: Tracker,
    name: str,
    *,
    login: str,
    role: str,
    district: str | None = None,
    unit: str | None = None,
    phone: str | None = None,
    department: str | None = None,
    create_login: bool = False,
) -> Outcome[Person]:
    """Register a person under their login (coordinators only); ``create_login`` also makes
    their login on the database server, in the same transaction."""
    person = Person(
        login=parse_login(login),
        name=require_text(name, what="姓名"),
        role=ROLES.resolve(role),
        district=tracker.district(district).id if district else "",
        unit=optional_text(unit, what="单位（--unit）"),
        phone=optional_text(phone, what="电话（--phone）"),
        department=tracker.plan.find_department(department).id if department else "",
    )
    _check_place(person)
    with tracker.change(PEOPLE, "person.add") as tx:
        if tx.get(PEOPLE, "people", person.login):
            raise InputError(f"登录名「{person.login}」已登记")
        tx.put(PEOPLE, "people", person.login, person.to_dict(), "person.add")
        if create_login and not tx.set_login(person.login, enabled=True):
            raise InputError(
                "--create-login 只用于数据库服务器（--db postgresql://…）；"
                "文件夹数据库以操作系统登录名识别操作人，无需建立登录"
            )
    return Outcome(person, True)


def update_person(
    tracker: Tracker,
    login: str,
    *,
    role: str | None = None,
    district: str | None = None,
    unit: str | None = None,
    phone: str | None = None,
    department: str | None = None,
) -> Outcome[Person]:
    """Correct a registered person's role, district, department, unit or phone (coordinators
    only)."""
    person = tracker.person(login)
    changes: dict[str, str] = {}
    if role is not None:
        changes["role"] = ROLES.resolve(role)
    if district is not None:
        changes["district"] = tracker.district(district).id if district.strip() else ""
    if unit is not None:
        changes["unit"] = optional_text(unit, what="单位（--unit）")
    if phone is not None:
        changes["phone"] = optional_text(phone, what="电话（--phone）")
    if department is not None:
        changes["department"] = (
            tracker.plan.find_department(department).id if department.strip() else ""
        )
    if not changes:
        raise InputError("请至少指定 --role、--district、--department、--unit、--phone 中的一项")
    updated = replace(person, **changes)
    _check_place(updated)
    with tracker.change(PEOPLE, "person.update") as tx:
        changed = tx.put(PEOPLE, "people", person.login, updated.to_dict(), "person.update")
    return Outcome(updated, changed)


def _check_place(person: Person) -> None:
    """A district's people name their district; a department's liaison their department."""
    if person.role in DISTRICT_ROLES and not person.district:
        raise InputError(f"{ROLES.label(person.role)}须用 --district 指明所在的区")
    if person.role == "department" and not person.department:
        raise InputError("市有关部门联络员须用 --department 指明所在的部门，如 市规划局")


def deactivate_person(tracker: Tracker, login: str, *, reason: str) -> Outcome[Person]:
    """Take a person off the pilot: kept for the history, no longer responsible, cannot act."""
    why = require_text(reason, what="停用原因（--reason）")
    person = tracker.person(login)
    if not person.active:
        raise InputError(f"{person.name}（{person.login}）已停用")
    if person.login == tracker.actor.login:
        raise InputError("不能停用自己")
    stopped = replace(person, deactivated=why)
    with tracker.change(PEOPLE, "person.deactivate") as tx:
        tx.put(PEOPLE, "people", person.login, stopped.to_dict(), "person.deactivate", why)
        # On a database server their login is disabled too, where it exists and may be.
        tx.set_login(person.login, enabled=False)
    return Outcome(stopped, True)


def assign(tracker: Tracker, district_text: str, person_text: str) -> Outcome[Assignment]:
    """Make a person responsible for a district's pilot work (专人负责)."""
    district = tracker.district(district_text)
    person = tracker.person(person_text)
    responsible_login(tracker, person.login, district.id)
    assignment = Assignment(district.id, person.login)
    with tracker.change(PEOPLE, "assign") as tx:
        changed = tx.put(PEOPLE, "assignments", assignment.key, assignment.to_dict(), "assign")
    return Outcome(assignment, changed)


def responsible_login(tracker: Tracker, text: str, district_id: str) -> str:
    """The login of a person who may answer for work in a district; empty text clears it."""
    if not text.strip():
        return ""
    person = tracker.person(text)
    district = tracker.plan.district(district_id).name
    if not person.active:
        raise InputError(f"{person.name}已停用，不能作为{district}的责任人")
    if person.role == "viewer":
        raise InputError(f"{person.name}是只读用户，不能作为{district}的责任人")
    if person.role in DISTRICT_ROLES and person.district != district_id:
        own = tracker.plan.district(person.district).name
        role = ROLES.label(person.role).removeprefix("区")
        raise InputError(f"{person.name}是{own}{role}，不能作为{district}的责任人")
    return person.login
