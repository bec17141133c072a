"""Read and validate a plan file, reporting every problem with where it is."""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker.domain.dates import parse_date
from tracker.domain.errors import InputError, PlanError
from tracker.domain.plan import (
    MUNICIPAL,
    DistrictDef,
    MilestoneDef,
    Plan,
    RequirementDef,
    TaskDef,
)

REQUIREMENT_CHECKS = ("lead-assigned", "milestone-done", "recent-progress", "evaluation")
MILESTONE_SCOPES = ("district", MUNICIPAL)
_ID = re.compile(r"[a-z][a-z0-9-]*")

_TOP_KEYS = {
    "schema", "id", "title", "doc_no", "issuer", "issued", "goal",
    "parent", "period", "national_areas", "districts", "tasks", "milestones", "requirements",
}
_TOP_REQUIRED = {"id", "title", "doc_no", "issuer", "issued", "period", "districts", "tasks"}
_SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # name: (allowed keys, required keys)
    "parent": ({"doc_no", "title", "issuer", "issued"}, {"doc_no"}),
    "period": ({"start", "end", "description"}, {"start", "end"}),
    "districts": ({"id", "name", "short_name", "section", "areas"}, {"id", "name", "areas"}),
    "tasks": ({"id", "name", "section", "description"}, {"id", "name"}),
    "milestones": ({"id", "name", "scope", "due", "source", "section"}, {"id", "name", "scope", "due"}),
    "requirements": ({"id", "name", "section", "check", "milestone", "days"}, {"id", "name", "check"}),
}


@dataclass
class _Problems:
    """Collects problems, each located by a line number found in the source text."""

    text: str
    items: list[str] = field(default_factory=list)

    def add(self, message: str, table: str | None = None, index: int = 0, key: str = "") -> None:
        line = _locate(self.text, table, index, key)
        self.items.append(f"第 {line} 行：{message}" if line else message)


def _locate(text: str, table: str | None, index: int, key: str) -> int | None:
    """Line number of ``key`` in the ``index``-th ``[[table]]`` (or top level / ``[table]``)."""
    lines = text.splitlines()
    start, seen = 0, -1
    if table:
        for number, line in enumerate(lines):
            stripped = line.strip()
            if stripped in (f"[[{table}]]", f"[{table}]"):
                seen += 1
                if seen == index:
                    start = number
                    break
        else:
            return None
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if number > start and stripped.startswith("[") and (table or start == 0):
            break
        if key and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number + 1
    return start + 1 if table else None


def load_plan_file(path: Path) -> Plan:
    """Load and validate a TOML plan file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"找不到计划文件 {path}") from None
    except UnicodeDecodeError:
        raise PlanError(str(path), ["文件不是 UTF-8 编码的文本"]) from None
    return load_plan_text(text, str(path))


def load_plan_text(text: str, source: str) -> Plan:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(source, [f"TOML 语法错误：{error}"]) from None
    return load_plan_data(data, source, text)


def load_plan_data(data: dict[str, Any], source: str, text: str = "") -> Plan:
    """Validate plan ``data`` (from TOML, or as stored in a database) and build the plan."""
    problems = _Problems(text)
    _check_keys(data, _TOP_KEYS, _TOP_REQUIRED, problems, None, 0, "计划")
    sections = {name: _section_list(data, name, problems) for name in _SECTIONS}
    for name, entries in sections.items():
        allowed, required = _SECTIONS[name]
        for index, entry in enumerate(entries):
            _check_keys(entry, allowed, required, problems, name, index, _label(name, index, entry))
        _check_ids(name, entries, problems)

    issued = _date(data.get("issued"), problems, None, 0, "issued", "印发日期")
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    start = _date(period.get("start"), problems, "period", 0, "start", "试点开始日期")
    end = _date(period.get("end"), problems, "period", 0, "end", "试点结束日期")
    if start and end and end <= start:
        problems.add(f"试点结束日期 {end} 不晚于开始日期 {start}", "period", 0, "end")
    parent = data.get("parent") if isinstance(data.get("parent"), dict) else {}
    parent_issued = _date(parent.get("issued"), problems, "parent", 0, "issued", "上级文件日期")

    districts = _districts(sections["districts"], problems)
    tasks = tuple(
        TaskDef(t["id"], t["name"], t.get("section", ""), t.get("description", ""))
        for t in sections["tasks"]
        if _has(t, "id", "name")
    )
    milestones = _milestones(sections["milestones"], problems)
    requirements = _requirements(sections["requirements"], milestones, problems)
    if not data.get("districts"):
        problems.add("计划没有任何试点区（[[districts]]）")
    if not data.get("tasks"):
        problems.add("计划没有任何工作任务（[[tasks]]）")

    if problems.items:
        raise PlanError(source, problems.items)
    assert issued and start and end
    return Plan(
        id=data["id"],
        title=data["title"],
        doc_no=data["doc_no"],
        issuer=data["issuer"],
        issued=issued,
        period_start=start,
        period_end=end,
        goal=data.get("goal", ""),
        parent_doc_no=parent.get("doc_no", ""),
        parent_title=parent.get("title", ""),
        parent_issued=parent_issued,
        national_areas=tuple(data.get("national_areas", ())),
        districts=districts,
        tasks=tasks,
        milestones=milestones,
        requirements=requirements,
        data=_jsonable(data),
    )


def _label(name: str, index: int, entry: object) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"[[{name}]] 第 {index + 1} 项" + (f"（{ident}）" if ident else "")


def _section_list(data: dict, name: str, problems: _Problems) -> list[dict]:
    value = data.get(name)
    if value is None:
        return []
    if name in ("parent", "period"):
        if not isinstance(value, dict):
            problems.add(f"{name} 应为一个表（[{name}]）", None, 0, name)
            return []
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.add(f"{name} 应写成表数组（[[{name}]]）", None, 0, name)
        return []
    return value


def _check_keys(entry, allowed, required, problems, table, index, where) -> None:
    for key in entry:
        if key not in allowed:
            known = "、".join(sorted(allowed))
            problems.add(f"{where}：未知的键「{key}」（可用：{known}）", table, index, key)
    for key in sorted(required - set(entry)):
        problems.add(f"{where}：缺少必填的键「{key}」", table, index)


def _check_ids(name: str, entries: list[dict], problems: _Problems) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        ident = entry.get("id")
        if ident is None or name in ("parent", "period"):
            continue
        if not isinstance(ident, str) or not _ID.fullmatch(ident):
            problems.add(f"[[{name}]] 的 id「{ident}」应由小写字母、数字和连字符组成", name, index, "id")
        elif ident in seen:
            problems.add(f"[[{name}]] 的 id「{ident}」重复", name, index, "id")
        seen.add(str(ident))


def _date(value, problems, table, index, key, what) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value if isinstance(value, date) else str(value), what=what)
    except InputError as error:
        problems.add(str(error), table, index, key)
        return None


def _has(entry: dict, *keys: str) -> bool:
    return all(isinstance(entry.get(key), str) for key in keys)


def _districts(entries: list[dict], problems: _Problems) -> tuple[DistrictDef, ...]:
    districts = []
    for index, entry in enumerate(entries):
        areas = entry.get("areas", [])
        if not isinstance(areas, list) or not areas:
            problems.add(f"{_label('districts', index, entry)}：没有任何重点领域（areas）", "districts", index, "areas")
            continue
        duplicates = sorted({a for a in areas if areas.count(a) > 1})
        if duplicates:
            problems.add(f"{_label('districts', index, entry)}：重点领域重复：{'、'.join(duplicates)}", "districts", index, "areas")
        if not _has(entry, "id", "name"):
            continue
        name = entry["name"]
        short = entry.get("short_name") or (name[:-1] if len(name) > 2 and name.endswith("区") else name)
        districts.append(DistrictDef(entry["id"], name, short, tuple(areas), entry.get("section", "")))
    return tuple(districts)


def _milestones(entries: list[dict], problems: _Problems) -> tuple[MilestoneDef, ...]:
    milestones = []
    for index, entry in enumerate(entries):
        scope = entry.get("scope")
        if scope is not None and scope not in MILESTONE_SCOPES:
            problems.add(
                f"{_label('milestones', index, entry)}：未知的范围「{scope}」（可用：district、municipal）",
                "milestones", index, "scope",
            )
        due = _date(entry.get("due"), problems, "milestones", index, "due", "截止日期")
        if due and _has(entry, "id", "name") and scope in MILESTONE_SCOPES:
            milestones.append(
                MilestoneDef(entry["id"], entry["name"], scope, due, entry.get("source", ""), entry.get("section", ""))
            )
    return tuple(milestones)


def _requirements(entries, milestones, problems) -> tuple[RequirementDef, ...]:
    milestone_ids = {m.id for m in milestones}
    requirements = []
    for index, entry in enumerate(entries):
        check = entry.get("check")
        label = _label("requirements", index, entry)
        if check is not None and check not in REQUIREMENT_CHECKS:
            problems.add(f"{label}：未知的检查方式「{check}」（可用：{'、'.join(REQUIREMENT_CHECKS)}）", "requirements", index, "check")
            continue
        if check == "milestone-done" and entry.get("milestone") not in milestone_ids:
            problems.add(f"{label}：引用了不存在的节点「{entry.get('milestone')}」", "requirements", index, "milestone")
            continue
        if _has(entry, "id", "name") and check:
            requirements.append(
                RequirementDef(
                    entry["id"], entry["name"], check, entry.get("section", ""),
                    entry.get("milestone", ""), int(entry.get("days", 30)),
                )
            )
    return tuple(requirements)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
