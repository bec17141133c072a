"""Departments' basic catalogs (本部门、本系统主动公开事项基本目录): loaded by the department from
the same files as a district's catalog, kept in the department's own scope, and the
对接指导 notes a department gives a district.

A department's scope stands in for a district where the catalog import expects one: its
scope id (``dept-planning``), its name and the areas it owes.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

from tracker.domain.errors import InputError, PermissionDeniedError
from tracker.domain.plan import MUNICIPAL, DepartmentDef, DistrictDef, department_scope
from tracker.domain.records import Note
from tracker.domain.values import require_text
from tracker.domain.vocab import ROLES
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text
from tracker.services.catalog_import import ImportOptions, ImportResult, Progress, import_into
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker
from tracker.store import Transaction

GUIDANCE = "guidance"
LOADED = "loaded"
"""When each area's basic catalog was first loaded: the districts answer for it from then."""


def _name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"{key}领域基本目录" if table == LOADED else f"对接指导 {key} 号"


AUDIT = AuditVocabulary(
    tables=(GUIDANCE, LOADED),
    actions={"guidance.add": "记录对接指导"},
    fields={
        "district": "区",
        "text": "内容",
        "date": "日期",
        "author": "记录人",
        "area": "领域",
    },
    values={"district": district_text},
    record_name=_name,
)


def department_unit(department: DepartmentDef) -> DistrictDef:
    """The department as the catalog import sees a district: scope, name and areas."""
    return DistrictDef(
        department_scope(department.id), department.name, department.short_name, department.areas
    )


def acting_department(tracker: Tracker, text: str | None, action: str) -> DepartmentDef:
    """The department named, else the acting liaison's own; anyone but a liaison or a
    coordinator is refused (and the refusal logged) before anything else is read."""
    person = tracker.actor.person
    if person is None or person.role not in ("department", "coordinator"):
        who = (
            f"{person.name}（{ROLES.label(person.role)}）"
            if person
            else f"用户「{tracker.actor.user}」"
        )
        words = AUDIT.actions.get(action) or "导入基本目录"
        tracker.refuse(
            MUNICIPAL,
            action,
            PermissionDeniedError(f"只有市有关部门联络员和协调员可以{words}，{who}不能"),
        )
    if text:
        return tracker.plan.find_department(text)
    if person.department:
        return tracker.plan.department(person.department)
    raise InputError("请用 --department 指明部门，如 --department 市规划局")


def import_baseline(
    tracker: Tracker,
    department_text: str | None,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: ImportOptions | None = None,
) -> tuple[DepartmentDef, ImportResult]:
    """Load (or update) a department's basic catalog from a catalog file, with the same
    formats and rules as a district's; only its own areas are accepted."""
    department = acting_department(tracker, department_text, "item.import")
    scope = department_scope(department.id)

    def first_loaded(tx: Transaction, result: ImportResult) -> None:
        mark_loaded(tx, scope, {item.area for item in result.created}, tracker.as_of)

    result = import_into(
        tracker,
        department_unit(department),
        path,
        dry_run=dry_run,
        progress=progress,
        options=replace(options or ImportOptions(), added_areas=(), own_areas_only=True),
        also=first_loaded,
    )
    return department, result


def mark_loaded(tx: Transaction, scope: str, areas: set[str], day: date) -> None:
    """Record the day each area's basic catalog was first loaded (a later load keeps it)."""
    for area in sorted(areas):
        if tx.get(scope, LOADED, area) is None:
            tx.put(scope, LOADED, area, {"area": area, "date": day.isoformat()}, "item.import")


def add_guidance(
    tracker: Tracker, department_text: str | None, district_text: str, text: str,
    day: str | None = None,
) -> Outcome[Note]:  # fmt: skip
    """A department's 对接指导 to a district, kept in the department's scope."""
    department = acting_department(tracker, department_text, "guidance.add")
    district = tracker.district(district_text)
    scope = department_scope(department.id)
    tracker.check(scope, "guidance.add")
    shared = set(department.areas) & set(district.areas)
    if not shared:
        raise InputError(
            f"{district.name}的试点领域中没有{department.name}负责的领域（{'、'.join(department.areas)}）"
        )
    body = require_text(text, what="指导内容", multiline=True)
    when = tracker.past_date(day, "日期（--date）")
    with tracker.change(scope, "guidance.add") as tx:
        note = Note(tx.next_id(scope, GUIDANCE), district.id, "guidance", body, when,
                    tracker.actor.user)  # fmt: skip
        tx.put(scope, GUIDANCE, note.key, note.to_dict(), "guidance.add")
    return Outcome(note, True)
