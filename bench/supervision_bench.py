"""The office's weekly round at rollout scale: ``order list`` and ``digest`` (target ≤ 0.5 s
each, issue 13), beside ``status --json`` and the two baselines, interleaved round by round.

    .venv/bin/python bench/supervision_bench.py [--runs 11] [--db FOLDER]

Builds the rollout demo (16 districts, 25,000 items, about 100,000 audit entries, 48 orders)
in a temporary folder unless ``--db`` names one. Run with the virtual environment's own
interpreter, PYTHONDONTWRITEBYTECODE unset (``environment`` drops it for the commands).
"""

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import FLOOR, TRACKER, environment, quiet, timed

TARGETS = {"order list": 0.5, "order list --json": 0.5, "digest": 0.5, "digest --json": 0.5}


def measure(db: Path, runs: int) -> dict[str, float]:
    env = environment(db)
    commands: dict[str, Callable[[], float]] = {
        "python -c pass": lambda: timed([sys.executable, "-c", "pass"], env),
        "import floor": lambda: timed([sys.executable, "-c", FLOOR], env),
        "order list": lambda: timed([TRACKER, "order", "list"], env),
        "order list --json": lambda: timed([TRACKER, "order", "list", "--json"], env),
        "order list --open -d 河西": lambda: timed(
            [TRACKER, "order", "list", "--open", "-d", "河西"], env
        ),
        "digest": lambda: timed([TRACKER, "digest"], env),
        "digest --json": lambda: timed([TRACKER, "digest", "--json"], env),
        "digest --since 2018-01-01": lambda: timed(
            [TRACKER, "digest", "--since", "2018-01-01", "--json"], env
        ),
        "status --json": lambda: timed([TRACKER, "status", "--json"], env),
    }
    for command in commands.values():  # warm the byte-code and page caches
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
