"""总览: a card per district, and the countdown to the next deadline."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Header, Static

from tracker.presentation import ALERT_LIGHTS, ALERT_STYLES, days_text
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, styled
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.district_card import DistrictCard

CARD_WIDTH = 26
"""Columns a district card needs to read at a glance."""


class DashboardScreen(TrackerScreen):
    """All districts at a glance."""

    SUB_TITLE = "总览"
    BINDINGS = [Binding("w", "week", "上周以来")]
    DEFAULT_CSS = """
    #dashboard-digest { padding: 1 1 0 1; height: auto; }
    """
    EVENTS_SHOWN = 4
    """Events listed per district; the rest are counted (``tracker digest`` lists them all)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dashboard-heading")
        with VerticalScroll(id="dashboard-scroll"):
            yield Grid(id="cards")
            yield Static(id="dashboard-digest")
        yield Footer(compact=True)

    def action_week(self) -> None:
        """Scroll to what changed since last Monday (and back to the cards)."""
        scroll = self.query_one("#dashboard-scroll", VerticalScroll)
        if scroll.scroll_y > 0:
            scroll.scroll_home(animate=False)
        else:
            scroll.scroll_to_widget(self.query_one("#dashboard-digest"), animate=False, top=True)

    def show(self, snapshot: Snapshot) -> None:
        state = snapshot.state
        heading = f"{escape(state.plan.doc_no)}  截至 [b]{state.as_of}[/b]"
        nearest = state.next_deadline
        if nearest:
            days = days_text(nearest.state, nearest.days_left, compact=True)
            heading += f"  下一截止：{escape(nearest.name[:10])} {styled(days, 'bold')}"
        self.query_one("#dashboard-heading", Static).update(heading)
        cards = self.query_one("#cards", Grid)
        self.arrange_cards(len(state.districts))
        existing = {card.id: card for card in cards.query(DistrictCard)}
        for district in state.districts:
            card = existing.get(f"card-{district.id}")
            if card is None:
                card = DistrictCard(id=f"card-{district.id}")
                cards.mount(card)
            card.update_from(district, snapshot.progress.get(district.id))
        self.query_one("#dashboard-digest", Static).update(self.digest_text(snapshot))

    def digest_text(self, snapshot: Snapshot) -> str:
        """The week's changes per district, as ``tracker digest`` tells them."""
        week = snapshot.digest
        if week is None:
            return "[dim]上周以来的动态读取中…[/]"
        lines = [f"[b]上周以来[/b]（{week.since} 至 {week.until}，按 w 在此与上方之间切换）"]
        for district in week.districts:
            head = f"[b]{escape(district.name)}[/b]"
            if district.light and district.light_before and district.light != district.light_before:
                before, now = ALERT_LIGHTS[district.light_before], ALERT_LIGHTS[district.light]
                head += f"  {styled(before[2:], ALERT_STYLES[district.light_before])} → "
                head += styled(now[2:], ALERT_STYLES[district.light])
            if not district.changes and not district.events:
                lines.append(f"{head}  [dim]没有变化[/]")
                continue
            counts = "、".join(f"{what} {n}" for what, n in district.counts.items())
            lines.append(f"{head}  操作 {district.changes} 项：{escape(counts)}")
            shown = district.events[-self.EVENTS_SHOWN :]
            for event in shown:
                lines.append(f"  {event.day:%m-%d} {escape(event.kind_name)}  {escape(event.text)}")
            if len(district.events) > len(shown):
                more = len(district.events) - len(shown)
                lines.append(f"  [dim]另有 {more} 项更早的动态（tracker digest 查看全部）[/]")
        return "\n".join(lines)

    def on_resize(self) -> None:
        if self.tracker_app.snapshot is not None:
            self.arrange_cards(len(self.tracker_app.snapshot.state.districts))

    def arrange_cards(self, districts: int) -> None:
        """As many card columns as fit: three on 80 columns, more on a large terminal."""
        columns = max(1, min(districts, self.size.width // CARD_WIDTH))
        self.query_one("#cards", Grid).styles.grid_size_columns = columns
