"""Every database file is a TinyDB database that TinyDB itself opens and queries."""

from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from tests.conftest import Cli


def test_tinydb_reads_the_stores_files(team: Cli):
    team.ok("task", "update", "河西", "梳理", "-p", "40", login="lihua")
    team.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")

    files = [p for p in team.db.rglob("*.json") if p.name not in ("meta.json", "plan.json")]
    assert {p.relative_to(team.db).as_posix() for p in files} >= {
        "districts/hexi.json",
        "items/hexi.json",
        "people.json",
    }
    for path in files:
        with TinyDB(path, storage=CachingMiddleware(JSONStorage), access_mode="r") as db:
            assert db.tables()
    with TinyDB(
        team.db / "districts" / "hexi.json", storage=CachingMiddleware(JSONStorage), access_mode="r"
    ) as db:
        [comb] = db.table("tasks").search(Query().task == "comb")
        assert comb["progress"] == 40
    with TinyDB(
        team.db / "items" / "hexi.json", storage=CachingMiddleware(JSONStorage), access_mode="r"
    ) as db:
        assert db.table("items").get(Query().name == "控规")["area"] == "城乡规划"
