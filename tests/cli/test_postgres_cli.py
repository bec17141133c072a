"""The tracker on a PostgreSQL server, as its users drive it through ``tracker``.

What changes when ``--db`` names a server rather than a folder: who acts is the server's
login (never the operating system's or an environment variable), ``--user`` is checked by
the server, logins are made and disabled with the people (``person add --create-login``,
``person deactivate``), many offices write at once, a connection or the whole server can be
lost in the middle of a change, and the database is backed up, restored, copied, checked and
upgraded with the ``db`` commands. Every message a user sees is Chinese with the documented
exit code (2 bad input, 3 not permitted, 4 database trouble) and never a traceback.

The raw-SQL side of the server's rules is in ``tests/store/test_postgres.py``.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from tests import pg
from tests.conftest import Cli, environment
from tests.identity import acting_as
from tracker.cli.app import app
from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path
from tracker.services.setup import populate_new_database
from tracker.store import export_store
from tracker.store.postgres import create_postgres

ROOT = Path(__file__).parent.parent.parent
PGSERVER = ROOT / "tools" / "pgserver.py"


@pytest.fixture(scope="module")
def team_database() -> str:
    """A server database built by zhangwei, with a second coordinator and two leads; built once,
    never written: ``team`` copies it per test."""
    cli = Cli(pg.new_database())
    cli.ok("init", "--name", "张伟")
    cli.ok("person", "add", "陈静", "--login", "chenjing", "--role", "协调员")
    cli.ok("person", "add", "李华", "--login", "lihua", "--role", "区试点负责人", "-d", "河西")
    cli.ok("person", "add", "王芳", "--login", "wangfang", "--role", "区试点负责人", "-d", "津南")
    return str(cli.db)


@pytest.fixture
def team(team_database: str) -> Cli:
    """A database of the test's own: a copy of ``team_database``."""
    return Cli(pg.clone_database(team_database))


@pytest.fixture
def pg_demo(copy_demo, tmp_path) -> Cli:
    """The pilot demo (built by zhangwei in a folder) copied onto the server."""
    folder = copy_demo(tmp_path / "demo")
    cli = Cli(pg.new_database())
    cli.ok("db", "copy", "--from", str(folder), "--to", str(cli.db))
    return cli


def invoke(url: str, *args: str, os_login: str = "zhangwei"):
    """``tracker --db url …`` exactly as given: no login is made on the way (``Cli`` makes
    each person's on first use), the operating system's login being ``os_login``."""
    env = {"TRACKER_USER": None, "TRACKER_AS_OF": None, "TRACKER_DB": None}
    with acting_as(os_login):
        return CliRunner().invoke(app, ["--db", url, *args], env=env)


def audit(url: str, since: int = 0) -> list[tuple[int, str, dict]]:
    """``(seq, actor, entry)`` of every audit entry after ``since``, read by the superuser."""
    with pg.superuser(url) as conn:
        return conn.execute(
            "SELECT seq, actor, entry FROM tracker.audit WHERE seq > %s ORDER BY seq", (since,)
        ).fetchall()


def last_seq(url: str) -> int:
    entries = audit(url)
    return entries[-1][0] if entries else 0


def task(cli: Cli, district: str, task_id: str, **kwargs) -> dict:
    status = cli.json("status", district, **kwargs)
    return next(t for t in status["districts"][0]["tasks"] if t["id"] == task_id)


def assert_clear_error(result, code: int, *words: str) -> None:
    """A refusal as users see it: the exit code, Chinese words on stderr, no traceback."""
    assert result.exit_code == code, f"exit {result.exit_code}: {result.stderr}{result.stdout}"
    for word in words:
        assert word in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


# -- --user, checked by the server -----------------------------------------------------------


@pytest.mark.parametrize("coordinator", ["zhangwei", "chenjing"], ids=["owner", "not-owner"])
def test_a_coordinator_acting_for_a_lead_is_recorded_with_both(team: Cli, coordinator: str):
    before = last_seq(str(team.db))
    team.ok("--user", "lihua", "task", "update", "河西", "梳理", "-p", "40", login=coordinator)

    [(_, actor, entry)] = audit(str(team.db), before)
    assert (actor, entry["login"], entry["user"]) == (coordinator, coordinator, "lihua")
    assert task(team, "河西", "comb")["progress"] == 40
    assert team.json("log", "--limit", "1")[0]["user"] == "lihua"


def test_a_lead_cannot_act_for_someone_else(team: Cli):
    before = last_seq(str(team.db))
    result = team("--user", "wangfang", "task", "update", "津南", "梳理", "-p", "40", login="lihua")
    assert_clear_error(result, 3, "只有协调员可以代他人操作")
    assert task(team, "津南", "comb")["progress"] == 0
    refusals = audit(str(team.db), before)
    assert [(a, e["login"], e.get("denied")) for _, a, e in refusals] == [("lihua", "lihua", True)]


# -- identity: the connection's login, whatever the environment says ---------------------------

AS_NOBODY_THE_SYSTEM_KNOWS = """
import sys
from tracker.services import identity

def no_entry():
    raise KeyError("uid")

identity._password_login = no_entry
from tracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "system",
    ["os-login-is-a-coordinator", "no-system-login"],
)
def test_on_a_server_the_connections_login_acts_whatever_the_environment_says(
    team: Cli, system: str
):
    """lihua connects; the operating system (or, where it has no entry for the user, the
    variables it would fall back to) names the coordinator zhangwei. lihua acts."""
    names = {"LOGNAME": "zhangwei", "USER": "zhangwei", "TRACKER_LOGIN": "zhangwei"}
    if system == "os-login-is-a-coordinator":
        argv, env = [sys.executable, "-m", "tracker"], environment("zhangwei", **names)
    else:
        argv, env = [sys.executable, "-c", AS_NOBODY_THE_SYSTEM_KNOWS], environment(None, **names)
    as_lihua = pg.with_login(str(team.db), "lihua")
    pg.ensure_role("lihua")
    before = last_seq(str(team.db))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*argv, "--db", as_lihua, *args], env=env, capture_output=True, text=True, timeout=60
        )

    refused = run("task", "update", "津南", "梳理", "-p", "50")
    assert refused.returncode == 3, refused.stderr
    assert "李华" in refused.stderr and "只能修改河西区的数据" in refused.stderr
    done = run("task", "update", "河西", "梳理", "-p", "50")
    assert done.returncode == 0, done.stderr

    entries = audit(str(team.db), before)
    assert [(a, e["login"], e["user"]) for _, a, e in entries] == [("lihua",) * 3] * 2
    assert not any("login_from" in e for _, _, e in entries)
    assert task(team, "津南", "comb")["progress"] == 0
    assert task(team, "河西", "comb")["progress"] == 50


# -- many offices at once --------------------------------------------------------------------

WRITER = """
import sys
from tracker.cli import main
url, tag, *command = sys.argv[1:]
for i in range({rounds}):
    argv = [a.replace("{{i}}", str(i)).replace("{{tag}}", f"{{tag}}-{{i}}") for a in command]
    code = main(["--db", url, *argv])
    if code != 0:
        sys.exit(f"{{argv}}: exit {{code}}")
"""
ROUNDS = 5
WORKERS = [
    # login, what each round changes ({i}: the round, {tag}: the worker and round)
    ("wangjh", ["task", "update", "河西", "梳理", "--note", "{tag}"]),
    ("ligq", ["task", "update", "津南", "规范", "--note", "{tag}"]),
    ("chenzg", ["task", "update", "武清", "梳理", "--note", "{tag}"]),
    ("liuxy", ["item", "update", "hexi-1{i}", "--basis", "{tag}", "--reason", "并发测试"]),
    ("sunhr", ["item", "update", "jinnan-1{i}", "--basis", "{tag}", "--reason", "并发测试"]),
    ("zhangwei", ["note", "add", "河西", "--kind", "工作进展", "{tag}"]),
    ("gaoxm", ["note", "add", "津南", "--kind", "工作进展", "{tag}"]),
    ("yangln", ["note", "add", "武清", "--kind", "工作进展", "{tag}"]),
]


def test_eight_offices_writing_at_once_lose_nothing_and_log_each_change_once(pg_demo: Cli):
    url = str(pg_demo.db)
    before = last_seq(url)
    history_before = len(export_store(url).logs)
    script = WRITER.format(rounds=ROUNDS)
    writers = []
    for login, command in WORKERS:
        pg.ensure_role(login)
        writers.append(
            subprocess.Popen(
                [sys.executable, "-c", script, pg.with_login(url, login), login, *command],
                env=environment(None),
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err

    entries = audit(url, before)
    assert [seq for seq, _, _ in entries] == list(range(before + 1, before + 1 + 8 * ROUNDS))
    tags = {}
    for _, actor, entry in entries:
        after = entry["after"]
        tag = after.get("note") or after.get("basis") or after.get("text")
        assert tag not in tags, f"{tag} logged twice"
        tags[tag] = (actor, entry["login"])
    assert tags == {
        f"{login}-{i}": (login, login) for login, _ in WORKERS for i in range(ROUNDS)
    }, "every change logged exactly once, by the login that made it"

    last = f"-{ROUNDS - 1}"
    assert task(pg_demo, "河西", "comb")["note"] == "wangjh" + last
    assert task(pg_demo, "津南", "standardize")["note"] == "ligq" + last
    assert task(pg_demo, "武清", "comb")["note"] == "chenzg" + last
    for login, district in (("liuxy", "hexi"), ("sunhr", "jinnan")):
        items = {i["id"]: i for i in pg_demo.json("item", "list", "-d", district)}
        for i in range(ROUNDS):
            assert items[f"{district}-1{i}"]["basis"] == f"{login}-{i}"
    notes = {n["text"] for n in pg_demo.json("note", "list")}
    for login in ("zhangwei", "gaoxm", "yangln"):
        assert {f"{login}-{i}" for i in range(ROUNDS)} <= notes
    assert len(export_store(url).logs) == history_before + 2 * ROUNDS, (
        "one history line an item change"
    )
    assert pg_demo.json("db", "check")["ok"]


# -- a connection cut in the middle of a change ------------------------------------------------

HELD_WRITER = """
import sys
from tracker.store.postgres import store

send = store.PostgresTransaction.commit

def held(self):
    send(self)  # the audit entry and the record are on the server, not yet committed
    print(self._store.conn.info.backend_pid, flush=True)
    sys.stdin.readline()

store.PostgresTransaction.commit = held
from tracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("cut", ["terminated-by-the-server", "writer-killed"])
def test_a_change_cut_off_mid_transaction_leaves_nothing_and_the_next_command_works(
    team: Cli, cut: str
):
    url = str(team.db)
    team.ok("task", "update", "河西", "梳理", "-p", "30", login="lihua")
    pg.ensure_role("lihua")
    before = audit(url)
    writer = subprocess.Popen(
        [sys.executable, "-c", HELD_WRITER, "--db", pg.with_login(url, "lihua"),
         "task", "update", "河西", "梳理", "-p", "77", "--note", "写到一半"],
        env=environment(None), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    watchdog = threading.Timer(60, writer.kill)  # a writer that never gets there fails the test
    watchdog.start()
    try:
        assert writer.stdout is not None and writer.stdin is not None
        pid = int(writer.stdout.readline())
        with pg.superuser(url) as conn:
            held = conn.execute(
                "SELECT a.state, bool_or(l.locktype = 'advisory'), "
                "bool_or(l.relation = 'tracker.records'::regclass) "
                "FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid WHERE a.pid = %s "
                "GROUP BY a.state",
                (pid,),
            ).fetchone()
            assert held == ("idle in transaction", True, True), "the writer is mid-change"
            if cut == "terminated-by-the-server":
                assert conn.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
                writer.stdin.write("\n")
                writer.stdin.flush()
            else:
                writer.kill()
        _, err = writer.communicate(timeout=60)
    finally:
        watchdog.cancel()
        writer.kill()
    if cut == "terminated-by-the-server":
        assert writer.returncode == 4, err
        assert "与数据库服务器的连接中断" in err and "本次修改未保存" in err, err
        assert "Traceback" not in err

    assert audit(url) == before, "no half change"
    assert task(team, "河西", "comb")["progress"] == 30
    started = time.monotonic()
    team.ok("task", "update", "河西", "梳理", "-p", "78", login="lihua")
    assert time.monotonic() - started < 10, "the writers' lock went with the connection"
    assert task(team, "河西", "comb")["progress"] == 78
    assert team.json("db", "check")["ok"]


# -- the whole server lost, then back -------------------------------------------------------------


def _pgserver(action: str, root: Path, *options: str) -> str:
    done = subprocess.run(
        [sys.executable, str(PGSERVER), action, str(root), *options],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_lost_server_is_a_clear_error_and_the_next_command_works_once_it_is_back(worker_id):
    """A server of this test's own, stopped and started again under the tool."""
    number = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    # Not tmp_path: pytest's folders are private to whoever runs the tests, and run as root,
    # the server runs as the postgres user (see tools/pgserver.py).
    root = Path(tempfile.mkdtemp(prefix="tracker-lost-pg-"))
    try:
        superuser = _pgserver("start", root, "--port", str(5491 + number))
        with psycopg.connect(superuser, autocommit=True) as conn:
            conn.execute("CREATE ROLE tracker_users NOLOGIN")
            conn.execute("CREATE ROLE zhangwei LOGIN CREATEROLE IN ROLE tracker_users")
            conn.execute("CREATE DATABASE pilot OWNER zhangwei")
        url = pg.with_login(superuser, "zhangwei", "pilot")
        assert invoke(url, "init", "--name", "张伟").exit_code == 0

        _pgserver("stop", root)
        for command in (["status"], ["task", "update", "河西", "梳理", "-p", "20"]):
            assert_clear_error(invoke(url, *command), 4, "连不上数据库服务器", "服务器未运行")

        _pgserver("start", root, "--port", str(5491 + number))
        done = invoke(url, "task", "update", "河西", "梳理", "-p", "20")
        assert done.exit_code == 0, done.stderr
        check = invoke(url, "db", "check")
        assert check.exit_code == 0 and "数据库完好" in check.stdout, check.stderr
        changes = [e for _, _, e in audit_on(superuser) if e.get("action") == "task.update"]
        assert len(changes) == 1
    finally:
        subprocess.run([sys.executable, str(PGSERVER), "stop", str(root)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def audit_on(superuser: str) -> list[tuple[int, str, dict]]:
    with psycopg.connect(pg.with_login(superuser, "postgres", "pilot")) as conn:
        return conn.execute("SELECT seq, actor, entry FROM tracker.audit ORDER BY seq").fetchall()


# -- logins made and disabled with the people ------------------------------------------------


def role(login: str) -> tuple[bool, bool] | None:
    """(can log in, is in tracker_users) for a server role; None when there is none."""
    with psycopg.connect(pg.server(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT rolcanlogin, pg_has_role(oid, 'tracker_users', 'MEMBER') FROM pg_roles "
            "WHERE rolname = %s",
            (login,),
        ).fetchone()
    return (row[0], row[1]) if row else None


def test_person_add_with_create_login_makes_a_login_that_connects_and_acts(team: Cli):
    login = pg.fresh_login("gao")
    url = str(team.db)
    assert role(login) is None

    added = team.ok(
        "person", "add", "高翔", "--login", login, "--role", "区试点负责人", "-d", "河西",
        "--create-login",
    )  # fmt: skip
    assert f"已在数据库服务器上建立登录 {login}" in added.stdout
    assert role(login) == (True, True)

    as_new = pg.with_login(url, login)
    done = invoke(as_new, "task", "update", "河西", "规范", "-p", "15", os_login="nobody")
    assert done.exit_code == 0, done.stderr
    [(_, actor, entry)] = audit(url, last_seq(url) - 1)
    assert (actor, entry["login"], entry["action"]) == (login, login, "task.update")
    refused = invoke(as_new, "task", "update", "津南", "规范", "-p", "15")
    assert_clear_error(refused, 3, "只能修改河西区的数据")


def test_person_deactivate_disables_the_login(team: Cli):
    login = pg.fresh_login("sun")
    url = str(team.db)
    team.ok("person", "add", "孙丽", "--login", login, "--role", "区工作人员", "-d", "河西",
            "--create-login")  # fmt: skip
    as_new = pg.with_login(url, login)
    assert invoke(as_new, "task", "update", "河西", "规范", "-p", "15").exit_code == 0

    team.ok("person", "deactivate", login, "--reason", "调离")

    assert role(login) == (False, True)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(as_new).close()
    # Refused as a deactivated person is on a folder database: not permitted (exit 3).
    assert_clear_error(invoke(as_new, "status"), 3, "该数据库登录已停用")
    assert task(team, "河西", "standardize")["progress"] == 15


def test_create_login_is_only_for_a_coordinator(team: Cli):
    login = pg.fresh_login("zhou")
    refused = team("person", "add", "周平", "--login", login, "--role", "只读用户",
                   "--create-login", login="lihua")  # fmt: skip
    assert_clear_error(refused, 3)
    assert role(login) is None
    assert login not in {p["login"] for p in team.json("person", "list")}


def test_create_login_on_a_folder_database_is_a_clear_error(cli: Cli):
    refused = cli("person", "add", "高翔", "--login", "gaox", "--role", "区试点负责人",
                  "-d", "河西", "--create-login")  # fmt: skip
    assert_clear_error(refused, 2, "--create-login 只用于数据库服务器")
    assert "gaox" not in {p["login"] for p in cli.json("person", "list")}


# -- backup, restore, check, copy ---------------------------------------------------------------


def test_a_server_backup_restores_to_a_server_and_to_a_folder_unchanged(pg_demo: Cli, tmp_path):
    url = str(pg_demo.db)
    backup = tmp_path / "tracker-20180315.zip"
    made = pg_demo.ok("db", "backup", str(backup))
    assert f"已备份到 {backup}" in made.stdout

    other = pg.new_database()
    restored = pg_demo.ok("db", "restore", str(backup), "--to", other)
    assert "检查通过" in restored.stdout
    folder = tmp_path / "restored"
    pg_demo.ok("db", "restore", str(backup), "--to", str(folder))

    original = export_store(url)
    for copy in (other, folder):
        dump = export_store(copy)
        assert (dump.counts(), dump.checksum()) == (original.counts(), original.checksum())
        assert Cli(copy).json("db", "check")["ok"]
    Cli(other).ok("note", "add", "河西", "--kind", "工作进展", "恢复后继续工作")

    # A server database is replaced only with --force, and kept.
    again = pg_demo("db", "restore", str(backup), "--to", other)
    assert_clear_error(again, 4, "--force")
    assert "恢复后继续工作" in {n["text"] for n in Cli(other).json("note", "list")}
    replaced = pg_demo.ok("db", "restore", str(backup), "--to", other, "--force")
    assert "原数据库已保留为 tracker_bak_" in replaced.stdout
    assert export_store(other).checksum() == original.checksum()


def test_db_check_finds_an_audit_entry_a_superuser_edited_with_the_triggers_off(team: Cli):
    url = str(team.db)
    team.ok("task", "update", "河西", "梳理", "-p", "30", login="lihua")
    team.ok("task", "update", "津南", "梳理", "-p", "20", login="wangfang")
    assert team.json("db", "check")["ok"]
    edited = next(
        seq
        for seq, _, e in audit(url)
        if e.get("scope") == "hexi" and e["after"].get("progress") == 30
    )
    with pg.superuser(url) as conn:
        conn.execute("ALTER TABLE tracker.audit DISABLE TRIGGER USER")
        conn.execute(
            "UPDATE tracker.audit SET canonical = jsonb_set(entry, '{after,progress}', '95')::text "
            "WHERE seq = %s",
            (edited,),
        )
        conn.execute("ALTER TABLE tracker.audit ENABLE TRIGGER USER")

    found = team("db", "check")
    assert found.exit_code == 4, found.stdout
    assert "数据库检查发现" in found.stdout
    assert f"操作记录第 {edited + 1} 条：校验链断开：其前的第 {edited} 条被改动" in found.stdout
    assert "hexi/tasks/comb" in found.stdout
    as_json = team("db", "check", "--json")
    assert as_json.exit_code == 4 and json.loads(as_json.stdout)["ok"] is False

    # The edit is the last-but-one entry: no one may write on a broken chain.
    before = audit(url)
    refused = team("task", "update", "河西", "梳理", "-p", "40", login="lihua")
    assert_clear_error(refused, 4, f"校验链在第 {edited + 1} 条处断开")
    assert audit(url) == before


def test_db_check_finds_an_entry_rewritten_in_another_name_with_the_triggers_off(team: Cli):
    """The chain can be rebuilt by whoever rewrites every entry after an edit; the writer the
    server recorded cannot: an entry now naming someone else is found."""
    url = str(team.db)
    team.ok("task", "update", "河西", "梳理", "-p", "30", login="lihua")
    last = audit(url)[-1][0]
    with pg.superuser(url) as conn:
        conn.execute("ALTER TABLE tracker.audit DISABLE TRIGGER USER")
        conn.execute(
            "UPDATE tracker.audit SET canonical = jsonb_set(entry, '{login}', '\"wangfang\"')::text "
            "WHERE seq = %s",
            (last,),
        )
        conn.execute("ALTER TABLE tracker.audit ENABLE TRIGGER USER")

    found = team("db", "check")
    assert found.exit_code == 4
    assert (
        f"操作记录第 {last} 条：记录的登录名「wangfang」与服务器记下的写入者「lihua」不符"
        in found.stdout
    )


def test_a_login_that_is_no_user_of_the_database_is_told_how_to_get_one(team: Cli):
    stranger = pg.fresh_login("stranger")
    with psycopg.connect(pg.server(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(stranger)))
    refused = CliRunner().invoke(app, ["--db", pg.with_login(str(team.db), stranger), "status"])
    assert_clear_error(refused, 3, "不是本库的用户")
    assert "--create-login" in refused.stderr


def test_db_copy_from_a_folder_to_a_server_and_back_keeps_everything(copy_demo, tmp_path):
    folder = copy_demo(tmp_path / "demo")
    url = pg.new_database()
    cli = Cli(folder)

    there = cli.ok("db", "copy", "--from", str(folder), "--to", url)
    assert "两边校验和一致" in there.stdout
    back = tmp_path / "back"
    cli.ok("db", "copy", "--from", url, "--to", str(back))

    original = export_store(folder)
    assert original.counts()["audit_entries"] > 0 and original.counts()["log_entries"] > 0
    for copy in (url, back):
        dump = export_store(copy)
        assert (dump.counts(), dump.checksum()) == (original.counts(), original.checksum())
        assert Cli(copy).json("db", "check")["ok"]

    # Nothing is overwritten without --force; with it, the old one is kept.
    Cli(url).ok("note", "add", "河西", "--kind", "工作进展", "服务器上的新进展")
    for target in (url, str(back)):
        refused = cli("db", "copy", "--from", str(folder), "--to", target)
        assert_clear_error(refused, 4, "--force")
    assert "服务器上的新进展" in {n["text"] for n in Cli(url).json("note", "list")}
    assert export_store(back).checksum() == original.checksum()
    replaced = cli.ok("db", "copy", "--from", str(folder), "--to", url, "--force")
    assert "目标处原有的数据库已保留为 tracker_bak_" in replaced.stdout
    assert export_store(url).checksum() == original.checksum()


def test_only_a_coordinator_may_copy_a_server_database(pg_demo: Cli, tmp_path):
    as_lead = pg.with_login(str(pg_demo.db), "wangjh")
    out = tmp_path / "out"
    refused = pg_demo("db", "copy", "--from", as_lead, "--to", str(out), login="wangjh")
    assert_clear_error(refused, 3, "「wangjh」不是数据库", "不能复制")
    assert not (tmp_path / "out").exists()


# -- upgrading the structure --------------------------------------------------------------------


@pytest.fixture
def version_one() -> Cli:
    """A database built by a tracker whose schema was version 1 (before live announcements)."""
    url = pg.new_database()
    plan = load_plan_file(builtin_plan_path())
    create_postgres(
        url,
        plan.data,
        "zhangwei",
        lambda tx: populate_new_database(tx, plan, "zhangwei", "张伟"),
        schema_version=1,
    )
    return Cli(url)


def test_an_old_database_is_refused_until_db_upgrade_then_works(version_one: Cli):
    url = str(version_one.db)
    for command in (["status"], ["task", "update", "河西", "梳理", "-p", "10"], ["db", "check"]):
        result = version_one(*command)
        assert_clear_error(result, 4, "结构版本（1）比本程序的（2）旧", "tracker db upgrade")

    upgraded = version_one.ok("db", "upgrade")
    assert "数据库结构已从第 1 版升级到第 2 版" in upgraded.stdout

    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute("LISTEN tracker_changed")
        version_one.ok("task", "update", "河西", "梳理", "-p", "10")
        assert list(listener.notifies(timeout=5, stop_after=1)), "version 2 announces changes"
    assert task(version_one, "河西", "comb")["progress"] == 10
    assert version_one.json("db", "check")["ok"]
    again = version_one.ok("db", "upgrade")
    assert "数据库结构已是最新（第 2 版），无需升级" in again.stdout


def test_only_the_owner_can_upgrade_and_a_refused_upgrade_changes_nothing(version_one: Cli):
    refused = version_one("db", "upgrade", login="lihua")
    assert_clear_error(refused, 3, "数据库服务器拒绝")
    assert_clear_error(version_one("status"), 4, "tracker db upgrade")


@pytest.mark.parametrize("login", ["zhangwei", "lihua"])
def test_db_upgrade_on_a_current_database_says_it_is_the_latest(team: Cli, login: str):
    """Anyone told to run ``tracker db upgrade`` may run it; on a current database there is
    nothing to change and nothing to refuse."""
    result = team("db", "upgrade", login=login)
    assert result.exit_code == 0, result.stderr
    assert "数据库结构已是最新（第 2 版），无需升级" in result.stdout
