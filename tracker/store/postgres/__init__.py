"""The PostgreSQL backend (``--db postgresql://host/dbname``): see :mod:`.store` and :mod:`.schema`.

Imported only when a URL names a server, so the folder database never loads psycopg.
"""

import os
from importlib.util import find_spec

if find_spec("psycopg_binary") is not None:
    # Importing psycopg costs a tenth of a second, a good part of every command's time on a
    # server: name the implementation we ship so it does not try the others first.
    os.environ.setdefault("PSYCOPG_IMPL", "binary")

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import psycopg
from psycopg import errors as pg
from psycopg import sql

from tracker.domain.dates import now_stamp
from tracker.domain.errors import StoreError
from tracker.store.base import SCHEMA_VERSION
from tracker.store.core import Clock, Doc
from tracker.store.postgres.errors import translated, where
from tracker.store.postgres.schema import GROUP, LATEST, MIGRATIONS
from tracker.store.postgres.store import (
    PostgresStore,
    PostgresTransaction,
    _dumps,
    canonical,
    check_schema,
    ddl_version,
)

__all__ = [
    "PostgresStore",
    "PostgresTransaction",
    "connect",
    "create_postgres",
    "open_postgres",
    "upgrade_postgres",
]


def connect(url: str) -> psycopg.Connection[Any]:
    with translated(url):
        return psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="tracker")


def open_postgres(url: str, *, upgrading: bool = False) -> PostgresStore:
    """Open the tracker database at ``url``, checking its schema is the one this program
    writes (``upgrading``: only that it is one)."""
    store = PostgresStore(url, connect(url))
    if not upgrading:
        check_schema(store)
    return store


def has_database(url: str) -> bool:
    """Whether the server's database at ``url`` holds a tracker schema."""
    conn = connect(url)
    try:
        with translated(url):
            row = conn.execute("SELECT to_regclass('tracker.ddl') IS NOT NULL").fetchone()
        return bool(row and row[0])
    finally:
        conn.close()


def server_login(url: str) -> str:
    """The login the server authenticates for a connection to ``url``."""
    conn = connect(url)
    try:
        with translated(url):
            row = conn.execute("SELECT session_user").fetchone()
        return str(row[0]) if row else ""
    finally:
        conn.close()


def _ensure_group(cur: psycopg.Cursor[Any]) -> None:
    """The group role the tool grants to; made once per server (needs CREATEROLE)."""
    if cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (GROUP,)).fetchone():
        return
    try:
        with cur.connection.transaction():
            cur.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(GROUP)))
    except pg.DuplicateObject:
        pass  # made by another builder at the same moment
    except pg.InsufficientPrivilege:
        raise StoreError(
            f"服务器上还没有角色 {GROUP}，当前登录无权创建（需要 CREATEROLE 权限）。"
            f"请数据库管理员执行：CREATE ROLE {GROUP} NOLOGIN"
        ) from None


def migrate(cur: psycopg.Cursor[Any], start: int, stop: int = LATEST) -> None:
    """Apply migrations ``start+1 … stop`` in the caller's transaction."""
    for number in range(start + 1, stop + 1):
        cur.execute(MIGRATIONS[number - 1].encode())
        cur.execute("UPDATE tracker.ddl SET version = %s", (number,))


def _prepare(
    cur: psycopg.Cursor[Any], url: str, force: bool, schema_version: int = LATEST
) -> str | None:
    """A fresh, empty tracker schema in the build's transaction; an existing one is refused
    unless ``force``, and then kept under a new name, which is returned."""
    kept = None
    row = cur.execute("SELECT to_regnamespace('tracker') IS NOT NULL").fetchone()
    if row and row[0]:
        if not force:
            raise StoreError(
                f"{where(url)} 中已存在 tracker 数据库。如需重建，请加 --force（旧库会改名保留）"
            )
        kept = f"tracker_bak_{datetime.now():%Y%m%d_%H%M%S_%f}"
        cur.execute(sql.SQL("ALTER SCHEMA tracker RENAME TO {}").format(sql.Identifier(kept)))
    _ensure_group(cur)
    migrate(cur, 0, schema_version)
    return kept


def create_postgres(
    url: str,
    plan_data: Doc,
    login: str,
    populate: Callable[[Any], Any],
    *,
    force: bool = False,
    as_of: str | None = None,
    clock: Clock = now_stamp,
    login_from: str | None = None,
    schema_version: int = LATEST,
) -> str | None:
    """Build the tracker schema in the database at ``url`` in one server transaction, whole
    or not at all. An existing one is refused unless ``force``, and then kept, renamed to
    ``tracker_bak_<time>``, whose name is returned."""
    store = PostgresStore(url, connect(url))
    try:
        with translated(url), store.conn.transaction(), store.conn.cursor() as cur:
            kept = _prepare(cur, url, force, schema_version)
            meta = {
                "schema": SCHEMA_VERSION,
                "plan": plan_data.get("id"),
                "created": now_stamp(),
                "created_by": login,
                "as_of": as_of,
                "chained": True,
            }
            cur.execute(
                "INSERT INTO tracker.meta (meta, plan) VALUES (%s::jsonb, %s::jsonb)",
                (_dumps(meta), _dumps(plan_data)),
            )
            with store.transaction(login, login, clock, login_from=login_from) as tx:
                populate(tx)
        return kept
    finally:
        store.close()


def load_postgres(
    url: str,
    meta: Doc,
    plan_data: Doc,
    records: Iterable[tuple[str, str, str, Doc]],
    logs: Iterable[tuple[str, str, Doc]],
    entries: list[Doc],
    *,
    force: bool = False,
) -> str | None:
    """Build a database at ``url`` holding exactly the given records, logs and audit entries
    (oldest first), through COPY in one server transaction, as ``db copy`` and ``db restore``
    do. Returns the name an existing database was kept under (``force``)."""
    last_change: dict[tuple[str, str, str], int] = {}
    for entry in entries:
        if "table" in entry:
            last_change[(entry["scope"], entry["table"], entry["key"])] = entry["seq"]
    store = PostgresStore(url, connect(url))
    try:
        with translated(url), store.conn.transaction(), store.conn.cursor() as cur:
            kept = _prepare(cur, url, force)
            cur.execute(
                "INSERT INTO tracker.meta (meta, plan) VALUES (%s::jsonb, %s::jsonb)",
                (_dumps(meta), _dumps(plan_data)),
            )
            # The per-row rules, written for one change at a time, are set aside for the load
            # (owner only, inside this transaction): what they would check for the owner is
            # checked here, entries numbered without gaps and each record tied to its entry.
            cur.execute("ALTER TABLE tracker.audit DISABLE TRIGGER audit_insert")
            cur.execute("ALTER TABLE tracker.records DISABLE TRIGGER record_change")
            with cur.copy("COPY tracker.audit (seq, canonical) FROM STDIN") as copy:
                for number, entry in enumerate(entries, 1):
                    if entry.get("seq") != number:
                        raise StoreError(f"操作记录第 {number} 条的编号不对，不能复制")
                    copy.write_row((entry["seq"], canonical(entry)))
            with cur.copy("COPY tracker.records (scope, tbl, key, doc, seq) FROM STDIN") as copy:
                for scope, table, key, doc in records:
                    seq = last_change.get((scope, table, key))
                    if seq is None:
                        raise StoreError(
                            f"记录 {scope}/{table}/{key} 在操作记录中没有来历，不能复制"
                        )
                    copy.write_row((scope, table, key, _dumps(doc), seq))
            with cur.copy("COPY tracker.logs (scope, log, seq, entry) FROM STDIN") as copy:
                for scope, log, entry in logs:
                    copy.write_row((scope, log, entry["seq"], _dumps(entry)))
            cur.execute("ALTER TABLE tracker.audit ENABLE TRIGGER audit_insert")
            cur.execute("ALTER TABLE tracker.records ENABLE TRIGGER record_change")
            cur.execute("ANALYZE tracker.audit, tracker.records, tracker.logs")
        return kept
    finally:
        store.close()


def upgrade_postgres(url: str) -> tuple[int, int]:
    """Bring the schema at ``url`` to this program's version; (from, to)."""
    store = open_postgres(url, upgrading=True)
    try:
        with translated(url), store.conn.transaction(), store.conn.cursor() as cur:
            version = ddl_version(cur)
            if version is None:
                raise StoreError(f"{where(url)} 中没有 tracker 数据库，无需升级")
            if version > LATEST:
                raise StoreError(
                    f"{where(url)} 的版本（{version}）比本程序支持的（{LATEST}）新，请升级 tracker"
                )
            if version == LATEST:
                return version, LATEST
            # One upgrade at a time; the version is read again under the lock.
            cur.execute("LOCK TABLE tracker.ddl IN ACCESS EXCLUSIVE MODE")
            version = ddl_version(cur) or version
            migrate(cur, version)
        return version, LATEST
    finally:
        store.close()
