"""Shared fixtures: a fresh database per test, the pilot demo copied per test, and the CLI driven
through Typer's runner."""

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.identity import act_as, acting_as
from tracker.cli.app import app
from tracker.demo.pilot import build_pilot_demo

COORDINATOR = "zhangwei"
DEMO_SEED = 2017


@dataclass
class Cli:
    """Runs ``tracker`` against one database as a given login: the OS login for a folder
    database, the server login for a PostgreSQL URL (each person's login role is made on
    first use, as a coordinator would with ``person add … --create-login``)."""

    db: Path | str
    login: str = COORDINATOR

    def target(self, login: str) -> str:
        """``--db`` as ``login`` gives it."""
        if isinstance(self.db, Path):
            return str(self.db)
        from tests import pg

        pg.ensure_role(login)
        return pg.with_login(self.db, login)

    def __call__(self, *args: str, login: str | None = None, as_of: str | None = None):
        argv = ["--db", self.target(login or self.login)]
        if as_of:
            argv += ["--as-of", as_of]
        env = {"TRACKER_USER": None, "TRACKER_AS_OF": None, "TRACKER_DB": None}
        with acting_as(login or self.login):
            return CliRunner().invoke(app, [*argv, *args], env=env)

    def ok(self, *args: str, **kwargs):
        result = self(*args, **kwargs)
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}{result.stdout}"
        return result

    def json(self, *args: str, **kwargs):
        return json.loads(self.ok(*args, "--json", **kwargs).stdout)


def pytest_configure(config):
    """Start a throwaway PostgreSQL server for the run when none is named (``.ci/run`` names
    its own): once, in the controlling process, before any worker starts."""
    from tests import pg

    if hasattr(config, "workerinput") or os.environ.get(pg.VARIABLE):
        return
    import subprocess
    import sys
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="tracker-test-pg-"))
    tool = Path(__file__).parent.parent / "tools" / "pgserver.py"
    started = subprocess.run(
        [sys.executable, str(tool), "start", str(root)], capture_output=True, text=True
    )
    if started.returncode != 0:
        # No skip: the PostgreSQL tests then fail, saying why.
        print(f"无法启动测试用 PostgreSQL 服务器：{started.stderr}", file=sys.stderr)
        return
    os.environ[pg.VARIABLE] = started.stdout.strip()
    config._tracker_pg_root = root


def pytest_unconfigure(config):
    root = getattr(config, "_tracker_pg_root", None)
    if root is None:
        return
    import subprocess
    import sys

    tool = Path(__file__).parent.parent / "tools" / "pgserver.py"
    subprocess.run([sys.executable, str(tool), "stop", str(root)], check=False)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch):
    for name in ("TRACKER_DB", "TRACKER_AS_OF", "TRACKER_USER"):
        monkeypatch.delenv(name, raising=False)
    act_as(monkeypatch, COORDINATOR)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def pristine_demo(tmp_path_factory, worker_id) -> Path:
    """The pilot demo (seed 2017) as the coordinator ``zhangwei`` builds it, once per test run.

    Building it takes a few hundred changes through the services; copying it takes milliseconds.
    The parallel workers share one build, made by whichever comes first under a lock. Never
    write to it: take a copy with ``copy_demo``.
    """
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent  # this run's, above each worker's
    db = shared / f"pristine-demo-{DEMO_SEED}"
    with open(shared / "pristine-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (db / "meta.json").exists():
            shutil.rmtree(db, ignore_errors=True)
            with pytest.MonkeyPatch.context() as env:
                # Session fixtures are set up before the function-scoped ``_isolated_env``.
                for name in ("TRACKER_DB", "TRACKER_AS_OF", "TRACKER_USER"):
                    env.delenv(name, raising=False)
                act_as(env, COORDINATOR)
                build_pilot_demo(db, seed=DEMO_SEED)
    return db


@pytest.fixture
def copy_demo(pristine_demo) -> Callable[[Path], Path]:
    """Copy the pristine demo to a path and return it: a demo database of the test's own."""

    def copy(target: Path) -> Path:
        shutil.copytree(pristine_demo, target)
        return target

    return copy


@pytest.fixture
def cli(tmp_path) -> Cli:
    """A database made from the Tianjin plan; the coordinator ``zhangwei`` made it."""
    runner = Cli(tmp_path / "data")
    runner.ok("init", "--name", "张伟")
    return runner


@pytest.fixture(params=["folder", "postgres"])
def any_cli(request, tmp_path) -> Cli:
    """``cli`` on each backend: a folder, and a database of its own on the test server."""
    from tests import pg

    runner = Cli(tmp_path / "data" if request.param == "folder" else pg.new_database())
    runner.ok("init", "--name", "张伟")
    return runner


@pytest.fixture
def team(cli) -> Cli:
    """The database with a lead for each district and a viewer."""
    cli.ok(
        "person",
        "add",
        "李华",
        "--login",
        "lihua",
        "--role",
        "district-lead",
        "--district",
        "河西区",
        "--phone",
        "022-23391234",
    )
    cli.ok(
        "person",
        "add",
        "王芳",
        "--login",
        "wangfang",
        "--role",
        "区试点负责人",
        "--district",
        "津南",
    )
    cli.ok(
        "person",
        "add",
        "赵强",
        "--login",
        "zhaoqiang",
        "--role",
        "district-lead",
        "--district",
        "wuqing",
    )
    cli.ok("person", "add", "刘洋", "--login", "liuyang", "--role", "viewer")
    return cli


def snapshot(db: Path) -> dict[str, bytes]:
    """Every file of a database and its bytes, to prove a command changed nothing."""
    return {
        str(path.relative_to(db)): path.read_bytes()
        for path in sorted(db.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


SHIM = Path(__file__).parent / "shim"


def environment(login: str | None, **extra: str) -> dict[str, str]:
    """The environment of a subprocess acting as ``login`` (through ``tests/shim``); with
    ``login`` None, the subprocess is whoever runs the tests, as for a real user."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    if login is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SHIM), env.get("PYTHONPATH")]))
        env["TRACKER_TEST_LOGIN"] = login
    env.update(extra)
    return env


def without_root_powers(argv: list[str]) -> list[str]:
    """``argv`` run so that file permissions apply: root would ignore them, so as root the
    command runs without the capabilities that override them (util-linux's setpriv)."""
    if os.getuid() != 0:
        return argv
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", *argv]
