"""Small text helpers shared by the screens (Rich markup, Chinese labels)."""

from rich.markup import escape

ALERT = {
    "red": ("● 红灯", "bold red"),
    "yellow": ("● 黄灯", "bold yellow"),
    "green": ("● 绿灯", "bold green"),
}
STATE_STYLE = {
    "pending": "",
    "due-soon": "yellow",
    "overdue": "bold red",
    "done": "green",
    "done-late": "dark_orange",
}
STATUS_STYLE = {"not-started": "dim", "in-progress": "cyan", "done": "green", "blocked": "bold red"}


def bar(percent: int, width: int = 8) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def days(state: str, days_left: int) -> str:
    if state == "overdue":
        return f"逾期{-days_left}天"
    if state in ("pending", "due-soon"):
        return "今天到期" if days_left == 0 else f"剩{days_left}天"
    if state == "done-late":
        return f"晚{-days_left}天"
    return f"提前{days_left}天" if days_left else "当天完成"


def styled(text: str, style: str) -> str:
    return f"[{style}]{escape(text)}[/]" if style else escape(text)
