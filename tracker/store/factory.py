"""Choosing the backend from what the user gave as ``--db``, and importing only that one."""

import os
import re
from collections.abc import Callable
from typing import Any

from tracker.domain.dates import now_stamp
from tracker.domain.errors import InputError
from tracker.store.base import Store, Transaction
from tracker.store.core import Clock, Doc

Target = str | os.PathLike[str]
"""A database folder, or (reserved for server backends) a URL such as postgresql://host/db."""

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def _folder(target: Target) -> str:
    """The folder a target names; a URL is refused until a server backend exists."""
    text = os.fspath(target)
    url = _URL.match(text)
    if url:
        raise InputError(
            f"暂不支持数据库服务器地址「{url.group(1)}://…」：--db（或 TRACKER_DB）目前只能是数据库目录"
        )
    return text


def open_store(target: Target) -> Store:
    """Open an existing database, checking it is one and of a schema this program reads."""
    from pathlib import Path

    from tracker.store.folder import open_folder

    return open_folder(Path(_folder(target)))


def store_exists(target: Target) -> bool:
    """Whether a database may be at ``target``: for a folder target, whether the folder exists
    (opening it still checks it is a tracker database)."""
    from pathlib import Path

    return Path(_folder(target)).is_dir()


def is_database(target: Target) -> bool:
    """Whether ``target`` holds a tracker database (intact or not), rather than nothing or a
    folder of other files."""
    from pathlib import Path

    return (Path(_folder(target)) / "meta.json").exists()


def create_store(
    target: Target,
    plan_data: Doc,
    login: str,
    populate: Callable[[Transaction], Any],
    *,
    force: bool = False,
    as_of: str | None = None,
    clock: Clock = now_stamp,
    login_from: str | None = None,
) -> str | None:
    """Build a new database at ``target``, whole or not at all; ``populate`` fills it in one
    transaction. An existing one is refused unless ``force``, and then kept as a backup,
    whose location is returned."""
    from pathlib import Path

    from tracker.store.folder import create_folder

    backup = create_folder(
        Path(_folder(target)),
        plan_data,
        login,
        populate,
        force=force,
        as_of=as_of,
        clock=clock,
        login_from=login_from,
    )
    return str(backup) if backup else None


def backup_store(target: Target, destination: str) -> Doc:
    """Write a consistent one-file snapshot of the database at ``target``; returns its facts
    (``created``, ``entries``, ``head`` of the audit chain, ``files``)."""
    from pathlib import Path

    from tracker.store.folder import open_folder
    from tracker.store.folder.backup import backup_folder

    return backup_folder(open_folder(Path(_folder(target))), Path(destination))


def backup_info(source: str) -> Doc:
    """The facts a backup file records about itself."""
    from pathlib import Path

    from tracker.store.folder.backup import read_info

    return read_info(Path(source))


def restore_store(
    source: str, target: Target, accept: Callable[[Store], None], *, force: bool = False
) -> str | None:
    """Bring the backup ``source`` back at ``target``. ``accept`` sees the restored database
    before it is put in place, and refuses it by raising. A database already at ``target``
    (only with ``force``) is kept as a backup, whose location is returned."""
    from pathlib import Path

    from tracker.store.folder.backup import restore_folder

    kept = restore_folder(Path(source), Path(_folder(target)), accept, force=force)
    return str(kept) if kept else None
