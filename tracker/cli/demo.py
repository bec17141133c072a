"""``tracker demo``: a ready database to look around in."""

from typing import Annotated

import typer

from tracker.cli.context import options
from tracker.cli.group import single_command
from tracker.cli.output import say
from tracker.cli.progress import progress_bar
from tracker.domain.errors import InputError


def demo(
    ctx: typer.Context,
    scale: Annotated[
        str, typer.Option("--scale", help="pilot（三个试点区）或 rollout（全市16个区）")
    ] = "pilot",
    force: Annotated[
        bool, typer.Option("--force", help="数据库已存在时重建；旧库保留为备份")
    ] = False,
    seed: Annotated[
        str, typer.Option("--seed", help="随机种子；相同种子生成相同的演示库")
    ] = "2017",
) -> None:
    """生成演示数据库：试点进行到 2018年3月15日 的样子（人员、任务、节点、事项目录、记录、评价和操作日志）。

    `--scale rollout` 生成全市推广规模：16个区、每区25个领域、约25,000个事项和约100,000条操作记录。
    示例：`tracker demo --force`、`tracker --db rollout demo --scale rollout`
    """
    from tracker.domain.values import parse_int

    db = options(ctx).db
    number = parse_int(seed, what="随机种子（--seed）", low=0)
    if scale == "pilot":
        from tracker.demo.pilot import AS_OF, build_pilot_demo

        with progress_bar("生成演示数据") as advance:
            build_pilot_demo(db, seed=number, force=force, progress=advance)
        say(f"已生成试点演示库 {db}（截至 {AS_OF}）。试试：tracker --db {db} status")
    elif scale == "rollout":
        from tracker.demo.rollout import AS_OF, build_rollout_demo

        with progress_bar("生成全市推广演示数据") as advance:
            summary = build_rollout_demo(db, seed=number, force=force, progress=advance)
        say(f"已生成全市推广演示库 {db}（截至 {AS_OF}）：{summary}")
    else:
        raise InputError(f"未知的规模「{scale}」，可选：pilot、rollout")


app = single_command("demo", demo)
