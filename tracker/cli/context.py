"""Global options, and opening the tracker a command works on."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from tracker.services import Tracker, open_tracker

if TYPE_CHECKING:
    from tracker.domain.plan import DistrictDef

GLOBAL_OPTIONS = ("--db", "--as-of", "--user")

DistrictOption = Annotated[
    str | None, typer.Option("--district", "-d", help="只看一个区：代号或名称")
]
"""The ``-d`` of the list commands; ``Tracker.districts`` reads it."""
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON 数组")]

RowT = TypeVar("RowT")


def listed(
    ctx: typer.Context,
    district: str | None,
    json_output: bool,
    query: "Callable[[Tracker, list[DistrictDef]], list[RowT]]",
) -> list[RowT] | None:
    """What a list command shows: ``query``'s rows for the district ``-d`` names, or for every
    district; None once they were printed as ``--json``, which ends the command."""
    from tracker.cli.output import printed_as_json

    tracker = open_for(ctx)
    rows = query(tracker, tracker.districts(district))
    return None if printed_as_json(rows, json_output) else rows


@dataclass(frozen=True)
class Options:
    db: str
    """The database: a folder (or, for a server backend, its URL), exactly as given."""
    as_of: str | None
    user: str | None


def options(ctx: typer.Context) -> Options:
    opts: Options = ctx.find_root().obj  # set by the root callback (tracker.cli.app.root)
    return opts


def open_for(ctx: typer.Context) -> Tracker:
    opts = options(ctx)
    return open_tracker(opts.db, user=opts.user, as_of=opts.as_of)


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--db``/``--as-of``/``--user`` to the front, so they work after a sub-command too."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(args):
            front.extend(args[index : index + 2])
            index += 2
            continue
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest
