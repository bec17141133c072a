"""The PostgreSQL backend: the same records, logs and chained audit entries, on a server.

One connection per open store, in autocommit for reads (a long-lived reader sees
others' commits at once); a change is one server transaction, so a writer killed
at any moment, or a connection cut mid-change, leaves nothing. Writers are
serialised by a transaction-scoped advisory lock, as the chain needs: each entry
carries the digest of the one before.

Who is acting is the server's login (``session_user``); the server's policies and
triggers (:mod:`tracker.store.postgres.schema`) refuse what that login may not do,
whatever the client sends.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import psycopg
from psycopg import sql

from tracker.domain.dates import now_stamp
from tracker.domain.errors import InputError, PlanError, StoreError
from tracker.domain.plan import Plan
from tracker.domain.plan_loader import load_plan_data
from tracker.store.base import SCHEMA_VERSION
from tracker.store.core import AuditTrail, Clock, Doc, entry_digest, refusal_entry
from tracker.store.dump import Dump
from tracker.store.postgres.errors import translated, where
from tracker.store.postgres.schema import CHANNEL, GROUP, LATEST

WRITER_LOCK = 7_020_172
"""The advisory lock every writer takes for its transaction (72号, 2017)."""
LOCK_WAIT = "30s"
BIG = "items"
"""The table big enough (a district's catalog) to be fetched on its own; a scope's other
tables come together."""
HEAD_TRUSTED = 0.2
"""Seconds a reader trusts the audit log's head it last asked for before asking again: a
status of 160 districts reads thousands of tables, and asking each time would double its round
trips. :meth:`PostgresStore.version` and every transaction always ask, and a commit by this
process always counts at once; another process's commit is seen within this time."""
PAGE = 5000
"""Audit entries fetched per round trip when the log is read newest first."""


def _loads(text: str | bytes) -> Any:
    return orjson.loads(text)


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _parsed(rows: list[tuple[str, str, int]]) -> dict[str, Doc]:
    """Records by key from (key, JSON text, seq) rows: one parse of all of them, which is
    faster than one per record."""
    values = _loads("[" + ",".join(row[1] for row in rows) + "]")
    return {row[0]: value for row, value in zip(rows, values, strict=True)}


def canonical(entry: Doc) -> str:
    """An audit entry as the server keeps it: the exact text whose SHA-256 is its digest
    (:func:`tracker.store.core.entry_digest`), so the server checks each link itself."""
    return orjson.dumps(entry, option=orjson.OPT_SORT_KEYS).decode()


class PostgresStore:
    """A tracker database in the schema ``tracker`` of a PostgreSQL database."""

    _commits = 0
    """Changes committed by this process, through any store: a store's cached versions stand
    only while none was."""

    listens = True
    """Other offices' changes are announced (LISTEN/NOTIFY): a live view need not poll."""

    def __init__(self, url: str, conn: psycopg.Connection[Any]) -> None:
        self.url = url
        self.conn = conn
        self._lock = threading.RLock()
        """One connection, used by the TUI's worker threads too: one statement at a time."""
        self._meta: tuple[Doc, Doc] | None = None
        self._tables: dict[tuple[str, str], tuple[int, dict[str, Doc]]] = {}
        self._logs: dict[tuple[str, str], tuple[int, list[Doc]]] = {}
        self._derived: dict[tuple[str, str, str], tuple[int, Any]] = {}
        self._login: str | None = None
        self._head = -1
        self._head_checked = (float("-inf"), PostgresStore._commits)
        self._valid: dict[tuple[str, str, str], int] = {}
        self._memos: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
        """The values remembered on the server for a big table, by name, with its version."""
        """Versions of tables and logs known current as of the last head check."""
        self._listener: psycopg.Connection[Any] | None = None

    # -- plumbing -----------------------------------------------------------
    @contextmanager
    def _cursor(self) -> Iterator[psycopg.Cursor[Any]]:
        with self._lock, translated(self.url):
            self._reconnect_if_lost()
            with self.conn.cursor() as cur:
                yield cur

    def _reconnect_if_lost(self) -> None:
        """A long-lived reader (the TUI) goes on once a lost server is back."""
        if self.conn.closed or self.conn.broken:
            self.conn = psycopg.connect(self.url, autocommit=True, application_name="tracker")

    def _one(self, query: str, params: tuple[Any, ...] = ()) -> Any:
        with self._cursor() as cur:
            row = cur.execute(query, params).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.conn.close()
        if self._listener is not None:
            self._listener.close()

    # -- reading -----------------------------------------------------------
    def login(self) -> str:
        """The login the server authenticated for this connection."""
        if self._login is None:
            self._login = str(self._one("SELECT session_user"))
        return self._login

    def _meta_and_plan(self) -> tuple[Doc, Doc]:
        if self._meta is None:
            with self._cursor() as cur:
                row = cur.execute("SELECT meta::text, plan::text FROM tracker.meta").fetchone()
            if row is None:
                raise StoreError(f"{where(self.url)} 的 tracker 数据库不完整（缺少库信息）")
            self._meta = (_loads(row[0]), _loads(row[1]))
        return self._meta

    def meta(self) -> Doc:
        return self._meta_and_plan()[0]

    def plan_data(self) -> Doc:
        return self._meta_and_plan()[1]

    def plan(self) -> Plan:
        try:
            return load_plan_data(self.plan_data(), f"{where(self.url)}（试点方案）")
        except (PlanError, InputError, KeyError, TypeError, AttributeError, ValueError):
            raise StoreError(f"{where(self.url)} 中的试点方案已损坏") from None

    def _fresh_head(self) -> int:
        """The audit log's last sequence number, asked of the server; whatever changed since
        the last time must be validated again."""
        head = int(self._one("SELECT coalesce(max(seq), 0) FROM tracker.audit"))
        self._head_checked = (time.monotonic(), PostgresStore._commits)
        if head != self._head:
            self._head = head
            self._valid.clear()
        return head

    def _head_is_recent(self) -> bool:
        """Whether versions validated at the last head check still stand without asking: no
        commit by this process since, and a fresh enough check (see HEAD_TRUSTED)."""
        at, commits = self._head_checked
        return commits == PostgresStore._commits and time.monotonic() - at < HEAD_TRUSTED

    def _version_of(self, what: tuple[str, str, str], query: str) -> int:
        """The last audit entry of a table or log, asked once per head."""
        if not self._head_is_recent():
            self._fresh_head()
        version = self._valid.get(what)
        if version is None:
            version = int(self._one(query, what[1:]) or 0)
            self._valid[what] = version
        return version

    def _table_version(self, scope: str, table: str) -> int:
        """The sequence number of the table's last change: each record keeps the one that last
        changed it (``seq``), and records are never deleted."""
        if table != BIG and self._head_is_recent() and ("scope", scope, "") in self._valid:
            return self._valid.get(("table", scope, table), 0)
        return self._version_of(
            ("table", scope, table),
            "SELECT max(seq) FROM tracker.records WHERE scope = %s AND tbl = %s",
        )

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        """A table's records by key, fetched again only after the table changed. Shared with
        the store's cache: read, don't modify.

        A scope's small tables come together, in one round trip, the first time one of them
        is read at a new head; a big table (items) comes alone, when it is read."""
        if table != BIG:
            self._ensure_scope(scope)
            return self._tables.get((scope, table), (0, {}))[1]
        held = self._tables.get((scope, table))
        if held is not None and held[0] == self._table_version(scope, table):
            return held[1]
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT key, body, seq FROM tracker.records WHERE scope = %s AND tbl = %s",
                (scope, table),
            ).fetchall()
        version = max((row[2] for row in rows), default=0)
        self._tables[(scope, table)] = (version, _parsed(rows))
        self._valid[("table", scope, table)] = version
        return self._tables[(scope, table)][1]

    def _ensure_scope(self, scope: str) -> None:
        """The scope's small tables as of the head, fetched when the head moved."""
        if not self._head_is_recent():
            self._fresh_head()
        if ("scope", scope, "") not in self._valid:
            self._fetch_scope(scope)

    def _fetch_scope(self, scope: str) -> None:
        """Every small table of ``scope`` with its version, and the big table's version with
        the values remembered for it, as of now, in one round trip (records are never deleted,
        so a table once read never disappears)."""
        with self._cursor() as cur:
            # Two ranges of the primary key around the big table, which is never scanned.
            rows = cur.execute(
                "WITH big AS (SELECT coalesce(max(seq), 0) AS v FROM tracker.records "
                "WHERE scope = %(scope)s AND tbl = %(big)s) "
                "SELECT 'record', tbl, key, body, seq FROM tracker.records "
                "WHERE scope = %(scope)s AND (tbl < %(big)s OR tbl > %(big)s) "
                "UNION ALL SELECT 'version', %(big)s, NULL, NULL, v FROM big "
                "UNION ALL SELECT 'memo', m.tbl, m.name, m.value, m.version "
                "FROM tracker.memo AS m, big WHERE m.scope = %(scope)s AND m.tbl = %(big)s "
                "AND m.version = big.v",
                {"scope": scope, "big": BIG},
            ).fetchall()
        tables: dict[str, list[tuple[str, str, int]]] = {}
        memos: dict[str, str] = {}
        big = 0
        for kind, table, key, text, seq in rows:
            if kind == "record":
                tables.setdefault(table, []).append((key, text, seq))
            elif kind == "version":
                big = int(seq)
            else:
                memos[key] = text
        for table, found in tables.items():
            version = max(seq for _, _, seq in found)
            self._tables[(scope, table)] = (version, _parsed(found))
            self._valid[("table", scope, table)] = version
        self._valid[("table", scope, BIG)] = big
        self._memos[(scope, BIG)] = (big, memos)
        self._valid[("scope", scope, "")] = 1

    def read_log(self, scope: str, log: str) -> list[Doc]:
        version = self._version_of(
            ("log", scope, log), "SELECT max(seq) FROM tracker.logs WHERE scope = %s AND log = %s"
        )
        held = self._logs.get((scope, log))
        if held is not None and held[0] == version:
            return held[1]
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT entry::text FROM tracker.logs WHERE scope = %s AND log = %s ORDER BY pos",
                (scope, log),
            ).fetchall()
        entries = [_loads(row[0]) for row in rows]
        self._logs[(scope, log)] = (version, entries)
        return entries

    def derived(
        self, scope: str, table: str, name: str, compute: Callable[[dict[str, Doc]], Any]
    ) -> Any:
        """``compute(read(scope, table))``, remembered in this process and on the server
        (``tracker.memo``) for the table's version; a big table's come with its scope."""
        version = self._table_version(scope, table)
        held = self._derived.get((scope, table, name))
        if held is not None and held[0] == version:
            return held[1]
        memos = self._memos.get((scope, table))
        if memos is not None and memos[0] == version:
            kept = memos[1].get(name)
        else:
            with self._cursor() as cur:
                found = cur.execute(
                    "SELECT value FROM tracker.memo WHERE scope = %s AND tbl = %s "
                    "AND name = %s AND version = %s LIMIT 1",
                    (scope, table, name, version),
                ).fetchone()
            kept = found[0] if found else None
        if kept is not None:
            value = _loads(kept)
        else:
            value = compute(self.read(scope, table))
            self._remember(scope, table, name, version, value)
        self._derived[(scope, table, name)] = (version, value)
        return value

    def _remember(self, scope: str, table: str, name: str, version: int, value: Any) -> None:
        """Keep ``value`` for other readers; best effort (a login without the grant computes)."""
        try:
            with self._lock, self.conn.transaction(), self.conn.cursor() as cur:
                # Only a cache: losing it in a crash costs one recomputation, not a wait on disk.
                cur.execute("SET LOCAL synchronous_commit = off")
                cur.execute(
                    "INSERT INTO tracker.memo AS m (scope, tbl, name, version, value) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (scope, tbl, name, writer) "
                    "DO UPDATE SET version = excluded.version, value = excluded.value "
                    "WHERE m.version < excluded.version",
                    (scope, table, name, version, _dumps(value)),
                )
        except psycopg.errors.InsufficientPrivilege:
            pass
        except psycopg.Error as error:
            with translated(self.url):
                raise error

    def version(self) -> str:
        """The audit log's last sequence number, always asked of the server."""
        return str(self._fresh_head())

    def audit(self) -> Iterator[Doc]:
        """Newest first, a page at a time."""
        below: int | None = None
        while True:
            with self._cursor() as cur:
                if below is None:
                    rows = cur.execute(
                        "SELECT seq, canonical FROM tracker.audit ORDER BY seq DESC LIMIT %s",
                        (PAGE,),
                    ).fetchall()
                else:
                    rows = cur.execute(
                        "SELECT seq, canonical FROM tracker.audit WHERE seq < %s "
                        "ORDER BY seq DESC LIMIT %s",
                        (below, PAGE),
                    ).fetchall()
            if not rows:
                return
            for _, entry in rows:
                yield _loads(entry)
            below = rows[-1][0]

    def misattributed(self) -> list[tuple[int, str, str]]:
        """Audit entries whose login is not the one the server recorded as writing them
        (``actor``), except the owner's, who builds databases in others' names: (seq, login,
        actor). The server's trigger refuses such entries, so any is an edit made with the
        triggers off."""
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT seq, entry->>'login', actor FROM tracker.audit "
                "WHERE actor IS DISTINCT FROM entry->>'login' AND actor <> "
                "(SELECT pg_get_userbyid(relowner) FROM pg_class "
                "WHERE oid = 'tracker.audit'::regclass) ORDER BY seq"
            ).fetchall()
        return [(int(seq), str(login), str(actor)) for seq, login, actor in rows]

    def scopes(self) -> dict[str, list[str]]:
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT scope, array_agg(DISTINCT tbl ORDER BY tbl) FROM tracker.records "
                "GROUP BY scope ORDER BY scope"
            ).fetchall()
        return {scope: list(tables) for scope, tables in rows}

    def logs(self) -> dict[str, list[str]]:
        with self._cursor() as cur:
            rows = cur.execute(
                "SELECT scope, array_agg(DISTINCT log ORDER BY log) FROM tracker.logs "
                "GROUP BY scope ORDER BY scope"
            ).fetchall()
        return {scope: list(logs) for scope, logs in rows}

    def export(self) -> Dump:
        """Everything the database holds, read in one repeatable-read snapshot."""
        with self._lock, translated(self.url), self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            row = cur.execute("SELECT meta::text, plan::text FROM tracker.meta").fetchone()
            if row is None:
                raise StoreError(f"{where(self.url)} 的 tracker 数据库不完整（缺少库信息）")
            dump = Dump(meta=_loads(row[0]), plan=_loads(row[1]))
            cur.execute("SELECT scope, tbl, key, body FROM tracker.records")
            dump.records = [(s, t, k, _loads(d)) for s, t, k, d in cur]
            cur.execute("SELECT scope, log, entry::text FROM tracker.logs ORDER BY scope, log, pos")
            dump.logs = [(s, log, _loads(e)) for s, log, e in cur]
            cur.execute("SELECT canonical FROM tracker.audit ORDER BY seq")
            dump.entries = [_loads(e) for (e,) in cur]
        return dump

    def wait_for_change(self, timeout: float) -> bool:
        """Block until another connection announces a commit or refusal, or ``timeout``
        seconds pass; True when one was announced. Uses a connection of its own."""
        listener = self._listener
        with translated(self.url):
            try:
                if listener is None or listener.closed or listener.broken:
                    listener = psycopg.connect(self.url, autocommit=True)
                    listener.execute(f"LISTEN {CHANNEL}")
                    self._listener = listener
                return any(True for _ in listener.notifies(timeout=timeout, stop_after=1))
            except psycopg.Error:
                self._listener = None
                raise

    # -- writing -----------------------------------------------------------
    @contextmanager
    def transaction(
        self, login: str, user: str, clock: Clock = now_stamp, *, login_from: str | None = None
    ) -> Iterator["PostgresTransaction"]:
        with self._lock, translated(self.url):
            self._reconnect_if_lost()
            with self.conn.transaction():
                last = self._lock_writers()
                # Under the writers' lock the last entry is the head: what it validates is current.
                self._head_checked = (time.monotonic(), PostgresStore._commits)
                if (last or {}).get("seq", 0) != self._head:
                    self._head = (last or {}).get("seq", 0)
                    self._valid.clear()
                tx = PostgresTransaction(self, AuditTrail(last, login, user, clock, login_from))
                yield tx
                tx.commit()
        PostgresStore._commits += 1

    def _lock_writers(self) -> Doc | None:
        """Take the writers' lock for this transaction; the last entry, its link checked."""
        with self.conn.cursor() as cur:
            cur.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            cur.execute("SET LOCAL lock_timeout = 0")
            rows = cur.execute(
                "SELECT canonical FROM tracker.audit ORDER BY seq DESC LIMIT 2"
            ).fetchall()
        entries = [_loads(row[0]) for row in reversed(rows)]
        if len(entries) == 2:
            before, last = entries
            if last.get("prev") != entry_digest(before) or last["seq"] != before["seq"] + 1:
                raise StoreError(
                    f"{where(self.url)} 的操作记录校验链在第 {last['seq']} 条处断开"
                    "（操作记录被改动或删除）。请运行 tracker db check 查看"
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
        with self._lock, translated(self.url), self.conn.transaction():
            last = self._lock_writers()
            entry = refusal_entry(
                last, now_stamp(), login, user, action, scope, message, login_from
            )
            self.conn.execute(
                "INSERT INTO tracker.audit (seq, canonical) VALUES (%s, %s)",
                (entry["seq"], canonical(entry)),
            )
        PostgresStore._commits += 1


class PostgresTransaction:
    """One change: reads see its own writes; everything is sent at commit, in the server
    transaction that holds the writers' lock."""

    def __init__(self, store: PostgresStore, trail: AuditTrail) -> None:
        self._store = store
        self._trail = trail
        self._tables: dict[tuple[str, str], dict[str, Doc]] = {}
        self._rows: dict[tuple[str, str, str], Doc | None] = {}
        self._writes: dict[tuple[str, str, str], tuple[Doc, int]] = {}
        self._appends: list[tuple[str, str, int, Doc]] = []

    def attribute(self, login: str, user: str, clock: Clock, login_from: str | None = None) -> None:
        self._trail.attribute(login, user, clock, login_from)

    def _table(self, scope: str, table: str) -> dict[str, Doc]:
        docs = self._tables.get((scope, table))
        if docs is None:
            # The writers' lock is held: the cached table, if current, is the committed one.
            docs = dict(self._store.read(scope, table))
            for (s, t, key), (doc, _) in self._writes.items():
                if (s, t) == (scope, table):
                    docs[key] = doc
            self._tables[(scope, table)] = docs
        return docs

    def read(self, scope: str, table: str) -> dict[str, Doc]:
        return {key: dict(doc) for key, doc in self._table(scope, table).items()}

    def _get(self, scope: str, table: str, key: str) -> Doc | None:
        docs = self._tables.get((scope, table))
        if docs is not None:
            return docs.get(key)
        if (scope, table, key) in self._writes:
            return self._writes[(scope, table, key)][0]
        if (scope, table, key) not in self._rows:
            with self._store.conn.cursor() as cur:
                row = cur.execute(
                    "SELECT body FROM tracker.records WHERE scope = %s AND tbl = %s AND key = %s",
                    (scope, table, key),
                ).fetchone()
            self._rows[(scope, table, key)] = _loads(row[0]) if row else None
        return self._rows[(scope, table, key)]

    def get(self, scope: str, table: str, key: str) -> Doc | None:
        doc = self._get(scope, table, key)
        return dict(doc) if doc is not None else None

    def put(
        self, scope: str, table: str, key: str, doc: Doc, action: str, reason: str = ""
    ) -> bool:
        before = self._get(scope, table, key)
        if not self._trail.change(scope, table, key, before, doc, action, reason):
            return False
        stored = dict(doc)
        self._writes[(scope, table, key)] = (stored, self._trail.entries[-1]["seq"])
        if (scope, table) in self._tables:
            self._tables[(scope, table)][key] = stored
        self._rows.pop((scope, table, key), None)
        return True

    def next_id(self, scope: str, table: str) -> int:
        return max((int(k) for k in self._table(scope, table)), default=0) + 1

    def append(self, scope: str, log: str, entry: Doc) -> None:
        tied = self._trail.tied(entry)
        self._appends.append((scope, log, tied["seq"], tied))

    def set_login(self, login: str, *, enabled: bool) -> bool:
        """Create (or enable) the server login of a person being registered, or disable it, in
        this transaction. Creating needs the CREATEROLE privilege; disabling without it, or a
        login that does not exist, changes nothing and returns False."""
        conn = self._store.conn
        if enabled:
            with conn.cursor() as cur:
                _set_login(cur, login, enabled=True)
            return True
        try:
            with conn.transaction(), conn.cursor() as cur:
                return _set_login(cur, login, enabled=False)
        except psycopg.errors.InsufficientPrivilege:
            return False

    def commit(self) -> None:
        conn = self._store.conn
        if not self._trail.entries:
            return
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO tracker.audit (seq, canonical) VALUES (%s, %s)",
                [(entry["seq"], canonical(entry)) for entry in self._trail.entries],
            )
            cur.executemany(
                "INSERT INTO tracker.records AS r (scope, tbl, key, doc, seq) "
                "VALUES (%s, %s, %s, %s::jsonb, %s) ON CONFLICT (scope, tbl, key) "
                "DO UPDATE SET doc = excluded.doc, seq = excluded.seq",
                [
                    (scope, table, key, _dumps(doc), seq)
                    for (scope, table, key), (doc, seq) in self._writes.items()
                ],
            )
            if self._appends:
                cur.executemany(
                    "INSERT INTO tracker.logs (scope, log, seq, entry) VALUES (%s, %s, %s, %s::jsonb)",
                    [(scope, log, seq, _dumps(entry)) for scope, log, seq, entry in self._appends],
                )


def _set_login(cur: psycopg.Cursor[Any], login: str, *, enabled: bool) -> bool:
    role = sql.Identifier(login)
    exists = cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    if not enabled:
        if exists:
            cur.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(role))
        return bool(exists)
    if exists:
        cur.execute(sql.SQL("ALTER ROLE {} LOGIN").format(role))
    else:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
    cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP), role))
    return True


def ddl_version(cur: psycopg.Cursor[Any]) -> int | None:
    """The schema version the database's ``tracker.ddl`` records; None where there is none."""
    row = cur.execute("SELECT to_regclass('tracker.ddl') IS NOT NULL").fetchone()
    if not (row and row[0]):
        return None
    row = cur.execute("SELECT version FROM tracker.ddl").fetchone()
    return int(row[0]) if row else None


def check_schema(store: PostgresStore) -> None:
    """The database holds a tracker schema this program reads: not older (``db upgrade``),
    not newer (a newer tracker)."""
    with store._cursor() as cur:
        version = ddl_version(cur)
    place = where(store.url)
    if version is None:
        raise StoreError(
            f"找不到数据库：{place} 中没有 tracker 数据库。请先运行 tracker init --db {store.url} 建库"
        )
    if version > LATEST or store.meta().get("schema", 0) > SCHEMA_VERSION:
        raise StoreError(f"{place} 的版本（{version}）比本程序支持的（{LATEST}）新，请升级 tracker")
    if version < LATEST:
        raise StoreError(
            f"{place} 的结构版本（{version}）比本程序的（{LATEST}）旧。"
            f"请先运行 tracker db upgrade --db {store.url}"
        )
