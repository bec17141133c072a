"""Several real processes writing the same database at once lose nothing."""

import json
import subprocess
import sys

from tests.conftest import COORDINATOR, Cli, environment

WRITER = """
import sys
from tracker.cli import main
db, worker = sys.argv[1], sys.argv[2]
for i in range(50):
    code = main(["--db", db, "--as-of", "2018-03-15", "note", "add", "河西", "--kind", "progress", f"{worker}-{i}"])
    assert code == 0, code
"""


def test_four_processes_making_fifty_updates_each_keep_all_two_hundred(cli: Cli):
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(cli.db), f"w{n}"],
            env=environment(COORDINATOR),
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err

    notes = cli.json("note", "list", "--district", "hexi")
    texts = sorted(n["text"] for n in notes)
    assert texts == sorted(f"w{n}-{i}" for n in range(4) for i in range(50))
    assert len({n["id"] for n in notes}) == 200

    audit = [json.loads(line) for line in (cli.db / "audit.jsonl").read_text().splitlines()]
    added = [e for e in audit if e["action"] == "note.add"]
    assert len(added) == 200
    assert sorted(e["after"]["text"] for e in added) == texts
    assert [e["seq"] for e in audit] == list(range(1, len(audit) + 1))


ISSUER = """
import sys
from tracker.cli import main
db, district = sys.argv[1], sys.argv[2]
for i in range(10):
    code = main(["--db", db, "--as-of", "2018-03-15", "order", "issue", district,
                 "--problem", f"{district}-{i}", "--deadline", "2018-04-30"])
    assert code == 0, code
"""


def test_orders_issued_at_once_to_three_districts_get_one_number_each(cli: Cli):
    """Numbers run per year across districts: concurrent issuers never share one."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ISSUER, str(cli.db), district],
            env=environment(COORDINATOR),
            stderr=subprocess.PIPE,
            text=True,
        )
        for district in ("hexi", "jinnan", "wuqing")
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    orders = cli.json("order", "list", as_of="2018-03-15")
    assert sorted(o["number"] for o in orders) == list(range(1, 31))
    assert sorted(o["problem"] for o in orders) == sorted(
        f"{d}-{i}" for d in ("hexi", "jinnan", "wuqing") for i in range(10)
    )
    assert cli.json("db", "check")["ok"]
