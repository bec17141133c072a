"""Values derived from a table are remembered until the table changes, and never served stale."""

from tests.conftest import Cli
from tracker.store import open_store


def test_a_derived_value_is_recomputed_only_after_a_commit(cli: Cli):
    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "控规")
    calls = []

    def count(docs):
        calls.append(1)
        return len(docs)

    assert open_store(cli.db).derived("hexi", "items", "count", count) == 1
    assert open_store(cli.db).derived("hexi", "items", "count", count) == 1
    assert len(calls) == 1, "the second reader used the remembered value"

    cli.ok("item", "add", "河西", "--area", "城乡规划", "--name", "修规")
    assert open_store(cli.db).derived("hexi", "items", "count", count) == 2
    assert len(calls) == 2
