"""What the PostgreSQL server enforces by itself, whatever the client sends.

Every test here talks to the database over a raw SQL connection (psycopg, no tracker code
in between), as anyone holding a login and a PostgreSQL client could. The rules of
``tracker/store/postgres/schema.py`` (row-level security on records and item history, the
append-only audit log, the server-set ``actor``, every record change tied to its own audit
entry) must hold without the tool's own permission checks. The people are registered through
the CLI, as a coordinator registers them.

The team: zhangwei (coordinator, who built the database and owns it), chenjing (a second
coordinator, not the owner), lihua (lead of 河西), wangfang (lead of 津南), liuyang (viewer).

Each refusal is paired with the same statement succeeding for someone who may make it, so
that no test passes merely because every write fails.
"""

from typing import Any

import psycopg
import pytest
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb

from tests import pg
from tests.conftest import Cli
from tracker.store import open_store
from tracker.store.core import entry_digest, field_changes
from tracker.store.postgres.store import canonical
from tracker.store.verify import verify

AT = "2018-03-15T10:00:00+08:00"
TEAM = [
    ("陈静", "chenjing", "协调员", None),
    ("李华", "lihua", "区试点负责人", "河西"),
    ("王芳", "wangfang", "区试点负责人", "津南"),
    ("刘洋", "liuyang", "只读用户", None),
]


@pytest.fixture(scope="module")
def team_database() -> str:
    """A PostgreSQL database built by zhangwei, the team registered, each lead's first update;
    built once, never written: ``team`` copies it per test."""
    cli = Cli(pg.new_database())
    cli.ok("init", "--name", "张伟")
    for name, login, role, district in TEAM:
        place = ["--district", district] if district else []
        cli.ok("person", "add", name, "--login", login, "--role", role, *place)
    cli.ok("task", "update", "河西", "梳理", "-p", "30", "--note", "启动梳理", login="lihua")
    cli.ok("task", "update", "津南", "梳理", "-p", "20", login="wangfang")
    return str(cli.db)


@pytest.fixture
def team(team_database: str) -> Cli:
    """A database of the test's own: a copy of ``team_database``."""
    return Cli(pg.clone_database(team_database))


# -- raw SQL, as a person with a PostgreSQL client -----------------------------------------


def raw(cli: Cli, login: str) -> psycopg.Connection:
    return pg.connect_as(str(cli.db), login)


def state(cli: Cli) -> dict[str, list[tuple[Any, ...]]]:
    """Everything stored (read by the superuser), to show a refused statement changed nothing."""
    with pg.superuser(str(cli.db)) as conn:
        return {
            "records": conn.execute(
                "SELECT scope, tbl, key, doc, seq FROM tracker.records ORDER BY scope, tbl, key"
            ).fetchall(),
            "logs": conn.execute(
                "SELECT scope, log, seq, entry FROM tracker.logs ORDER BY pos"
            ).fetchall(),
            "audit": conn.execute(
                "SELECT seq, actor, entry FROM tracker.audit ORDER BY seq"
            ).fetchall(),
        }


def record(cli: Cli, scope: str, table: str, key: str) -> dict[str, Any]:
    with pg.superuser(str(cli.db)) as conn:
        row = conn.execute(
            "SELECT doc FROM tracker.records WHERE scope = %s AND tbl = %s AND key = %s",
            (scope, table, key),
        ).fetchone()
    assert row is not None
    return row[0]


def audit_row(cli: Cli, seq: int) -> tuple[str, dict[str, Any]]:
    """The server's ``actor`` and the entry of audit entry ``seq``."""
    with pg.superuser(str(cli.db)) as conn:
        row = conn.execute(
            "SELECT actor, entry FROM tracker.audit WHERE seq = %s", (seq,)
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def next_entry(
    conn: psycopg.Connection,
    login: str,
    scope: str,
    *,
    table: str | None = None,
    key: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The audit entry the tool would write next, chained to the last one: a record change when
    ``table`` is given, else a refusal."""
    row = conn.execute("SELECT entry FROM tracker.audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert row is not None
    last = row[0]
    entry: dict[str, Any] = {
        "seq": last["seq"] + 1,
        "prev": entry_digest(last),
        "at": AT,
        "login": login,
        "user": user or login,
        "action": "task.update",
        "scope": scope,
    }
    if table is None:
        entry |= {"denied": True, "message": "不能修改"}
    else:
        entry |= {"table": table, "key": key, "before": before, "after": after}
    return entry | extra


def append(conn: psycopg.Connection, entry: dict[str, Any], *, actor: str | None = None) -> None:
    """Insert ``entry`` as the tool does: its canonical text, whose SHA-256 is its digest."""
    if actor is None:
        conn.execute(
            "INSERT INTO tracker.audit (seq, canonical) VALUES (%s, %s)",
            (entry["seq"], canonical(entry)),
        )
    else:
        conn.execute(
            "INSERT INTO tracker.audit (seq, canonical, actor) VALUES (%s, %s, %s)",
            (entry["seq"], canonical(entry), actor),
        )


UPSERT = (
    "INSERT INTO tracker.records AS r (scope, tbl, key, doc, seq) VALUES (%s, %s, %s, %s, %s) "
    "ON CONFLICT (scope, tbl, key) DO UPDATE SET doc = excluded.doc, seq = excluded.seq"
)
"""How the tool itself writes a record."""


def raw_change(
    conn: psycopg.Connection,
    login: str,
    scope: str,
    table: str,
    key: str,
    fields: dict[str, Any],
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """A record change made by hand exactly as the tool makes it: its audit entry (with the
    right before and after) and the record, in one transaction. Returns the entry."""
    with conn.transaction():
        row = conn.execute(
            "SELECT doc FROM tracker.records WHERE scope = %s AND tbl = %s AND key = %s",
            (scope, table, key),
        ).fetchone()
        current = row[0] if row else None
        before, after = field_changes(current, {**(current or {}), **fields})
        entry = next_entry(
            conn, login, scope, table=table, key=key, before=before, after=after, user=user
        )
        append(conn, entry)
        conn.execute(
            UPSERT, (scope, table, key, Jsonb({**(current or {}), **fields}), entry["seq"])
        )
    return entry


# -- district leads: their own district only -----------------------------------------------


def test_a_lead_updating_other_districts_records_changes_nothing(team: Cli):
    before = state(team)
    with raw(team, "lihua") as conn:
        one = conn.execute(
            "UPDATE tracker.records SET doc = doc || '{\"progress\": 99}' "
            "WHERE scope = 'jinnan' AND tbl = 'tasks' AND key = 'comb'"
        )
        assert one.rowcount == 0
        every = conn.execute(
            "UPDATE tracker.records SET doc = doc || '{\"note\": \"改\"}' WHERE scope <> 'hexi'"
        )
        assert every.rowcount == 0
        promote = conn.execute(
            "UPDATE tracker.records SET doc = jsonb_set(doc, '{role}', '\"coordinator\"') "
            "WHERE scope = 'people' AND key = 'lihua'"
        )
        assert promote.rowcount == 0, "a lead cannot make herself a coordinator"
    assert state(team) == before
    assert record(team, "jinnan", "tasks", "comb")["progress"] == 20


def test_a_lead_cannot_add_records_or_item_history_in_another_district(team: Cli):
    before = state(team)
    with raw(team, "lihua") as conn:
        # Even with an audit entry to point at, the row itself is outside her district.
        with pytest.raises(pg_errors.InsufficientPrivilege), conn.transaction():
            entry = next_entry(
                conn,
                "lihua",
                "jinnan",
                table="notes",
                key="99",
                before=None,
                after={"text": "冒充"},
            )
            append(conn, entry)
            conn.execute(UPSERT, ("jinnan", "notes", "99", Jsonb({"text": "冒充"}), entry["seq"]))
        # The tool's own statement on an existing row of 津南.
        with pytest.raises(pg_errors.InsufficientPrivilege), conn.transaction():
            entry = next_entry(
                conn, "lihua", "jinnan", table="tasks", key="comb",
                before={"progress": 20}, after={"progress": 99},
            )  # fmt: skip
            append(conn, entry)
            doc = {**record(team, "jinnan", "tasks", "comb"), "progress": 99}
            conn.execute(UPSERT, ("jinnan", "tasks", "comb", Jsonb(doc), entry["seq"]))
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO tracker.logs (scope, log, seq, entry) VALUES ('jinnan', 'history', %s, %s)",
                (1, Jsonb({"seq": 1, "item": "jinnan-1", "text": "冒充"})),
            )
    assert state(team) == before


def test_a_record_change_without_its_own_audit_entry_is_refused_in_the_own_district(team: Cli):
    before = state(team)
    last = before["audit"][-1][0]
    with raw(team, "lihua") as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="记录只能随新的操作记录修改"):
            conn.execute(
                "UPDATE tracker.records SET doc = doc || '{\"progress\": 90}' "
                "WHERE scope = 'hexi' AND tbl = 'tasks' AND key = 'comb'"
            )
        with pytest.raises(pg_errors.InsufficientPrivilege, match="没有对应的操作记录"):
            conn.execute(
                "UPDATE tracker.records SET doc = doc || '{\"progress\": 90}', seq = %s "
                "WHERE scope = 'hexi' AND tbl = 'tasks' AND key = 'comb'",
                (last + 1,),
            )
        # Pointing at an existing entry of another record does not do either.
        with pytest.raises(pg_errors.InsufficientPrivilege, match="没有对应的操作记录"):
            conn.execute(UPSERT, ("hexi", "notes", "77", Jsonb({"text": "未记录的进展"}), last))
    assert state(team) == before


def test_a_lead_changing_her_district_with_its_audit_entry_is_accepted_and_checks_out(team: Cli):
    """The positive case of the refusals above: the server's rules let the right write through,
    and it is in the log like any other."""
    with raw(team, "lihua") as conn:
        entry = raw_change(conn, "lihua", "hexi", "tasks", "comb", {"progress": 45})

    assert record(team, "hexi", "tasks", "comb")["progress"] == 45
    assert audit_row(team, entry["seq"]) == ("lihua", entry)
    assert team.json("db", "check")["ok"]


def test_a_lead_through_the_tool_with_any_json_value_keeps_a_chain_the_server_accepts(team: Cli):
    """The server checks each link against the exact text of the entry before: values that
    jsonb would print differently (1e20, -0.0) must not break the next person's write."""
    lead = open_store(pg.with_login(team.db, "lihua"))
    odd = {"text": "进展", "numbers": [1e20, 1e-7, -0.0, 86.5]}
    with lead.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "501", odd, "note.add")
    with lead.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "502", {"text": "之后"}, "note.add")

    assert open_store(team.db).read("hexi", "notes")["501"] == odd
    assert verify(open_store(team.db)).problems == []  # the chain and the replay


# -- the audit log: append-only for everyone -------------------------------------------------

CHANGES_TO_THE_LOG = {
    "update": "UPDATE tracker.audit SET canonical = jsonb_set(entry, '{at}', '\"2017-01-01\"')::text "
    "WHERE seq = 1",
    "delete": "DELETE FROM tracker.audit WHERE seq = (SELECT max(seq) FROM tracker.audit)",
    "truncate": "TRUNCATE tracker.audit",
}


@pytest.mark.parametrize("statement", sorted(CHANGES_TO_THE_LOG))
@pytest.mark.parametrize("login", ["lihua", "zhangwei", "postgres"])
def test_the_audit_log_cannot_be_changed_deleted_or_emptied(team: Cli, login: str, statement: str):
    """The lead, the owner who built the database, even the server's superuser: the triggers
    refuse what privileges do not."""
    before = state(team)
    conn = pg.superuser(str(team.db)) if login == "postgres" else raw(team, login)
    with conn, pytest.raises(pg_errors.InsufficientPrivilege):
        conn.execute(CHANGES_TO_THE_LOG[statement])
    assert state(team) == before


@pytest.mark.parametrize("login", ["lihua", "zhangwei"])
def test_records_and_item_history_cannot_be_deleted(team: Cli, login: str):
    before = state(team)
    with raw(team, login) as conn:
        for statement in (
            "DELETE FROM tracker.records WHERE scope = 'hexi'",
            "TRUNCATE tracker.records",
            "DELETE FROM tracker.logs",
            "TRUNCATE tracker.logs",
        ):
            with pytest.raises(pg_errors.InsufficientPrivilege):
                conn.execute(statement)
    assert state(team) == before


# -- viewers and deactivated people: nothing -------------------------------------------------


def test_a_viewer_cannot_write_any_record_or_item_history(team: Cli):
    before = state(team)
    with raw(team, "liuyang") as conn:
        for scope, table, key in [
            ("hexi", "tasks", "comb"),
            ("jinnan", "notes", "50"),
            ("municipal", "milestones", "municipal-report"),
            ("people", "people", "liuyang"),
        ]:
            updated = conn.execute(
                'UPDATE tracker.records SET doc = doc || \'{"role": "coordinator"}\' '
                "WHERE scope = %s",
                (scope,),
            )
            assert updated.rowcount == 0, scope
            with pytest.raises(pg_errors.InsufficientPrivilege), conn.transaction():
                entry = next_entry(
                    conn, "liuyang", scope, table=table, key=key, before=None, after={"x": 1}
                )
                append(conn, entry)
                conn.execute(UPSERT, (scope, table, key, Jsonb({"x": 1}), entry["seq"]))
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO tracker.logs (scope, log, seq, entry) VALUES ('hexi', 'history', 1, %s)",
                (Jsonb({"seq": 1, "item": "hexi-1"}),),
            )
    assert state(team) == before


@pytest.mark.parametrize(
    ("login", "scope"),
    [("liuyang", "hexi"), ("liuyang", "people"), ("lihua", "jinnan")],
    ids=["viewer-hexi", "viewer-people", "lead-other-district"],
)
def test_a_login_cannot_log_a_change_to_records_it_may_not_write(team: Cli, login: str, scope: str):
    """The audit log is what ``tracker log``, the digest, the progress charts and
    ``db check`` replay. An entry recording a change to a record the login may not write is
    a forged change: refused like the write itself (a refusal entry, without a record, is
    still every login's to write)."""
    table, key = ("people", "liuyang") if scope == "people" else ("tasks", "comb")
    with raw(team, login) as conn:
        append(conn, next_entry(conn, login, scope))  # a refusal entry: the tool logs these
        before = state(team)
        forged = next_entry(
            conn, login, scope, table=table, key=key,
            before={"progress": 0}, after={"progress": 99, "role": "coordinator"},
        )  # fmt: skip
        with pytest.raises(pg_errors.InsufficientPrivilege):
            append(conn, forged)
    assert state(team) == before
    assert team.json("db", "check")["ok"]


def test_an_audit_entry_that_breaks_the_chain_is_refused_by_the_server(team: Cli):
    """Every writer checks the chain's tail before writing, so an entry appended with a wrong
    ``prev`` would stop every office's changes until an administrator repairs the log: the
    server must not take it from anyone who is not rebuilding the database."""
    with raw(team, "lihua") as conn:
        broken = next_entry(conn, "lihua", "hexi") | {"prev": "0" * 64}
        with pytest.raises(psycopg.Error):
            append(conn, broken)
    team.ok("task", "update", "津南", "梳理", "-p", "25", login="wangfang")
    assert team.json("db", "check")["ok"]


def test_a_deactivated_persons_open_session_can_no_longer_write(team: Cli):
    login = pg.fresh_login("lead")  # the server's roles are shared: disable no one else's
    team.ok("person", "add", "孙丽", "--login", login, "--role", "区工作人员", "--district", "河西")
    with raw(team, login) as conn:
        raw_change(conn, login, "hexi", "tasks", "standardize", {"progress": 10})  # can, then

        team.ok("person", "deactivate", login, "--reason", "调离")

        before = state(team)
        updated = conn.execute(
            "UPDATE tracker.records SET doc = doc || '{\"progress\": 60}' WHERE scope = 'hexi'"
        )
        assert updated.rowcount == 0
        with pytest.raises(pg_errors.InsufficientPrivilege):
            raw_change(conn, login, "hexi", "tasks", "standardize", {"progress": 60})
        assert state(team) == before

    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(pg.with_login(str(team.db), login)).close()
    assert record(team, "hexi", "tasks", "standardize")["progress"] == 10


# -- who wrote it: the server's login, and --user only for coordinators ------------------------


def test_the_server_names_the_actor_and_an_entry_must_name_the_connections_login(team: Cli):
    before = state(team)
    with raw(team, "lihua") as conn:
        claim = next_entry(conn, "zhangwei", "hexi", table="tasks", key="comb",
                            before={"progress": 30}, after={"progress": 35})  # fmt: skip
        with pytest.raises(pg_errors.InsufficientPrivilege, match="与数据库登录「lihua」不符"):
            append(conn, claim)
        assert state(team) == before

        # Naming the actor column by hand does not name it: the server does.
        entry = next_entry(conn, "lihua", "hexi")
        append(conn, entry, actor="zhangwei")
    assert audit_row(team, entry["seq"]) == ("lihua", entry)

    team.ok("task", "update", "河西", "规范", "-p", "15", login="lihua")
    team.ok("milestone", "done", "河西", "plan-filed", "--date", "2017-08-28")
    with pg.superuser(str(team.db)) as conn:
        rows = conn.execute(
            "SELECT actor, entry->>'login', entry->>'action' FROM tracker.audit "
            "WHERE seq > %s ORDER BY seq",
            (entry["seq"],),
        ).fetchall()
    assert rows == [("lihua", "lihua", "task.update"), ("zhangwei", "zhangwei", "milestone.done")]


def test_only_a_coordinator_may_write_an_entry_for_someone_else(team: Cli):
    before = state(team)
    with raw(team, "lihua") as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="只有协调员可以代他人操作"):
            raw_change(conn, "lihua", "hexi", "tasks", "comb", {"progress": 50}, user="wangfang")
        with pytest.raises(pg_errors.InsufficientPrivilege, match="只有协调员可以代他人操作"):
            raw_change(conn, "lihua", "hexi", "tasks", "comb", {"progress": 50}, user="zhangwei")
    assert state(team) == before

    # chenjing is a coordinator but not the database's owner: the server's rule lets her.
    with raw(team, "chenjing") as conn:
        entry = raw_change(
            conn, "chenjing", "hexi", "tasks", "comb", {"progress": 50}, user="lihua"
        )
    actor, stored = audit_row(team, entry["seq"])
    assert (actor, stored["login"], stored["user"]) == ("chenjing", "chenjing", "lihua")
    assert team.json("db", "check")["ok"]
