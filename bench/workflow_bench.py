"""Issue 14's commands at rollout scale: ``baseline compare`` for every district (target ≤ 1 s),
``status --json`` (≤ 1 s) and the workflow lists, beside the two baselines, interleaved.

    .venv/bin/python bench/workflow_bench.py [--runs 11] [--db FOLDER]

Builds the rollout demo (16 districts, 25,000 items, ~101,000 audit entries, 8 departments'
basic catalogs) in a temporary folder unless ``--db`` names one.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rollout_round import main

COMMANDS = {
    "baseline compare --json": ["baseline", "compare", "--json"],
    "baseline compare": ["baseline", "compare"],
    "status --json": ["status", "--json"],
    "interpretation list --json": ["interpretation", "list", "--json"],
    "concern list --json": ["concern", "list", "--json"],
}
TARGETS = {"baseline compare --json": 1.0, "status --json": 1.0}

if __name__ == "__main__":
    main(__doc__ or "", COMMANDS, TARGETS)
