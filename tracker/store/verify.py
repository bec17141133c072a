"""Checking a whole database against its audit log, for any backend.

Three checks, each giving problems that say what is wrong and where:

- the chain: every entry's ``prev`` is the digest of the entry before it and
  sequence numbers run on without gaps, from the first entry to the last;
- the replay: applying every change in the log, in order, to nothing gives
  exactly the stored records, and each change's ``before`` is what the
  replay held at that moment;
- the logs: every entry of a scope's own log (item history) is tied to a
  change of that scope's records in the audit log.

What the records must mean (plan ids, people, roles) is the services' check.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.errors import StoreError
from tracker.store.base import Store
from tracker.store.core import GENESIS, Doc, entry_digest


@dataclass(frozen=True)
class Problem:
    where: str
    """The file, record or log entry: ``操作记录第 12 条``, ``hexi/tasks/comb``."""
    what: str


@dataclass
class Verified:
    """What a check found."""

    entries: int = 0
    head: str = GENESIS
    """The digest of the last entry: a printed copy of it anchors the whole log."""
    records: int = 0
    problems: list[Problem] = field(default_factory=list)


def verify(store: Store) -> Verified:
    result = Verified()
    try:
        entries = list(store.audit())
    except StoreError as error:
        result.problems.append(Problem("操作记录", str(error)))
        return result
    entries.reverse()
    result.entries = len(entries)
    if entries:
        result.head = entry_digest(entries[-1])
    result.problems += chain_problems(entries, chained=bool(store.meta().get("chained")))
    replayed = _replay(entries, result.problems)
    result.records = _compare(store, replayed, result.problems)
    result.problems += _logs(store, entries)
    result.problems += [
        Problem(
            f"操作记录第 {seq} 条", f"记录的登录名「{login}」与服务器记下的写入者「{actor}」不符"
        )
        for seq, login, actor in store.misattributed()
    ]
    return result


def _at(entry: Doc) -> str:
    return f"操作记录第 {entry.get('seq')} 条"


def chain_problems(entries: list[Doc], *, chained: bool) -> Iterator[Problem]:
    """Where the chain of ``entries`` (oldest first) breaks. ``chained``: the database was made
    with the chain, so every entry must carry it (else a chain stripped from every line would
    go unnoticed)."""
    previous: Doc | None = None
    for entry in entries:
        expected_seq = previous["seq"] + 1 if previous else 1
        if entry["seq"] != expected_seq:
            missing = "缺少" if entry["seq"] > expected_seq else "序号重复或倒退："
            yield Problem(
                _at(entry),
                f"{missing}第 {expected_seq} 条（前一条是第 {expected_seq - 1} 条）",
            )
        if "prev" in entry:
            chained = True
            wanted = entry_digest(previous) if previous else GENESIS
            if entry["prev"] != wanted:
                yield Problem(
                    _at(entry),
                    f"校验链断开：其前的第 {previous['seq'] if previous else 0} 条被改动，"
                    "或其间有记录被删除、插入",
                )
        elif chained:
            yield Problem(_at(entry), "缺少校验值（prev）：记录被改动或插入")
        previous = entry


_Tables = dict[tuple[str, str], dict[str, Doc]]


def _replay(entries: list[Doc], problems: list[Problem]) -> _Tables:
    tables: _Tables = {}
    for entry in entries:
        if entry.get("denied"):
            continue
        try:
            scope, table, key = entry["scope"], entry["table"], entry["key"]
            before, after = entry["before"], entry["after"]
        except KeyError as missing:
            problems.append(Problem(_at(entry), f"缺少字段 {missing}"))
            continue
        if not isinstance(after, dict) or not (before is None or isinstance(before, dict)):
            problems.append(Problem(_at(entry), "变更内容格式不对"))
            continue
        docs = tables.setdefault((scope, table), {})
        current = docs.get(key)
        if before is None:
            if current is not None:
                problems.append(Problem(_at(entry), f"新建的 {scope}/{table}/{key} 此前已存在"))
            docs[key] = dict(after)
            continue
        if current is None:
            problems.append(Problem(_at(entry), f"修改的 {scope}/{table}/{key} 此前不存在"))
            current = docs[key] = {}
        differs = [k for k, v in before.items() if current.get(k) != v]
        if differs:
            problems.append(
                Problem(
                    _at(entry),
                    f"{scope}/{table}/{key} 修改前的值与此前记录不符（{'、'.join(differs)}）",
                )
            )
        for name, value in after.items():
            if value is None:
                current.pop(name, None)
            else:
                current[name] = value
    return tables


def _same(stored: Doc, replayed: Doc) -> list[str]:
    names = set(stored) | set(replayed)
    return sorted(k for k in names if stored.get(k) != replayed.get(k))


def _compare(store: Store, replayed: _Tables, problems: list[Problem]) -> int:
    count = 0
    seen: set[tuple[str, str]] = set()
    try:
        scopes = store.scopes()
    except StoreError as error:
        problems.append(Problem("数据文件", str(error)))
        return 0
    for scope, tables in scopes.items():
        for table in tables:
            seen.add((scope, table))
            try:
                stored: dict[str, Any] = store.read(scope, table)
            except StoreError as error:
                problems.append(Problem(f"{scope}/{table}", str(error)))
                continue
            count += len(stored)
            logged = replayed.get((scope, table), {})
            for key in sorted(stored.keys() | logged.keys()):
                where = f"{scope}/{table}/{key}"
                if key not in logged:
                    problems.append(Problem(where, "记录没有对应的操作记录（未经记录的改动）"))
                elif key not in stored:
                    problems.append(Problem(where, "操作记录中有这条记录，数据中却没有（被删除）"))
                else:
                    fields = _same(stored[key], logged[key])
                    if fields:
                        problems.append(
                            Problem(
                                where,
                                f"字段 {'、'.join(fields)} 与操作记录重放的结果不符（未经记录的改动）",
                            )
                        )
    for scope, table in sorted(replayed.keys() - seen):
        if replayed[(scope, table)]:
            problems.append(
                Problem(
                    f"{scope}/{table}", "操作记录中有这些记录，数据中却没有（文件缺失或被删除）"
                )
            )
    return count


def _logs(store: Store, entries: list[Doc]) -> Iterator[Problem]:
    by_seq = {entry["seq"]: entry for entry in entries}
    for scope, logs in sorted(store.logs().items()):
        for log in logs:
            try:
                lines = store.read_log(scope, log)
            except StoreError as error:
                yield Problem(f"{log}/{scope}", str(error))
                continue
            for line in lines:
                change = by_seq.get(line["seq"])
                where = f"{log}/{scope} 中对应第 {line['seq']} 条操作的记录"
                if change is None or change.get("denied"):
                    yield Problem(where, "操作记录中没有这次更改")
                elif change.get("scope") != scope:
                    yield Problem(where, f"对应的操作属于 {change.get('scope')}，不属于 {scope}")
                elif "item" in line and change.get("key") != line["item"]:
                    yield Problem(
                        where, f"对应的操作改的是 {change.get('key')}，不是 {line['item']}"
                    )
