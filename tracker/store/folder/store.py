"""The folder backend: TinyDB-format JSON files, one per scope, behind a lock and a journal.

Every file is a TinyDB database (table -> document id -> document) that
TinyDB itself can open. The store reads and writes that layout directly:
TinyDB's own table API rescans a whole table per operation, which a
25,000-item rollout cannot afford.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tracker.domain.dates import now_stamp
from tracker.domain.errors import StoreError
from tracker.domain.plan import Plan
from tracker.domain.plan_loader import load_plan_data
from tracker.store.base import SCHEMA_VERSION
from tracker.store.core import AuditTrail, Clock, Doc, refusal_entry
from tracker.store.folder import audit_log, journal
from tracker.store.folder.files import FileLock, atomic_write, damaged, dump_json, read_json

LOCK = ".lock"
META = "meta.json"
PLAN = "plan.json"
PEOPLE_SCOPE = "people"
MUNICIPAL_SCOPE = "municipal"
_KEY = "_key"
_FILE_TABLES = {"items": "items"}
"""Tables big enough to live in a file of their own per scope."""


def _file_version(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever the file is replaced: inode, modification time, size."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _by_key(data: dict[str, Any] | None) -> dict[str, dict[str, Doc]]:
    """Each table of a freshly parsed file, by key: TinyDB's layout (table -> doc id -> doc) turned
    around in place, without copying the documents."""
    return {
        table: {doc.pop(_KEY): doc for doc in docs.values()} for table, docs in (data or {}).items()
    }


def _without_key(doc: dict[str, Any]) -> Doc:
    return {k: v for k, v in doc.items() if k != _KEY}


class FolderStore:
    """A tracker database in a folder."""

    def __init__(self, root: Path, *, creating: bool = False) -> None:
        self.root = root
        self._creating = creating
        self._cache: dict[Path, tuple[tuple[int, int, int] | None, Any]] = {}

    # -- files -------------------------------------------------------------
    def path_for(self, scope: str, table: str) -> Path:
        if scope in (PEOPLE_SCOPE, MUNICIPAL_SCOPE):
            return self.root / f"{scope}.json"
        folder = _FILE_TABLES.get(table, "districts")
        return self.root / folder / f"{scope}.json"

    def required(self, path: Path) -> bool:
        """Every file but the optional per-table ones must exist once the database is built."""
        return not self._creating and path.parent.name not in _FILE_TABLES.values()

    def _load(self, path: Path, convert: Callable[[Any], Any] = lambda data: data) -> Any:
        """Parse a file once per version of it; a long-lived reader sees others' commits."""
        version = _file_version(path)
        cached = self._cache.get(path)
        if cached is None or cached[0] != version:
            cached = (version, convert(read_json(path, required=self.required(path))))
            self._cache[path] = cached
        return cached[1]

    def _recover_if_needed(self) -> None:
        if journal.needs_recovery(self.root):
            with FileLock(self.root / LOCK):
                journal.recover(self.root)

    # -- reading -----------------------------------------------------------
    def meta(self) -> Doc:
        data: Doc = self._load(self.root / META)
        return data

    def plan_data(self) -> Doc:
        data: Doc = self._load(self.root / PLAN)
        return data

    def plan(self) -> Plan:
        return load_plan_data(self.plan_data(), str(self.root / PLAN))

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """A table's documents by key. They are shared with the store's cache: read, don't modify."""
        self._recover_if_needed()
        tables: dict[str, dict[str, Doc]] = self._load(self.path_for(scope, table), _by_key)
        return tables.get(table, {})

    def log_path(self, scope: str, log: str) -> Path:
        return self.root / log / f"{scope}.jsonl"

    def read_log(self, scope: str, log: str) -> list[Doc]:
        """A scope's append-only log (such as item history), oldest first."""
        self._recover_if_needed()
        entries = list(audit_log.read_backwards(self.log_path(scope, log)))
        entries.reverse()
        return entries

    def derived(
        self, scope: str, table: str, name: str, compute: Callable[[dict[str, Doc]], Any]
    ) -> Any:
        """``compute(read(scope, table))``, remembered beside the table's file until the file changes.

        The remembered value is keyed by the file's identity (inode, time, size), so
        any commit to the table makes it stale. Remembering is best effort: a reader
        without write access simply computes.
        """
        self._recover_if_needed()
        path = self.path_for(scope, table)
        memo = path.with_name(f".{path.stem}.{name}.json")
        version = _file_version(path)
        try:
            kept = orjson.loads(memo.read_bytes())
            if kept.get("version") == list(version or ()):
                return kept["value"]
        except (OSError, orjson.JSONDecodeError, AttributeError):
            pass
        value = compute(self.read(scope, table))
        if version is not None:
            # A read-only database: nothing is remembered, and the value is still right.
            with suppress(OSError):
                atomic_write(memo, dump_json({"version": list(version), "value": value}))
        return value

    def version(self) -> str:
        """The audit log's size and modification time: every commit and refusal appends to it."""
        self._recover_if_needed()
        try:
            stat = (self.root / journal.AUDIT).stat()
        except FileNotFoundError:
            return "0"
        return f"{stat.st_size}:{stat.st_mtime_ns}"

    def audit(self) -> Iterator[Doc]:
        self._recover_if_needed()
        return audit_log.read_backwards(self.root / journal.AUDIT)

    # -- writing -----------------------------------------------------------
    @contextmanager
    def transaction(
        self, login: str, user: str, clock: Clock = now_stamp
    ) -> Iterator["FolderTransaction"]:
        with FileLock(self.root / LOCK):
            journal.recover(self.root)
            tx = FolderTransaction(self, login, user, clock)
            yield tx
            tx.commit()

    def record_refusal(self, login: str, user: str, action: str, scope: str, message: str) -> None:
        with FileLock(self.root / LOCK):
            journal.recover(self.root)
            path = self.root / journal.AUDIT
            entry = refusal_entry(
                audit_log.last_seq(path) + 1, now_stamp(), login, user, action, scope, message
            )
            audit_log.append(path, [entry])


class FolderTransaction:
    """One locked change: reads see its own writes; nothing reaches disk before commit.

    Writes go straight to the TinyDB document tables in memory through a
    key index, so a bulk import stays linear instead of rescanning a table per
    document.
    """

    def __init__(self, store: FolderStore, login: str, user: str, clock: Clock) -> None:
        self._store = store
        self._trail = AuditTrail(audit_log.last_seq(store.root / journal.AUDIT), login, user, clock)
        self._files: dict[Path, dict[str, Any]] = {}
        self._indexes: dict[tuple[Path, str], dict[str, str]] = {}
        self._doc_ids: dict[tuple[Path, str], int] = {}
        self._dirty: set[Path] = set()
        self._appends: dict[Path, list[Doc]] = {}

    def attribute(self, login: str, user: str, clock: Clock) -> None:
        """Who the following changes are by, and the clock that dates them."""
        self._trail.attribute(login, user, clock)

    def _table(self, scope: str, table: str) -> tuple[Path, dict[str, Any], dict[str, str]]:
        """The file, its raw document table (doc id -> doc) and the key index of that table."""
        path = self._store.path_for(scope, table)
        if path not in self._files:
            self._files[path] = read_json(path, required=self._store.required(path)) or {}
        raw = self._files[path].setdefault(table, {})
        index = self._indexes.get((path, table))
        if index is None:
            index = self._indexes[(path, table)] = {
                doc[_KEY]: doc_id for doc_id, doc in raw.items()
            }
        return path, raw, index

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        _, raw, _ = self._table(scope, table)
        return {doc[_KEY]: _without_key(doc) for doc in raw.values()}

    def get(self, scope: str, table: str, key: str) -> Doc | None:
        _, raw, index = self._table(scope, table)
        doc_id = index.get(key)
        return _without_key(raw[doc_id]) if doc_id is not None else None

    def put(
        self, scope: str, table: str, key: str, doc: Doc, action: str, reason: str = ""
    ) -> bool:
        path, raw, index = self._table(scope, table)
        doc_id = index.get(key)
        before = _without_key(raw[doc_id]) if doc_id is not None else None
        if not self._trail.change(scope, table, key, before, doc, action, reason):
            return False
        if doc_id is None:
            doc_id = index[key] = str(self._next_doc_id(path, table, raw))
        raw[doc_id] = {**doc, _KEY: key}
        self._dirty.add(path)
        return True

    def _next_doc_id(self, path: Path, table: str, raw: dict[str, Any]) -> int:
        counter = self._doc_ids.get((path, table)) or max((int(i) for i in raw), default=0)
        self._doc_ids[(path, table)] = counter + 1
        return counter + 1

    def next_id(self, scope: str, table: str) -> int:
        keys = self.read(scope, table)
        return max((int(k) for k in keys), default=0) + 1

    def append(self, scope: str, log: str, entry: Doc) -> None:
        """Add ``entry`` to the scope's append-only ``log`` (e.g. item history), tied to the last change."""
        path = self._store.log_path(scope, log)
        self._appends.setdefault(path, []).append(self._trail.tied(entry))

    def commit(self) -> None:
        """Make every change durable, with its audit entries, in one journaled commit."""
        if not self._trail.entries:
            return
        for path in self._dirty:
            path.parent.mkdir(exist_ok=True)
        files = {path: self._files[path] for path in self._dirty}
        journal.commit(self._store.root, files, self._trail.entries, self._appends)


def open_folder(root: Path) -> FolderStore:
    """Open an existing database, checking it is one and of a version we understand."""
    if not root.is_dir():
        raise StoreError(
            f"找不到数据库 {root}。请先运行 tracker init 创建，或用 --db 指定数据库目录"
        )
    if not (root / META).exists():
        raise StoreError(f"{root} 不是 tracker 数据库（缺少 {META}）。请用 --db 指定数据库目录")
    store = FolderStore(root)
    meta = store.meta()
    if not isinstance(meta.get("schema"), int):
        raise damaged(root / META, "已损坏")
    if meta["schema"] > SCHEMA_VERSION:
        raise StoreError(
            f"数据库 {root} 的版本（{meta['schema']}）比本程序支持的（{SCHEMA_VERSION}）新，请升级 tracker"
        )
    return store


def create_folder(
    root: Path,
    plan_data: Doc,
    login: str,
    populate: Callable[[Any], Any],
    *,
    force: bool = False,
    as_of: str | None = None,
    clock: Clock = now_stamp,
) -> Path | None:
    """Build a new database beside ``root`` and move it into place; returns the backup path.

    The new database appears whole or not at all. An existing one is refused
    unless ``force``, and then kept as ``<root>.bak-<time>``.
    """
    if root.exists() and not force:
        raise StoreError(f"数据库 {root} 已存在。如需重建，请加 --force（旧库会保留为备份）")
    root.parent.mkdir(parents=True, exist_ok=True)
    building = root.with_name(f".{root.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    meta = {
        "schema": SCHEMA_VERSION,
        "plan": plan_data.get("id"),
        "created": now_stamp(),
        "created_by": login,
        "as_of": as_of,
    }
    try:
        atomic_write(building / META, dump_json(meta))
        atomic_write(building / PLAN, dump_json(plan_data))
        with FolderStore(building, creating=True).transaction(login, login, clock) as tx:
            populate(tx)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    backup = None
    if root.exists():
        backup = _backup_name(root)
        with FileLock(root / LOCK):
            os.replace(root, backup)
    os.replace(building, root)
    return backup


def _backup_name(root: Path) -> Path:
    stem = f"{root.name}.bak-{datetime.now():%Y%m%d-%H%M%S}"
    candidate, number = root.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = root.with_name(f"{stem}-{number}")
    return candidate
