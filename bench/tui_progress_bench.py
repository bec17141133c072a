"""The TUI's progress by month at rollout scale: the series read whole, and again after a change.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/tui_progress_bench.py [--db DIR] [--runs 5]

Builds the rollout demo (16 districts, 25,000 items, ~100,000 audit entries) in a temporary
folder unless --db names one, which is copied first (the bench updates a task; the login must
be a coordinator there, as it is in a demo it built). Each figure is the median of --runs:

- ``district_progress`` read whole: each district's catalog and tasks by month from one
  reading of the audit log, what the TUI's first complete read pays;
- ``progress_by_district``: the catalog alone, as the reports read it, for comparison;
- ``district_progress`` after one task update, with what was read before kept
  (``AuditChanges``): what each reload after an edit pays;
- ``load_snapshot`` after one task update: the whole complete read of a reload.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from tracker.services import open_tracker
    from tracker.services.read.progress import (
        AuditChanges,
        district_progress,
        progress_by_district,
    )
    from tracker.services.tasks import update_task
    from tracker.tui.data import load_snapshot

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "rollout"
        if options.db:
            shutil.copytree(options.db, db)
        else:
            subprocess.run(
                [Path(sys.executable).parent / "tracker", "--db", db, "demo", "--scale", "rollout"],
                check=True,
                capture_output=True,
            )
        tracker = open_tracker(db)
        until, runs = tracker.as_of, options.runs
        tracker.clock = lambda: f"{until.isoformat()}T09:00:00+08:00"  # counted: not after as-of
        entries = sum(1 for _ in tracker.store.audit())
        district = tracker.plan.districts[0]
        ids = [d.id for d in tracker.plan.districts]

        whole = [timed(lambda: district_progress(tracker, until)) for _ in range(runs)]
        catalog = [timed(lambda: progress_by_district(tracker, until)) for _ in range(runs)]
        changes = AuditChanges(ids, until)
        district_progress(tracker, until, changes)
        load_snapshot(tracker)
        again, reloads = [], []
        for run in range(runs):
            update_task(tracker, district.id, "comb", progress=str(10 + run))
            again.append(timed(lambda: district_progress(tracker, until, changes)))
            update_task(tracker, district.id, "comb", progress=str(50 + run))
            reloads.append(timed(lambda: load_snapshot(tracker)))
        months = len(district_progress(tracker, until)[district.id].tasks)

    print(f"rollout demo: {entries:,} audit entries, {len(ids)} districts, {months} months")
    print(f"medians of {runs} runs")
    figures = {
        "district_progress, log read whole": whole,
        "progress_by_district (catalog only)": catalog,
        "district_progress after one change": again,
        "load_snapshot (complete) after one change": reloads,
    }
    for name, values in figures.items():
        print(f"  {name:42} {statistics.median(values) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
