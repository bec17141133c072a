"""All-or-nothing commits across several files, with the audit entries they carry.

A commit writes each new file beside its target, then writes the journal
(the commit point), then renames the files into place, appends the audit
entries and removes the journal. A writer killed before the journal leaves
only stray temporary files; one killed after it is finished by the next
writer or reader, so no change is half-applied or unattributed.
"""

import os
from pathlib import Path
from typing import Any

from tracker.store.folder import audit_log
from tracker.store.folder.files import (
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


def commit(
    root: Path,
    files: dict[Path, Any],
    entries: list[dict[str, Any]],
    appends: dict[Path, list[dict[str, Any]]] | None = None,
) -> None:
    """Durably replace ``files`` (path -> JSON data), append ``appends`` to their logs and log
    ``entries`` to the audit log; hold the lock. Appended entries carry increasing ``seq``."""
    renames = []
    for path, data in files.items():
        tmp = path.with_name(f".{path.name}.{os.getpid()}{_TMP_SUFFIX}")
        write_synced(tmp, dump_json(data))
        renames.append([str(tmp.relative_to(root)), str(path.relative_to(root))])
    logs = {str(path.relative_to(root)): lines for path, lines in (appends or {}).items()}
    atomic_write(root / JOURNAL, dump_json({"renames": renames, "audit": entries, "appends": logs}))
    _apply(root, renames, entries, logs)


def needs_recovery(root: Path) -> bool:
    return (root / JOURNAL).exists()


def recover(root: Path) -> None:
    """Finish a commit whose writer died after its commit point; drop uncommitted files."""
    journal = root / JOURNAL
    if journal.exists():
        data = read_json(journal, required=True)
        renames, entries, logs = data.get("renames"), data.get("audit"), data.get("appends", {})
        if (
            not isinstance(renames, list)
            or not isinstance(entries, list)
            or not isinstance(logs, dict)
        ):
            raise damaged(journal, "已损坏")
        _apply(root, renames, entries, logs)
    for folder in (root, *(p for p in root.iterdir() if p.is_dir())):
        for stray in folder.glob(f".*{_TMP_SUFFIX}"):
            stray.unlink()


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
        (root / name).parent.mkdir(exist_ok=True)
        audit_log.append(root / name, lines)
    _append_audit(root / AUDIT, entries)
    (root / JOURNAL).unlink()
    fsync_dir(root)


def _append_audit(path: Path, entries: list[dict[str, Any]]) -> None:
    audit_log.append(path, entries)
