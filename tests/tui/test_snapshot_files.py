"""Every stored snapshot belongs to a snapshot test that still exists.

Run serially, syrupy fails the run on a snapshot no test uses; under pytest-xdist it cannot
see the other workers' tests and skips that check, so this test makes it instead.
"""

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
SNAPSHOTS = TESTS / "__snapshots__"
ROOT = TESTS.parents[1]


def collected_ids(module: Path) -> set[str]:
    """The test ids pytest collects from a module, parameters included, whatever ``-k`` says."""
    listing = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
            str(module.relative_to(ROOT)),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return {line.split("::", 1)[1] for line in listing.stdout.splitlines() if "::" in line}


def test_no_snapshot_is_left_without_its_test():
    folders = [folder for folder in SNAPSHOTS.iterdir() if folder.is_dir()]
    assert folders, "no snapshots found"
    for folder in folders:
        module = TESTS / f"{folder.name}.py"
        assert module.exists(), f"snapshots of a test module that is gone: {folder}"
        stored = {svg.stem for svg in folder.glob("*.svg")}
        unused = stored - collected_ids(module)
        assert not unused, f"snapshots no test uses: {sorted(unused)}"
