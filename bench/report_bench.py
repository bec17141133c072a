"""Reports at rollout scale: each format as a command, and md + html + docx made together.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/report_bench.py [--db DIR] [--runs 3]

Builds the rollout demo (16 districts, 25,000 items, ~100,000 audit entries) unless --db names
one, then times ``tracker report municipal --draft -f FMT`` for md, html, docx (and pdf when
LibreOffice is installed) as separate commands, and the three formats written one after the
other in one process (as the TUI or a script does). Target (issue 12): md + html + docx ≤ 5 s.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(args.db) if args.db else Path(folder) / "rollout"
        if not args.db:
            subprocess.run(
                [bin_dir / "tracker", "--db", db, "demo", "--scale", "rollout"],
                check=True,
                capture_output=True,
            )
        out = Path(folder) / "out"
        formats = ["md", "html", "docx"] + (["pdf"] if shutil.which("soffice") else [])
        times: dict[str, list[float]] = {fmt: [] for fmt in [*formats, "md+html+docx, one process"]}
        together = (
            "import sys; from tracker.cli import main\n"
            "for fmt in ('md', 'html', 'docx'):\n"
            "    main(['--db', sys.argv[1], 'report', 'municipal', '--draft', '-f', fmt,"
            " '-o', sys.argv[2] + '.' + fmt])\n"
        )
        for _ in range(args.runs):
            for fmt in formats:
                start = time.perf_counter()
                subprocess.run(
                    [bin_dir / "tracker", "--db", db, "report", "municipal", "--draft",
                     "-f", fmt, "-o", f"{out}.{fmt}"],
                    check=True, capture_output=True, env=env,
                )  # fmt: skip
                times[fmt].append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", together, str(db), str(out)],
                check=True,
                capture_output=True,
                env=env,
            )
            times["md+html+docx, one process"].append(time.perf_counter() - start)
        print(f"report municipal at rollout scale, medians of {args.runs} runs")
        for name, values in times.items():
            print(f"  {name:28} {statistics.median(values):6.2f} s")
        separate = sum(statistics.median(times[fmt]) for fmt in ("md", "html", "docx"))
        print(f"  {'md + html + docx, separate':28} {separate:6.2f} s   (target ≤ 5 s)")


if __name__ == "__main__":
    main()
