"""督办单 (supervision orders): what the municipal office asks a district to put right, by when.

A coordinator issues an order to a district about a problem, with a 整改时限 (deadline) and
the person responsible. The district replies; the coordinator accepts the reply, which
closes the order, or returns it with a reason, and the district replies again. Orders are
numbered per year of issue (2018-3 is the third order of 2018), across all districts.

Each step is dated. What an order's state was on a day follows from the steps dated on or
before it, so the office can look back at any day of the pilot as it does for milestones.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tracker.domain.errors import InputError
from tracker.domain.records import Record
from tracker.domain.vocab import Term, Vocabulary

ORDER_STATES = Vocabulary(
    "督办单状态",
    [
        Term("open", "待回复"),
        Term("replied", "已回复待审核"),
        Term("returned", "已退回待重报"),
        Term("accepted", "已办结"),
    ],
)

StepAction = Literal["reply", "return", "accept"]

STEP_ACTIONS = Vocabulary(
    "办理环节",
    [
        Term("issue", "下发"),
        Term("reply", "区回复"),
        Term("return", "退回"),
        Term("accept", "办结"),
    ],
)

_NEXT_STATE: dict[str, str] = {"reply": "replied", "return": "returned", "accept": "accepted"}
_ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "reply": ("open", "returned"),
    "return": ("replied",),
    "accept": ("replied",),
}

_ORDER_ID = re.compile(r"\s*(?:督办单)?\s*(\d{4})\s*(?:-|－|—|年第?|年)\s*(\d{1,4})\s*号?\s*")


@dataclass
class Order(Record):
    """One supervision order and every step of its handling."""

    year: int
    number: int
    district: str
    problem: str
    deadline: date
    issued: date
    issued_by: str
    owner: str = ""
    """The login of the person responsible for putting it right."""
    alert: str = ""
    """The kind of the warning the order was issued from (``milestone-overdue`` …), if any."""
    steps: list[dict[str, Any]] = field(default_factory=list)
    """Each reply, return and acceptance: ``action``, ``date`` (ISO), ``by`` (login),
    ``text``, ``ref`` (文号), in the order they happened."""

    _DATE_FIELDS = ("deadline", "issued")

    @property
    def key(self) -> str:
        return order_key(self.year, self.number)

    def steps_until(self, day: date) -> list[dict[str, Any]]:
        """The steps dated on or before ``day``."""
        return [s for s in self.steps if s["date"] <= day.isoformat()]

    def state_on(self, day: date) -> str:
        """``open``, ``replied``, ``returned`` or ``accepted``, as the steps up to ``day`` leave it."""
        state = "open"
        for step in self.steps_until(day):
            state = _NEXT_STATE[step["action"]]
        return state

    def closed_on(self, day: date) -> date | None:
        """The day the reply was accepted, if it was by ``day``."""
        steps = self.steps_until(day)
        if steps and steps[-1]["action"] == "accept":
            return date.fromisoformat(steps[-1]["date"])
        return None

    def overdue_days(self, day: date) -> int:
        """Days past the deadline on ``day`` without an accepted reply; 0 when not overdue."""
        if self.issued > day or self.state_on(day) == "accepted":
            return 0
        return max(0, (day - self.deadline).days)

    def replies_until(self, day: date) -> list[dict[str, Any]]:
        return [s for s in self.steps_until(day) if s["action"] == "reply"]


def order_key(year: int, number: int) -> str:
    return f"{year}-{number}"


def parse_order_id(text: str) -> tuple[int, int]:
    """The year and number of an order typed as 2018-3, 2018年第3号 or 督办单2018-3."""
    match = _ORDER_ID.fullmatch(text)
    if not match:
        raise InputError(f"督办单编号「{text}」应形如 2018-3（2018 年第 3 号）")
    return int(match.group(1)), int(match.group(2))


def check_step(order: Order, action: StepAction, day: date) -> None:
    """Refuse a step the order's state does not allow, or one dated before the last step."""
    state = order.state_on(date.max)
    if state not in _ALLOWED_FROM[action]:
        key = order.key
        match action, state:
            case _, "accepted":
                why = f"督办单 {key} 已办结"
            case "reply", "replied":
                why = f"督办单 {key} 已回复，正等待协调员审核"
            case _, _:
                why = f"督办单 {key} 尚无待审核的回复（{ORDER_STATES.label(state)}）"
        raise InputError(why)
    last = order.steps[-1]["date"] if order.steps else order.issued.isoformat()
    if day.isoformat() < last:
        raise InputError(f"日期 {day} 早于督办单 {order.key} 上一环节的日期 {last}")


def with_step(
    order: Order, action: StepAction, day: date, by: str, text: str = "", ref: str = ""
) -> list[dict[str, Any]]:
    """The order's steps with one more."""
    check_step(order, action, day)
    step = {"action": action, "date": day.isoformat(), "by": by, "text": text, "ref": ref}
    return [*order.steps, step]
