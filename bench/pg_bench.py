"""PostgreSQL beside the folder database: the hot commands on the rollout demo and at ten times it.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/pg_bench.py [--runs 5] [--keep DIR]
        [--db DIR] [--db10 DIR] [--pg URL] [--port 5434] [--skip-10x]

Builds (or takes) the rollout demo folder database (16 districts, 25,000 items, ~100,000 audit
entries), copies it to PostgreSQL with ``tracker db copy`` (then ``VACUUM (ANALYZE)``, as
autovacuum would do in the next minutes), and times each command on both backends in
interleaved rounds (one warming round first, not counted; the backends take turns going
first), so background load hits both alike. Then the same at ten times the rollout (160
districts, 250,000 items, ~1,000,000 audit entries, built by ``bench/rollout10x.py``), and how
each command's median grows from 1× to 10× on each backend.

Every write changes something each round: ``task update`` alternates the progress between two
values, ``item advance`` standardizes a different combed item each round, the same items on
both backends. The databases timed are changed by this (a few task updates and item
advances per run), ``--db`` and ``--db10`` too.

Without ``--pg`` a durable throwaway server is started (``tools/pgserver.py --durable``, every
commit synced to disk as the folder store's are) and stopped at the end. ``--pg`` takes the
superuser URL of a server that trusts local connections instead, as ``tools/pgserver.py``
prints. Either way the roles the tool needs are made (``tracker_users``, and the login of the
user running this, who builds the demo and so is its coordinator) and each copy goes to a
database of its own (``pg_bench_1x``, ``pg_bench_10x``), owned by that login.

``--keep DIR`` keeps the built folder databases, the server and its copies there, so a rerun
reuses them: a copy is reused while it was made by the same store code and holds as many
audit entries as its folder database.
Run it with the virtual environment's own interpreter; not part of the test suite.
"""

import argparse
import hashlib
import json
import os
import platform
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import FLOOR, TRACKER, environment, quiet, timed

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

DISTRICT = "hexi"
"""The district the writes and the filtered list use: in both scales, ~1,560 items in each."""
GROUP = "tracker_users"
BASELINES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import floor": [sys.executable, "-c", FLOOR],
    "import floor + psycopg": [sys.executable, "-c", f"{FLOOR}, psycopg"],
}
TARGETS: dict[str, tuple[str, float]] = {
    "task update": ("ratio", 1.2),
    "item advance": ("ratio", 1.2),
    "status --json": ("pg", 0.5),
    "item list --json": ("pg", 1.0),
}
"""At 1×: ``ratio`` bounds PG/folder, ``pg`` the PostgreSQL median in seconds."""
GROWTH = ("status --json", f"item list -d {DISTRICT} --json", "task update", "item advance")


@dataclass
class Backend:
    """One database to time: its kind (``folder`` or ``PG``), scale (``1×`` or ``10×``), its
    ``--db`` target and the environment commands run in."""

    kind: str
    scale: str
    target: str
    env: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        # Not through Path: a URL's "//" would be folded.
        self.env = {**environment(Path()), "TRACKER_DB": self.target}

    @property
    def key(self) -> str:
        return f"{self.kind} {self.scale}"


Argv = Callable[[Backend, int], list[str] | None]
"""A command's arguments after ``tracker`` for a backend in a round (0 is the warming round);
None where the command is not timed (the whole catalog's list at 10×)."""


# -- running and timing --------------------------------------------------------------------
def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``argv`` to the end: its wall time in seconds, its peak memory in MB and its output
    (stdout and stderr). Exits with the output when it fails."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{text}")
    return seconds, usage.ru_maxrss / 1024, text


def say(text: str) -> None:
    print(text, flush=True)


def shown(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


# -- the PostgreSQL server -----------------------------------------------------------------
def with_login(url: str, login: str, database: str) -> str:
    """``url`` connecting as ``login`` to ``database`` (socket folder and port kept)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"{login}@{netloc}", f"/{database}", parts.query, ""))


def on_database(url: str, database: str) -> str:
    """``url`` (same login) connecting to ``database``."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


@contextmanager
def server(pg: str | None, folder: Path, port: int) -> Iterator[str]:
    """The superuser URL of the server to use: ``pg``, or a durable one started in
    ``folder`` (stopped on the way out)."""
    if pg:
        yield pg
        return
    socket = folder / "socket" / f".s.PGSQL.{port}"
    if len(os.fsencode(socket)) > 100:
        raise SystemExit(f"socket path too long for PostgreSQL ({socket}); use a shorter --keep")
    tool = [sys.executable, str(ROOT / "tools" / "pgserver.py")]
    started = subprocess.run(
        [*tool, "start", str(folder), "--port", str(port), "--durable"],
        check=True,
        capture_output=True,
        text=True,
    )
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([*tool, "stop", str(folder)], check=False)


def ensure_roles(admin: str, login: str) -> None:
    """The group every person's login belongs to, and ``login`` (the coordinator) in it."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin, autocommit=True) as conn:
        for role, options in ((GROUP, "NOLOGIN"), (login, "LOGIN CREATEROLE")):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(sql.SQL(f"CREATE ROLE {{}} {options}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP), sql.Identifier(login)))


def audit_length(target: str | Path) -> int:
    """How many audit entries the database at ``target`` holds (0: none there)."""
    from tracker.store import is_database, open_store

    if not is_database(target):
        return 0
    store = open_store(target)
    try:
        return int(next(store.audit(), {"seq": 0})["seq"])
    finally:
        close = getattr(store, "close", None)
        if close:
            close()


def store_code() -> str:
    """A digest of the store's source: a copy made by other code (another schema) is not
    reused."""
    import tracker.store

    folder = Path(tracker.store.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return f"pg_bench copy, store code {digest.hexdigest()[:16]}"


def copied(folder: Path, admin: str, name: str, login: str) -> tuple[str, str]:
    """The URL of a PostgreSQL copy of ``folder`` in the database ``name``, and how it came:
    reused (made by the same store code, as many audit entries as the folder), or copied now
    with ``tracker db copy`` into a fresh database (time and peak memory)."""
    import psycopg
    from psycopg import sql

    url = with_login(admin, login, name)
    stamp = store_code()
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
    entries = audit_length(folder)
    if row and row[0] == stamp and audit_length(url) == entries:
        return url, f"reused {name} ({entries:,} audit entries)"
    database = sql.Identifier(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(database, sql.Identifier(login)))
    argv = [TRACKER, "db", "copy", "--from", str(folder), "--to", url]
    seconds, peak, _ = run_measured(argv, environment(folder))
    # What autovacuum would do to the freshly loaded tables in the next minutes, done now so
    # it does not run (on the same two cores) in the middle of the timed rounds.
    start = time.perf_counter()
    with psycopg.connect(on_database(admin, name), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    vacuum = time.perf_counter() - start
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(database, sql.Literal(stamp)))
    return (
        url,
        f"db copy {seconds:.1f} s, peak {peak:,.0f} MB; then VACUUM (ANALYZE) {vacuum:.1f} s",
    )


# -- the folder databases ------------------------------------------------------------------
def built(db: Path, build: list[str], check: bool) -> str:
    """Build a folder database at ``db`` with ``build`` unless one is there; how it came."""
    if (db / "meta.json").exists():
        return "reused"
    shutil.rmtree(db, ignore_errors=True)  # a build killed half-way
    seconds, peak, _ = run_measured(build, environment(db))
    note = f"built in {seconds:.1f} s, peak {peak:,.0f} MB"
    if check:
        seconds, _, out = run_measured([TRACKER, "db", "check"], environment(db))
        note += f"; db check {seconds:.1f} s: {out.strip().splitlines()[-1]}"
    return note


def facts(db: Path) -> str:
    from tracker.store import open_store

    store = open_store(db)
    districts = store.plan().districts
    items = sum(len(store.read(d.id, "items")) for d in districts)
    entries = next(store.audit())["seq"]
    return f"{len(districts)} districts, {items:,} items, {entries:,} audit entries"


# -- the commands --------------------------------------------------------------------------
def listed(backend: Backend, *args: str) -> list[dict[str, object]]:
    return list(json.loads(quiet([TRACKER, *args, "--json"], backend.env)))


def commands(backends: list[Backend], runs: int) -> dict[str, Argv]:
    """What is timed. Writes change something in every round: ``task update`` alternates the
    progress of a task between two values (the first differing from the stored one), ``item
    advance`` standardizes one more combed, complete item, the same on both kinds of a scale."""
    progress = {}
    for backend in backends:
        tasks = listed(backend, "task", "list", "-d", DISTRICT)
        now = next(task["progress"] for task in tasks if task["id"] == "comb")
        progress[backend.key] = (51, 50) if now == 50 else (50, 51)
    ready: dict[str, list[str]] = {}
    for backend in backends:
        items = listed(backend, "item", "list", "-d", DISTRICT, "--status", "combed")
        ids = [str(item["id"]) for item in items if not item["missing"]]
        known = frozenset(ids)
        held = ready.get(backend.scale)
        ready[backend.scale] = ids if held is None else [i for i in held if i in known]
    for scale, ids in ready.items():
        if len(ids) < runs + 1:
            raise SystemExit(f"only {len(ids)} items of {DISTRICT} left to standardize at {scale}")
    return {
        "task update": lambda b, k: [
            "task", "update", DISTRICT, "comb", "-p", str(progress[b.key][k % 2])
        ],
        "item advance": lambda b, k: ["item", "advance", ready[b.scale][k], "standardized"],
        "status --json": lambda b, k: ["status", "--json"],
        "item list --json": lambda b, k: ["item", "list", "--json"] if b.scale == "1×" else None,
        f"item list -d {DISTRICT} --json": lambda b, k: ["item", "list", "-d", DISTRICT, "--json"],
    }  # fmt: skip


def measure(backends: list[Backend], timed_commands: dict[str, Argv], runs: int) -> dict:
    """Median wall time of each command on each backend, and of the baselines, over ``runs``
    interleaved rounds after a warming one; each round another backend goes first."""
    samples: dict[str, dict[str, list[float]]] = {}
    for k in range(runs + 1):
        order = backends[k % len(backends) :] + backends[: k % len(backends)]
        for name, argv in BASELINES.items():
            seconds = timed(argv, order[0].env)
            if k:
                samples.setdefault(name, {}).setdefault("", []).append(seconds)
        for name, command in timed_commands.items():
            for backend in order:
                args = command(backend, k)
                if args is None:
                    continue
                seconds = timed([TRACKER, *args], backend.env)
                if k:
                    samples.setdefault(name, {}).setdefault(backend.key, []).append(seconds)
    return {
        name: {key: statistics.median(values) for key, values in by.items()}
        for name, by in samples.items()
    }


# -- the tables ----------------------------------------------------------------------------
def print_scale(title: str, results: dict, scale: str, targets: dict[str, tuple[str, float]]):
    print(f"\n{title}")
    print(f"{'command':<28}{'folder':>10}{'PG':>10}{'PG/folder':>11}   target")
    for name, by in results.items():
        if f"PG {scale}" not in by:
            continue
        folder, pg = by[f"folder {scale}"], by[f"PG {scale}"]
        line = f"{name:<28}{shown(folder):>10}{shown(pg):>10}{pg / folder:>10.2f}×"
        kind, bound = targets.get(name, ("", 0.0))
        if kind == "ratio":
            verdict = "ok" if pg / folder <= bound else "OVER"
            line += f"   PG ≤ {bound}× folder   {verdict}"
        elif kind == "pg":
            verdict = "ok" if pg <= bound else "OVER"
            line += f"   PG ≤ {shown(bound)}   {verdict}"
        print(line)


def print_growth(results: dict) -> None:
    print("\ngrowth from 1× to 10× (median at 10× / median at 1×, timed in the same rounds)")
    columns = ("folder 1×", "folder 10×", "growth", "PG 1×", "PG 10×", "growth")
    print(f"{'command':<28}" + "".join(f"{column:>11}" for column in columns))
    for name in GROWTH:
        cells = []
        for kind in ("folder", "PG"):
            before, after = results[name][f"{kind} 1×"], results[name][f"{kind} 10×"]
            cells += [shown(before), shown(after), f"{after / before:.2f}×"]
        print(f"{name:<28}" + "".join(f"{cell:>11}" for cell in cells))


def code() -> str:
    """Which tracker is timed (the one ``tracker`` imports: PYTHONPATH may name a snapshot):
    its folder, and its commit when that is a git checkout."""
    import tracker

    where = Path(tracker.__file__).resolve().parent.parent

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True)

    commit = git("rev-parse", "--short", "HEAD")
    if commit.returncode:
        return f"{where} (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "tracker").stdout.strip()
    return f"{where} at {commit.stdout.strip()}" + (
        " + uncommitted tracker/ changes" if dirty else ""
    )


# -- main ----------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds counted (default 5)")
    parser.add_argument("--db", type=Path, help="an existing rollout demo folder database")
    parser.add_argument("--db10", type=Path, help="an existing 10× rollout folder database")
    parser.add_argument("--pg", help="superuser URL of a server trusting local connections")
    parser.add_argument("--port", type=int, default=5434, help="port of the server started")
    parser.add_argument("--skip-10x", action="store_true", help="time the 1× rollout only")
    parser.add_argument("--keep", type=Path, help="keep built databases here for reruns")
    args = parser.parse_args()
    login = pwd.getpwuid(os.getuid()).pw_name
    say(
        f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
        f"tracker {code()} · load average {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="pgb-") as tmp:
        place = args.keep.resolve() if args.keep else Path(tmp)
        place.mkdir(parents=True, exist_ok=True)
        os.chmod(place, 0o755)  # the server runs as postgres and must reach its folder
        one = args.db or place / "rollout"
        demo = [TRACKER, "demo", "--scale", "rollout"]
        say(f"1× folder {one}: " + ("given" if args.db else built(one, demo, check=False)))
        ten = None
        if not args.skip_10x:
            ten = args.db10 or place / "rollout10"
            build = [sys.executable, str(BENCH / "rollout10x.py"), str(ten)]
            say(f"10× folder {ten}: " + ("given" if args.db10 else built(ten, build, check=True)))
        with server(args.pg, place / "pg", args.port) as admin:
            ensure_roles(admin, login)
            url1, note = copied(one, admin, "pg_bench_1x", login)
            say(f"1× PostgreSQL: {note}")
            if ten:
                url10, note = copied(ten, admin, "pg_bench_10x", login)
                say(f"10× PostgreSQL: {note}")
            backends = [Backend("folder", "1×", str(one)), Backend("PG", "1×", url1)]
            if ten:
                backends += [Backend("folder", "10×", str(ten)), Backend("PG", "10×", url10)]
            say(f"1× rollout: {facts(one)}")
            if ten:
                say(f"10× rollout: {facts(ten)}")
            say(f"timing: median of {args.runs} rounds, all {len(backends)} databases interleaved")
            results = measure(backends, commands(backends, args.runs), args.runs)
    baselines = " · ".join(f"{name} {shown(results[name][''])}" for name in BASELINES)
    print(f"baselines: {baselines}")
    print_scale("1× rollout", results, "1×", TARGETS)
    if ten:
        print_scale("10× rollout", results, "10×", {})
        print_growth(results)
    say(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
