"""The tracker's own catalog import on the issue-11 workbooks: 26 sheets × 100 rows, and 5,000 rows.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/catalog_sheets_bench.py [--runs 5] [--keep DIR]

Builds the two workbooks with the generator of ``calamine_vs_openpyxl.py`` (a sheet per area
with the area in its name, title and 领域 column; a title row, the merged two-row header,
一级事项 merged over 3-8 rows, ■/□ channel lists one a line) and, when LibreOffice's
``soffice`` is on the PATH, the same two saved again as Excel and WPS save them (shared
strings, which openpyxl reads more slowly than the inline strings it writes). Then it runs
the real command line in subprocesses, as a user does:

    tracker --db DB item import 河西 FILE --dry-run
    tracker --db DB item import 河西 FILE

each on a fresh ``tracker init`` database in a temporary folder (the OS login becomes its
coordinator), the jobs interleaved round by round, and prints the median of each with
what the command said it did (how many items, from how many sheets: a tracker that reads only
the first sheet imports 100 of the 2,600 rows). It also times the reading step alone in a
fresh interpreter (``tracker.catalog.reading.read_tables``, or ``read_cells`` before it), to
show what a faster reader could save. Target (issue 11): ≤ 5 s each. Not part of the test
suite.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from calamine_vs_openpyxl import convert, five_thousand, per_area

TRACKER = str(Path(sys.executable).parent / "tracker")
TARGET_SECONDS = 5.0


def environment() -> dict[str, str]:
    """The user's environment: byte-code cache on, no TRACKER_* settings."""
    return {
        key: value
        for key, value in os.environ.items()
        if key != "PYTHONDONTWRITEBYTECODE" and not key.startswith("TRACKER_")
    }


def timed_import(folder: Path, path: Path, dry_run: bool, env: dict[str, str]) -> tuple[float, str]:
    """Seconds of one ``item import`` on a fresh database, and the first line it printed."""
    db = folder / f"db-{time.perf_counter_ns()}"
    subprocess.run(
        [TRACKER, "--db", str(db), "init"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    argv = [TRACKER, "--db", str(db), "item", "import", "河西", str(path)]
    if dry_run:
        argv.append("--dry-run")
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    lines = done.stdout.splitlines()
    sheets = sum(1 for line in lines if line.strip().startswith("工作表「"))
    summary = (lines[0] if lines else "") + (f"（{sheets} 个工作表）" if sheets else "")
    return seconds, summary


def command_time(argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def reading_time(path: Path, runs: int) -> tuple[float, int] | None:
    """Median seconds of the tracker's reading step alone (openpyxl, merges filled), in this
    process, and the rows it read; None when the reader's entry point is not found."""
    from tracker.catalog import reading

    read = getattr(reading, "read_tables", None)
    if read is None:
        read = getattr(reading, "read_cells", None)
    if read is None:
        return None
    times, rows = [], 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        result = read(path)
        times.append(time.perf_counter() - start)
    if result and isinstance(result[0], list):
        rows = len(result)
    else:  # a table per sheet
        rows = sum(len(getattr(table, "cells", getattr(table, "rows", []))) for table in result)
    return statistics.median(times[1:]), rows


def reading_in_child(path: Path, runs: int, env: dict[str, str]) -> tuple[float, int] | None:
    """``reading_time`` in a fresh interpreter, away from this one's generator garbage."""
    done = subprocess.run(
        [sys.executable, __file__, "--read", str(path), "--runs", str(runs)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    if not done.stdout.strip():
        return None
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read = reading_time(args.read, args.runs)
        if read:
            print(read[0], read[1])
        return
    env = environment()
    loaded = f"{os.getloadavg()[0]:.2f}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = args.keep or folder
        files.mkdir(parents=True, exist_ok=True)
        sheets = per_area(files / "catalog-26-sheets.xlsx")
        big = five_thousand(files / "catalog-5000.xlsx")
        books = [("26 sheets × 100 rows", sheets), ("5,000 rows, 1 sheet", big)]
        for label, path in list(books):
            # As Excel, WPS and LibreOffice save it: shared strings (openpyxl writes inline).
            again, note = convert(path, files, "xlsx", "-resaved")
            print(note, file=sys.stderr)
            if again:
                books.append((f"{label}, resaved", again))
        jobs = [
            (f"{label} {mode}", path, mode == "--dry-run")
            for label, path in books
            for mode in ("--dry-run", "import")
        ]
        times: dict[str, list[float]] = {label: [] for label, _, _ in jobs}
        said: dict[str, str] = {}
        for _, path, dry_run in jobs[:1]:  # warm-up: byte-code caches, page cache
            timed_import(folder, path, dry_run, env)
        for n in range(args.runs):
            for label, path, dry_run in jobs[n % len(jobs) :] + jobs[: n % len(jobs)]:
                seconds, said[label] = timed_import(folder, path, dry_run, env)
                times[label].append(seconds)
        floor = command_time([sys.executable, "-c", "pass"], env, args.runs)
        startup = command_time([TRACKER, "--help"], env, args.runs)
        reads = {path.name: reading_in_child(path, args.runs, env) for _, path in books}

    print(
        f"{os.cpu_count()} cores · Python {sys.version.split()[0]} · median of {args.runs} runs"
        f" · load average {loaded} before, {os.getloadavg()[0]:.2f} after"
    )
    print(f"{'tracker item import 河西 …':<44} {'ms':>7} {'target':>8}  what it said")
    for label, _, _ in jobs:
        median = statistics.median(times[label])
        verdict = "ok" if median <= TARGET_SECONDS else "OVER"
        print(f"{label:<44} {median * 1000:>7.0f} {verdict:>8}  {said[label]}")
    print(f"{'python -c pass':<44} {floor * 1000:>7.0f}")
    print(f"{'tracker --help (start-up)':<44} {startup * 1000:>7.0f}")
    for name, read in reads.items():
        if read:
            print(f"{'reading step alone · ' + name:<44} {read[0] * 1000:>7.0f}  ({read[1]} rows)")


if __name__ == "__main__":
    main()
