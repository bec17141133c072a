"""Issue 10's defects, each as it was found: a planted journal, a borrowed identity, logs that
lose entries, rebuilds that lose the database. Real processes where the defect needs one."""

import json
import os
import pwd
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import COORDINATOR, Cli, environment, snapshot, without_root_powers
from tests.identity import act_as
from tracker.domain.errors import InputError
from tracker.services import identity
from tracker.services.tasks import update_task
from tracker.services.tracker import open_tracker
from tracker.store.folder.files import FileLock


def run(db: Path, *args: str, login: str | None = COORDINATOR, **env: str):
    """``tracker`` in a real process, as ``login`` (None: as whoever runs the tests)."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db), *args],
        env=environment(login, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def audit(db: Path) -> list[dict]:
    return [json.loads(line) for line in (db / "audit.jsonl").read_text().splitlines()]


# -- 1. the journal can write anywhere --------------------------------------------


def test_a_planted_journal_cannot_touch_files_outside_the_database(cli: Cli, tmp_path):
    victim = tmp_path / "bashrc"
    victim.write_text("echo mine\n")
    appended = tmp_path / "other.txt"
    appended.write_text("keep\n")
    payload = tmp_path / "payload"
    payload.write_text("echo owned\n")
    (cli.db / "journal.json").write_text(
        json.dumps(
            {
                "renames": [[str(payload), str(victim)]],
                "audit": [],
                "appends": {str(appended): [{"seq": 1, "evil": True}]},
            }
        )
    )
    before = snapshot(cli.db)

    result = run(cli.db, "status")

    assert result.returncode == 4, result.stderr
    assert "journal.json" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_text() == "echo mine\n"
    assert appended.read_text() == "keep\n"
    assert payload.exists()
    assert snapshot(cli.db) == before


@pytest.mark.parametrize(
    "journal",
    [
        {"renames": [["../x.txn", "../people.json"]], "audit": [], "appends": {}},
        {"renames": [[".meta.json.1.txn", "meta.json"]], "audit": [], "appends": {}},
        {"renames": [[".people.json.1.txn", "people.json"]], "audit": [{"at": "x"}]},
        {"renames": [], "audit": [], "appends": {"history/../../escape.jsonl": []}},
        {"renames": [], "audit": [], "appends": {"audit.jsonl": [{"seq": 1}]}},
        {"renames": "all", "audit": []},
    ],
    ids=["parent", "not-a-store-file", "entry-without-seq", "escape", "audit-as-log", "type"],
)
def test_a_journal_naming_anything_but_the_stores_own_files_is_damage(cli: Cli, journal):
    (cli.db / "journal.json").write_text(json.dumps(journal))
    before = snapshot(cli.db)
    for args in (["status"], ["task", "update", "河西", "梳理", "-p", "5"]):
        result = cli(*args)
        assert result.exit_code == 4, result.stdout
        assert "journal.json" in result.stderr
    assert snapshot(cli.db) == before


def test_a_journal_cannot_append_through_a_symbolic_link(cli: Cli, tmp_path):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    outside = tmp_path / "outside.jsonl"
    outside.write_text("")
    (cli.db / "history").mkdir(exist_ok=True)
    (cli.db / "history" / "wuqing.jsonl").symlink_to(outside)
    (cli.db / "journal.json").write_text(
        json.dumps({"renames": [], "audit": [], "appends": {"history/wuqing.jsonl": [{"seq": 9}]}})
    )
    assert cli("status").exit_code == 4
    assert outside.read_text() == ""


# -- 2. identity comes from the environment -----------------------------------------


def test_logname_does_not_make_anyone_the_coordinator(cli: Cli):
    cli.ok("person", "add", "高晓明", "--login", "gaoxm", "--role", "coordinator")
    real = pwd.getpwuid(os.getuid()).pw_name
    assert real != "gaoxm"

    result = run(
        cli.db,
        "task",
        "update",
        "津南",
        "梳理",
        "--progress",
        "16",
        login=None,
        LOGNAME="gaoxm",
        USER="gaoxm",
        LNAME="gaoxm",
        TRACKER_LOGIN="gaoxm",
    )

    assert result.returncode == 3, result.stderr
    last = audit(cli.db)[-1]
    assert last["denied"] is True
    assert last["login"] == real
    assert cli.json("task", "list", "-d", "jinnan")[0]["progress"] == 0


def test_where_the_system_has_no_login_a_variable_may_name_it_and_the_log_says_so(
    cli: Cli, monkeypatch
):
    def no_entry() -> str:
        raise KeyError("uid not in the password database")

    monkeypatch.setattr(identity, "_password_login", no_entry)
    monkeypatch.delenv("TRACKER_LOGIN", raising=False)
    monkeypatch.setenv("LOGNAME", COORDINATOR)
    tracker = open_tracker(cli.db, as_of="2018-03-15")
    update_task(tracker, "河西", "梳理", progress="12")
    last = audit(cli.db)[-1]
    assert last["login"] == COORDINATOR and last["login_from"] == "LOGNAME"
    assert "login_from" not in audit(cli.db)[0], "a login from the system is not marked"


def test_no_login_anywhere_is_a_clear_error(monkeypatch):
    def no_entry() -> str:
        raise KeyError("uid")

    monkeypatch.setattr(identity, "_password_login", no_entry)
    for name in identity.FALLBACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(InputError, match="无法确定当前系统登录名"):
        identity.system_login()


def test_init_force_on_a_damaged_people_file_is_refused_to_everyone(cli: Cli):
    (cli.db / "people.json").write_text("{garbage")
    before = snapshot(cli.db)
    result = cli("init", "--force", login="stranger")
    assert result.exit_code == 4
    assert "已损坏" in result.stderr and "db restore" in result.stderr
    assert "第一位协调员" not in result.stdout
    assert snapshot(cli.db) == before


def test_init_force_never_moves_a_folder_that_is_not_a_database(tmp_path):
    folder = tmp_path / "公文"
    folder.mkdir()
    (folder / "通知.docx").write_bytes(b"mine")
    result = Cli(folder)("init", "--force")
    assert result.exit_code == 4
    assert "不是 tracker 数据库" in result.stderr
    assert (folder / "通知.docx").read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["公文"]


def test_init_into_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "data").mkdir()
    Cli(tmp_path / "data").ok("init")
    assert (tmp_path / "data" / "meta.json").exists()


# -- 3. silent loss when logs are damaged -----------------------------------------


def test_a_last_entry_without_its_newline_is_kept_and_numbered_on_from(cli: Cli):
    cli.ok("task", "update", "河西", "梳理", "-p", "10")
    log = cli.db / "audit.jsonl"
    log.write_bytes(log.read_bytes().rstrip(b"\n"))
    last = audit(cli.db)[-1]

    cli.ok("task", "update", "河西", "梳理", "-p", "20")

    entries = audit(cli.db)
    assert last in entries
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    assert cli("db", "check").exit_code == 0


@pytest.mark.parametrize("damage", ["delete", "empty"])
def test_a_deleted_or_emptied_audit_log_stops_every_command(cli: Cli, damage):
    log = cli.db / "audit.jsonl"
    if damage == "delete":
        log.unlink()
    else:
        log.write_bytes(b"")
    before = snapshot(cli.db)
    for args in (["status"], ["log"], ["task", "update", "河西", "梳理", "-p", "5"]):
        result = cli(*args)
        assert result.exit_code == 4, args
        assert "audit.jsonl" in result.stderr
    assert snapshot(cli.db) == before


def test_a_deleted_items_file_is_missed_not_taken_for_an_empty_catalog(cli: Cli):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    (cli.db / "items" / "hexi.json").unlink()
    before = snapshot(cli.db)
    for args in (
        ["item", "list", "-d", "河西"],
        ["item", "add", "河西", "--area", "城乡规划", "--name", "二"],
    ):
        result = cli(*args)
        assert result.exit_code == 4
        assert "items/hexi.json" in result.stderr and "缺失" in result.stderr
    assert snapshot(cli.db) == before


@pytest.mark.parametrize("damage", ["missing", "garbled", "wrong-type"])
def test_a_missing_or_garbled_history_is_named(cli: Cli, damage):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    cli.ok("item", "update", "hexi-1", "--basis", "《城乡规划法》")
    history = cli.db / "history" / "hexi.jsonl"
    if damage == "missing":
        history.unlink()
    elif damage == "garbled":
        history.write_bytes(b"\x00\xff garbage\n")
    else:
        history.write_text('{"seq": "one"}\n')
    result = cli("item", "show", "hexi-1")
    assert result.exit_code == 4
    assert "history/hexi.jsonl" in result.stderr


# -- 4. a tamper-evident audit log -------------------------------------------------


def test_an_edited_login_and_a_deleted_line_are_found_where_they_are(cli: Cli):
    for progress in (10, 20, 30, 40):
        cli.ok("task", "update", "河西", "梳理", "-p", str(progress))
    lines = (cli.db / "audit.jsonl").read_text().splitlines(keepends=True)
    edited = json.loads(lines[-5])["seq"]
    lines[-5] = lines[-5].replace('"login":"zhangwei"', '"login":"lihua"')
    deleted = json.loads(lines[-2])["seq"]
    del lines[-2]
    (cli.db / "audit.jsonl").write_text("".join(lines))

    result = cli("db", "check", "--json")

    assert result.exit_code == 4
    report = json.loads(result.stdout)
    places = {p["where"] for p in report["problems"]}
    assert f"操作记录第 {edited + 1} 条" in places, "the entry after the edited one breaks"
    assert any(f"缺少第 {deleted} 条" in p["what"] for p in report["problems"])


def test_a_broken_tail_stops_the_next_write(cli: Cli):
    cli.ok("task", "update", "河西", "梳理", "-p", "10")
    cli.ok("task", "update", "河西", "梳理", "-p", "20")
    log = cli.db / "audit.jsonl"
    log.write_text(log.read_text().replace('"progress":10', '"progress":99'))
    before = snapshot(cli.db)
    result = cli("task", "update", "河西", "梳理", "-p", "11")
    assert result.exit_code == 4 and "校验链" in result.stderr
    assert snapshot(cli.db) == before


def test_a_change_made_behind_the_logs_back_is_found(cli: Cli):
    hexi = cli.db / "districts" / "hexi.json"
    hexi.write_text(hexi.read_text().replace('"progress":0', '"progress":88', 1))
    report = json.loads(cli("db", "check", "--json").stdout)
    assert not report["ok"]
    assert any(
        "progress" in p["what"] and p["where"].startswith("hexi/tasks/") for p in report["problems"]
    )


def test_check_passes_on_a_fresh_database_and_prints_the_head(cli: Cli):
    result = cli.ok("db", "check")
    assert "数据库完好" in result.stdout and "校验值" in result.stdout


# -- 5. backup, restore, rebuild ---------------------------------------------------


def test_backup_and_restore_bring_back_the_same_database(cli: Cli, tmp_path):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    cli.ok("item", "update", "hexi-1", "--basis", "《城乡规划法》")
    cli.ok("db", "backup", str(tmp_path / "b.zip"))
    restored = tmp_path / "restored"

    result = Cli(tmp_path)("db", "restore", str(tmp_path / "b.zip"), "--to", str(restored))

    assert result.exit_code == 0, result.stderr
    assert snapshot(restored) == {
        k: v for k, v in snapshot(cli.db).items() if not k.startswith(".")
    }
    assert Cli(restored).json("db", "check")["ok"]


def test_a_backup_that_fails_its_check_is_not_restored(cli: Cli, tmp_path):
    import zipfile

    cli.ok("db", "backup", str(tmp_path / "b.zip"))
    with (
        zipfile.ZipFile(tmp_path / "b.zip") as source,
        zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "districts/hexi.json":
                data = data.replace(b'"progress":0', b'"progress":50', 1)
            bad.writestr(info, data)
    result = Cli(tmp_path)("db", "restore", str(tmp_path / "bad.zip"), "--to", str(tmp_path / "r"))
    assert result.exit_code == 4 and "检查未通过" in result.stderr
    assert not (tmp_path / "r").exists()
    assert not list(tmp_path.glob(".r.building-*"))


def test_a_backup_with_paths_outside_the_database_is_refused(tmp_path, cli: Cli):
    import zipfile

    cli.ok("db", "backup", str(tmp_path / "b.zip"))
    with zipfile.ZipFile(tmp_path / "b.zip", "a") as archive:
        archive.writestr("../../evil.sh", b"rm -rf ~")
    result = Cli(tmp_path)("db", "restore", str(tmp_path / "b.zip"), "--to", str(tmp_path / "r"))
    assert result.exit_code == 2 and "不属于数据库" in result.stderr
    assert not (tmp_path.parent / "evil.sh").exists()


def test_restoring_over_a_database_needs_force_and_a_coordinator_of_the_backup(team: Cli, tmp_path):
    team.ok("db", "backup", str(tmp_path / "b.zip"))
    (team.db / "people.json").write_text("{garbage")
    lead = team(
        "db", "restore", str(tmp_path / "b.zip"), "--to", str(team.db), "--force", login="lihua"
    )
    assert lead.exit_code == 3
    no_force = team("db", "restore", str(tmp_path / "b.zip"), "--to", str(team.db))
    assert no_force.exit_code == 4 and "--force" in no_force.stderr

    team.ok("db", "restore", str(tmp_path / "b.zip"), "--to", str(team.db), "--force")
    assert team.json("db", "check")["ok"]
    assert list(team.db.parent.glob("data.bak-*")), "the damaged database is kept aside"


def test_a_crash_between_swapping_and_setting_the_old_database_aside_loses_neither(cli: Cli):
    cli.ok("task", "update", "河西", "梳理", "-p", "30")
    code = """
import os, sys
from tracker.cli import main
from tracker.store.folder import store
real = store.exchange
def swap_and_die(*args):
    assert real(*args)
    os._exit(9)
store.exchange = swap_and_die
main(["--db", sys.argv[1], "init", "--force"])
"""
    died = subprocess.run(
        [sys.executable, "-c", code, str(cli.db)], env=environment(COORDINATOR), check=False
    )
    assert died.returncode == 9
    assert cli.json("task", "list", "-d", "hexi")[0]["progress"] == 0, (
        "the new database is in place"
    )
    leftover = list(cli.db.parent.glob(".data.building-*"))
    assert len(leftover) == 1, "the old database sits where the swap put it"

    cli.ok("init", "--force")  # the next rebuild keeps the old one as a backup
    kept = [
        Cli(backup).json("task", "list", "-d", "hexi")[0]["progress"]
        for backup in cli.db.parent.glob("data.bak-*")
    ]
    assert sorted(kept) == [0, 30], "both replaced databases are kept"
    assert not list(cli.db.parent.glob(".data.building-*"))


def test_a_writer_waiting_on_the_lock_of_a_replaced_database_locks_the_new_one(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    path = tmp_path / "db" / ".lock"
    os.rename(old, tmp_path / "db")
    got: list[int] = []
    with FileLock(path):
        waiter = threading.Thread(target=lambda: _lock_and_note(path, got))
        waiter.start()
        time.sleep(0.2)
        os.rename(tmp_path / "db", old)
        os.rename(new, tmp_path / "db")
        (tmp_path / "db" / ".lock").touch()
        fresh = os.stat(path).st_ino
    waiter.join(10)
    assert got == [fresh]


def _lock_and_note(path: Path, got: list[int]) -> None:
    lock = FileLock(path)
    with lock:
        assert lock._fd is not None
        got.append(os.fstat(lock._fd).st_ino)


def test_stale_temporary_files_of_dead_processes_are_cleaned(cli: Cli):
    dead = 2**22 + 12345  # beyond pid_max on most systems: no such process
    strays = [
        cli.db / f".journal.json.{dead}.tmp",
        cli.db / "districts" / f".hexi.stats.json.{dead}.tmp",
        cli.db / "districts" / f".hexi.json.{dead}.txn",
    ]
    for stray in strays:
        stray.write_text("{}")
    building = cli.db.parent / f".data.building-{dead}"
    building.mkdir()
    (building / ".building").touch()
    cli.ok("task", "update", "河西", "梳理", "-p", "5")
    cli.ok("init", "--force")
    assert not any(stray.exists() for stray in strays)
    assert not building.exists()


def test_permissions_fail_before_the_commit_point(cli: Cli):
    """In a shared folder, a user who may write the data files but not the audit log is
    stopped before the commit point: nothing changes and no journal is left."""
    os.chmod(cli.db / "audit.jsonl", 0o444)
    before = snapshot(cli.db)
    argv = [
        sys.executable,
        "-m",
        "tracker",
        "--db",
        str(cli.db),
        "task",
        "update",
        "河西",
        "梳理",
        "-p",
        "5",
    ]

    result = subprocess.run(
        without_root_powers(argv),
        env=environment(COORDINATOR),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 4, result.stderr
    assert "权限" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(cli.db) == before
    assert not (cli.db / "journal.json").exists()


def test_a_replaced_file_keeps_its_group_write_permission(cli: Cli):
    hexi = cli.db / "districts" / "hexi.json"
    os.chmod(hexi, 0o664)
    cli.ok("task", "update", "河西", "梳理", "-p", "5")
    assert hexi.stat().st_mode & 0o777 == 0o664


def test_act_as_is_test_only(monkeypatch):
    act_as(monkeypatch, "someone")
    assert identity.system_login().login == "someone"
    assert identity.system_login().source is None


# -- 8. errors, not tracebacks: a full disk --------------------------------------


@pytest.mark.parametrize("where", ["data-file", "journal"])
def test_a_full_disk_is_exit_4_and_leaves_no_transaction_file(cli: Cli, monkeypatch, where):
    import errno

    from tracker.store.folder import files, journal

    real = files.write_synced

    def full(path: Path, payload: bytes) -> None:
        if where == "data-file" or ".journal.json." in path.name:
            real(path, payload[: len(payload) // 2])  # what fitted before the disk filled
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(journal, "write_synced", full)
    monkeypatch.setattr(files, "write_synced", full)
    before = snapshot(cli.db)

    result = cli("task", "update", "河西", "梳理", "-p", "5")

    assert result.exit_code == 4 and "磁盘空间已满" in result.stderr
    assert snapshot(cli.db) == before
    leftovers = [p.name for p in cli.db.rglob(".*") if p.name.endswith((".txn", ".tmp"))]
    assert leftovers == []


def test_new_files_in_a_group_shared_folder_are_group_writable(cli: Cli):
    for folder in [cli.db, *(p for p in cli.db.iterdir() if p.is_dir())]:
        os.chmod(folder, 0o2775)
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    cli.ok("item", "update", "hexi-1", "--basis", "《城乡规划法》")
    for made in ("items", "items/hexi.json", "history", "history/hexi.jsonl"):
        mode = (cli.db / made).stat().st_mode
        assert mode & 0o060 == 0o060, f"{made} is {oct(mode)}"


def test_a_bad_pinned_date_in_meta_is_damage_not_a_traceback(cli: Cli):
    meta = cli.db / "meta.json"
    meta.write_text(meta.read_text().replace('"as_of":null', '"as_of":"2018-02-30"'))
    result = cli("status")
    assert result.exit_code == 4 and "as_of" in result.stderr


def test_db_check_reads_past_remembered_values_and_is_anchored_by_the_bulletin(
    demo_copy: Path, tmp_path
):
    demo = Cli(demo_copy)
    demo.ok("status")  # leaves remembered catalog statistics beside the items files
    assert list((demo_copy / "items").glob(".*.json"))
    report = demo.json("db", "check")
    assert report["ok"], report["problems"][:3]

    demo.ok("report", "bulletin", "--draft", "-o", str(tmp_path / "通报.md"))
    printed = (tmp_path / "通报.md").read_text(encoding="utf-8")
    assert f"操作记录第 {report['entries']} 条（校验值 {report['head'][:16]}）" in printed


@pytest.fixture
def demo_copy(copy_demo, tmp_path) -> Path:
    return copy_demo(tmp_path / "demo")


def test_the_first_coordinators_name_is_checked_at_the_door(tmp_path):
    result = Cli(tmp_path / "data")("init", "--name", "张\x1b[2J伟")
    assert result.exit_code == 2 and "控制字符" in result.stderr
    assert not (tmp_path / "data").exists()


# -- found in review ---------------------------------------------------------------------------


def test_a_journal_cannot_rename_a_planted_link_into_a_log(cli: Cli, tmp_path):
    outside = tmp_path / "victim"
    outside.write_text("")
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    cli.ok("item", "update", "hexi-1", "--basis", "《城乡规划法》")
    (cli.db / "history" / ".hexi.jsonl.1.txn").symlink_to(outside)
    (cli.db / "journal.json").write_text(
        json.dumps(
            {
                "renames": [["history/.hexi.jsonl.1.txn", "history/hexi.jsonl"]],
                "audit": [],
                "appends": {"history/hexi.jsonl": [{"seq": 1, "x": "$(id)"}]},
            }
        )
    )
    result = run(cli.db, "status")
    assert result.returncode == 4 and "journal.json" in result.stderr
    assert outside.read_text() == ""
    assert not (cli.db / "history" / "hexi.jsonl").is_symlink()


def test_a_backup_refuses_a_planted_link(cli: Cli, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("SECRET")
    (cli.db / "districts" / "zz.json").symlink_to(secret)
    result = cli("db", "backup", str(tmp_path / "b.zip"))
    assert result.exit_code == 4 and "zz.json" in result.stderr
    assert not (tmp_path / "b.zip").exists()


def test_a_chain_stripped_from_every_entry_is_found(cli: Cli):
    cli.ok("task", "update", "河西", "梳理", "-p", "10")
    log = cli.db / "audit.jsonl"
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    for entry in entries:
        entry.pop("prev")
    entries[0]["login"] = "gaoxm"
    log.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries))
    report = json.loads(cli("db", "check", "--json").stdout)
    assert not report["ok"] and any("prev" in p["what"] for p in report["problems"])
    assert cli("task", "update", "河西", "梳理", "-p", "11").exit_code == 4


def test_restoring_over_an_intact_database_needs_its_own_coordinator(team: Cli, tmp_path):
    other = Cli(tmp_path / "other")
    other.ok("init", login="stranger")
    other.ok("db", "backup", str(tmp_path / "other.zip"), login="stranger")
    refused = team("db", "restore", str(tmp_path / "other.zip"), "--to", str(team.db), "--force",
                   login="stranger")  # fmt: skip
    assert refused.exit_code == 3 and "不是数据库" in refused.stderr
    assert team.json("person", "list")
