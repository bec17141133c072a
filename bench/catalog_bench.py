"""Catalog benchmarks: importing 5,000 rows (.xlsx and .csv) and listing 25,000 items as JSON.

    .venv/bin/python bench/catalog_bench.py [--runs 3]

Not part of the test suite. Runs the real ``tracker`` command in subprocesses,
with the byte-code cache enabled, as a user's machine would.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.catalog.writing import write_csv, write_xlsx
from tracker.domain.catalog_vocab import AUDIENCES, CHANNELS, FIVE_OPENNESS, LEVELS, MODES
from tracker.domain.items import Item
from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path

TRACKER = str(Path(sys.executable).parent / "tracker")
PLAN = load_plan_file(builtin_plan_path())


def synthetic_items(district_id: str, count: int, seed: int) -> list[Item]:
    """Items with realistic lengths, spread over the district's focal areas."""
    rng = random.Random(seed)
    district = PLAN.district(district_id)
    items = []
    for n in range(1, count + 1):
        area = district.areas[n % len(district.areas)]
        items.append(
            Item(
                id=f"{district_id}-{n}",
                district=district_id,
                area=area,
                topic=f"{area}管理事项{n % 40}",
                name=f"{area}第{n}项行政行为信息公开",
                content="事项名称、办理依据、办理条件、办理流程、办理结果、监督渠道",
                basis="《中华人民共和国政府信息公开条例》第十九条、第二十条",
                time_limit="信息形成或变更之日起20个工作日内",
                subject=f"{district.name}{area}主管部门",
                channels=rng.sample(CHANNELS[:12], 2),
                audience=rng.choice(AUDIENCES),
                mode=rng.choice(MODES),
                level=rng.choice(LEVELS),
                five=[rng.choice(FIVE_OPENNESS.ids)],
            )
        )
    return items


def run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh_db(folder: Path, env: dict[str, str]) -> dict[str, str]:
    db_env = {**env, "TRACKER_DB": str(folder / f"db-{time.perf_counter_ns()}")}
    subprocess.run([TRACKER, "init"], env=db_env, check=True, stdout=subprocess.DEVNULL)
    return db_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("TRACKER_")
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = synthetic_items("hexi", 5000, seed=1)
        xlsx, csv = folder / "hexi-5000.xlsx", folder / "hexi-5000.csv"
        write_xlsx(rows, xlsx, "河西区政务公开事项标准目录")
        write_csv(rows, csv)
        results = []
        for label, path in (
            ("item import 5,000-row .xlsx", xlsx),
            ("item import 5,000-row .csv", csv),
        ):
            times = [
                run([TRACKER, "item", "import", "hexi", str(path)], fresh_db(folder, env))
                for _ in range(runs)
            ]
            results.append((label, statistics.median(times)))

        big = fresh_db(folder, env)
        for n, district in enumerate(PLAN.districts):
            count = 25000 // 3 + (25000 % 3 if n == 0 else 0)
            path = folder / f"{district.id}.csv"
            write_csv(synthetic_items(district.id, count, seed=n), path)
            subprocess.run(
                [TRACKER, "item", "import", district.id, str(path)],
                env=big,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        times = [run([TRACKER, "item", "list", "--json"], big) for _ in range(runs)]
        results.append(("item list --json (25,000 items)", statistics.median(times)))
        times = [run([TRACKER, "status", "--json"], big) for _ in range(runs)]
        results.append(("status --json (25,000 items)", statistics.median(times)))
        times = [
            run([TRACKER, "item", "update", "hexi-17", "--subject", f"主管部门{i}"], big)
            for i in range(runs)
        ]
        results.append(("item update (district with 8,334 items)", statistics.median(times)))
    print(f"{os.cpu_count()} cores · Python {sys.version.split()[0]} · median of {runs} runs")
    for label, seconds in results:
        print(f"{label:<44} {seconds:>7.2f} s")


if __name__ == "__main__":
    main()
