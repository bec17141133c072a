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
    DEPARTMENT_PREFIX,
    MUNICIPAL,
    DepartmentDef,
    DistrictDef,
    Limits,
    MilestoneDef,
    Plan,
    RequirementDef,
    TaskDef,
)

REQUIREMENT_CHECKS = ("lead-assigned", "milestone-done", "recent-progress", "evaluation")
MILESTONE_SCOPES = ("district", MUNICIPAL)
_ID = re.compile(r"[a-z][a-z0-9-]*")

TEXT, DATE, COUNT, TEXTS, TABLE, TABLES = "text", "date", "count", "texts", "table", "tables"
NATURAL = "natural"
_KIND_NAMES = {
    TEXT: "文本（加引号）",
    DATE: "日期",
    COUNT: "正整数",
    NATURAL: "非负整数",
    TEXTS: "文本列表",
    TABLE: "表（[名称]）",
    TABLES: "表数组（[[名称]]）",
}


@dataclass(frozen=True)
class _Spec:
    """The keys one table of a plan may hold, their kinds, and which are required."""

    kinds: dict[str, str]
    required: frozenset[str]


def _spec(required: str, **kinds: str) -> _Spec:
    return _Spec(kinds, frozenset(required.split()))


_TOP = _spec(
    "id title doc_no issuer issued period districts tasks",
    schema=COUNT,
    id=TEXT,
    title=TEXT,
    doc_no=TEXT,
    issuer=TEXT,
    issued=DATE,
    goal=TEXT,
    parent=TABLE,
    period=TABLE,
    national_areas=TEXTS,
    districts=TABLES,
    tasks=TABLES,
    milestones=TABLES,
    requirements=TABLES,
    limits=TABLE,
    departments=TABLES,
)
_SECTIONS = {
    "parent": _spec("doc_no", doc_no=TEXT, title=TEXT, issuer=TEXT, issued=DATE),
    "period": _spec("start end", start=DATE, end=DATE, description=TEXT),
    "districts": _spec(
        "id name areas", id=TEXT, name=TEXT, short_name=TEXT, section=TEXT, areas=TEXTS
    ),
    "tasks": _spec("id name", id=TEXT, name=TEXT, section=TEXT, description=TEXT),
    "milestones": _spec(
        "id name scope due",
        id=TEXT,
        name=TEXT,
        short_name=TEXT,
        scope=TEXT,
        due=DATE,
        source=TEXT,
        section=TEXT,
    ),
    "requirements": _spec(
        "id name check", id=TEXT, name=TEXT, section=TEXT, check=TEXT, milestone=TEXT, days=COUNT
    ),
    "limits": _spec(
        "",
        interpretation_workdays=NATURAL,
        concern_hours=COUNT,
        major_concern_hours=COUNT,
        press_conference_hours=COUNT,
    ),
    "departments": _spec("id name areas", id=TEXT, name=TEXT, short_name=TEXT, areas=TEXTS),
}


@dataclass
class _Problems:
    """Collects problems, each located by a line number found in the source text."""

    text: str
    items: list[str] = field(default_factory=list)

    def add(self, message: str, table: str | None = None, index: int = 0, key: str = "") -> None:
        line = _locate(self.text, table, index, key) if self.text else None
        self.items.append(f"第 {line} 行：{message}" if line else message)


def _header(line: str) -> str | None:
    """The table name of a ``[name]`` or ``[[name]]`` header line, else None."""
    match = re.match(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$", line)
    return match.group(1) if match else None


def _locate(text: str, table: str | None, index: int, key: str) -> int | None:
    """Line number of ``key`` in the ``index``-th ``[[table]]`` (or at the top level)."""
    lines = text.splitlines()
    start = 0
    if table:
        headers = [n for n, line in enumerate(lines) if _header(line) == table]
        if index >= len(headers):
            return None
        start = headers[index]
    for number in range(start + 1 if table else 0, len(lines)):
        if _header(lines[number]) is not None:
            if not table and _header(lines[number]) == key:
                return number + 1
            if table or not key:
                break
            continue
        if key and re.match(rf"\s*{re.escape(key)}\s*=", lines[number]):
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
    except OSError as error:
        raise InputError(f"无法读取计划文件 {path}：{error.strerror or error}") from None
    return load_plan_text(text, str(path))


def load_plan_text(text: str, source: str) -> Plan:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(source, [_syntax_problem(error)]) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables by recursion.
        raise PlanError(source, ["列表或内联表嵌套过深，计划文件不需要这样的结构"]) from None
    return load_plan_data(data, source, text)


def _syntax_problem(error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if where:
        detail = message[: where.start()]
        return f"第 {where.group(1)} 行第 {where.group(2)} 列：TOML 语法错误（{detail}）"
    return f"TOML 语法错误（{message.replace('(at end of document)', '（在文件末尾）')}）"


def load_plan_data(data: dict[str, Any], source: str, text: str = "") -> Plan:
    """Validate plan ``data`` (from TOML, or as stored in a database) and build the plan.

    Every value is checked for its kind before it is used, so data of any shape gives
    a ``PlanError`` listing what is wrong, never a ``TypeError`` or ``KeyError``.
    """
    if not isinstance(data, dict):
        raise PlanError(source, [f"计划应为一张表（键和值），实为{type(data).__name__}"])
    problems = _Problems(text)
    _check_entry(data, _TOP, problems, None, 0, "计划")
    sections = {name: _section_list(data, name) for name in _SECTIONS}
    for name, entries in sections.items():
        for index, entry in enumerate(entries):
            _check_entry(entry, _SECTIONS[name], problems, name, index, _label(name, index, entry))
        if name not in ("parent", "period", "limits"):
            _check_ids(name, entries, problems)

    issued = _date(data.get("issued"), problems, None, 0, "issued", "印发日期")
    period = sections["period"][0] if sections["period"] else {}
    start = _date(period.get("start"), problems, "period", 0, "start", "试点开始日期")
    end = _date(period.get("end"), problems, "period", 0, "end", "试点结束日期")
    if start and end and end <= start:
        problems.add(f"试点结束日期 {end} 不晚于开始日期 {start}", "period", 0, "end")
    parent = sections["parent"][0] if sections["parent"] else {}
    parent_issued = _date(parent.get("issued"), problems, "parent", 0, "issued", "上级文件日期")

    districts = _districts(sections["districts"], problems)
    tasks = tuple(
        TaskDef(_text(t, "id"), _text(t, "name"), _text(t, "section"), _text(t, "description"))
        for t in sections["tasks"]
    )
    milestones = _milestones(sections["milestones"], problems)
    requirements = _requirements(sections["requirements"], milestones, problems)
    limits_entry = sections["limits"][0] if sections["limits"] else {}
    limits = Limits(
        **{k: v for k, v in limits_entry.items() if k in _SECTIONS["limits"].kinds and _ok(v)}
    )
    departments = _departments(sections["departments"], problems)
    _check_scopes(districts, problems)
    if "districts" in data and not sections["districts"]:
        problems.add("计划没有任何试点区（[[districts]]）", None, 0, "districts")
    if "tasks" in data and not sections["tasks"]:
        problems.add("计划没有任何工作任务（[[tasks]]）", None, 0, "tasks")

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
        limits=limits,
        departments=departments,
        data=_jsonable(data),
    )


def _ok(value: Any) -> bool:
    """A limit of the right kind (a wrong one was reported by ``_check_entry``)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_scopes(districts: tuple[DistrictDef, ...], problems: _Problems) -> None:
    """A district's id may not look like a department's scope (``dept-…``)."""
    for index, district in enumerate(districts):
        if district.id.startswith(DEPARTMENT_PREFIX):
            problems.add(
                f"试点区的 id「{district.id}」不能以 {DEPARTMENT_PREFIX} 开头（部门专用）",
                "districts", index, "id",
            )  # fmt: skip


def _departments(entries: list[dict[str, Any]], problems: _Problems) -> tuple[DepartmentDef, ...]:
    """Each department with the areas whose basic catalog it owes; an area has one owner."""
    owners: dict[str, str] = {}
    found = []
    for index, entry in enumerate(entries):
        listed = entry.get("areas")
        areas = tuple(a for a in listed if isinstance(a, str)) if isinstance(listed, list) else ()
        for area in areas:
            if area in owners:
                problems.add(
                    f"领域「{area}」已由 {owners[area]} 负责基本目录", "departments", index, "areas"
                )
            owners[area] = _text(entry, "id")
        found.append(
            DepartmentDef(
                _text(entry, "id"), _text(entry, "name"), areas, _text(entry, "short_name")
            )
        )
    return tuple(found)


def _text(entry: dict[str, Any], key: str) -> str:
    """A text value of ``entry``, or empty when it is missing or of another kind.

    Such a value was reported by ``_check_entry``; building on with "" lets every
    other problem be found too.
    """
    value = entry.get(key, "")
    return value if isinstance(value, str) else ""


def _label(name: str, index: int, entry: dict[str, Any]) -> str:
    ident = entry.get("id")
    return f"[[{name}]] 第 {index + 1} 项" + (f"（{ident}）" if isinstance(ident, str) else "")


def _section_list(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The well-formed entries of a section; a wrong kind was reported by ``_check_entry``."""
    value = data.get(name)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    return []


def _check_entry(
    entry: dict[str, Any],
    spec: _Spec,
    problems: _Problems,
    table: str | None,
    index: int,
    where: str,
) -> None:
    """Unknown keys, missing keys and values of the wrong kind, each reported once."""
    for key, value in entry.items():
        kind = spec.kinds.get(key)
        if kind is None:
            known = "、".join(sorted(spec.kinds))
            problems.add(f"{where}：未知的键「{key}」（可用：{known}）", table, index, key)
        elif not _is_kind(value, kind):
            problems.add(f"{where}：「{key}」应为{_KIND_NAMES[kind]}", table, index, key)
    for key in sorted(spec.required - set(entry)):
        problems.add(f"{where}：缺少必填的键「{key}」", table, index)


def _is_kind(value: Any, kind: str) -> bool:
    match kind:
        case "text":
            return isinstance(value, str) and bool(value.strip())
        case "date":
            return isinstance(value, (date, str)) and not hasattr(value, "hour")
        case "count":
            return isinstance(value, int) and not isinstance(value, bool) and value > 0
        case "natural":
            return isinstance(value, int) and not isinstance(value, bool) and value >= 0
        case "texts":
            return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        case "table":
            return isinstance(value, dict)
        case "tables":
            return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError(kind)


def _check_ids(name: str, entries: list[dict[str, Any]], problems: _Problems) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        if not _ID.fullmatch(ident):
            problems.add(
                f"[[{name}]] 的 id「{ident}」应由小写字母、数字和连字符组成", name, index, "id"
            )
        elif ident in seen:
            problems.add(f"[[{name}]] 的 id「{ident}」重复", name, index, "id")
        seen.add(ident)


def _date(
    value: Any, problems: _Problems, table: str | None, index: int, key: str, what: str
) -> date | None:
    if not _is_kind(value, DATE):
        return None
    try:
        return parse_date(value, what=what)
    except InputError as error:
        problems.add(str(error), table, index, key)
        return None


def _districts(entries: list[dict[str, Any]], problems: _Problems) -> tuple[DistrictDef, ...]:
    districts = []
    for index, entry in enumerate(entries):
        areas = entry.get("areas")
        if areas == []:
            problems.add(
                f"{_label('districts', index, entry)}：没有任何重点领域（areas）",
                "districts",
                index,
                "areas",
            )
        if not _is_kind(areas, TEXTS) or not areas:
            continue
        duplicates = sorted({a for a in areas if areas.count(a) > 1})
        if duplicates:
            problems.add(
                f"{_label('districts', index, entry)}：重点领域重复：{'、'.join(duplicates)}",
                "districts",
                index,
                "areas",
            )
        name = _text(entry, "name")
        short = _text(entry, "short_name") or (
            name[:-1] if len(name) > 2 and name.endswith("区") else name
        )
        districts.append(
            DistrictDef(_text(entry, "id"), name, short, tuple(areas), _text(entry, "section"))
        )
    return tuple(districts)


def _milestones(entries: list[dict[str, Any]], problems: _Problems) -> tuple[MilestoneDef, ...]:
    milestones = []
    for index, entry in enumerate(entries):
        scope = entry.get("scope")
        if isinstance(scope, str) and scope not in MILESTONE_SCOPES:
            problems.add(
                f"{_label('milestones', index, entry)}：未知的范围「{scope}」（可用：district、municipal）",
                "milestones",
                index,
                "scope",
            )
        due = _date(entry.get("due"), problems, "milestones", index, "due", "截止日期")
        if due:
            milestones.append(
                MilestoneDef(
                    _text(entry, "id"),
                    _text(entry, "name"),
                    str(scope),
                    due,
                    _text(entry, "source"),
                    _text(entry, "section"),
                    _text(entry, "short_name"),
                )
            )
    return tuple(milestones)


def _requirements(
    entries: list[dict[str, Any]], milestones: tuple[MilestoneDef, ...], problems: _Problems
) -> tuple[RequirementDef, ...]:
    district_milestones = {m.id for m in milestones if m.scope == "district"}
    requirements = []
    for index, entry in enumerate(entries):
        check = entry.get("check")
        label = _label("requirements", index, entry)
        if isinstance(check, str) and check not in REQUIREMENT_CHECKS:
            problems.add(
                f"{label}：未知的检查方式「{check}」（可用：{'、'.join(REQUIREMENT_CHECKS)}）",
                "requirements",
                index,
                "check",
            )
        elif check == "milestone-done" and _text(entry, "milestone") not in district_milestones:
            problems.add(
                f"{label}：「milestone」应为一个区级节点的 id，收到「{entry.get('milestone')}」",
                "requirements",
                index,
                "milestone",
            )
        requirements.append(
            RequirementDef(
                _text(entry, "id"),
                _text(entry, "name"),
                str(check),
                _text(entry, "section"),
                _text(entry, "milestone"),
                entry.get("days", 30) if _is_kind(entry.get("days", 30), COUNT) else 30,
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
