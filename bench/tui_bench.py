"""TUI benchmarks: time to first paint of the dashboard, catalog filter keystroke latency, peak memory.

    .venv/bin/python bench/tui_bench.py DB [--runs 5]

Each figure comes from fresh processes running the app headless on ``DB``.
``bench/run.py`` calls this on the pilot and rollout demos.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

FIRST_PAINT = """
import sys, time
from pathlib import Path
from tracker.services import open_tracker
from tracker.tui.app import TrackerApp

class Measured(TrackerApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)

Measured(open_tracker(Path(sys.argv[1]))).run(headless=True, size=(120, 40))
"""

TYPING = """
import asyncio, json, resource, sys, time
from pathlib import Path
from tracker.services import open_tracker
from tracker.tui.app import TrackerApp

async def main():
    app = TrackerApp(open_tracker(Path(sys.argv[1])))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        latencies = []
        for key in "规划许可事项公开" * 2:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            latencies.append(time.perf_counter() - start)
        count = str(app.screen.query_one("#catalog-count").render())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"latencies": latencies, "peak_mb": peak, "count": count}))

asyncio.run(main())
"""


def environment() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("TRACKER_")
    }


def tui_figures(db: Path, runs: int = 5) -> dict[str, float]:
    env = environment()
    paints = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, str(db)], env=env, check=True, capture_output=True
        )
        paints.append(time.perf_counter() - start)
    out = subprocess.run(
        [sys.executable, "-c", TYPING, str(db)], env=env, check=True, capture_output=True, text=True
    )
    typing = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "TUI first paint": statistics.median(paints[1:]),
        "catalog filter keystroke": statistics.median(typing["latencies"]),
        "TUI peak memory (MB)": typing["peak_mb"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, value in tui_figures(args.db, args.runs).items():
        print(
            f"{name:<28} {value:8.1f} MB" if "MB" in name else f"{name:<28} {value * 1000:8.0f} ms"
        )


if __name__ == "__main__":
    main()
