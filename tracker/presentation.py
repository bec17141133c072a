"""How the pilot's states read and look, for every front end: labels, style names, days, progress.

Nothing here draws: the CLI renders these with Rich, the TUI with Textual, the
reports with Jinja2. Style names are Rich's (``"bold red"``), which Textual
understands too; a report ignores them.
"""

from collections.abc import Iterable

from tracker.domain.vocab import MILESTONE_STATES

ALERT_LIGHTS = {"red": "● 红灯", "yellow": "● 黄灯", "green": "● 绿灯"}
"""The district's light as it is shown beside its name."""

ALERT_STYLES = {"red": "bold red", "yellow": "bold yellow", "green": "bold green"}
"""The style of a district's light."""

ALERT_REASON_STYLES = {"red": "red", "yellow": "yellow", "green": "green"}
"""The style of the reasons listed under a district's light."""

MILESTONE_STATE_STYLES = {
    "pending": "",
    "due-soon": "yellow",
    "overdue": "bold red",
    "done": "green",
    "done-late": "dark_orange",
}

MILESTONE_MARKS = {"pending": "◇", "due-soon": "◆", "overdue": "✗", "done": "✓", "done-late": "✓"}
"""One character per milestone state, for a time axis."""

TASK_STATUS_STYLES = {
    "not-started": "dim",
    "in-progress": "cyan",
    "done": "green",
    "blocked": "bold red",
}

ITEM_STATE_STYLES = {
    "combed": "cyan",
    "standardized": "blue",
    "published": "green",
    "withdrawn": "dim",
}

REQUIREMENT_MARKS = {True: "✓", False: "✗"}
"""Whether a work requirement is met."""

REQUIREMENT_STYLES = {True: "green", False: "red"}

NOBODY = "未明确"
"""What stands where no one has been made responsible."""


def days_text(state: str, days_left: int, *, compact: bool = False) -> str:
    """How a milestone stands in days: left, late, or early or late at completion.

    ``compact`` drops the spaces around the number, for cards and narrow tables.
    """
    space = "" if compact else " "

    def count(days: int) -> str:
        return f"{space}{days}{space}天"

    if state == "overdue":
        return f"逾期{count(-days_left)}"
    if state in ("pending", "due-soon"):
        return "今天到期" if days_left == 0 else f"剩{count(days_left)}"
    if state == "done-late":
        return f"晚{count(-days_left)}"
    return f"提前{count(days_left)}" if days_left else "当天完成"


def milestone_state_text(state: str, days_left: int, *, compact: bool = False) -> str:
    """The state's name with its days: ``临近（剩 6 天）``, compact ``临近 剩6天``."""
    name = MILESTONE_STATES.label(state)
    if compact:
        return f"{name} {days_text(state, days_left, compact=True)}"
    return f"{name}（{days_text(state, days_left)}）"


def progress_bar(percent: int, width: int = 10) -> str:
    """A bar of ``width`` cells, filled to ``percent``."""
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def progress_text(percent: int, width: int = 10, *, aligned: bool = True) -> str:
    """The bar and the percentage after it, right-aligned in a column unless ``aligned`` is off."""
    number = f"{percent:>3}%" if aligned else f"{percent}%"
    return f"{progress_bar(percent, width)} {number}"


def names_text(names: Iterable[str]) -> str:
    """People's names in one line, or 未明确 when there is nobody."""
    return "、".join(names) or NOBODY


ORDER_STATE_STYLES = {
    "open": "yellow",
    "replied": "cyan",
    "returned": "dark_orange",
    "accepted": "green",
}
"""The style of a supervision order's state (an overdue one is drawn in red whatever it is)."""

OVERDUE_STYLE = "bold red"


def order_days_text(open_: bool, days_left: int) -> str:
    """How an order stands against its 整改时限: 还有 5 天, 今天到期, 超期 3 天, or 已办结."""
    if not open_:
        return "已办结"
    if days_left > 0:
        return f"还有 {days_left} 天"
    if days_left == 0:
        return "今天到期"
    return f"超期 {-days_left} 天"


LIMIT_STATE_STYLES = {"pending": "", "on-time": "green", "late": "dark_orange", "overdue": "yellow"}
"""The style of an interpretation's or a response's standing against its time limit."""


def share_text(part: int, whole: int) -> str:
    """``1/2（50%）``; a dash when there is nothing to count yet."""
    return f"{part}/{whole}（{round(100 * part / whole)}%）" if whole else "—"
