"""All-or-nothing commits across several files, with the audit entries they carry.

A commit writes each new file beside its target, then writes the journal
(the commit point), then renames the files into place, appends the audit
entries and removes the journal. A writer killed before the journal leaves
only stray temporary files; one killed after it is finished by the next
writer or reader, so no change is half-applied or unattributed.

The journal is data on disk that anyone with write access to the folder can
plant, so recovery trusts nothing in it: every path must be one the store
itself names (``names``), relative, inside the database folder, and not a
symbolic link; every entry must be an entry. Anything else is damage, and
nothing is touched.
"""

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.domain.errors import StoreError
from tracker.store.folder import audit_log
from tracker.store.folder.files import (
    alive,
    atomic_write,
    damaged,
    dump_json,
    fsync_dir,
    read_json,
    write_synced,
)

JOURNAL = "journal.json"
AUDIT = "audit.jsonl"
_TMP_SUFFIX = ".txn"
_STRAY = re.compile(r"^\..+\.(\d+)\.(txn|tmp)$")

Names = Callable[[str], bool]
"""Whether a path relative to the database folder (``districts/hexi.json``) is a file the
store writes."""


def commit(
    root: Path,
    files: dict[Path, Any],
    entries: list[dict[str, Any]],
    appends: dict[Path, list[dict[str, Any]]] | None = None,
) -> None:
    """Durably replace ``files`` (path -> JSON data), append ``appends`` to their logs and log
    ``entries`` to the audit log; hold the lock. Appended entries carry increasing ``seq``.

    Everything that can fail for want of space or permission fails before the commit
    point, and then leaves no temporary file behind.
    """
    renames: list[list[str]] = []
    written: list[Path] = []
    logs = {str(path.relative_to(root)): lines for path, lines in (appends or {}).items()}
    try:
        for name in (*logs, AUDIT):
            _check_appendable(root / name)
        for path, data in files.items():
            tmp = path.with_name(f".{path.name}.{os.getpid()}{_TMP_SUFFIX}")
            written.append(tmp)
            write_synced(tmp, dump_json(data))
            _keep_mode(tmp, path)
            renames.append([str(tmp.relative_to(root)), str(path.relative_to(root))])
        journal = {"renames": renames, "audit": entries, "appends": logs}
        atomic_write(root / JOURNAL, dump_json(journal))
    except OSError as error:
        for tmp in written:
            tmp.unlink(missing_ok=True)
        for stray in root.glob(f".{JOURNAL}.*.tmp"):
            if stray.name == f".{JOURNAL}.{os.getpid()}.tmp":
                stray.unlink(missing_ok=True)
        raise _write_failed(root, error) from None
    try:
        _apply(root, renames, entries, logs)
    except OSError as error:
        # Past the commit point: the journal stays, and the next reader or writer finishes.
        raise StoreError(
            f"更改已记入日志，但未能全部写入数据库 {root}（{_why(error)}）。"
            "排除问题后，下一次运行任何 tracker 命令都会自动完成这次更改"
        ) from None


def _check_appendable(path: Path) -> None:
    """Open a log for appending and close it: permission trouble shows before the commit."""
    if path.is_symlink():
        raise damaged(path, "是符号链接，不能写入")
    if path.exists():
        with open(path, "ab"):
            pass
    elif path.parent.exists() and not os.access(path.parent, os.W_OK):
        raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))


def _keep_mode(tmp: Path, target: Path) -> None:
    """A replaced file keeps the mode of the one it replaces (a shared folder's group write)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _mode_for_new(target.parent)
    os.chmod(tmp, mode)


def _mode_for_new(folder: Path) -> int:
    """A new file's mode: the owner reads and writes; the group and others get the read and
    write the folder gives them (a folder shared by a group makes group-writable files)."""
    return 0o600 | (folder.stat().st_mode & 0o066)


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "磁盘空间已满"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限"
    return error.strerror or str(error)


def _write_failed(root: Path, error: OSError) -> StoreError:
    return StoreError(f"无法写入数据库 {root}（{_why(error)}），本次更改未保存")


def needs_recovery(root: Path) -> bool:
    return (root / JOURNAL).exists()


def recover(root: Path, names: Names) -> None:
    """Finish a commit whose writer died after its commit point; drop uncommitted files."""
    journal = root / JOURNAL
    if journal.exists():
        data = read_json(journal, required=True)
        renames, entries, logs = _checked(journal, data, root, names)
        _apply(root, renames, entries, logs)
    remove_strays(root)


def remove_strays(root: Path) -> None:
    """Temporary files of writers that are gone: uncommitted ``.txn`` files and abandoned
    ``.tmp`` files (a live process's are left alone)."""
    for folder in (root, *(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())):
        for stray in folder.iterdir():
            match = _STRAY.match(stray.name)
            if match and (match.group(2) == "txn" or not alive(int(match.group(1)))):
                stray.unlink(missing_ok=True)


def _checked(
    journal: Path, data: dict[str, Any], root: Path, names: Names
) -> tuple[list[list[str]], list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The journal's renames, entries and appends, each checked; anything else is damage."""
    renames, entries, logs = data.get("renames"), data.get("audit"), data.get("appends", {})
    bad = damaged(journal, "已损坏或被改动（其中有不属于本数据库的内容）")
    if not isinstance(renames, list) or not isinstance(entries, list) or not isinstance(logs, dict):
        raise bad
    for pair in renames:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise bad
        tmp, final = pair
        # A commit renames data files (.json) only, and only regular files it wrote: never
        # a planted link that would carry later appends outside the folder.
        if not names(final) or not final.endswith(".json") or not _inside(root, final):
            raise bad
        if not _regular_or_absent(root / tmp):
            raise bad
        final_path = Path(final)
        if (
            not re.fullmatch(
                rf"\.{re.escape(final_path.name)}\.\d+{re.escape(_TMP_SUFFIX)}", Path(tmp).name
            )
            or Path(tmp).parent != final_path.parent
        ):
            raise bad
    for name, lines in logs.items():
        if not (names(name) and name.endswith(".jsonl") and _inside(root, name)):
            raise bad
        if not isinstance(lines, list) or not all(_is_entry(line) for line in lines):
            raise bad
    if not all(_is_entry(entry) for entry in entries):
        raise bad
    return renames, entries, logs


def _is_entry(entry: Any) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("seq"), int)


def _regular_or_absent(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True


def _inside(root: Path, relative: str) -> bool:
    """``relative`` names a path inside ``root``, through no symbolic link."""
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        return False
    path = root / relative
    for part in (path, path.parent):
        if part.is_symlink():
            return False
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _apply(
    root: Path,
    renames: list[list[str]],
    entries: list[dict[str, Any]],
    logs: dict[str, list[dict[str, Any]]],
) -> None:
    folders = set()
    for tmp, final in renames:
        if (root / tmp).exists():
            os.replace(root / tmp, root / final)
        folders.add((root / final).parent)
    for folder in folders:
        fsync_dir(folder)
    for name, lines in logs.items():
        log = root / name
        if not log.exists():
            log.parent.mkdir(exist_ok=True)
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                os.fchmod(fd, _mode_for_new(log.parent))  # exactly, whatever the umask
            finally:
                os.close(fd)
        audit_log.append(log, lines)
    audit_log.append(root / AUDIT, entries)
    (root / JOURNAL).unlink()
    fsync_dir(root)
