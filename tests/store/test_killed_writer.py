"""A writer killed at any point of a commit leaves a database that opens with every saved change."""

import json
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import COORDINATOR, Cli, environment

CRASH_AT = """
import os, sys
from tracker.cli import main
from tracker.store.folder import audit_log, files, journal
point = sys.argv[2]
append = audit_log.append

def die(*args, **kwargs):
    os._exit(9)

def crash_at_audit(path, entries):
    if path.name != "audit.jsonl":
        return append(path, entries)
    if point == "mid-audit":
        # What a crash leaves: the first bytes of the first new line.
        with open(path, "ab") as handle:
            handle.write(files.dump_json(entries[-1])[:17])
    os._exit(9)

if point == "before-journal":
    journal.atomic_write = die
elif point == "after-journal":
    journal._apply = die
elif point in ("before-audit", "mid-audit"):
    audit_log.append = crash_at_audit
main(["--db", sys.argv[1], "task", "update", "河西", "梳理", "--progress", "55"])
"""


def crash(cli: Cli, script: str, point: str) -> None:
    """Run ``script`` against the database and make sure it died at ``point``."""
    crashed = subprocess.run(
        [sys.executable, "-c", script, str(cli.db), point],
        env=environment(COORDINATOR),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert crashed.returncode == 9, crashed.stderr


def audit_entries(cli: Cli) -> list[dict]:
    return [json.loads(line) for line in (cli.db / "audit.jsonl").read_text().splitlines()]


@pytest.mark.parametrize(
    ("point", "committed"),
    [
        ("before-journal", False),
        ("after-journal", True),
        ("before-audit", True),
        ("mid-audit", True),
    ],
)
def test_a_crash_at_each_step_of_a_commit_is_all_or_nothing(cli: Cli, point, committed):
    entries_before = len(audit_entries(cli))
    crash(cli, CRASH_AT, point)

    progress = cli.json("task", "list", "-d", "hexi")[0]["progress"]
    updates = [e for e in audit_entries(cli) if e["action"] == "task.update"]
    assert progress == (55 if committed else 0)
    assert len(updates) == (1 if committed else 0), "a change lands with exactly one audit entry"
    assert len(audit_entries(cli)) == entries_before + len(updates)
    assert not (cli.db / "journal.json").exists()

    cli.ok("task", "update", "河西", "梳理", "--progress", "60")
    leftovers = [p.name for p in cli.db.rglob("*") if p.name.endswith((".txn", ".tmp"))]
    assert leftovers == [], "temporary files of the dead writer are cleaned up"
    assert [e["seq"] for e in audit_entries(cli)] == list(
        range(1, entries_before + len(updates) + 2)
    )


LOOPING_WRITER = """
import sys
from tracker.cli import main
for i in range(100000):
    code = main(["--db", sys.argv[1], "--as-of", "2018-03-15", "note", "add", "武清", "--kind", "progress", f"n{i}"])
    if code == 0:
        print(f"saved n{i}", flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.003, 0.007, 0.011, 0.017])
def test_sigkill_mid_write_loses_no_change_reported_as_saved(cli: Cli, delay):
    writer = subprocess.Popen(
        [sys.executable, "-c", LOOPING_WRITER, str(cli.db)],
        env=environment(COORDINATOR),
        stdout=subprocess.PIPE,
        text=True,
    )
    saved = []
    while len(saved) < 8:
        line = writer.stdout.readline()
        assert line, "the writer died on its own"
        if line.startswith("saved "):
            saved.append(line.split()[1])
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate(timeout=30)
    saved += [line.split()[1] for line in rest.splitlines() if line.startswith("saved ")]

    notes = {n["text"] for n in cli.json("note", "list", "-d", "wuqing")}
    assert set(saved) <= notes
    added = [e for e in audit_entries(cli) if e["action"] == "note.add"]
    assert sorted(e["after"]["text"] for e in added) == sorted(notes), (
        "every stored note is attributed"
    )
    cli.ok("status")


ITEM_CRASH = CRASH_AT.replace(
    'main(["--db", sys.argv[1], "task", "update", "河西", "梳理", "--progress", "55"])',
    'main(["--db", sys.argv[1], "item", "update", "hexi-1", "--basis", "《城乡规划法》"])',
)


@pytest.mark.parametrize("point", ["after-journal", "before-audit", "mid-audit"])
def test_an_items_history_is_recovered_once_with_its_change(cli: Cli, point):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    crash(cli, ITEM_CRASH, point)

    shown = cli.json("item", "show", "hexi-1")
    assert shown["basis"] == "《城乡规划法》"
    assert [entry["changes"]["basis"] for entry in shown["history"]] == [["", "《城乡规划法》"]]
    assert len([e for e in audit_entries(cli) if e["action"] == "item.update"]) == 1


DIE_AT_STEP = """
import builtins, io, os, sys
from tracker.cli import main

target, step_to_die, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
steps = 0


def step():
    global steps
    steps += 1
    if steps == step_to_die:
        os._exit(9)


def counted(function, changes=lambda *a, **k: True):
    def wrapper(*args, **kwargs):
        if changes(*args, **kwargs):
            step()
        return function(*args, **kwargs)
    return wrapper


def writes(file, mode="r", *args, **kwargs):
    return any(flag in mode for flag in "wax+")


def creates(path, flags, *args, **kwargs):
    return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))


for name in ("replace", "rename", "unlink", "remove", "rmdir", "mkdir", "truncate", "chmod", "fsync"):
    setattr(os, name, counted(getattr(os, name)))
os.open = counted(os.open, creates)
builtins.open = io.open = counted(io.open, writes)
code = main(["--db", target, "--as-of", "2018-03-15", *args])
print("finished", code, steps)
"""

CHANGES = {
    # An item change rewrites a data file and appends to its history and the audit log: every
    # step a task update takes, and more (test_a_crash_at_each_step… covers a task update).
    "item": ["item", "update", "hexi-1", "--basis", "《城乡规划法》"],
    "new-history": ["item", "update", "hexi-2", "--basis", "《城乡规划法》"],
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_writer_killed_before_each_file_changing_step_leaves_a_whole_database(
    cli: Cli, tmp_path, change
):
    """Die before the 1st, 2nd, … file-changing call of a change, until it completes: every
    time the database checks whole, and holds the change with its audit entry, or neither."""
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "修规")
    cli.ok("item", "update", "hexi-1", "--content", "控制性详细规划")
    pristine = tmp_path / "pristine"
    shutil.copytree(cli.db, pristine)
    points = 0
    for step in range(1, 200):
        shutil.rmtree(cli.db)
        shutil.copytree(pristine, cli.db)
        entries_before = len(audit_entries(cli))
        run = subprocess.run(
            [sys.executable, "-c", DIE_AT_STEP, str(cli.db), str(step), *CHANGES[change]],
            env=environment(COORDINATOR),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        check = cli("db", "check", "--json")
        assert check.exit_code == 0, f"step {step}: {check.stdout}{check.stderr}"
        added = len(audit_entries(cli)) - entries_before
        if run.returncode != 9:
            assert run.returncode == 0 and added == 1, run.stderr
            break
        points += 1
        assert added in (0, 1), f"step {step}: a change lands with exactly one audit entry"
        cli.ok("task", "update", "武清", "梳理", "-p", "1")  # the next writer carries on
    else:
        pytest.fail("the change never completed")
    assert points >= 5, "every file-changing step of a commit was tried"
