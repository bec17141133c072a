"""One-file backups of a folder database, and bringing one back.

A backup is a zip of every file the database is made of, taken under the
database's lock (so no commit is half in it), with ``tracker-backup.json``
saying when it was taken and the audit log's last entry and head. A restore
unpacks into a new folder beside the target, lets the caller check it, and
only then moves it into place; the target is never without a database.
"""

import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from tracker.domain.dates import now_stamp
from tracker.domain.errors import InputError, StoreError
from tracker.store.core import Doc, entry_digest
from tracker.store.folder import audit_log, journal
from tracker.store.folder.files import FileLock, damaged, dump_json, fsync_dir, write_synced
from tracker.store.folder.store import (
    LOCK,
    MANIFEST,
    META,
    PLAN,
    FolderStore,
    building_beside,
    put_in_place,
    store_names,
)

INFO = "tracker-backup.json"
FORMAT = 1
MAX_UNPACKED = 8 * 1024**3
"""Far beyond a city-wide rollout (tens of MB); a larger archive is not one of ours."""


def _member(name: str) -> bool:
    """A file a database is made of (a backup may hold nothing else)."""
    return name in (META, PLAN, MANIFEST, journal.AUDIT) or store_names(name)


def backup_folder(store: FolderStore, destination: Path) -> Doc:
    """Write a consistent snapshot of the database to ``destination``; returns its facts."""
    root = store.root
    tmp = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    with FileLock(root / LOCK):
        journal.recover(root, store_names)
        names = sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if _member(path.relative_to(root).as_posix())
        )
        for name in names:
            # A link planted in a shared folder would carry another file into the backup.
            if not stat.S_ISREG((root / name).lstat().st_mode):
                raise damaged(root / name, "不是普通文件（可能是被放入的符号链接），未备份")
        last = audit_log.last_entry(root / journal.AUDIT)
        info = {
            "format": FORMAT,
            "created": now_stamp(),
            "entries": last["seq"] if last else 0,
            "head": entry_digest(last) if last else "",
            "files": len(names),
        }
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                archive.writestr(INFO, dump_json(info))
                for name in names:
                    archive.write(root / name, name)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, destination)
    fsync_dir(destination.parent)
    return info


def read_info(source: Path) -> Doc:
    """The facts a backup file records about itself; a file that is not one is refused."""
    try:
        with zipfile.ZipFile(source) as archive:
            data: Any = orjson.loads(archive.read(INFO))
    except FileNotFoundError:
        raise InputError(f"找不到备份文件 {source}") from None
    except (zipfile.BadZipFile, KeyError, orjson.JSONDecodeError, IsADirectoryError):
        raise InputError(f"{source} 不是 tracker 备份文件（由 tracker db backup 生成）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{source} 的备份格式不受支持，请升级 tracker")
    return data


def restore_folder(
    source: Path, root: Path, accept: Callable[[FolderStore], None], *, force: bool
) -> Path | None:
    """Unpack ``source`` beside ``root``, let ``accept`` check it (raising to refuse), and move
    it into place; returns where a database already at ``root`` was kept."""
    read_info(source)
    with building_beside(root, force=force) as building:
        _unpack(source, building)
        accept(FolderStore(building))
    return put_in_place(building, root)


def _unpack(source: Path, building: Path) -> None:
    with zipfile.ZipFile(source) as archive:
        members = [info for info in archive.infolist() if info.filename != INFO]
        for info in members:
            if not _member(info.filename) or info.is_dir():
                raise InputError(f"备份文件 {source} 中有不属于数据库的文件「{info.filename}」")
        if sum(info.file_size for info in members) > MAX_UNPACKED:
            raise InputError(f"备份文件 {source} 解压后过大，不是 tracker 备份")
        if META not in {info.filename for info in members}:
            raise StoreError(f"备份文件 {source} 中缺少 {META}，无法恢复")
        for info in members:
            target = building / info.filename
            target.parent.mkdir(exist_ok=True)
            try:
                write_synced(target, archive.read(info))
            except (zipfile.BadZipFile, zlib.error):
                raise StoreError(f"备份文件 {source} 已损坏（{info.filename} 无法解压）") from None
    for folder in {building, *(p for p in building.iterdir() if p.is_dir())}:
        fsync_dir(folder)
