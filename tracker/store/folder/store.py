"""The folder backend: TinyDB-format JSON files, one per scope, behind a lock and a journal.

Every file is a TinyDB database (table -> document id -> document) that
TinyDB itself can open. The store reads and writes that layout directly:
TinyDB's own table API rescans a whole table per operation, which a
25,000-item rollout cannot afford.
"""

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from tracker.domain.dates import now_stamp
from tracker.domain.errors import InputError, StoreError
from tracker.domain.plan import DEPARTMENT_PREFIX, Plan
from tracker.domain.plan_loader import load_plan_data
from tracker.store.base import SCHEMA_VERSION
from tracker.store.core import AuditTrail, Clock, Doc, entry_digest, refusal_entry
from tracker.store.folder import audit_log, journal
from tracker.store.folder.files import (
    FileLock,
    alive,
    atomic_write,
    damaged,
    dump_json,
    exchange,
    read_json,
)

LOCK = ".lock"
META = "meta.json"
PLAN = "plan.json"
MANIFEST = "files.json"
"""The per-table files and logs that exist, so a deleted one is missed, not taken as empty."""
BUILDING_MARK = ".building"
PEOPLE_SCOPE = "people"
MUNICIPAL_SCOPE = "municipal"
_KEY = "_key"
_FILE_TABLES = {"items": "items"}
"""Tables big enough to live in a file of their own per scope."""
_SCOPE = r"[a-z0-9][a-z0-9_-]*"
_STORE_NAMES = re.compile(
    rf"(people|municipal)\.json|files\.json|(districts|items)/{_SCOPE}\.json|{_SCOPE}/{_SCOPE}\.jsonl"
)
LOGS = ("history",)
"""The append-only logs a scope may have, besides the audit log."""


def store_names(relative: str) -> bool:
    """Whether ``relative`` (``districts/hexi.json``) is a file the store writes in a commit."""
    if not _STORE_NAMES.fullmatch(relative):
        return False
    folder = relative.split("/", 1)[0]
    return not relative.endswith(".jsonl") or folder in LOGS


def _district_file(path: Path) -> bool:
    """A district's own file, made with the database; a department's scope (``dept-…``) gets
    its file on its first write, listed in the manifest like the per-table files."""
    return path.parent.name == "districts" and not path.stem.startswith(DEPARTMENT_PREFIX)


def _file_version(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever the file is replaced: inode, modification time, size."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _check_layout(data: dict[str, Any], path: Path) -> None:
    """TinyDB's layout, table -> doc id -> document with its key; anything else is damage."""
    for docs in data.values():
        if not isinstance(docs, dict):
            raise damaged(path, "的内容格式不对")
        for doc in docs.values():
            if not isinstance(doc, dict) or not isinstance(doc.get(_KEY), str):
                raise damaged(path, "的内容格式不对")


def _by_key(data: dict[str, Any] | None, path: Path | None = None) -> dict[str, dict[str, Doc]]:
    """Each table of a freshly parsed file, by key: TinyDB's layout (table -> doc id -> doc) turned
    around in place, without copying the documents."""
    if data is None:
        return {}
    _check_layout(data, path or Path("?"))
    try:
        return {
            table: {doc.pop(_KEY): doc for doc in docs.values()} for table, docs in data.items()
        }
    except (AttributeError, KeyError, TypeError):
        raise damaged(path or Path("?"), "的内容格式不对") from None


def _listed_files(data: Any, path: Path) -> list[str]:
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise damaged(path, "的内容格式不对")
    return files


def _without_key(doc: dict[str, Any]) -> Doc:
    return {k: v for k, v in doc.items() if k != _KEY}


class FolderStore:
    """A tracker database in a folder."""

    listens = False
    """Nobody announces changes to a folder: readers poll :meth:`version`."""

    def __init__(self, root: Path, *, creating: bool = False) -> None:
        self.root = root
        self._creating = creating
        self._cache: dict[Path, tuple[tuple[int, int, int] | None, Any]] = {}
        self._derived: dict[Path, tuple[tuple[int, int, int] | None, Any]] = {}
        """Remembered values already read, by their file, with the version they are for."""

    # -- files -------------------------------------------------------------
    def path_for(self, scope: str, table: str) -> Path:
        if scope in (PEOPLE_SCOPE, MUNICIPAL_SCOPE):
            return self.root / f"{scope}.json"
        folder = _FILE_TABLES.get(table, "districts")
        return self.root / folder / f"{scope}.json"

    def required(self, path: Path) -> bool:
        """Every file must exist once the database is built, but the per-table files and logs
        not yet made (the manifest lists those that were)."""
        if self._creating:
            return False
        if path.parent == self.root or _district_file(path):
            return True
        return self._relative(path) in self.manifest()

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def manifest(self) -> frozenset[str]:
        """The per-table files and logs the database has (a database made before the manifest
        existed has none, and is read leniently)."""
        path = self.root / MANIFEST
        if not self.meta().get("manifest"):
            return frozenset()
        data = self._load(path, lambda d: frozenset(_listed_files(d, path)))
        return data  # type: ignore[no-any-return]

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
                journal.recover(self.root, store_names)
        self._check_audit_present()

    def _check_audit_present(self) -> None:
        """A built database always has an audit log with at least its creation in it."""
        if self._creating:
            return
        path = self.root / journal.AUDIT
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise damaged(path, "缺失（操作记录不能丢失）") from None
        except OSError as error:
            raise damaged(path, f"无法读取（{error.strerror}）") from None
        if size == 0:
            raise damaged(path, "被清空（操作记录不能丢失）")

    def _in_progress(self) -> bool:
        return journal.needs_recovery(self.root)

    # -- reading -----------------------------------------------------------
    def meta(self) -> Doc:
        data: Doc = self._load(self.root / META)
        return data

    def plan_data(self) -> Doc:
        data: Doc = self._load(self.root / PLAN)
        return data

    def plan(self) -> Plan:
        try:
            return load_plan_data(self.plan_data(), str(self.root / PLAN))
        except (InputError, KeyError, TypeError, AttributeError, ValueError):
            # The stored plan is data like any other: whatever fails to read in it is damage.
            raise damaged(self.root / PLAN, "中的试点方案已损坏") from None

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """A table's documents by key. They are shared with the store's cache: read, don't modify."""
        self._recover_if_needed()
        path = self.path_for(scope, table)
        tables: dict[str, dict[str, Doc]] = self._load(path, lambda data: _by_key(data, path))
        return tables.get(table, {})

    def log_path(self, scope: str, log: str) -> Path:
        return self.root / log / f"{scope}.jsonl"

    def read_log(self, scope: str, log: str) -> list[Doc]:
        """A scope's append-only log (such as item history), oldest first."""
        self._recover_if_needed()
        path = self.log_path(scope, log)
        self.check_log(path)
        entries = list(audit_log.read_backwards(path, in_progress=self._in_progress))
        entries.reverse()
        if not entries and self.required(path):
            raise damaged(path, "被清空")
        return entries

    def check_log(self, path: Path) -> None:
        """A log the manifest lists is a file with entries, its last one whole."""
        if not self.required(path):
            if path.is_symlink():
                raise damaged(path, "是符号链接")
            return
        if path.is_symlink() or not path.exists():
            raise damaged(path, "缺失" if not path.is_symlink() else "是符号链接")
        if path.is_dir():
            raise damaged(path, "被目录占据")
        if audit_log.last_entry(path, torn_ok=self._in_progress()) is None:
            raise damaged(path, "被清空")

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
        held = self._derived.get(memo)
        if held is not None and held[0] == version:
            return held[1]  # shared, as read() shares its documents: read, don't modify
        try:
            kept = orjson.loads(memo.read_bytes())
            if kept.get("version") == list(version or ()):
                self._derived[memo] = (version, kept["value"])
                return kept["value"]
        except (OSError, orjson.JSONDecodeError, AttributeError):
            pass
        value = compute(self.read(scope, table))
        self._derived[memo] = (version, value)
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

    def wait_for_change(self, timeout: float) -> bool:
        time.sleep(timeout)
        return False

    def login(self) -> str | None:
        return None

    def misattributed(self) -> list[tuple[int, str, str]]:
        """A folder keeps no writer apart from the entry's own login."""
        return []

    def audit(self) -> Iterator[Doc]:
        self._recover_if_needed()
        return audit_log.read_backwards(self.root / journal.AUDIT, in_progress=self._in_progress)

    def scopes(self) -> dict[str, list[str]]:
        """Every scope with records, and its tables (for ``db check``)."""
        found: dict[str, list[str]] = {}
        files = [self.root / f"{PEOPLE_SCOPE}.json", self.root / f"{MUNICIPAL_SCOPE}.json"]
        for folder in ("districts", *_FILE_TABLES.values()):
            if (self.root / folder).is_dir():
                files += sorted(
                    path
                    for path in (self.root / folder).glob("*.json")
                    if not path.name.startswith(".")  # remembered values, temporary files
                )
        for path in files:
            data = self._load(path, partial(_by_key, path=path))
            scope = path.stem
            found.setdefault(scope, []).extend(data or {})
        return found

    def logs(self) -> dict[str, list[str]]:
        """Every scope's append-only logs, those on disk and those the manifest lists (for
        ``db check``, which then reports a listed one that is gone)."""
        names = {
            p.relative_to(self.root).as_posix()
            for log in LOGS
            for p in (self.root / log).glob("[!.]*.jsonl")
        }
        names |= {name for name in self.manifest() if name.split("/", 1)[0] in LOGS}
        found: dict[str, list[str]] = {}
        for name in sorted(names):
            log, file = name.split("/", 1)
            found.setdefault(file.removesuffix(".jsonl"), []).append(log)
        return found

    # -- writing -----------------------------------------------------------
    @contextmanager
    def transaction(
        self, login: str, user: str, clock: Clock = now_stamp, *, login_from: str | None = None
    ) -> Iterator["FolderTransaction"]:
        with FileLock(self.root / LOCK):
            journal.recover(self.root, store_names)
            tx = FolderTransaction(self, login, user, clock, login_from, self._chain_tail())
            yield tx
            tx.commit()

    def _chain_tail(self) -> Doc | None:
        """The last audit entry, after checking it follows the one before it."""
        self._check_audit_present()
        path = self.root / journal.AUDIT
        entries = audit_log.tail(path, 2)
        if entries and "prev" not in entries[-1] and self.meta().get("chained"):
            raise damaged(
                path, "的记录缺少校验值（prev），校验链被去除。请运行 tracker db check 查看"
            )
        if len(entries) == 2 and "prev" in entries[1]:
            before, last = entries
            if last["prev"] != entry_digest(before) or last["seq"] != before["seq"] + 1:
                raise damaged(
                    path,
                    f"的校验链在第 {last['seq']} 条处断开（操作记录被改动或删除）。"
                    "请运行 tracker db check 查看",
                )
        return entries[-1] if entries else None

    def record_refusal(
        self,
        login: str,
        user: str,
        action: str,
        scope: str,
        message: str,
        *,
        login_from: str | None = None,
    ) -> None:
        with FileLock(self.root / LOCK):
            journal.recover(self.root, store_names)
            last = self._chain_tail()
            entry = refusal_entry(
                last, now_stamp(), login, user, action, scope, message, login_from
            )
            audit_log.append(self.root / journal.AUDIT, [entry])


class FolderTransaction:
    """One locked change: reads see its own writes; nothing reaches disk before commit.

    Writes go straight to the TinyDB document tables in memory through a
    key index, so a bulk import stays linear instead of rescanning a table per
    document.
    """

    def __init__(
        self,
        store: FolderStore,
        login: str,
        user: str,
        clock: Clock,
        login_from: str | None,
        last: Doc | None,
    ) -> None:
        self._store = store
        self._trail = AuditTrail(last, login, user, clock, login_from)
        self._files: dict[Path, dict[str, Any]] = {}
        self._indexes: dict[tuple[Path, str], dict[str, str]] = {}
        self._doc_ids: dict[tuple[Path, str], int] = {}
        self._dirty: set[Path] = set()
        self._appends: dict[Path, list[Doc]] = {}

    def attribute(self, login: str, user: str, clock: Clock, login_from: str | None = None) -> None:
        """Who the following changes are by, and the clock that dates them."""
        self._trail.attribute(login, user, clock, login_from)

    def _table(self, scope: str, table: str) -> tuple[Path, dict[str, Any], dict[str, str]]:
        """The file, its raw document table (doc id -> doc) and the key index of that table."""
        path = self._store.path_for(scope, table)
        if path not in self._files:
            data = read_json(path, required=self._store.required(path)) or {}
            _check_layout(data, path)
            self._files[path] = data
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

    def set_login(self, login: str, *, enabled: bool) -> bool:
        """A folder has no logins of its own: the operating system's login counts."""
        return False

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
        root = self._store.root
        for path in (*self._dirty, *self._appends):
            if not path.parent.exists():
                path.parent.mkdir()
                os.chmod(path.parent, root.stat().st_mode & 0o7777)
        files: dict[Path, Any] = {path: self._files[path] for path in self._dirty}
        new = {
            path.relative_to(root).as_posix()
            for path in (*self._dirty, *self._appends)
            if path.parent != root and not _district_file(path) and not path.exists()
        }
        for log in self._appends:
            self._store.check_log(log)
        if new and self._store.meta().get("manifest"):
            listed = self._store.manifest()
            if not new <= listed:
                files[root / MANIFEST] = {"files": sorted(listed | new)}
        journal.commit(root, files, self._trail.entries, self._appends)


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
    login_from: str | None = None,
) -> Path | None:
    """Build a new database beside ``root`` and move it into place; returns the backup path.

    The new database appears whole or not at all, and ``root`` is never without a
    database: the new one and the old one trade places in one atomic step. An
    existing database is refused unless ``force``, and then kept as
    ``<root>.bak-<time>``; a folder that is not a tracker database is never replaced.
    """
    meta = {
        "schema": SCHEMA_VERSION,
        "plan": plan_data.get("id"),
        "created": now_stamp(),
        "created_by": login,
        "as_of": as_of,
        "manifest": True,
        "chained": True,
    }
    with building_beside(root, force=force) as building:
        atomic_write(building / META, dump_json(meta))
        atomic_write(building / PLAN, dump_json(plan_data))
        atomic_write(building / MANIFEST, dump_json({"files": []}))
        with FolderStore(building, creating=True).transaction(
            login, login, clock, login_from=login_from
        ) as tx:
            populate(tx)
    return put_in_place(building, root)


@contextmanager
def building_beside(root: Path, *, force: bool) -> Iterator[Path]:
    """A fresh folder beside ``root`` to build a database in, marked unfinished until it is
    put in place, and removed when the block fails. ``root`` must be free, or (with
    ``force``) hold a tracker database; builds that crashed before are cleared first."""
    check_replaceable(root, force=force)
    root.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(root)
    building = root.with_name(f".{root.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        (building / BUILDING_MARK).touch()
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def check_replaceable(root: Path, *, force: bool) -> None:
    """``root`` may receive a new database: it is absent or an empty folder, or (with ``force``)
    a tracker database."""
    if not root.exists() or (root.is_dir() and not any(root.iterdir())):
        return
    if not root.is_dir() or not (root / META).exists():
        raise StoreError(
            f"{root} 已存在，且不是 tracker 数据库：为免误删其中的文件，不会在此建库。"
            "请用 --db 另选一个目录"
        )
    if not force:
        raise StoreError(f"数据库 {root} 已存在。如需重建，请加 --force（旧库会保留为备份）")


def put_in_place(building: Path, root: Path) -> Path | None:
    """Move the finished database at ``building`` to ``root``; an old one there becomes a
    backup, whose path is returned. At no moment is ``root`` without a database."""
    backup = None
    if root.exists() and any(root.iterdir()):
        backup = _backup_name(root)
        with FileLock(root / LOCK):
            if exchange(building, root):
                os.replace(building, backup)
            else:
                os.replace(root, backup)
                os.replace(building, root)
    else:
        if root.exists():
            root.rmdir()
        os.replace(building, root)
    (root / BUILDING_MARK).unlink(missing_ok=True)
    return backup


def remove_stale_builds(root: Path) -> None:
    """Builds and restores beside ``root`` whose process is gone: an unfinished one (it has the
    building mark) is removed; an old database swapped out just before a crash is kept as a
    backup."""
    for stale in root.parent.glob(f".{root.name}.building-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or alive(int(pid)):
            continue
        if (stale / BUILDING_MARK).exists() or not (stale / META).exists():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            os.replace(stale, _backup_name(root))


def _backup_name(root: Path) -> Path:
    stem = f"{root.name}.bak-{datetime.now():%Y%m%d-%H%M%S}"
    candidate, number = root.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = root.with_name(f"{stem}-{number}")
    return candidate
