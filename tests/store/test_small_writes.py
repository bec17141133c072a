"""A small change rewrites only its own district's files, never another district's."""

from tests.conftest import Cli, snapshot


def test_a_task_or_item_change_touches_only_that_districts_files(cli: Cli):
    for district in ("河西", "津南", "武清"):
        cli.ok(
            "item",
            "add",
            district,
            "--area",
            {"河西": "城乡规划", "津南": "社会救助", "武清": "义务教育"}[district],
            "--name",
            "事项一",
        )
    before = snapshot(cli.db)

    cli.ok("task", "update", "河西", "梳理", "-p", "30")
    cli.ok("item", "update", "hexi-1", "--basis", "《中华人民共和国城乡规划法》")

    after = snapshot(cli.db)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {
        "files.json",  # the item's first history entry makes history/hexi.jsonl: it is listed
        "audit.jsonl",
        "districts/hexi.json",
        "items/hexi.json",
        "history/hexi.jsonl",
    }
