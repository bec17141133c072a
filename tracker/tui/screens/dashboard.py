"""总览: a card per district, and the countdown to the next deadline."""

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from tracker.tui.data import Snapshot
from tracker.tui.format import days, styled
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.district_card import DistrictCard


class DashboardScreen(TrackerScreen):
    """All districts at a glance."""

    SUB_TITLE = "总览"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dashboard-heading")
        with VerticalScroll():
            yield Horizontal(id="cards")
        yield Footer()

    def show(self, snapshot: Snapshot) -> None:
        status = snapshot.status
        plan = status["plan"]
        upcoming = [
            m
            for d in status["districts"]
            for m in d["milestones"]
            if m["state"] in ("pending", "due-soon")
        ] + [m for m in status["municipal"]["milestones"] if m["state"] in ("pending", "due-soon")]
        heading = f"{plan['doc_no']}  截至 [b]{status['as_of']}[/b]"
        if upcoming:
            nearest = min(upcoming, key=lambda m: m["days_left"])
            heading += f"  下一截止：{nearest['name'][:10]} {styled(days(nearest['state'], nearest['days_left']), 'bold')}"
        self.query_one("#dashboard-heading", Static).update(heading)
        cards = self.query_one("#cards", Horizontal)
        existing = {card.id: card for card in cards.query(DistrictCard)}
        for district in status["districts"]:
            card = existing.get(f"card-{district['id']}")
            if card is None:
                card = DistrictCard(id=f"card-{district['id']}")
                cards.mount(card)
            card.update_from(district)
