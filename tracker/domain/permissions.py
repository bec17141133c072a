"""Who may change what (PRODUCT §6): the rules, independent of any front end."""

from tracker.domain.errors import PermissionDeniedError
from tracker.domain.plan import MUNICIPAL, Plan, department_scope
from tracker.domain.records import Person
from tracker.domain.vocab import ROLES

PEOPLE = "people"
"""The scope of persons and responsibilities."""


DISTRICT_ROLES = ("district-lead", "district-staff")
"""Roles that change their own district's data: its lead, who answers for it, and its staff."""


def check_may_change(person: Person | None, login: str, scope: str, plan: Plan) -> None:
    """Refuse unless ``person`` may change data of ``scope`` (a district id, municipal, people)."""
    if person is None:
        raise PermissionDeniedError(
            f"用户「{login}」尚未登记，不能修改数据。请协调员用 tracker person add 登记后再试"
        )
    if not person.active:
        raise PermissionDeniedError(
            f"{person.name}（{login}）已停用（{person.deactivated}），不能修改数据"
        )
    if person.role == "coordinator":
        return
    if person.role in DISTRICT_ROLES and scope == person.district:
        return
    if (
        person.role == "department"
        and person.department
        and scope == department_scope(person.department)
    ):
        return
    role = ROLES.label(person.role)
    department = plan.scope_department(scope)
    if scope == MUNICIPAL:
        target = "市级节点"
    elif scope == PEOPLE:
        target = "人员和责任分工"
    elif department is not None:
        target = f"{department.name}的基本目录"
    else:
        target = f"{plan.district(scope).name}的数据"
    if person.role == "department" and person.department:
        own = plan.department(person.department).name
        raise PermissionDeniedError(
            f"{person.name}（{own}联络员）只能修改{own}的基本目录，不能修改{target}"
        )
    if person.role in DISTRICT_ROLES and person.district:
        own = plan.district(person.district).name
        raise PermissionDeniedError(
            f"{person.name}（{own}{ROLES.label(person.role).removeprefix('区')}）只能修改{own}的数据，"
            f"不能修改{target}"
        )
    raise PermissionDeniedError(f"{person.name}（{role}）不能修改{target}")


def check_may_act_for(person: Person | None, login: str, user: str) -> None:
    """Only a coordinator may act on someone else's behalf (``--user``)."""
    if user == login:
        return
    if person is None or person.role != "coordinator":
        raise PermissionDeniedError(
            f"只有协调员可以代他人操作（--user {user}）；当前登录用户「{login}」不是协调员"
        )


def check_coordinator(person: Person | None, login: str, what: str) -> None:
    """Refuse ``what`` (下发督办单 …) to anyone but a coordinator."""
    if person is None or person.role != "coordinator":
        who = f"{person.name}（{ROLES.label(person.role)}）" if person else f"用户「{login}」"
        raise PermissionDeniedError(f"只有市政府办公厅协调员可以{what}，{who}不能")


def check_district_person(person: Person | None, login: str, what: str) -> None:
    """Refuse ``what`` (回复督办单 …) to anyone but the district's own lead or staff: a
    coordinator acts for them with ``--user``, so the log shows whose answer it is."""
    if person is None or person.role not in DISTRICT_ROLES:
        who = f"{person.name}（{ROLES.label(person.role)}）" if person else f"用户「{login}」"
        raise PermissionDeniedError(
            f"{what}须由区试点负责人或区工作人员办理，{who}不能；协调员可用 --user 代其操作"
        )
