"""Choosing the backend from what the user gave as ``--db``, and importing only that one."""

import os
import re
from collections.abc import Callable
from typing import Any

from tracker.domain.dates import now_stamp
from tracker.domain.errors import InputError
from tracker.store.base import Store, Transaction
from tracker.store.core import Clock, Doc
from tracker.store.dump import Dump

Target = str | os.PathLike[str]
"""A database folder, or a server's URL: postgresql://host/dbname."""

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
SERVER_SCHEMES = ("postgresql", "postgres")


def server_url(target: Target) -> str | None:
    """The URL ``target`` names when it names a database server; None for a folder. A URL of
    any other kind is refused."""
    text = os.fspath(target)
    url = _URL.match(text)
    if not url:
        return None
    if url.group(1).lower() not in SERVER_SCHEMES:
        raise InputError(
            f"不支持的数据库地址「{url.group(1)}://…」：--db（或 TRACKER_DB）应是数据库目录，"
            "或 PostgreSQL 服务器地址 postgresql://主机/库名"
        )
    return text


def _folder(target: Target) -> str:
    return os.fspath(target)


def open_store(target: Target) -> Store:
    """Open an existing database, checking it is one and of a schema this program reads."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import open_postgres

        return open_postgres(url)
    from pathlib import Path

    from tracker.store.folder import open_folder

    return open_folder(Path(_folder(target)))


def store_exists(target: Target) -> bool:
    """Whether a database may be at ``target``: for a folder target, whether the folder exists
    (opening it still checks it is a tracker database); on a server, whether the tracker
    schema is there."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import has_database

        return has_database(url)
    from pathlib import Path

    return Path(_folder(target)).is_dir()


def is_database(target: Target) -> bool:
    """Whether ``target`` holds a tracker database (intact or not), rather than nothing or a
    folder of other files."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import has_database

        return has_database(url)
    from pathlib import Path

    return (Path(_folder(target)) / "meta.json").exists()


def server_login(target: Target) -> str | None:
    """The login a database server authenticates for ``target``; None for a folder database,
    where the operating system's login counts."""
    url = server_url(target)
    if not url:
        return None
    from tracker.store.postgres import server_login as login

    return login(url)


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
    url = server_url(target)
    if url:
        from tracker.store.postgres import create_postgres

        return create_postgres(
            url,
            plan_data,
            login,
            populate,
            force=force,
            as_of=as_of,
            clock=clock,
            login_from=login_from,
        )
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
    (``created``, ``entries``, ``head`` of the audit chain, ``files``). A server database is
    written in the same format, from one consistent snapshot, so either kind of backup can
    be restored into either kind of database."""
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from tracker.store.folder import open_folder
    from tracker.store.folder.backup import backup_folder

    if server_url(target):
        with TemporaryDirectory(prefix=".tracker-backup-", dir=Path(destination).parent) as tmp:
            from tracker.store.folder.transfer import load_folder

            load_folder(Path(tmp) / "db", export_store(target))
            return backup_folder(open_folder(Path(tmp) / "db"), Path(destination))
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

    url = server_url(target)
    if url:
        from tempfile import TemporaryDirectory

        with TemporaryDirectory(prefix=".tracker-restore-") as tmp:
            restore_folder(Path(source), Path(tmp) / "db", accept, force=False)
            return load_store(url, export_store(Path(tmp) / "db"), force=force)
    kept = restore_folder(Path(source), Path(_folder(target)), accept, force=force)
    return str(kept) if kept else None


def export_store(target: Target) -> Dump:
    """Everything the database at ``target`` holds, from one consistent snapshot."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import open_postgres

        store = open_postgres(url)
        try:
            return store.export()
        finally:
            store.close()
    from pathlib import Path

    from tracker.store.folder import open_folder
    from tracker.store.folder.transfer import export_folder

    return export_folder(open_folder(Path(_folder(target))))


def load_store(target: Target, dump: Dump, *, force: bool = False) -> str | None:
    """Build a database at ``target`` holding exactly ``dump``; returns where a database
    already there (only with ``force``) was kept."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import load_postgres

        return load_postgres(
            url, dump.meta, dump.plan, dump.records, dump.logs, dump.entries, force=force
        )
    from pathlib import Path

    from tracker.store.folder.transfer import load_folder

    kept = load_folder(Path(_folder(target)), dump, force=force)
    return str(kept) if kept else None


def upgrade_store(target: Target) -> tuple[int, int]:
    """Bring the database at ``target`` to the schema this program writes; (from, to)."""
    url = server_url(target)
    if url:
        from tracker.store.postgres import upgrade_postgres

        return upgrade_postgres(url)
    meta = open_store(target).meta()
    return int(meta["schema"]), int(meta["schema"])
