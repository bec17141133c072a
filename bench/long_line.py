"""The audit log with one very long entry, read by two installs: linear versus quadratic.

    .venv/bin/python bench/long_line.py OLD_BIN NEW_BIN [--mb 30] [--rounds 5]

Builds a copy of the pilot demo whose audit log ends with a change carrying a
note of MB megabytes (written through the store, as a 300 MB cell once was
imported), then times ``tracker log -n 3 --json`` with each install in
interleaved rounds and prints the medians and their ratio.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(db: Path, new_bin: str, megabytes: int) -> None:
    subprocess.run([f"{new_bin}/tracker", "--db", str(db), "demo"], check=True, capture_output=True)
    code = (
        "import sys\n"
        "from tracker.store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        "with store.transaction('bench', 'bench') as tx:\n"
        "    tx.put('hexi', 'notes', '999', {'text': 'x' * int(sys.argv[2])}, 'note.add')\n"
    )
    python = f"{new_bin}/python"
    subprocess.run([python, "-c", code, str(db), str(megabytes * 2**20)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_bin")
    parser.add_argument("new_bin")
    parser.add_argument("--mb", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "data"
        build(db, args.new_bin, args.mb)
        times: dict[str, list[float]] = {"old": [], "new": []}
        for round_no in range(args.rounds):
            order = ("old", "new") if round_no % 2 == 0 else ("new", "old")
            for which in order:
                binary = args.old_bin if which == "old" else args.new_bin
                start = time.perf_counter()
                subprocess.run(
                    [f"{binary}/tracker", "--db", str(db), "log", "-n", "3", "--json"],
                    check=True,
                    capture_output=True,
                    env=env,
                )
                times[which].append(time.perf_counter() - start)
        old, new = statistics.median(times["old"]), statistics.median(times["new"])
        print(f"log -n 3 --json, last entry {args.mb} MB, medians of {args.rounds} rounds:")
        print(f"  old {old:.2f} s   new {new:.2f} s   {new / old:.2f}×")
    sys.exit(0)


if __name__ == "__main__":
    main()
