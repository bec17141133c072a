"""Issue 14's commands at rollout scale: ``baseline compare`` for every district (target ≤ 1 s),
``status --json`` (≤ 1 s) and the workflow lists, beside the two baselines, interleaved.

    .venv/bin/python bench/workflow_bench.py [--runs 11] [--db FOLDER]

Builds the rollout demo (16 districts, 25,000 items, ~101,000 audit entries, 8 departments'
basic catalogs) in a temporary folder unless ``--db`` names one.
"""

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import FLOOR, TRACKER, environment, quiet, timed

TARGETS = {"baseline compare --json": 1.0, "status --json": 1.0}


def measure(db: Path, runs: int) -> dict[str, float]:
    env = environment(db)
    commands: dict[str, Callable[[], float]] = {
        "python -c pass": lambda: timed([sys.executable, "-c", "pass"], env),
        "import floor": lambda: timed([sys.executable, "-c", FLOOR], env),
        "baseline compare --json": lambda: timed([TRACKER, "baseline", "compare", "--json"], env),
        "baseline compare": lambda: timed([TRACKER, "baseline", "compare"], env),
        "status --json": lambda: timed([TRACKER, "status", "--json"], env),
        "interpretation list --json": lambda: timed(
            [TRACKER, "interpretation", "list", "--json"], env
        ),
        "concern list --json": lambda: timed([TRACKER, "concern", "list", "--json"], env),
    }
    for command in commands.values():
        command()
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(command())
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "rollout"
        if args.db is None:
            print(quiet([TRACKER, "demo", "--scale", "rollout"], environment(db)).strip())
        results = measure(db, args.runs)
    floor = results["import floor"]
    print(f"median of {args.runs} interleaved runs, rollout scale")
    for name, seconds in results.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if seconds <= target else "  OVER")
        print(
            f"{name:<28}{seconds * 1000:>8.0f} ms {seconds / floor:>5.2f}× floor"
            + (f"   target ≤ {target * 1000:.0f} ms{verdict}" if target else "")
        )


if __name__ == "__main__":
    main()
