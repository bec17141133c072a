"""Build the rollout demo at a multiple of its size: every district of Tianjin cloned ``factor``
times (160 districts for ten times), about 1,560 items per district as in the rollout demo.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/rollout10x.py DIR [--factor 10]

The database is built by the demo's own builder (:func:`tracker.demo.rollout.build_rollout_demo`,
through the store, one audited change at a time, as ``tracker demo --scale rollout`` does), only
with a longer district list: the builder sizes each district's catalog by the module's
``DISTRICT_IDS_ROLLOUT``, so the list is replaced in that module for this process. The result
passes ``tracker db check``. At ten times it holds 160 districts, about 250,000 items and a
million audit entries; it takes about three minutes and 4 GB of memory to build.
"""

import argparse
import sys
import time
from pathlib import Path

_NUMERALS = "一二三四五六七八九十"


def districts(factor: int) -> tuple[tuple[str, str], ...]:
    """The 16 districts, then ``factor - 1`` copies of them: ``hexi2`` 河西二区, ``hexi3`` 河西三区…"""
    from tracker.demo.content import DISTRICT_IDS_ROLLOUT

    if not 1 <= factor <= len(_NUMERALS):
        raise SystemExit(f"--factor must be between 1 and {len(_NUMERALS)}")
    return tuple(
        (ident, name) if copy == 0 else (f"{ident}{copy + 1}", f"{name[:-1]}{_NUMERALS[copy]}区")
        for copy in range(factor)
        for ident, name in DISTRICT_IDS_ROLLOUT
    )


def build(db: Path, factor: int = 10, *, seed: int = 2017) -> str:
    """Build the enlarged rollout demo at ``db`` (which must not exist); its summary line."""
    import tracker.demo.rollout as rollout

    rollout.DISTRICT_IDS_ROLLOUT = districts(factor)
    started = time.perf_counter()
    reported = [started]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - reported[0] >= 30:
            reported[0] = now
            print(f"  {done:,}/{total:,} changes, {now - started:.0f} s", flush=True)

    return rollout.build_rollout_demo(
        db, seed=seed, items=rollout.ITEMS * factor, progress=progress
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="where to build the folder database")
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    if args.db.exists():
        sys.exit(f"{args.db} already exists")
    print(build(args.db, args.factor))


if __name__ == "__main__":
    main()
