"""``tracker tui``: open the coordinator's terminal UI (also what bare ``tracker`` does)."""

from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import single_command


def tui(
    ctx: typer.Context,
    readonly: Annotated[
        bool, typer.Option("--readonly", help="只读模式（供领导浏览），不能修改数据")
    ] = False,
) -> None:
    """打开终端界面：总览、区详情、事项目录、时间轴、责任人、报告、动态、督办、解读回应、基本目录，按 ? 查看按键。

    示例：`tracker tui`、`tracker --db rollout tui --readonly`
    """
    from tracker.tui.data import load_snapshot

    tracker = open_for(ctx)
    # Read once before the screen is taken over: a damaged database is an error on stderr
    # with its exit code, not a full-screen app that cannot draw.
    first = load_snapshot(tracker, complete=False)
    from tracker.tui.app import TrackerApp

    app = TrackerApp(tracker, readonly=readonly, snapshot=first)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
    if app.return_code:
        raise typer.Exit(app.return_code)


app = single_command("tui", tui)
