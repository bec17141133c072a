"""What the focused rollout benchmarks share: a list of tracker commands timed beside the two
baselines in interleaved rounds on the rollout demo, and the table of medians and targets.

A benchmark names its commands (arguments after ``tracker``) and targets in seconds, and
calls :func:`main`; ``--runs`` and ``--db`` work the same for each.
"""

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import FLOOR, TRACKER, environment, quiet, timed


def measure(db: Path, commands: Mapping[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall time of each command, with ``python -c pass`` and the import floor
    measured in the same interleaved rounds (after one warming round)."""
    env = environment(db)
    timers: dict[str, Callable[[], float]] = {
        "python -c pass": lambda: timed([sys.executable, "-c", "pass"], env),
        "import floor": lambda: timed([sys.executable, "-c", FLOOR], env),
        **{
            name: (lambda args=args: timed([TRACKER, *args], env))
            for name, args in commands.items()
        },
    }
    for timer in timers.values():  # warm the byte-code and page caches
        timer()
    samples: dict[str, list[float]] = {name: [] for name in timers}
    for _ in range(runs):
        for name, timer in timers.items():
            samples[name].append(timer())
    return {name: statistics.median(values) for name, values in samples.items()}


def main(doc: str, commands: Mapping[str, list[str]], targets: Mapping[str, float]) -> None:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--db", type=Path, help="an existing rollout demo (else one is built)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "rollout"
        if args.db is None:
            print(quiet([TRACKER, "demo", "--scale", "rollout"], environment(db)).strip())
        results = measure(db, commands, args.runs)
    floor = results["import floor"]
    print(f"median of {args.runs} interleaved runs, rollout scale")
    for name, seconds in results.items():
        target = targets.get(name)
        verdict = "" if target is None else ("  ok" if seconds <= target else "  OVER")
        print(
            f"{name:<28}{seconds * 1000:>8.0f} ms {seconds / floor:>5.2f}× floor"
            + (f"   target ≤ {target * 1000:.0f} ms{verdict}" if target else "")
        )
