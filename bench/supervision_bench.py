"""The office's weekly round at rollout scale: ``order list`` and ``digest`` (target ≤ 0.5 s
each, issue 13), beside ``status --json`` and the two baselines, interleaved round by round.

    .venv/bin/python bench/supervision_bench.py [--runs 11] [--db FOLDER]

Builds the rollout demo (16 districts, 25,000 items, about 100,000 audit entries, 48 orders)
in a temporary folder unless ``--db`` names one. Run with the virtual environment's own
interpreter, PYTHONDONTWRITEBYTECODE unset (``environment`` drops it for the commands).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rollout_round import main

COMMANDS = {
    "order list": ["order", "list"],
    "order list --json": ["order", "list", "--json"],
    "order list --open -d 河西": ["order", "list", "--open", "-d", "河西"],
    "digest": ["digest"],
    "digest --json": ["digest", "--json"],
    "digest --since 2018-01-01": ["digest", "--since", "2018-01-01", "--json"],
    "status --json": ["status", "--json"],
}
TARGETS = {"order list": 0.5, "order list --json": 0.5, "digest": 0.5, "digest --json": 0.5}

if __name__ == "__main__":
    main(__doc__ or "", COMMANDS, TARGETS)
