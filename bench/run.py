"""The benchmark harness: median wall times of the hot commands on the pilot demo and the rollout.

    .venv/bin/python bench/run.py [--runs 11] [--skip-rollout]

Every figure sits next to two baselines measured in the same rounds, so it
compares across machines: bare ``python -c pass`` and the stack's import
floor (``import typer, tinydb, dateutil.parser``). Commands are interleaved
round by round, so background load hits all of them alike. Not part of the
test suite; run it with the virtual environment's own interpreter.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
TRACKER = str(BIN / "tracker")
FLOOR = "import typer, tinydb, dateutil.parser"
TARGETS = {
    "task update": "≤ 1.5× floor",
    "item advance": "≤ 1.5× floor",
    "milestone done": "≤ 1.5× floor",
    "status --json": "≤ 1 s",
    "order list": "≤ 0.5 s",
    "digest": "≤ 0.5 s",
    "item list --json": "≤ 2 s",
    "item import 5,000 rows": "≤ 10 s",
    "municipal report, md+html+docx": "≤ 5 s",
    "TUI first paint": "≤ 1.5 s",
    "catalog filter keystroke": "≤ 150 ms",
    "TUI peak memory (MB)": "≤ 400 MB",
}


def environment(db: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("TRACKER_")
    }
    return {**env, "TRACKER_DB": str(db), "COLUMNS": "120"}


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def quiet(argv: list[str], env: dict[str, str]) -> str:
    return subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def measure(db: Path, runs: int, folder: Path) -> dict[str, float]:
    env = environment(db)
    items = json.loads(quiet([TRACKER, "item", "list", "--json", "--status", "combed"], env))
    ready = [i["id"] for i in items if not i["missing"]]
    district = ready[0].rsplit("-", 1)[0]
    if len(ready) < runs + 1:
        raise SystemExit(f"only {len(ready)} items ready to standardize; use fewer --runs")
    # Start from an open milestone (a district may not have filed its plan yet).
    subprocess.run(
        [TRACKER, "milestone", "reopen", district, "plan-filed", "--reason", "基准测试"],
        env=env,
        capture_output=True,
        check=False,
    )

    def milestone_round(i: int) -> float:
        seconds = timed(
            [TRACKER, "milestone", "done", district, "plan-filed", "--ref", f"基准〔{i}〕号"], env
        )
        quiet([TRACKER, "milestone", "reopen", district, "plan-filed", "--reason", "基准测试"], env)
        return seconds

    commands: dict[str, Callable[[int], float]] = {
        "python -c pass": lambda i: timed([sys.executable, "-c", "pass"], env),
        "import floor": lambda i: timed([sys.executable, "-c", FLOOR], env),
        "task update": lambda i: timed(
            [TRACKER, "task", "update", district, "comb", "-p", str(50 + i % 2)], env
        ),
        "item advance": lambda i: timed(
            [TRACKER, "item", "advance", ready[i], "standardized"], env
        ),
        "milestone done": milestone_round,
        "status --json": lambda i: timed([TRACKER, "status", "--json"], env),
        "item list --json": lambda i: timed([TRACKER, "item", "list", "--json"], env),
        "log --json --limit 50": lambda i: timed([TRACKER, "log", "--json", "--limit", "50"], env),
        "order list": lambda i: timed([TRACKER, "order", "list"], env),
        "digest": lambda i: timed([TRACKER, "digest"], env),
        "tracker --help": lambda i: timed([TRACKER, "--help"], env),
    }
    for command in commands.values():  # warm the byte-code and page caches
        command(runs)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs):
        for name, command in commands.items():
            samples[name].append(command(i))
    results = {name: statistics.median(values) for name, values in samples.items()}
    results["item import 5,000 rows"] = import_median(db, district, max(1, runs // 4), folder)
    for fmt in ("md", "html", "docx"):
        out = folder / f"report.{fmt}"
        runs_each = [
            timed([TRACKER, "report", "municipal", "--draft", "-f", fmt, "-o", str(out)], env)
            for _ in range(3)
        ]
        results[f"municipal report .{fmt}"] = statistics.median(runs_each)
    results["municipal report, md+html+docx"] = sum(
        results[f"municipal report .{f}"] for f in ("md", "html", "docx")
    )
    results["database size (MB)"] = size_mb(db)
    results.update(tui_figures(db, runs=max(3, runs // 2)))
    return results


def tui_figures(db: Path, runs: int) -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).parent))
    from tui_bench import tui_figures as measure_tui

    return measure_tui(db, runs)


def import_median(db: Path, district: str, runs: int, folder: Path) -> float:
    """Import a 5,000-row .xlsx into a fresh copy of the database, each run."""
    sys.path.insert(0, str(Path(__file__).parent))
    from catalog_bench import synthetic_items

    from tracker.catalog.writing import write_xlsx

    sheet = folder / "import-5000.xlsx"
    if not sheet.exists():
        rows = synthetic_items(district, 5000, seed=7)
        for row in rows:  # new items: no 编号, names not yet in the catalog
            row.id, row.name = "", f"{row.name}（导入）"
        write_xlsx(rows, sheet, "导入基准")
    times = []
    for run in range(runs):
        copy = folder / f"import-copy-{run}"
        shutil.copytree(db, copy)
        times.append(timed([TRACKER, "item", "import", district, str(sheet)], environment(copy)))
        shutil.rmtree(copy)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--skip-rollout", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        built = {}
        scales = ["pilot"] + ([] if args.skip_rollout else ["rollout"])
        for scale in scales:
            db = folder / scale
            start = time.perf_counter()
            quiet([TRACKER, "demo", "--scale", scale], environment(db))
            built[scale] = time.perf_counter() - start
        results = {scale: measure(folder / scale, args.runs, folder) for scale in scales}
    print(
        f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
        f"median of {args.runs} interleaved runs (imports: {max(1, args.runs // 4)})"
    )
    print(
        "demo built in " + ", ".join(f"{scale} {seconds:.1f} s" for scale, seconds in built.items())
    )
    header = f"{'':<26}" + "".join(f"{scale:>18}" for scale in scales) + "   target (rollout)"
    print(header)
    for name in results["pilot"]:
        cells = ""
        for scale in scales:
            value = results[scale][name]
            floor = results[scale]["import floor"]
            if name.endswith("(MB)"):
                cells += f"{value:>15.1f} MB"
            elif value < 1 and name not in ("python -c pass", "import floor"):
                cells += f"{value * 1000:>8.0f} ms {value / floor:>4.2f}×"
            else:
                cells += f"{value * 1000:>8.0f} ms      " if value < 1 else f"{value:>9.2f} s      "
        target = TARGETS.get(name, "≤ 100 MB" if name.startswith("database") else "")
        if name in ("TUI first paint", "catalog filter keystroke"):
            cells = "".join(f"{results[s][name] * 1000:>13.0f} ms    " for s in scales)
        print(f"{name:<26}{cells}   {target}")


if __name__ == "__main__":
    main()
