"""解读回应 and 基本目录 in the TUI: the same figures as the CLI, and records added in forms."""

from textual.widgets import DataTable, Static, TabbedContent

from tests.conftest import Cli
from tests.tui.conftest import drive, fill


def rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def test_the_measures_and_records_are_those_of_the_cli(make_app, demo_db):
    cli = Cli(demo_db)
    status = {d["id"]: d["workflow"] for d in cli.json("status")["districts"]}
    listed = cli.json("interpretation", "list")

    async def scenario(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("i")
        await pilot.pause()
        text = str(pilot.app.screen.query_one("#workflow-measures", Static).render())
        return text, rows(pilot.app, "interpretations-table")

    text, shown = drive(make_app(), scenario, size=(140, 40))
    jinnan = status["jinnan"]
    assert (
        f"津南区  按时解读 {jinnan['interpretations_on_time']}/{jinnan['interpretations_due']}"
        in text
    )
    assert [r[0] for r in shown] == [f"{i['district']}-{i['id']}" for i in listed]
    assert [r[-1] for r in shown] == [i["state_name"] for i in listed]


def test_a_concern_is_recorded_and_answered_in_forms(make_app, demo_db):
    async def scenario(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#workflow-tabs", TabbedContent).active = "concerns"
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, district="hexi", subject="社区公示栏更新不及时", source="网民留言",
                   received="2018-03-15 08:30")  # fmt: skip
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.screen.query_one("#concerns-table", DataTable)
        table.move_cursor(row=table.get_row_index("hexi-2"))
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, at="2018-03-15 11:00", channel="政府网站", by="区政务服务办公室")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        return rows(pilot.app, "concerns-table")

    shown = drive(make_app(), scenario, size=(140, 40))
    row = next(r for r in shown if r[0] == "hexi-2")
    assert row[2:] == [
        "社区公示栏更新不及时",
        "2018-03-15 08:30",
        "48 小时",
        "2018-03-15 11:00",
        "按时",
    ]
    (entry,) = [c for c in Cli(demo_db).json("concern", "list", "-d", "河西") if c["id"] == 2]
    assert entry["responder"] == "区政务服务办公室"


def test_the_basic_catalog_view_shows_each_area_as_compare_does(make_app, demo_db):
    compared = Cli(demo_db).json("baseline", "compare")

    async def scenario(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("g")
        await pilot.pause()
        table = pilot.app.screen.query_one("#baseline-table", DataTable)
        table.move_cursor(row=table.get_row_index("jinnan:社会救助"))
        await pilot.pause()
        detail = str(pilot.app.screen.query_one("#baseline-text", Static).render())
        return rows(pilot.app, "baseline-table"), detail

    shown, detail = drive(make_app(), scenario, size=(140, 40))
    assert [(r[0], r[1], r[6]) for r in shown] == [
        (c["district_name"], c["area"], str(len(c["missing"]))) for c in compared
    ]
    jinnan = next(c for c in compared if c["area"] == "社会救助")
    assert f"缺少 {len(jinnan['missing'])} 项：" + "、".join(jinnan["missing"]) in detail
