"""Import a district's catalog spreadsheet: every row checked, then all applied or none."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.errors import InputError
from tracker.domain.items import Item, check_area, check_state, describe, item_number
from tracker.domain.plan import DistrictDef
from tracker.services.items import parse_fields, record
from tracker.services.tracker import Tracker

if TYPE_CHECKING:
    from tracker.catalog.reading import Sheet

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
class ImportResult:
    """What an import did, or would do with ``--dry-run``."""

    created: list[Item] = field(default_factory=list)
    adjusted: list[tuple[Item, Item]] = field(default_factory=list)
    unchanged: int = 0
    ignored_headers: list[str] = field(default_factory=list)
    dry_run: bool = False


def import_catalog(
    tracker: Tracker,
    district_text: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    district = tracker.district(district_text)
    # Spreadsheet parsing loads only when a file is imported, not when the log is described.
    from tracker.catalog.reading import parse_sheet, read_cells

    sheet = parse_sheet(read_cells(path))
    reason = f"按导入文件《{path.name}》调整"
    if dry_run:
        existing = {
            k: Item.from_dict(d) for k, d in tracker.store.read(district.id, "items").items()
        }
        result = _plan(tracker, district, existing, sheet, path.name, progress)
        result.dry_run = True
        return result
    with tracker.change(district.id, "item.import") as tx:
        existing = {k: Item.from_dict(d) for k, d in tx.read(district.id, "items").items()}
        result = _plan(tracker, district, existing, sheet, path.name, progress)
        for item in result.created:
            tx.put(district.id, "items", item.id, item.to_dict(), "item.import")
        for before, after in result.adjusted:
            record(tx, tracker, before, after, "item.import", reason)
    return result


def _plan(
    tracker: Tracker,
    district: DistrictDef,
    existing: dict[str, Item],
    sheet: "Sheet",
    source: str,
    progress: Progress | None,
) -> ImportResult:
    result = ImportResult(ignored_headers=sheet.ignored_headers)
    problems = list(sheet.problems)
    live = {item.identity: item for item in existing.values() if item.live}
    next_number = max((item_number(k) for k in existing), default=0) + 1
    seen: dict[tuple[str, str, str], int] = {}
    total = len(sheet.rows)
    for done, (row, raw) in enumerate(sheet.rows, 1):
        try:
            candidate = _candidate(tracker, district, raw)
            identity = (candidate["area"], candidate.get("topic", ""), candidate["name"])
            if identity in seen:
                raise InputError(
                    f"与第 {seen[identity]} 行是同一事项（领域、一级事项、二级事项都相同）"
                )
            seen[identity] = row
            match = _match(district, existing, live, raw.get("id"), identity)
            if match is None:
                item = _new_item(tracker, district, candidate, f"{district.id}-{next_number}")
                live[identity] = item
                next_number += 1
                result.created.append(item)
            else:
                adjusted = _adjusted(tracker, match, candidate)
                holder = live.get(adjusted.identity)
                if adjusted.live and holder is not None and holder.id != match.id:
                    raise InputError(
                        f"{describe(adjusted)}已存在（{holder.id}），不能把 {match.id} 改成同一事项"
                    )
                if adjusted == match:
                    result.unchanged += 1
                else:
                    live.pop(match.identity, None)
                    live[adjusted.identity] = adjusted
                    result.adjusted.append((match, adjusted))
        except InputError as error:
            problems.append(f"第 {row} 行：{error}")
        if progress:
            progress(done, total)
    if problems:
        raise ImportRefusedError(source, problems)
    return result


def _candidate(tracker: Tracker, district: DistrictDef, raw: dict[str, Any]) -> dict[str, Any]:
    """The row's fields, parsed and checked on their own."""
    fields = parse_fields({k: v for k, v in raw.items() if k not in ("id", "status")})
    if not fields.get("area"):
        raise InputError("「领域」为空")
    if not fields.get("name"):
        raise InputError("「二级事项」（事项名称）为空")
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
