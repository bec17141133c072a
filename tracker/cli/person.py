"""``tracker person add|list`` and ``tracker assign``: people and responsibilities."""

from typing import Annotated

import typer

from tracker.cli.context import open_for
from tracker.cli.group import command, noun_app, single_command
from tracker.cli.output import console, printed_as_json, say, table
from tracker.domain.vocab import ROLES
from tracker.services import people, tasks

app = noun_app(
    "登记和查看人员（协调员、区试点负责人、区工作人员、市有关部门联络员、只读用户），修改或停用。"
)


@command(app, "add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名")],
    login: Annotated[str, typer.Option("--login", help="其系统登录名（用于识别操作人）")],
    role: Annotated[
        str,
        typer.Option("--role", help="协调员、区试点负责人、区工作人员、部门联络员、只读用户"),
    ],
    district: Annotated[
        str | None, typer.Option("--district", "-d", help="所在的区（区试点负责人必填）")
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="联系电话")] = None,
    department: Annotated[
        str | None,
        typer.Option("--department", help="所在的市有关部门（部门联络员必填），如 市规划局"),
    ] = None,
    create_login: Annotated[
        bool,
        typer.Option(
            "--create-login",
            help="同时在数据库服务器上为其建立登录（仅用于 postgresql:// 数据库；需 CREATEROLE 权限）",
        ),
    ] = False,
) -> None:
    """登记一位人员（仅协调员可操作）。区试点负责人只能修改本区数据。

    文件夹数据库以操作系统登录名识别操作人；数据库服务器以数据库登录识别，
    加 --create-login 即同时建立登录（口令或本机认证由服务器管理员按单位规定配置）。
    停用人员时，其数据库登录随之停用。

    示例：`tracker person add 李华 --login lihua --role 区试点负责人 --district 河西 --phone 022-28000000`、
    `tracker --db postgresql://db.tj.gov/pilot person add 李华 --login lihua --role 区试点负责人 -d 河西 --create-login`
    """
    tracker = open_for(ctx)
    person = people.add_person(
        tracker,
        name,
        login=login,
        role=role,
        district=district,
        unit=unit,
        phone=phone,
        department=department,
        create_login=create_login,
    ).record
    where = f"，{tracker.plan.district(person.district).name}" if person.district else ""
    say(f"已登记 {person.name}（{person.login}，{ROLES.label(person.role)}{where}）")
    if create_login:
        say(f"已在数据库服务器上建立登录 {person.login}")


@command(app, "list")
def list_people(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON 数组")] = False,
) -> None:
    """列出所有人员、角色、所在区和负责的任务。

    示例：`tracker person list --json`
    """
    from tracker.services.read.queries import responsibilities

    tracker = open_for(ctx)
    rows = sorted(
        responsibilities(tracker),
        key=lambda r: (ROLES.ids.index(r.person.role), r.person.district, r.person.login),
    )
    if printed_as_json(rows, json_output):
        return
    grid = table("姓名", "登录名", "角色", "区/单位", "电话", "负责")
    for row in rows:
        person = row.person
        duties = [r.district_name for r in row.districts]
        duties += [f"{r.district_name}·{r.task_name}" for r in row.tasks]
        grid.add_row(
            person.name,
            person.login,
            person.role_name,
            person.place or "—",
            person.phone or "—",
            "、".join(duties) or "—",
        )
    console().print(grid)


def assign(
    ctx: typer.Context,
    district: Annotated[str, typer.Argument(help="区：代号或名称")],
    login: Annotated[str, typer.Argument(help="人员的登录名或姓名")],
    task: Annotated[
        list[str] | None,
        typer.Option("--task", "-t", help="只负责其中的任务（可重复，一次给几项）"),
    ] = None,
) -> None:
    """明确责任人：让某人负责一个区，或负责该区的一项或几项任务。

    示例：`tracker assign 河西 lihua`、`tracker assign 河西 wangfang --task 梳理 --task 规范`
    """
    tracker = open_for(ctx)
    person = tracker.person(login)
    place = tracker.district(district).name
    if not task:
        assigned = people.assign(tracker, district, login)
        verb = "已明确" if assigned.changed else "原已明确"
        say(f"{verb} {person.name} 负责{place}试点工作")
        return
    for one in dict.fromkeys(task):
        outcome = tasks.assign_task(tracker, district, one, login)
        verb = "已明确" if outcome.changed else "原已明确"
        say(f"{verb} {person.name} 负责{place}「{tracker.plan.find_task(one).name}」")


@command(app, "update")
def update(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="人员的登录名或姓名")],
    role: Annotated[str | None, typer.Option("--role", help="角色")] = None,
    district: Annotated[str | None, typer.Option("--district", help="所在的区")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="电话")] = None,
    department: Annotated[str | None, typer.Option("--department", help="所在的市有关部门")] = None,
) -> None:
    """修改已登记人员的角色、所在的区或部门、单位或电话（协调员）。

    示例：`tracker person update wangfang --role 区工作人员`、`tracker person update lihua --phone 022-23391235`
    """
    tracker = open_for(ctx)
    outcome = people.update_person(
        tracker,
        login,
        role=role,
        district=district,
        unit=unit,
        phone=phone,
        department=department,
    )
    person = outcome.record
    say(f"已修改 {person.name}（{person.login}）" if outcome.changed else "没有变化")


@command(app, "deactivate")
def deactivate(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="人员的登录名或姓名")],
    reason: Annotated[str, typer.Option("--reason", help="停用原因，如 调离、误登记")],
) -> None:
    """停用人员：不再列为责任人、不能再操作，登记和操作记录保留（协调员）。

    示例：`tracker person deactivate zhaoqiang --reason 调离`
    """
    tracker = open_for(ctx)
    person = people.deactivate_person(tracker, login, reason=reason).record
    say(f"已停用 {person.name}（{person.login}）：{person.deactivated}")


assign_app = single_command("assign", assign)
