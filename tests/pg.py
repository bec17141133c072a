"""The PostgreSQL server the tests run against, and fresh databases on it.

``TRACKER_TEST_PG`` is the superuser's URL of a server that trusts local connections
(``tools/pgserver.py`` starts one; ``.ci/run`` does, and so does the test run itself
when the variable is unset, see ``tests/conftest.py``). Tests that need the server
fail, never skip, when it cannot be reached.

Each test gets a database of its own, owned by the coordinator ``zhangwei``; roles
(logins) are the server's and shared by every database, so each person's login is
made once and reused.
"""

import contextlib
import itertools
import os
import time
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg
from psycopg import sql

VARIABLE = "TRACKER_TEST_PG"
OWNER = "zhangwei"
_numbers = itertools.count(1)
_made: set[str] = set()


def server() -> str:
    url = os.environ.get(VARIABLE)
    if not url:
        raise RuntimeError(
            f"{VARIABLE} is not set: the PostgreSQL tests need a server "
            "(python tools/pgserver.py start DIR prints one's URL)"
        )
    return url


def with_login(url: str, login: str, database: str | None = None) -> str:
    """``url`` connecting as ``login`` (to ``database``)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    path = f"/{database}" if database is not None else parts.path
    return urlunsplit((parts.scheme, f"{login}@{netloc}", path, parts.query, ""))


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def superuser(url: str) -> psycopg.Connection:
    """A superuser's connection to the database ``url`` names."""
    return psycopg.connect(with_login(server(), "postgres", database_of(url)), autocommit=True)


def ensure_role(login: str, *, createrole: bool = False) -> None:
    """A login role for ``login`` on the server (every test person can connect, as a server
    trusting local connections allows; whether they may write is the database's say)."""
    if login in _made:
        return
    ensure_group()
    with psycopg.connect(server(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        # suppressed: another worker made it at the same moment
        if not exists:
            with contextlib.suppress(pg.DuplicateObject, pg.UniqueViolation):
                conn.execute(
                    sql.SQL(
                        "CREATE ROLE {} LOGIN IN ROLE tracker_users"
                        + (" CREATEROLE" if createrole else "")
                    ).format(sql.Identifier(login))
                )
        # A role left by an earlier test may lack the group or have been disabled; only then is
        # it changed, since two workers changing one role at once make the server fail one.
        state = conn.execute(
            "SELECT rolcanlogin, pg_has_role(rolname, 'tracker_users', 'MEMBER') "
            "FROM pg_roles WHERE rolname = %s",
            (login,),
        ).fetchone()
        if state is not None and not all(state):
            for _ in range(20):
                try:
                    conn.execute(sql.SQL("GRANT tracker_users TO {}").format(sql.Identifier(login)))
                    conn.execute(sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(login)))
                    break
                except pg.InternalError:  # tuple concurrently updated
                    time.sleep(0.05)
    _made.add(login)


def ensure_group() -> None:
    if "tracker_users" in _made:
        return
    with (
        psycopg.connect(server(), autocommit=True) as conn,
        contextlib.suppress(pg.DuplicateObject, pg.UniqueViolation),
    ):
        conn.execute("CREATE ROLE tracker_users NOLOGIN")
    _made.add("tracker_users")


def new_database(owner: str = OWNER) -> str:
    """A fresh, empty database owned by ``owner``; its URL connecting as ``owner``."""
    _made.clear()  # logins an earlier test disabled are enabled again on first use
    ensure_group()
    ensure_role(owner, createrole=True)
    name = f"t_{os.getpid()}_{next(_numbers)}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(owner)
            )
        )
    return with_login(server(), owner, name)


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def connect_as(url: str, login: str) -> psycopg.Connection:
    """A raw SQL connection (autocommit) to the database ``url`` names, as ``login``: what a
    person with any PostgreSQL client can do, bypassing the tool."""
    ensure_role(login)
    return psycopg.connect(with_login(url, login), autocommit=True)


def fresh_login(prefix: str = "p") -> str:
    """A login no other test uses. Roles belong to the whole server, so a test that disables
    a login (``person deactivate``) or checks that one is created must have its own."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def clone_database(url: str) -> str:
    """A fresh copy of the database ``url`` names, everything in it included (PostgreSQL's
    ``CREATE DATABASE … TEMPLATE``): a database built once per module is copied per test in
    milliseconds. Returns the copy's URL, with the same login."""
    source = database_of(url)
    name = f"t_{os.getpid()}_{next(_numbers)}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server(), autocommit=True) as conn:
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", (source,)
        ).fetchone()
        assert owner is not None, f"no database {source}"
        # A template must have no one connected: the builder's connections may linger.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (source,),
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(source), sql.Identifier(owner[0])
            )
        )
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))
