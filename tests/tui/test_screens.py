"""Driving the TUI by keys: navigation, filtering, editing, refusals, read-only, live updates."""

import asyncio
import sys

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from tests.conftest import COORDINATOR, Cli, environment
from tests.tui.conftest import drive
from tracker.tui.modals.forms import FormModal
from tracker.tui.modals.help import HelpModal
from tracker.tui.screens.catalog import CatalogScreen
from tracker.tui.widgets.district_card import DistrictCard


def card_text(app, district_id: str) -> str:
    return str(app.screen.query_one(f"#card-{district_id}", DistrictCard).render())


def test_every_screen_is_one_key_away_and_shows_brackets_as_text(make_app, demo_db):
    """Every screen, with user text holding markup-like brackets: shown, never read as markup
    (an item named 规划[草案 once crashed the catalog)."""
    cli = Cli(demo_db)
    cli.ok("note", "add", "河西", "--kind", "progress", "进展 [/x] [bold 未闭合")
    cli.ok("task", "update", "津南", "workflow", "--note", "原因[/b]待定")
    cli.ok("item", "update", "hexi-1", "--name", "控规[/i]")
    app = make_app()

    async def scenario(pilot):
        seen = {}
        for key in "xctprad":
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            seen[key] = type(pilot.app.screen).__name__
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(pilot.app.screen.query_one("#help-text", Static).render())
        return seen, isinstance(pilot.app.screen, HelpModal), help_text

    seen, help_open, help_text = drive(app, scenario)
    assert seen == {
        "x": "DistrictScreen",
        "c": "CatalogScreen",
        "t": "TimelineScreen",
        "p": "PeopleScreen",
        "r": "ReportsScreen",
        "a": "ActivityScreen",
        "d": "DashboardScreen",
    }
    assert help_open
    for label in ("总览", "区详情", "目录", "时间轴", "责任人", "报告", "动态", "帮助", "退出"):
        assert label in help_text


def test_the_dashboard_shows_each_districts_light_and_reasons(make_app):
    app = make_app()

    async def scenario(pilot):
        cards = {card.id: card for card in pilot.app.screen.query(DistrictCard)}
        return {
            key: sorted(c.classes & {"red", "yellow", "green"}) for key, c in cards.items()
        }, card_text(pilot.app, "jinnan")

    lights, jinnan = drive(app, scenario)
    assert lights == {"card-hexi": ["green"], "card-jinnan": ["red"], "card-wuqing": ["yellow"]}
    assert "红灯" in jinnan and "受阻" in jinnan and "李国强" in jinnan and "事项 109" in jinnan


def test_the_catalog_filters_as_you_type_and_by_state(make_app, demo_db):
    cli = Cli(demo_db)
    searched = len(cli.json("item", "list", "--search", "规划许可"))
    published = len(cli.json("item", "list", "--status", "published"))
    app = make_app()

    async def scenario(pilot):
        await pilot.press("c")
        await pilot.pause(0.3)
        screen = pilot.app.screen
        assert isinstance(screen, CatalogScreen)
        counts = [str(screen.query_one("#catalog-count", Static).render())]
        await pilot.press("slash")
        await pilot.press(*"规划许可")
        await pilot.pause()
        counts.append(str(screen.query_one("#catalog-count", Static).render()))
        screen.query_one("#filter-search", Input).value = ""
        screen.query_one("#filter-status", Select).value = "published"
        await pilot.pause()
        counts.append(str(screen.query_one("#catalog-count", Static).render()))
        screen.query_one("#filter-missing", Checkbox).value = True
        await pilot.pause()
        counts.append(str(screen.query_one("#catalog-count", Static).render()))
        table = screen.query_one("#catalog-table", DataTable)
        first = table.get_row_at(0) if table.row_count else None
        return counts, first

    counts, first = drive(app, scenario)
    assert counts[0].startswith("共 344 项（全部 344 项）")
    assert counts[1].startswith(f"共 {searched} 项") and searched > 1
    assert counts[2].startswith(f"共 {published} 项") and published > 50
    assert counts[3].startswith("共 0 项"), "published items never lack required elements"
    assert first is None


def test_editing_a_task_in_a_form_changes_the_card(make_app):
    app = make_app()

    async def scenario(pilot):
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        form.query_one("#progress", Input).value = "95"
        await pilot.click("#form-save")
        await pilot.pause(0.5)
        await pilot.press("d")
        await pilot.pause(0.5)
        return card_text(pilot.app, "hexi")

    assert "95%" in drive(app, scenario)


def test_a_lead_editing_another_district_is_refused_in_the_form(make_app):
    app = make_app("wangjh")  # 王建华 leads 河西

    async def scenario(pilot):
        await pilot.press("x", "right_square_bracket")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#progress", Input).value = "99"
        await pilot.click("#form-save")
        await pilot.pause()
        return isinstance(pilot.app.screen, FormModal), str(
            form.query_one("#form-error", Static).render()
        )

    still_open, error = drive(app, scenario)
    assert still_open
    assert "王建华（河西区试点负责人）只能修改河西区的数据，不能修改津南区的数据" in error


def test_read_only_mode_opens_no_form(make_app):
    app = make_app(readonly=True)

    async def scenario(pilot):
        await pilot.press("x", "e")
        await pilot.pause()
        return type(pilot.app.screen).__name__, [n.message for n in pilot.app._notifications]

    screen, notes = drive(app, scenario)
    assert screen == "DistrictScreen"
    assert "只读模式下不能修改数据" in notes


def test_a_change_from_the_cli_appears_on_the_dashboard_within_two_seconds(make_app, demo_db):
    app = make_app()

    async def scenario(pilot):
        before = card_text(pilot.app, "hexi")
        argv = ["-m", "tracker", "--db", str(demo_db), "task", "update", "河西", "梳理", "-p", "97"]
        writer = await asyncio.create_subprocess_exec(
            sys.executable, *argv, env=environment(COORDINATOR)
        )
        assert await writer.wait() == 0
        for _ in range(25):
            await pilot.pause(0.1)
            if "97%" in card_text(pilot.app, "hexi"):
                break
        return before, card_text(pilot.app, "hexi")

    before, after = drive(app, scenario)
    assert "97%" not in before
    assert "97%" in after


def test_the_reports_screen_previews_and_exports(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()

    async def scenario(pilot):
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        first = pilot.app.screen.query_one("#report-preview").source
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        third = pilot.app.screen.query_one("#report-preview").source
        await pilot.press("w")
        await pilot.pause()
        return first, third

    first, third = drive(app, scenario)
    assert first.startswith("**天津市人民政府办公厅**\n\n（草稿）")
    assert "# 天津市人民政府办公厅关于基层政务公开标准化规范化试点工作情况的报告" in first
    assert third.startswith("# 河西区基层政务公开标准化规范化试点工作报告")
    assert (tmp_path / "exports" / "河西区试点工作报告-2018-03-15.docx").exists()


def test_the_people_screen_shows_what_person_list_says_each_answers_for(make_app, demo_db):
    listed = {p["login"]: p for p in Cli(demo_db).json("person", "list")}
    app = make_app()

    async def scenario(pilot):
        await pilot.press("p")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.screen.query_one("#people-table", DataTable)
        return {str(key.value): str(table.get_row(key)[-1]) for key in table.rows}

    shown = drive(app, scenario)
    assert set(shown) == set(listed)
    for login, person in listed.items():
        duties = [d for d in shown[login].split("、") if d != "—"]
        assert [d for d in duties if "·" not in d] == person["districts"]
        assert len([d for d in duties if "·" in d]) == len(person["tasks"])
    # The demo's leads answer for their districts, its staff for the tasks they own.
    assert any(person["districts"] for person in listed.values())
    assert any(person["tasks"] for person in listed.values())


def test_the_dashboard_counts_down_to_the_deadline_status_names(make_app, demo_db):
    line = next(
        line
        for line in Cli(demo_db).ok("status").stdout.splitlines()
        if line.startswith("下一个截止：")
    )
    name = line.removeprefix("下一个截止：").split("（")[0]
    app = make_app()

    async def scenario(pilot):
        return str(pilot.app.screen.query_one("#dashboard-heading", Static).render())

    assert f"下一截止：{name[:10]}" in drive(app, scenario)


def test_the_help_shows_bracket_keys_as_keys(make_app):
    app = make_app()

    async def scenario(pilot):
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        return str(pilot.app.screen.query_one("#help-text", Static).render())

    text = drive(app, scenario)
    lines = [line for line in text.splitlines() if "上一区" in line or "下一区" in line]
    assert len(lines) == 2 and all("[/b]" not in line for line in lines)
    assert any(line.strip().startswith("[") for line in lines), lines


def test_someone_who_may_change_nothing_gets_no_form(make_app):
    app = make_app("stranger")  # not registered: may look, not change

    async def scenario(pilot):
        await pilot.press("x", "e")
        await pilot.pause()
        return type(pilot.app.screen).__name__, [n.message for n in pilot.app._notifications]

    screen, notes = drive(app, scenario)
    assert screen == "DistrictScreen"
    assert any("没有修改权限" in note for note in notes)


def test_cards_name_milestones_by_their_short_names_never_cut_mid_word(make_app):
    app = make_app()

    async def scenario(pilot):
        await pilot.pause()
        return card_text(pilot.app, "hexi")

    text = drive(app, scenario)
    assert "方案备案" in text and "完成任务" in text
    assert "完成试点各项" not in text
