"""Import a district's catalog spreadsheet: every row checked, then all applied or none."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.catalog_vocab import ITEM_STATES, is_standard_channel
from tracker.domain.errors import InputError
from tracker.domain.items import Item, check_area, check_state, describe, item_number
from tracker.domain.plan import DistrictDef
from tracker.domain.values import optional_text
from tracker.services.items import parse_fields, record
from tracker.services.tracker import Tracker
from tracker.store import Transaction

if TYPE_CHECKING:
    from tracker.catalog.table import Table

Progress = Callable[[int, int], None]
_ORDER = ["combed", "standardized", "published"]


class ImportRefusedError(InputError):
    """Some rows are bad; ``problems`` lists each with its row number. Nothing was written."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  …… 另有 {len(problems) - 50} 处" if len(problems) > 50 else ""
        super().__init__(f"{source} 有 {len(problems)} 处问题，未导入任何事项：\n{shown}{more}")


@dataclass
class SheetSummary:
    """What one table of the file gave."""

    label: str
    """工作表「城乡规划」, 第 2 个表格, or empty for a file's only table."""
    rows: int = 0
    created: int = 0
    adjusted: int = 0
    unchanged: int = 0
    area: str = ""
    """The area of every row, when the table has no 领域 column."""
    area_from: str = ""
    filled: dict[str, int] = field(default_factory=dict)
    skipped: str = ""
    """Why the table was left out (empty, no catalog header), when it was."""


@dataclass
class ImportResult:
    """What an import did, or would do with ``--dry-run``."""

    created: list[Item] = field(default_factory=list)
    adjusted: list[tuple[Item, Item]] = field(default_factory=list)
    unchanged: int = 0
    ignored_headers: list[str] = field(default_factory=list)
    dry_run: bool = False
    sheets: list[SheetSummary] = field(default_factory=list)
    other_channels: list[str] = field(default_factory=list)
    """Channels outside the standard list, kept by name (信用中国 …)."""
    reason: str = ""
    """Why published items are adjusted (``--reason``), as recorded."""

    @property
    def published_adjusted(self) -> list[tuple[Item, Item]]:
        """Changes to published items: each a 动态调整 that needs a reason."""
        return [(before, after) for before, after in self.adjusted if before.status == "published"]


@dataclass(frozen=True)
class ImportOptions:
    """How to read the file: which sheets, the area when the file gives none, columns to
    leave out, areas added beyond the plan's, and the reason for adjusting published items."""

    sheets: tuple[str, ...] = ()
    area: str | None = None
    ignore_columns: tuple[str, ...] = ()
    added_areas: tuple[str, ...] = ()
    reason: str | None = None
    own_areas_only: bool = False
    """A department's basic catalog: only the areas it owes, never an added one."""


def import_catalog(
    tracker: Tracker,
    district_text: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: ImportOptions = ImportOptions(),
) -> ImportResult:
    """Import a district's catalog file: every row checked, then all applied or none."""
    district = tracker.district(district_text)
    return import_into(tracker, district, path, dry_run=dry_run, progress=progress, options=options)


def import_into(
    tracker: Tracker,
    district: DistrictDef,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: ImportOptions = ImportOptions(),
    also: Callable[[Transaction, "ImportResult"], None] | None = None,
) -> ImportResult:
    """Import a catalog into ``district``'s scope (a district, or a department's basic
    catalog, whose scope, name and areas stand in for a district's)."""
    if not dry_run:  # refused before the file is read; a dry run shows anyone what would change
        tracker.check(district.id, "item.import")
    reason = optional_text(options.reason, what="原因（--reason）", multiline=True)
    rows, summaries, ignored = _read(tracker, district, path, options)
    recorded = (
        f"{reason}（导入文件《{path.name}》）" if reason else f"按导入文件《{path.name}》调整"
    )
    if dry_run:
        existing = {
            k: Item.from_dict(d) for k, d in tracker.store.read(district.id, "items").items()
        }
        result = _plan(tracker, district, existing, rows, path.name, progress, options)
        _finish(result, summaries, ignored, recorded if reason else "")
        result.dry_run = True
        return result
    with tracker.change(district.id, "item.import") as tx:
        existing = {k: Item.from_dict(d) for k, d in tx.read(district.id, "items").items()}
        result = _plan(tracker, district, existing, rows, path.name, progress, options)
        _finish(result, summaries, ignored, recorded if reason else "")
        published = result.published_adjusted
        if published and not reason:
            shown = "、".join(f"{before.id}" for before, _ in published[:10])
            more = f" 等 {len(published)} 项" if len(published) > 10 else ""
            raise InputError(
                f"导入会修改已公开的事项 {shown}{more}：修改已公开事项是动态调整，"
                "须用 --reason 说明原因（如 --reason 机构改革调整公开主体），未导入任何事项"
            )
        for item in result.created:
            tx.put(district.id, "items", item.id, item.to_dict(), "item.import")
        for before, after in result.adjusted:
            record(tx, tracker, before, after, "item.import", recorded)
        if also is not None:  # what the caller records in the same commit
            also(tx, result)
    return result


Row = tuple[str, dict[str, Any], SheetSummary]
"""Where a row is (for messages), its fields, and the summary of its table."""


def _read(
    tracker: Tracker, district: DistrictDef, path: Path, options: ImportOptions
) -> tuple[list[Row], list[SheetSummary], list[str]]:
    """Every row of the chosen tables of the file, with a summary per table."""
    # Spreadsheet parsing loads only when a file is imported, not when the log is described.
    from tracker.catalog.reading import parse_sheet, read_tables

    tables = read_tables(path)
    chosen = _chosen(tables, options.sheets, path.name)
    areas = tuple(
        dict.fromkeys((*district.areas, *tracker.plan.national_areas, *options.added_areas))
    )
    rows: list[Row] = []
    summaries: list[SheetSummary] = []
    ignored: list[str] = []
    problems: list[str] = []
    several = len(tables) > 1
    for table in chosen:
        summary = SheetSummary(table.label if several else "")
        summaries.append(summary)
        if not any(cell.strip() for row in table.cells for cell in row):
            summary.skipped = "空表"
            continue
        try:
            sheet = parse_sheet(
                table.cells,
                table=table,
                areas=areas,
                area=options.area,
                ignore=options.ignore_columns,
            )
        except InputError as error:
            if table.sheet is None and several and "没有找到目录表头" in str(error):
                summary.skipped = "不是目录表格"  # a page's layout table, a Word document's note
                continue
            problems.append(f"{summary.label}{'：' if summary.label else ''}{error}")
            continue
        summary.area, summary.area_from, summary.filled = sheet.area, sheet.area_from, sheet.filled
        ignored += [h for h in sheet.ignored_headers if h not in ignored]
        problems += [f"{summary.label}{p}" for p in sheet.problems]
        summary.rows = len(sheet.rows)
        rows += [
            (f"{summary.label}第 {number} 行", values, summary) for number, values in sheet.rows
        ]
    if problems:
        raise ImportRefusedError(path.name, problems)
    if not rows:
        raise InputError(f"{path.name} 中没有可导入的事项")
    return rows, summaries, ignored


def _chosen(tables: list["Table"], names: tuple[str, ...], source: str) -> list["Table"]:
    """The tables ``--sheet`` names (all of them when it names none)."""
    if not names:
        return tables
    by_name = {table.sheet: table for table in tables if table.sheet}
    missing = [name for name in names if name.strip() not in by_name]
    if missing:
        raise InputError(
            f"{source} 中没有工作表「{'」「'.join(missing)}」，有：{'、'.join(by_name) or '（无）'}"
        )
    return [by_name[name.strip()] for name in dict.fromkeys(names)]


def _finish(
    result: ImportResult, summaries: list[SheetSummary], ignored: list[str], reason: str
) -> None:
    result.sheets, result.ignored_headers, result.reason = summaries, ignored, reason
    others = [
        name
        for item in (*result.created, *(after for _, after in result.adjusted))
        for name in item.channels
        if not is_standard_channel(name)
    ]
    result.other_channels = list(dict.fromkeys(others))


def _plan(
    tracker: Tracker,
    district: DistrictDef,
    existing: dict[str, Item],
    rows: list[Row],
    source: str,
    progress: Progress | None,
    options: ImportOptions,
) -> ImportResult:
    result = ImportResult()
    problems: list[str] = []
    live = {item.identity: item for item in existing.values() if item.live}
    next_number = max((item_number(k) for k in existing), default=0) + 1
    seen: dict[tuple[str, str, str], str] = {}
    total = len(rows)
    for done, (where, raw, summary) in enumerate(rows, 1):
        try:
            candidate = _candidate(tracker, district, raw, options)
            identity = (candidate["area"], candidate.get("topic", ""), candidate["name"])
            if identity in seen:
                raise InputError(f"与{seen[identity]}是同一事项（领域、一级事项、二级事项都相同）")
            seen[identity] = where
            match = _match(district, existing, live, raw.get("id"), identity)
            if match is None:
                item = _new_item(tracker, district, candidate, f"{district.id}-{next_number}")
                live[identity] = item
                next_number += 1
                result.created.append(item)
                summary.created += 1
            else:
                adjusted = _adjusted(tracker, match, candidate)
                holder = live.get(adjusted.identity)
                if adjusted.live and holder is not None and holder.id != match.id:
                    raise InputError(
                        f"{describe(adjusted)}已存在（{holder.id}），不能把 {match.id} 改成同一事项"
                    )
                if adjusted == match:
                    result.unchanged += 1
                    summary.unchanged += 1
                else:
                    live.pop(match.identity, None)
                    live[adjusted.identity] = adjusted
                    result.adjusted.append((match, adjusted))
                    summary.adjusted += 1
        except InputError as error:
            problems.append(f"{where}：{error}")
        if progress:
            progress(done, total)
    if problems:
        raise ImportRefusedError(source, problems)
    return result


def _candidate(
    tracker: Tracker, district: DistrictDef, raw: dict[str, Any], options: ImportOptions
) -> dict[str, Any]:
    """The row's fields, parsed and checked on their own."""
    fields = parse_fields({k: v for k, v in raw.items() if k not in ("id", "status")})
    if not fields.get("area"):
        raise InputError("「领域」为空")
    if not fields.get("name"):
        raise InputError("「二级事项」（事项名称）为空")
    if options.own_areas_only:
        if fields["area"] not in district.areas:
            raise InputError(
                f"「{fields['area']}」不是{district.name}负责的领域（{'、'.join(district.areas)}），"
                "基本目录只收本部门负责的领域"
            )
        fields.pop("added_area", None)
    if fields["area"] in options.added_areas:
        fields["added_area"] = True
    if fields["area"] not in district.areas and not fields.get("added_area"):
        raise InputError(
            f"「{fields['area']}」不是{district.name}的试点领域（{'、'.join(district.areas)}）；"
            f"如为结合实际新增的领域，请加 --added-area {fields['area']}，或在「新增领域」列填「是」"
        )
    check_area(fields["area"], district, fields.get("added_area", False))
    published = fields.get("published")
    if published and published > tracker.as_of:
        raise InputError(f"公开日期 {published} 晚于当前日期 {tracker.as_of}")
    status = str(raw.get("status") or "").strip()
    if status:
        fields["status"] = ITEM_STATES.resolve(status)
    return fields


def _match(
    district: DistrictDef,
    existing: dict[str, Item],
    live: dict[tuple[str, str, str], Item],
    raw_id: Any,
    identity: tuple[str, str, str],
) -> Item | None:
    """The item a row updates: by its 编号 when it names one of ours, else by area, topic and name."""
    text = str(raw_id or "").strip()
    if text.startswith(f"{district.id}-") and text in existing:
        item = existing[text]
        if not item.live:
            raise InputError(f"事项 {text} 已撤销，不能通过导入修改")
        return item
    return live.get(identity)


def _new_item(
    tracker: Tracker, district: DistrictDef, fields: dict[str, Any], item_id: str
) -> Item:
    item = Item(id=item_id, district=district.id, **fields)
    if item.status == "published" and item.published is None:
        item.published = tracker.as_of
    if item.status == "withdrawn":
        raise InputError("新事项不能以「已撤销」状态导入")
    check_state(item)
    return item


def _adjusted(tracker: Tracker, item: Item, fields: dict[str, Any]) -> Item:
    """The item after the row: changed fields, and a status that may only move forward or to withdrawn."""
    status = fields.pop("status", item.status)
    changed = replace(item, **fields)
    if status != item.status:
        if status == "withdrawn":
            changed = replace(changed, status="withdrawn", withdrawn_reason="导入文件中标为已撤销")
        elif _ORDER.index(status) < _ORDER.index(item.status):
            raise InputError(
                f"{describe(item)}已是「{ITEM_STATES.label(item.status)}」，不能改回「{ITEM_STATES.label(status)}」"
            )
        else:
            changed = replace(changed, status=status)
            if status == "published" and changed.published is None:
                changed.published = tracker.as_of
    check_state(changed)
    return changed
