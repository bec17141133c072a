"""Two installs of tracker timed in the same interleaved rounds, on the same database.

    .venv/bin/python bench/compare.py OLD_BIN NEW_BIN DB [--rounds 15]

OLD_BIN and NEW_BIN are the ``bin`` folders of two virtual environments (say,
one with an earlier commit installed). Each round runs every command once
with each install, alternating which goes first, so load on the machine hits
both alike; the medians and their ratio are printed. Commands that change data
change DB: run it on a copy of a demo database.
"""

import argparse
import json
import os
import statistics
import subprocess
import time
from collections.abc import Iterator


def _commands(db: str, ready: Iterator[str], round_no: int) -> dict[str, list[str]]:
    return {
        "python -c pass": ["python", "-c", "pass"],
        "import floor": ["python", "-c", "import typer, dateutil.parser, orjson"],
        "task update": [
            "tracker",
            "--db",
            db,
            "task",
            "update",
            "河西",
            "梳理",
            "-p",
            str(round_no),
        ],
        "item advance": ["tracker", "--db", db, "item", "advance", next(ready), "standardized"],
        "status --json": ["tracker", "--db", db, "status", "--json"],
        "person list --json": ["tracker", "--db", db, "person", "list", "--json"],
        "log (table) -n 50": ["tracker", "--db", db, "log", "-n", "50"],
        "log --json -n 50": ["tracker", "--db", db, "log", "--json", "--limit", "50"],
        "item list --json": ["tracker", "--db", db, "item", "list", "--json"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_bin")
    parser.add_argument("new_bin")
    parser.add_argument("db")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("TRACKER_")
    }
    env["COLUMNS"] = "120"
    listing = subprocess.run(
        [f"{args.new_bin}/tracker", "--db", args.db, "item", "list", "--json", "-s", "combed"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    ready = iter([i["id"] for i in json.loads(listing.stdout) if not i["missing"]])
    installs = {"old": args.old_bin, "new": args.new_bin}
    times: dict[tuple[str, str], list[float]] = {}
    for round_no in range(args.rounds):
        order = list(installs.items())
        for name, folder in order if round_no % 2 else order[::-1]:
            for command, argv in _commands(args.db, ready, round_no).items():
                start = time.perf_counter()
                subprocess.run(
                    [f"{folder}/{argv[0]}", *argv[1:]],
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                times.setdefault((name, command), []).append(time.perf_counter() - start)
    print(f"{args.db}: medians of {args.rounds} interleaved rounds")
    for command in _commands(args.db, iter(["-"]), 0):
        old = statistics.median(times[("old", command)])
        new = statistics.median(times[("new", command)])
        print(
            f"  {command:20} old {old * 1000:6.0f} ms   new {new * 1000:6.0f} ms   {new / old:.2f}×"
        )


if __name__ == "__main__":
    main()
