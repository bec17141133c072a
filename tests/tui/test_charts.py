"""Progress by month in the TUI: 区详情's charts and the dashboard cards' trend line show the
figures the services give, follow an edit, and wait for the complete read."""

from textual.geometry import Region
from textual.widgets import Input

from tests.tui.conftest import drive
from tests.tui.test_snapshots import quiet
from tracker.services.read.progress import progress_by_district
from tracker.tui.data import load_snapshot
from tracker.tui.modals.forms import FormModal
from tracker.tui.widgets.district_card import DistrictCard
from tracker.tui.widgets.progress_chart import ProgressChart


def chart_text(app) -> str:
    """区详情's charts as they stand on the screen."""
    chart = app.screen.query_one(ProgressChart)
    return "\n".join(strip.text for strip in chart.render_lines(Region(0, 0, *chart.size)))


def card_text(app, district_id: str) -> str:
    return str(app.screen.query_one(f"#card-{district_id}", DistrictCard).render())


def legend(text: str) -> str:
    """The charts' legend line, its runs of spaces made one."""
    return " ".join(text.splitlines()[-1].split())


def test_the_district_chart_ends_on_the_figures_of_the_catalog_and_the_tasks(make_app):
    app = make_app()

    async def scenario(pilot):
        await quiet(pilot)
        shown = {}
        for _ in range(3):
            await pilot.press("x" if not shown else "right_square_bracket")
            await quiet(pilot)
            shown[pilot.app.screen.district_id] = chart_text(pilot.app)
        return shown

    shown = drive(app, scenario)
    tracker = app.tracker
    months = progress_by_district(tracker, tracker.as_of)
    state = load_snapshot(tracker).state
    assert set(shown) == {"hexi", "jinnan", "wuqing"}
    for district_id, text in shown.items():
        district, last = state.district(district_id), months[district_id][-1]
        items = district.items.overall
        assert (last.published, last.combed) == (items.published, items.total - items.withdrawn)
        tasks = round(sum(t.progress for t in district.tasks) / len(tracker.plan.tasks))
        assert legend(text) == (
            f"█ 已公开 {last.published} █ 已梳理 {last.combed} "
            f"█ 任务进度 {tasks}% ─ 时间进度 {district.expected_progress}%"
        )
        assert "目录进度（已公开/已梳理）" in text and "任务进度 vs 时间进度" in text
        assert "2017 7月" in text and "3月" in text.splitlines()[-2]
    assert legend(shown["hexi"]).startswith("█ 已公开 50 █ 已梳理 118 █ 任务进度 71%")


def test_a_task_updated_in_the_form_moves_the_chart(make_app):
    app = make_app()
    app.tracker.clock = lambda: "2018-03-14T10:00:00+08:00"  # within the demo's as-of date

    async def scenario(pilot):
        await quiet(pilot)
        await pilot.press("x")
        await quiet(pilot)
        before = legend(chart_text(pilot.app))
        await pilot.press("e")  # 梳理政务公开事项, at 90%
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        form.query_one("#progress", Input).value = "100"
        await pilot.click("#form-save")
        await quiet(pilot)
        return before, legend(chart_text(pilot.app))

    before, after = drive(app, scenario)
    assert "任务进度 71%" in before  # (90 + 70 + 60 + 65) / 4 = 71.25
    assert "任务进度 74%" in after  # (100 + 70 + 60 + 65) / 4 = 73.75


def test_each_card_shows_the_months_that_fit_once_the_complete_read_is_in(make_app):
    app = make_app()

    async def scenario(pilot):
        await quiet(pilot)
        complete = card_text(pilot.app, "hexi")
        pilot.app.apply_snapshot(load_snapshot(pilot.app.tracker, complete=False))
        await pilot.pause()
        return complete, card_text(pilot.app, "hexi")

    complete, quick = drive(app, scenario, size=(100, 32))
    trend = next(line for line in complete.splitlines() if line.startswith("目录"))
    catalog, tasks = trend.removeprefix("目录").split(" 任务")
    assert len(catalog) == len(tasks) == 9  # July 2017 to March 2018: the card is wide enough
    assert set(catalog + tasks) <= set("▁▂▃▄▅▆▇█")
    assert "走势读取中…" in quick and "目录" not in quick


def test_the_cards_show_the_last_months_when_narrow(make_app):
    async def scenario(pilot):
        await quiet(pilot)
        return card_text(pilot.app, "wuqing")

    text = drive(make_app(), scenario, size=(80, 24))
    trend = next(line for line in text.splitlines() if line.startswith("目录"))
    catalog, tasks = trend.removeprefix("目录").split(" 任务")
    assert len(catalog) == len(tasks) == 6  # October to March in 22 columns


def test_the_district_charts_stack_on_a_narrow_terminal(snap_compare, make_app):
    async def settle(pilot):
        await quiet(pilot)
        await pilot.press("x", "right_square_bracket", "right_square_bracket")  # 武清区
        await quiet(pilot)
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(make_app(), terminal_size=(60, 40), run_before=settle)
