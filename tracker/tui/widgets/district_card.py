"""A district at a glance: its light and reasons, tasks, milestones, catalog and lead."""

from typing import Any

from rich.markup import escape
from textual.widgets import Static

from tracker.tui.format import ALERT, STATE_STYLE, STATUS_STYLE, bar, days, styled


class DistrictCard(Static):
    """One district's card on the dashboard; ``update_from`` redraws it from the status JSON."""

    DEFAULT_CSS = """
    DistrictCard {
        border: round $primary;
        padding: 0 1;
        height: auto;
        width: 1fr;
    }
    DistrictCard.red { border: round $error; }
    DistrictCard.yellow { border: round $warning; }
    DistrictCard.green { border: round $success; }
    """

    def update_from(self, district: dict[str, Any]) -> None:
        light, style = ALERT[district["alert"]]
        self.border_title = district["name"]
        for level in ALERT:
            self.set_class(level == district["alert"], level)
        lead = "、".join(p["name"] for p in district["leads"][:1]) or "未明确"
        lines = [f"{styled(light, style)}  负责人 {escape(lead)}"]
        for task in district["tasks"]:
            flag = ""
            if task["status"] in ("blocked", "done"):
                flag = " " + styled(task["status_name"], STATUS_STYLE[task["status"]])
            lines.append(
                f"{escape(task['name'][:2])} {bar(task['progress'], 6)} {task['progress']:>3}%{flag}"
            )
        for milestone in district["milestones"]:
            mark = "✓" if milestone["state"] in ("done", "done-late") else ""
            text = mark + days(milestone["state"], milestone["days_left"])
            lines.append(f"{milestone['name'][:6]} {styled(text, STATE_STYLE[milestone['state']])}")
        items = district["items"]
        counts = items["by_status"]
        lines.append(
            f"事项 {items['total']}：公开{counts['published']} 标准{counts['standardized']} "
            f"梳理{counts['combed']} 撤{counts['withdrawn']}"
        )
        if items["missing_elements"]:
            lines.append(styled(f"缺要素 {items['missing_elements']} 项", "yellow"))
        reason_style = "red" if district["alert"] == "red" else "yellow"
        lines += [styled(f"· {reason}", reason_style) for reason in district["alert_reasons"]]
        self.update("\n".join(lines))
