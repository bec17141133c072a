"""总览: a card per district, and the countdown to the next deadline."""

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Header, Static

from tracker.presentation import days_text
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, styled
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.district_card import DistrictCard

CARD_WIDTH = 26
"""Columns a district card needs to read at a glance."""


class DashboardScreen(TrackerScreen):
    """All districts at a glance."""

    SUB_TITLE = "总览"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dashboard-heading")
        with VerticalScroll():
            yield Grid(id="cards")
        yield Footer(compact=True)

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

    def on_resize(self) -> None:
        if self.tracker_app.snapshot is not None:
            self.arrange_cards(len(self.tracker_app.snapshot.state.districts))

    def arrange_cards(self, districts: int) -> None:
        """As many card columns as fit: three on 80 columns, more on a large terminal."""
        columns = max(1, min(districts, self.size.width // CARD_WIDTH))
        self.query_one("#cards", Grid).styles.grid_size_columns = columns
