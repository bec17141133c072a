"""Median wall time of the CLI's hot commands, next to the interpreter and import baselines.

Run with the virtual environment's own interpreter, as a user's machine would:

    .venv/bin/python bench/cli_bench.py [--runs 21]

Not part of the test suite: figures depend on the machine; compare the ratios.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
TRACKER = str(BIN / "tracker")


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_ms(argv_for_run, runs: int, env: dict[str, str]) -> float:
    timed(argv_for_run(-1), env)  # warm the byte-code cache and the page cache
    return 1000 * statistics.median(timed(argv_for_run(i), env) for i in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE",) and not k.startswith("TRACKER_")
    }
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "data")
        env["TRACKER_DB"] = db
        subprocess.run([TRACKER, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        rows = [
            ("python -c pass", lambda i: [sys.executable, "-c", "pass"]),
            (
                "import floor (typer, tinydb, dateutil.parser)",
                lambda i: [sys.executable, "-c", "import typer, tinydb, dateutil.parser"],
            ),
            (
                "tracker task update",
                lambda i: [
                    TRACKER,
                    "task",
                    "update",
                    "hexi",
                    "comb",
                    "--progress",
                    str(i % 2 + 10),
                ],
            ),
            ("tracker status --json", lambda i: [TRACKER, "status", "--json"]),
            ("tracker --help", lambda i: [TRACKER, "--help"]),
        ]
        results = [(name, median_ms(argv, runs, env)) for name, argv in rows]
    floor = results[1][1]
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · median of {runs} runs"
    )
    print(f"{'command':<48} {'median ms':>10} {'× floor':>8}")
    for name, ms in results:
        print(f"{name:<48} {ms:>10.1f} {ms / floor:>8.2f}")


if __name__ == "__main__":
    main()
