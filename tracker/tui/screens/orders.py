"""督办: supervision orders, the open ones first by deadline, with their story and actions."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from tracker.domain.text import headline
from tracker.presentation import ORDER_STATE_STYLES, OVERDUE_STYLE, order_days_text
from tracker.services.read.models import OrderEntry
from tracker.tui.data import Snapshot
from tracker.tui.format import escape, markup, styled
from tracker.tui.forms.order import accept_form, issue_form, reply_form, return_form
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.tables import refill


class OrdersScreen(TrackerScreen):
    """Every supervision order, what it asks, how it stands, and what was said."""

    SUB_TITLE = "督办"
    DEFAULT_CSS = """
    #orders-summary { padding: 0 1; }
    #orders-table { height: 1fr; }
    #order-detail {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border-top: solid $primary;
    }
    """
    BINDINGS = [
        Binding("n", "issue", "下发"),
        Binding("e", "reply", "回复"),
        Binding("y", "accept", "办结"),
        Binding("b", "send_back", "退回"),
        Binding("f", "toggle_closed", "含已办结"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False
        self.shown: list[OrderEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="orders"):
            yield Static(id="orders-summary")
            yield DataTable(id="orders-table", cursor_type="row")
            yield Static(id="order-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#orders-table", DataTable).add_columns(
            "编号", "区", "整改时限", "剩余", "状态", "责任人", "督办事项"
        )

    def show(self, snapshot: Snapshot) -> None:
        every = snapshot.state.all_orders
        self.shown = [o for o in every if self.show_closed or o.open]
        open_count = sum(1 for o in every if o.open)
        overdue = sum(1 for o in every if o.overdue)
        which = "全部督办单" if self.show_closed else "未办结的督办单"
        self.query_one("#orders-summary", Static).update(
            f"[b]{which}[/b]：共下发 {len(every)} 件，未办结 {open_count} 件，"
            f"其中超过整改时限 [bold red]{overdue}[/] 件。按 f 切换是否显示已办结的。"
        )
        rows = [
            (
                o.id,
                o.district_name,
                o.deadline.isoformat(),
                markup(styled(order_days_text(o.open, o.days_left), _style(o, ""))),
                markup(styled(o.state_name, _style(o, ORDER_STATE_STYLES[o.state]))),
                "、".join(o.answerable) or "—",
                headline(o.problem, 36),
            )
            for o in self.shown
        ]
        refill(self.query_one("#orders-table", DataTable), rows, [o.id for o in self.shown])
        self._describe()

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._describe()

    def _describe(self) -> None:
        order = self.current()
        detail = self.query_one("#order-detail", Static)
        if order is None:
            detail.update("没有督办单。协调员按 n 下发督办单。" if not self.shown else "")
            return
        lines = [
            f"[b]督办单 {order.id}[/b]　{escape(order.district_name)}　"
            f"下发 {order.issued}（{escape(order.issued_by_name)}）　整改时限 {order.deadline}",
            f"督办事项：{escape(order.problem)}",
        ]
        for step in order.steps:
            said = f"：{escape(step.text)}" if step.text else ""
            ref = f"（{escape(step.ref)}）" if step.ref else ""
            lines.append(f"  {step.date}　{step.action_name}　{escape(step.by_name)}{said}{ref}")
        if order.open:
            lines.append(_next_step(order))
        detail.update("\n".join(lines))

    def current(self) -> OrderEntry | None:
        table = self.query_one("#orders-table", DataTable)
        if not self.shown or table.cursor_row < 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    # -- actions ---------------------------------------------------------------------
    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        if self.tracker_app.snapshot is not None:
            self.show(self.tracker_app.snapshot)

    def action_issue(self) -> None:
        snapshot = self.tracker_app.snapshot
        if snapshot is None:
            return
        order = self.current()
        app = self.tracker_app
        app.open_form(issue_form(app.tracker, snapshot.state, order.district if order else None))

    def action_reply(self) -> None:
        if order := self._open_order():
            self.tracker_app.open_form(reply_form(self.tracker_app.tracker, order))

    def action_accept(self) -> None:
        if order := self._open_order():
            self.tracker_app.open_form(accept_form(self.tracker_app.tracker, order))

    def action_send_back(self) -> None:
        if order := self._open_order():
            self.tracker_app.open_form(return_form(self.tracker_app.tracker, order))

    def _open_order(self) -> OrderEntry | None:
        order = self.current()
        if order is None:
            self.notify("请先选中一份督办单", severity="warning")
        elif not order.open:
            self.notify(f"督办单 {order.id} 已办结", severity="warning", markup=False)
            return None
        return order


def _style(order: OrderEntry, otherwise: str) -> str:
    """Red for an order past its 整改时限, else ``otherwise``."""
    return OVERDUE_STYLE if order.overdue else otherwise


def _next_step(order: OrderEntry) -> str:
    match order.state:
        case "replied":
            return "[cyan]等待协调员审核：按 y 办结，按 b 退回。[/]"
        case "returned":
            return "[dark_orange]已退回，等待区里重新回复（按 e 回复）。[/]"
        case _:
            return "[yellow]等待区里回复（按 e 回复）。[/]"
