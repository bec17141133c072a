"""Every kind of damage to every file the store writes, met by a command that reads the file and
one that writes beside it: a Chinese message naming the file, exit code 4, no traceback, and
nothing written."""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import COORDINATOR, Cli, environment, snapshot, without_root_powers

READ_WRITE = {
    "meta.json": (["status"], ["task", "update", "河西", "梳理", "-p", "5"]),
    "plan.json": (["status"], ["task", "update", "河西", "梳理", "-p", "5"]),
    "files.json": (
        ["item", "list", "-d", "河西"],
        ["item", "add", "河西", "--area", "城乡规划", "--name", "二"],
    ),
    "people.json": (["person", "list"], ["task", "update", "河西", "梳理", "-p", "5"]),
    "municipal.json": (
        ["milestone", "list"],
        ["milestone", "done", "市级", "municipal-report", "--date", "2018-09-01"],
    ),
    "districts/hexi.json": (["status"], ["task", "update", "河西", "梳理", "-p", "5"]),
    "items/hexi.json": (
        ["item", "list", "-d", "河西"],
        ["item", "update", "hexi-1", "--basis", "《规划法》"],
    ),
    "history/hexi.jsonl": (
        ["item", "show", "hexi-1"],
        ["item", "update", "hexi-1", "--basis", "《规划法》"],
    ),
    "audit.jsonl": (["log"], ["task", "update", "河西", "梳理", "-p", "5"]),
    "journal.json": (["status"], ["task", "update", "河西", "梳理", "-p", "5"]),
}
"""Each file the store writes, with a command that must read it and a change that must not
go ahead past it."""


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff\xfe garbage \x1b[31m\n{]")


def _retyped(value):
    """The same shape with each scalar of another type: valid JSON, wrong types."""
    if isinstance(value, dict):
        return {k: _retyped(v) for k, v in value.items()}
    if isinstance(value, list):
        return {"0": [_retyped(v) for v in value]}
    if isinstance(value, str):
        return 404
    if isinstance(value, bool | int | float):
        return "四百零四"
    return [value]


def _wrong_types(path: Path) -> None:
    if path.suffix == ".jsonl":
        lines = [json.loads(line) for line in path.read_text().splitlines()]
        path.write_text("".join(json.dumps(_retyped(line)) + "\n" for line in lines))
    else:
        path.write_text(json.dumps(_retyped(json.loads(path.read_text()))))


def _top_level_list(path: Path) -> None:
    path.write_text("[1, 2, 3]\n")


def _missing(path: Path) -> None:
    path.unlink()


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _unreadable(path: Path) -> None:
    path.chmod(0)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "empty": _empty,
    "garbage": _garbage,
    "wrong-types": _wrong_types,
    "top-level-list": _top_level_list,
    "missing": _missing,
    "directory": _directory,
    "mode-000": _unreadable,
}

JOURNAL = {
    "renames": [[".hexi.json.1.txn", "districts/hexi.json"]],
    "audit": [{"seq": 99}],
    "appends": {},
}


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    """A database with an item, its history, a note: every file the store writes exists."""
    from tests.identity import acting_as

    db = tmp_path_factory.mktemp("damage") / "data"
    cli = Cli(db)
    with acting_as(COORDINATOR):
        cli.ok("init", "--name", "张伟")
        cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
        cli.ok("item", "update", "hexi-1", "--basis", "《城乡规划法》")
        cli.ok("task", "update", "河西", "梳理", "-p", "10", as_of="2018-03-15")
    return db


def _cases():
    for name in READ_WRITE:
        for damage in DAMAGE:
            if name == "journal.json" and damage == "missing":
                continue  # no journal is the normal state
            for kind in ("read", "write"):
                yield pytest.param(name, damage, kind, id=f"{name}-{damage}-{kind}")


def _run(db: Path, args: list[str]) -> tuple[int, str, str]:
    """The command in a real process with file permissions in force (as root, without the
    powers that override them)."""
    argv = [sys.executable, "-m", "tracker", "--db", str(db), "--as-of", "2018-09-15", *args]
    result = subprocess.run(
        without_root_powers(argv),
        env=environment(COORDINATOR),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(("name", "damage", "kind"), list(_cases()))
def test_damage_is_named_with_exit_4_and_takes_no_write(model, tmp_path, name, damage, kind):
    db = tmp_path / "data"
    shutil.copytree(model, db)
    path = db / name
    if name == "journal.json":
        path.write_text(json.dumps(JOURNAL))
    DAMAGE[damage](path)
    before = snapshot_all(db)
    read, write = READ_WRITE[name]
    args = read if kind == "read" else write

    if damage == "mode-000":
        code, out, err = _run(db, args)
    else:
        result = Cli(db)(*args, as_of="2018-09-15")
        code, out, err = result.exit_code, result.stdout, result.stderr

    assert "Traceback" not in out + err
    assert code == 4, f"exit {code}: {err}{out}"
    assert err.startswith("错误：")
    # The file is named, or (for a record of the wrong shape) the record, with db check to find it.
    assert Path(name).name in err or ("记录已损坏" in err and "db check" in err), err
    assert snapshot_all(db) == before, "a damaged database takes no write"


def snapshot_all(db: Path) -> dict[str, object]:
    """Like ``snapshot``, but also through unreadable files and directories in place of files."""
    os.chmod(db, 0o755)
    found: dict[str, object] = {}
    for path in sorted(db.rglob("*")):
        relative = str(path.relative_to(db))
        if path.name == ".lock" or (path.name.startswith(".") and path.suffix == ".json"):
            continue
        if path.is_dir():
            found[relative] = "dir"
        elif not os.access(path, os.R_OK) or path.stat().st_mode & 0o777 == 0:
            found[relative] = ("unreadable", path.stat().st_size)
        else:
            found[relative] = path.read_bytes()
    return found


def test_the_suite_covers_every_file_the_store_writes(model):
    written = {str(p.relative_to(model)) for p in model.rglob("*") if p.is_file()}
    written -= {".lock"}
    written = {w for w in written if not Path(w).name.startswith(".")}
    # One district stands for the others: their files are written the same way.
    written -= {"districts/jinnan.json", "districts/wuqing.json"}
    assert written | {"journal.json"} == set(READ_WRITE), "a new file needs its damage cases"
    assert snapshot(model)
