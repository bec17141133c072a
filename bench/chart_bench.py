"""Catalog progress charts: what matplotlib costs to import, and what a chart costs to compute and draw.

    .venv/bin/python bench/chart_bench.py [--db DIR] [--rounds 5]

With ``--db`` (a database, e.g. one ``tracker demo --scale rollout`` built), the progress is
read from it; without, from a fresh pilot demo in a temporary folder. Each figure is the
median of ``--rounds`` runs; the import is timed in fresh interpreters, so the font cache
(built once per machine) is warm but nothing is imported yet.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORT = (
    "import time; t = time.perf_counter();"
    "from matplotlib.figure import Figure; from matplotlib.backends.backend_agg import FigureCanvasAgg;"
    "print(time.perf_counter() - t)"
)
FIRST_CHART = (
    "import sys, time; from pathlib import Path; from datetime import date;"
    "from tracker.services.read.progress import MonthCount;"
    "from tracker.reports.charts import progress_chart;"
    "months = [MonthCount(date(2017, m, 1), 10 * m, 5 * m, m) for m in range(7, 13)];"
    "t = time.perf_counter(); progress_chart(months, '河西区', Path(sys.argv[1]));"
    "print(time.perf_counter() - t)"
)


def median_of(rounds: int, run) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(run() for _ in range(rounds))


def in_fresh_interpreter(code: str, *args: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return float(out.stdout.split()[-1])


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    from tracker.reports.charts import progress_chart
    from tracker.services import open_tracker
    from tracker.services.read.progress import catalog_progress, progress_by_district

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        db = options.db
        if db is None:
            db = out / "demo"
            subprocess.run(
                [Path(sys.executable).parent / "tracker", "--db", str(db), "demo"],
                check=True,
                capture_output=True,
            )
        tracker = open_tracker(db)
        until = tracker.as_of
        rounds = options.rounds

        imported = median_of(rounds, lambda: in_fresh_interpreter(IMPORT))
        first = median_of(rounds, lambda: in_fresh_interpreter(FIRST_CHART, str(out / "a.png")))
        city = catalog_progress(tracker, None, until)
        progress_chart(city, "全市", out / "warm.png")
        drawn = median_of(
            rounds, lambda: timed(lambda: progress_chart(city, "全市", out / "c.png"))
        )
        one = median_of(rounds, lambda: timed(lambda: catalog_progress(tracker, None, until)))
        every = median_of(rounds, lambda: timed(lambda: progress_by_district(tracker, until)))
        entries = sum(1 for _ in tracker.store.audit())

    print(f"database: {db} ({entries:,} audit entries, {len(city)} months)")
    print(f"import matplotlib (Figure + Agg), fresh interpreter: {imported * 1000:.0f} ms")
    print(f"first chart in a fresh interpreter, import included: {first * 1000:.0f} ms")
    print(f"each further chart: {drawn * 1000:.0f} ms")
    print(f"catalog_progress(tracker, None, until): {one * 1000:.0f} ms")
    print(f"progress_by_district(tracker, until): {every * 1000:.0f} ms")


if __name__ == "__main__":
    main()
