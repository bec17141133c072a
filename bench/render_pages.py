"""Every report of the pilot demo as page images, for a person to look at: Word, then PDF
(LibreOffice), then one PNG a page (pdftoppm).

    .venv/bin/python bench/render_pages.py [--out pages] [--dpi 80] [--db DIR]

Builds a demo database in a temporary folder unless ``--db`` names one, and prints the path
of every page. Not part of the test suite: it needs LibreOffice and poppler-utils
(Debian: ``apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk``).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TRACKER = str(Path(sys.executable).parent / "tracker")
REPORTS = {
    "河西区试点工作报告": ["district", "河西"],
    "津南区试点工作报告": ["district", "津南"],
    "武清区试点工作报告": ["district", "武清"],
    "全市试点工作总体报告": [
        "municipal",
        "--doc-number",
        "津政办报〔2018〕12号",
        "--signer",
        "张三",
    ],
    "督办通报": ["bulletin", "--draft"],
    "津南区督办通知": ["notice", "津南", "--draft"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("pages"))
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--db", type=Path, help="a database to render; default: a fresh demo")
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(
                f"{tool} is missing: apt-get install -y libreoffice-writer-nogui poppler-utils"
            )
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-pages-") as work:
        db = args.db or Path(work) / "demo"
        if args.db is None:
            subprocess.run([TRACKER, "--db", str(db), "demo"], check=True, capture_output=True)
        for name, command in REPORTS.items():
            docx = args.out / f"{name}.docx"
            made = subprocess.run(
                [TRACKER, "--db", str(db), "report", *command, "-f", "docx", "-o", str(docx)],
                capture_output=True,
                text=True,
            )
            if made.returncode != 0:
                print(f"{name}: skipped ({made.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
                continue
            profile = Path(work) / "profile"
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(args.out),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            pdf = docx.with_suffix(".pdf")
            for old in args.out.glob(f"{name}-*.png"):
                old.unlink()
            prefix = args.out / name
            subprocess.run(
                ["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(prefix)], check=True
            )
            for page in sorted(args.out.glob(f"{name}-*.png")):
                print(page)


if __name__ == "__main__":
    main()
