"""The 督办 screen: open orders by deadline with their story, and the whole cycle in forms."""

from textual.widgets import DataTable, Static

from tests.tui.conftest import drive, fill
from tracker.services import open_tracker
from tracker.services.read.queries import orders


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#orders-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def detail(app) -> str:
    return str(app.screen.query_one("#order-detail", Static).render())


def test_open_orders_come_first_by_deadline_with_the_overdue_in_red(make_app, demo_db):
    app = make_app()

    async def scenario(pilot):
        await pilot.pause(0.5)
        await pilot.press("o")
        await pilot.pause()
        shown, story = rows(pilot.app), detail(pilot.app)
        await pilot.press("f")
        await pilot.pause()
        return shown, story, rows(pilot.app)

    shown, story, every = drive(app, scenario, size=(120, 36))
    expected = [o for o in orders(open_tracker(demo_db), open_tracker(demo_db).plan.districts)]
    assert [r[0] for r in shown] == [o.id for o in expected if o.open] == ["2018-1", "2018-2"]
    assert shown[0][:5] == ["2018-1", "津南区", "2018-02-28", "超期 15 天", "已退回待重报"]
    assert shown[1][3:5] == ["还有 8 天", "待回复"]
    assert "2018-03-02　退回　" in story and "回复未附流程文件" in story
    assert [r[0] for r in every] == [o.id for o in expected]
    assert every[-1][4] == "已办结"


def test_an_order_goes_round_in_forms(make_app, demo_db):
    async def issue(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "n")
        await pilot.pause()
        await fill(
            pilot, district="hexi", problem="政务公开专区未标注更新日期", deadline="2018-03-30"
        )
        return rows(pilot.app)

    shown = drive(make_app(), issue, size=(120, 36))
    assert ["2018-3", "河西区", "2018-03-30", "还有 15 天", "待回复", "王建华"] in [
        r[:6] for r in shown
    ]

    async def reply(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "down", "down", "e")  # the third open order: 2018-3
        await pilot.pause()
        await fill(pilot, text="专区已逐条标注更新日期", ref="河西政办〔2018〕15号")
        return rows(pilot.app)

    replied = drive(make_app("wangjh"), reply, size=(120, 36))
    assert next(r for r in replied if r[0] == "2018-3")[4] == "已回复待审核"

    async def refused(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "down", "down", "y")
        await pilot.pause()
        await fill(pilot)
        return str(pilot.app.screen.query_one("#form-error", Static).render())

    assert "只有市政府办公厅协调员可以办结督办单" in drive(make_app("wangjh"), refused)

    async def accept(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "down", "down", "y")
        await pilot.pause()
        await fill(pilot, text="同意办结")
        await pilot.press("f")
        await pilot.pause()
        return rows(pilot.app)

    closed = drive(make_app(), accept, size=(120, 36))
    assert next(r for r in closed if r[0] == "2018-3")[4] == "已办结"
    (entry,) = [
        o for o in orders(open_tracker(demo_db), open_tracker(demo_db).plan.districts)
        if o.id == "2018-3"
    ]  # fmt: skip
    assert [(s.action, s.by) for s in entry.steps] == [("reply", "wangjh"), ("accept", "zhangwei")]


def test_a_closed_order_takes_no_reply(make_app):
    async def scenario(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "f", "down", "down", "down", "e")  # the last: closed 2017-2
        await pilot.pause()
        return type(pilot.app.screen).__name__, [n.message for n in pilot.app._notifications]

    screen, notes = drive(make_app(), scenario, size=(120, 36))
    assert screen == "OrdersScreen"
    assert any("已办结" in n for n in notes)


def test_the_dashboard_shows_what_changed_since_last_monday(make_app, demo_db):
    from tests.conftest import Cli

    week = Cli(demo_db).json("digest")
    app = make_app()

    async def scenario(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        scroll = pilot.app.screen.query_one("#dashboard-scroll")
        return str(
            pilot.app.screen.query_one("#dashboard-digest", Static).render()
        ), scroll.scroll_y

    text, scrolled = drive(app, scenario, size=(100, 30))
    assert f"上周以来（{week['since']} 至 {week['until']}" in text
    for district in week["districts"]:
        if district["changes"]:
            assert f"{district['name']}  操作 {district['changes']} 项" in text
    wuqing = next(d for d in week["districts"] if d["id"] == "wuqing")
    assert any(e["kind"] == "order" for e in wuqing["events"])
    assert "下发督办单 2018-2" in text
    assert scrolled > 0, "w scrolls down to the week"


def test_a_form_names_fields_not_command_line_flags(make_app):
    async def scenario(pilot):
        await pilot.pause(0.5)
        await pilot.press("o", "n")
        await pilot.pause()
        await fill(pilot, deadline="2018-03-30")
        return str(pilot.app.screen.query_one("#form-error", Static).render())

    error = drive(make_app(), scenario, size=(120, 36))
    assert "请写明督办事项，或选一条当前预警" in error and "--" not in error
