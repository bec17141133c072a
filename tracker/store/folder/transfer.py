"""A folder database as a :class:`~tracker.store.dump.Dump`, and a folder built from one."""

from pathlib import Path
from typing import Any

from tracker.store.core import Doc
from tracker.store.dump import Dump
from tracker.store.folder import audit_log, journal
from tracker.store.folder.files import FileLock, atomic_write, dump_json, fsync_dir, write_synced
from tracker.store.folder.store import (
    _KEY,
    LOCK,
    MANIFEST,
    META,
    PLAN,
    FolderStore,
    _district_file,
    building_beside,
    put_in_place,
    store_names,
)


def export_folder(store: FolderStore) -> Dump:
    """Everything the database holds, read under its lock: no commit is half in it."""
    with FileLock(store.root / LOCK):
        journal.recover(store.root, store_names)
        dump = Dump(meta=dict(store.meta()), plan=store.plan_data())
        for scope, tables in store.scopes().items():
            for table in tables:
                for key, doc in store.read(scope, table).items():
                    dump.records.append((scope, table, key, dict(doc)))
        for scope, logs in store.logs().items():
            for log in logs:
                dump.logs += [(scope, log, entry) for entry in store.read_log(scope, log)]
        entries = list(audit_log.read_backwards(store.root / journal.AUDIT))
        entries.reverse()
        dump.entries = entries
    return dump


def load_folder(root: Path, dump: Dump, *, force: bool = False) -> Path | None:
    """Build a folder database at ``root`` holding exactly ``dump``, whole or not at all;
    returns where a database already there (only with ``force``) was kept."""
    with building_beside(root, force=force) as building:
        layout = FolderStore(building, creating=True)
        files: dict[Path, dict[str, dict[str, Any]]] = {}
        for scope, table, key, doc in dump.records:
            raw = files.setdefault(layout.path_for(scope, table), {}).setdefault(table, {})
            raw[str(len(raw) + 1)] = {**doc, _KEY: key}
        logs: dict[Path, list[Doc]] = {}
        for scope, log, entry in dump.logs:
            logs.setdefault(layout.log_path(scope, log), []).append(entry)
        listed = sorted(
            path.relative_to(building).as_posix()
            for path in (*files, *logs)
            if path.parent != building and not _district_file(path)
        )
        meta = {**dump.meta, "manifest": True, "chained": True}
        atomic_write(building / META, dump_json(meta))
        atomic_write(building / PLAN, dump_json(dump.plan))
        atomic_write(building / MANIFEST, dump_json({"files": listed}))
        for path, data in files.items():
            path.parent.mkdir(exist_ok=True)
            write_synced(path, dump_json(data))
        for path, entries in logs.items():
            path.parent.mkdir(exist_ok=True)
            audit_log.append(path, entries)
        audit_log.append(building / journal.AUDIT, dump.entries)
        for folder in {building, *(p for p in building.iterdir() if p.is_dir())}:
            fsync_dir(folder)
    return put_in_place(building, root)
