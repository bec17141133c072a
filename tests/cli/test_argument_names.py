"""Every positional argument of every command has a Chinese name for click's own messages
("缺少参数 督办单编号（ORDER_ID）"), so no English name reaches a user (issue 13, part 7)."""

from typing import Any

import typer

from tests.conftest import Cli
from tracker.cli.app import app
from tracker.cli.errors import ARGUMENT_NAMES


def arguments() -> list[tuple[str, str]]:
    """(argument name, command path) of every positional argument."""
    found: list[tuple[str, str]] = []

    def walk(command: Any, ctx: Any, path: str) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, type(ctx)(sub, parent=ctx, info_name=name), f"{path} {name}")
            return
        # Typer 0.29 carries its own click: ask the parameter what it is, not its class.
        found.extend(
            (p.name or "", path) for p in command.params if p.param_type_name == "argument"
        )

    root = typer.main.get_command(app)
    walk(root, root.context_class(root, info_name="tracker"), "tracker")
    return found


def test_every_argument_has_a_chinese_name():
    found = arguments()
    assert ("order_id", "tracker order reply") in found
    assert [(name, path) for name, path in found if name not in ARGUMENT_NAMES] == []


def test_a_missing_argument_is_named_in_chinese(cli: Cli):
    result = cli("order", "reply")
    assert result.exit_code == 2
    assert "缺少参数 督办单编号（ORDER_ID）" in result.stderr
