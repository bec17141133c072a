"""The rollout demo: all 16 districts of Tianjin, each combing all 25 areas, at citywide scale.

Built straight through the store in one transaction, dated on a simulated
clock in time order, so it takes seconds rather than hours and still leaves
an audit log with every change attributed.
"""

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from tracker.demo.content import (
    AREAS,
    CHANNEL_SETS,
    COORDINATORS,
    DISTRICT_IDS_ROLLOUT,
    NOTES,
    TIME_LIMITS,
    AreaContent,
)
from tracker.demo.pilot import BEIJING, fixed_clock
from tracker.domain.catalog_vocab import FIVE_OPENNESS, WEBSITE
from tracker.domain.items import Item, revision
from tracker.domain.plan import DistrictDef, Plan
from tracker.domain.plan_loader import load_plan_data, load_plan_file
from tracker.domain.records import MilestoneRecord, Note, Person, TaskRecord
from tracker.domain.supervision import Order
from tracker.resources import builtin_plan_path
from tracker.services.items import add_history, history_kind
from tracker.services.setup import initialize
from tracker.services.tracker import open_tracker
from tracker.store import Target, Transaction

AS_OF = date(2018, 3, 15)
ITEMS = 25_000
Progress = Callable[[int, int], None]
Change = Callable[[Transaction, str, str], None]
"""Writes one change in a transaction, given its time stamp and the acting login."""
Event = tuple[datetime, str, Change]
_VARIANTS = ("", "办事指南", "政策文件", "办理结果", "政策解读", "监督检查")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"
_GIVEN = (
    "建国",
    "晓明",
    "丽华",
    "志强",
    "海燕",
    "国庆",
    "文静",
    "立新",
    "红梅",
    "振华",
    "秀英",
    "永刚",
)


def rollout_plan() -> Plan:
    """The Tianjin plan with every district of the city taking every national area."""
    data = load_plan_file(builtin_plan_path()).data
    areas = data["national_areas"]
    data = {
        **data,
        "id": "tianjin-rollout-demo",
        "title": f"{data['title']}（全市推广规模演示）",
        "districts": [{"id": i, "name": n, "areas": list(areas)} for i, n in DISTRICT_IDS_ROLLOUT],
    }
    return load_plan_data(data, "rollout demo")


def build_rollout_demo(
    db: Target,
    *,
    seed: int = 2017,
    force: bool = False,
    items: int = ITEMS,
    progress: Progress | None = None,
) -> str:
    rng = random.Random(seed)
    plan = rollout_plan()
    opened = _stamp(datetime(2017, 7, 21, 16, 0))
    initialize(
        db,
        plan=plan,
        force=force,
        name=COORDINATORS[0][0],
        as_of=AS_OF.isoformat(),
        clock=lambda: opened,
    )
    tracker = open_tracker(db)
    events: list[Event] = []
    people: list[Person] = []
    numbers: dict[int, int] = {}  # the last order number of each year, as orders are issued
    for index, district in enumerate(plan.districts):
        lead = Person(
            f"{district.id}-lead",
            _name(rng),
            "district-lead",
            district.id,
            f"{district.name}人民政府办公室",
            f"022-{rng.randint(2200, 2999)}{rng.randint(1000, 9999)}",
        )
        staff = Person(
            f"{district.id}-staff",
            _name(rng),
            "district-staff",
            district.id,
            f"{district.name}政务服务办公室",
        )
        people += [lead, staff]
        _district_events(plan, district, lead.login, staff.login, index, items, rng, events)
        _order_events(district, lead.login, tracker.actor.login, index, numbers, rng, events)
    events.sort(key=lambda event: event[0])
    store = tracker.store
    with store.transaction(tracker.actor.login, tracker.actor.login) as tx:
        tx.attribute(
            tracker.actor.login, tracker.actor.login, lambda: _stamp(datetime(2017, 7, 24, 9, 30))
        )
        for person in people:
            tx.put("people", "people", person.login, person.to_dict(), "person.add")
        for done, (when, login, change) in enumerate(events, 1):
            stamp = _stamp(when)
            tx.attribute(login, login, fixed_clock(stamp))
            change(tx, stamp, login)
            if progress and done % 500 == 0:
                progress(done, len(events))
    # Sequence numbers are gap-free from 1, so the newest entry's is the log's length.
    entries = next(store.audit())["seq"]
    return f"{len(plan.districts)} 个区、{items} 个事项、{entries} 条操作记录"


def _stamp(when: datetime) -> str:
    return when.replace(tzinfo=BEIJING).isoformat(timespec="seconds")


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _moment(day: date, rng: random.Random) -> datetime:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(
        day.year, day.month, day.day, rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59)
    )


def _district_events(
    plan: Plan,
    district: DistrictDef,
    lead: str,
    staff: str,
    index: int,
    items: int,
    rng: random.Random,
    events: list[Event],
) -> None:
    add = events.append
    filed = date(2017, 8, 20) + timedelta(days=rng.randint(0, 20)) if index % 7 else None
    if filed:

        def file_plan(tx: Transaction, stamp: str, login: str, filed: date = filed) -> None:
            record = MilestoneRecord(
                district.id,
                "plan-filed",
                filed,
                f"{district.name[:2]}政办〔2017〕{rng.randint(20, 160)}号",
            )
            tx.put(district.id, "milestones", "plan-filed", record.to_dict(), "milestone.done")

        add((_moment(filed, rng), lead, file_plan))
    for task in plan.tasks:
        final = rng.randint(20, 85)
        blocked = rng.random() < 0.06
        for step, when in (
            (0.3, date(2017, 10, 16)),
            (0.6, date(2017, 12, 18)),
            (1.0, date(2018, 2, 26)),
        ):

            def update(
                tx: Transaction,
                stamp: str,
                login: str,
                task: str = task.id,
                value: int = int(final * step),
                blocked: bool = blocked and step == 1.0,
            ) -> None:
                record = TaskRecord(
                    district.id,
                    task,
                    "blocked" if blocked else "in-progress",
                    value,
                    staff,
                    "等待市级部门基本目录" if blocked else "",
                )
                tx.put(district.id, "tasks", task, record.to_dict(), "task.update")

            add((_moment(when + timedelta(days=rng.randint(0, 6)), rng), lead, update))
    day, number = date(2017, 9, 1) + timedelta(days=rng.randint(0, 10)), 0
    last = date(2018, 3, 10) - timedelta(days=rng.choice((0, 0, 5, 40)))
    while day <= last:
        number += 1
        text = rng.choice(NOTES["progress"]).format(
            district=district.name, count=rng.randint(100, 2000)
        )

        def write_note(
            tx: Transaction,
            stamp: str,
            login: str,
            n: int = number,
            text: str = text,
            when: date = day,
        ) -> None:
            note = Note(n, district.id, "progress", text, when, login)
            tx.put(district.id, "notes", str(n), note.to_dict(), "note.add")

        add((_moment(day, rng), lead, write_note))
        day += timedelta(days=rng.randint(20, 35))
    per_area = items // len(DISTRICT_IDS_ROLLOUT) // len(district.areas)
    extra = (
        items // len(DISTRICT_IDS_ROLLOUT)
        - per_area * len(district.areas)
        + (items % len(DISTRICT_IDS_ROLLOUT) if index == 0 else 0)
    )
    numbers = iter(range(1, items))
    for area_index, area in enumerate(district.areas):
        content = AREAS[area]
        names = [(t, f"{n}{v}") for v in _VARIANTS for t, ns in content.topics for n in ns]
        count = per_area + (1 if area_index < extra else 0)
        for topic, name in names[:count]:
            _item_events(district, area, content, topic, name, next(numbers), lead, staff, rng, add)


_ORDER_PROBLEMS = (
    "部分已梳理事项缺少公开依据、公开时限等要素，请组织各部门补齐",
    "政府网站政务公开专区栏目更新不及时，请整改",
    "社区公示栏公开内容未按标准目录更新，请组织排查",
    "试点工作进展报送不及时，请按月报送",
)


def _order_events(
    district: DistrictDef,
    lead: str,
    coordinator: str,
    index: int,
    numbers: dict[int, int],
    rng: random.Random,
    events: list[Event],
) -> None:
    """Three orders per district: one closed in 2017; one in 2018 sent back once, then closed
    (in every fourth district still waiting for the second reply, past its deadline); and
    one still open (past its deadline in every fourth district)."""
    issued_days = (
        date(2017, 10, 9) + timedelta(days=rng.randint(0, 40)),
        date(2018, 1, 8) + timedelta(days=rng.randint(0, 20)),
        date(2018, 2, 5) + timedelta(days=rng.randint(0, 20)),
    )
    for kind, issued in enumerate(issued_days):
        deadline = issued + timedelta(days=rng.choice((14, 20, 30)) if index % 4 else 10)
        if kind == 2 and index % 4:  # still open, its deadline ahead of the demo's day
            deadline = date(2018, 3, 20) + timedelta(days=rng.randint(0, 20))
        problem = rng.choice(_ORDER_PROBLEMS)
        state: dict[str, str] = {}

        def issue(
            tx: Transaction,
            stamp: str,
            login: str,
            issued: date = issued,
            deadline: date = deadline,
            problem: str = problem,
            state: dict[str, str] = state,
        ) -> None:
            numbers[issued.year] = numbers.get(issued.year, 0) + 1
            order = Order(
                issued.year, numbers[issued.year], district.id, problem, deadline, issued,
                login, lead,
            )  # fmt: skip
            state["key"] = order.key
            tx.put(district.id, "orders", order.key, order.to_dict(), "order.issue")

        events.append((_moment(issued, rng), coordinator, issue))
        steps = {
            0: [("reply", 7, lead), ("accept", 12, coordinator)],
            1: [("reply", 7, lead), ("return", 12, coordinator)]
            + ([] if index % 4 == 0 else [("reply", 17, lead), ("accept", 22, coordinator)]),
            2: [],
        }[kind]
        for action, after, who in steps:
            day = issued + timedelta(days=after)

            def step(
                tx: Transaction,
                stamp: str,
                login: str,
                action: str = action,
                day: date = day,
                state: dict[str, str] = state,
            ) -> None:
                order = Order.from_dict(tx.get(district.id, "orders", state["key"]) or {})
                text = {"reply": "已按要求整改", "return": "请补充整改佐证材料", "accept": ""}
                steps = [*order.steps, {"action": action, "date": day.isoformat(), "by": login,
                                         "text": text[action], "ref": ""}]  # fmt: skip
                changed = replace(order, steps=steps)
                tx.put(district.id, "orders", order.key, changed.to_dict(), f"order.{action}")

            events.append((_moment(day, rng), who, step))


def _item_events(
    district: DistrictDef,
    area: str,
    content: AreaContent,
    topic: str,
    name: str,
    number: int,
    lead: str,
    staff: str,
    rng: random.Random,
    add: Callable[[Event], None],
) -> None:
    """An item's life as up to five audited changes: combed, completed, channels, standardized, published."""
    item = Item(
        id=f"{district.id}-{number}",
        district=district.id,
        area=area,
        topic=topic,
        name=name,
        content=rng.choice(content.contents),
        basis="、".join(rng.sample(content.bases, min(2, len(content.bases)))),
        subject=content.subject.format(district=district.name),
        audience="全社会",
        level="区级",
        five=[rng.choice(FIVE_OPENNESS.ids)],
    )
    complete = {
        "time_limit": rng.choice(TIME_LIMITS),
        "mode": "依申请" if rng.random() < 0.08 else "主动",
    }
    channels = list(rng.choice(CHANNEL_SETS))
    roll = rng.random()
    added = date(2017, 9, 18) + timedelta(days=rng.randint(0, 70))
    steps: list[tuple[date, str, dict[str, Any], str]] = [(added, staff, {}, "item.add")]
    if roll < 0.95:
        steps.append((added + timedelta(days=rng.randint(5, 30)), staff, complete, "item.update"))
    if roll < 0.75:
        steps.append(
            (
                added + timedelta(days=rng.randint(31, 45)),
                staff,
                {"channels": channels},
                "item.update",
            )
        )
    if roll < 0.7:
        steps.append(
            (
                date(2017, 12, 4) + timedelta(days=rng.randint(0, 50)),
                staff,
                {"status": "standardized"},
                "item.advance",
            )
        )
    if roll < 0.45:
        published = date(2018, 1, 29) + timedelta(days=rng.randint(0, 38))
        change = {"status": "published", "published": published, "channels": channels}
        if WEBSITE in channels:
            change["url"] = f"http://www.tj{district.id}.gov.cn/zwgk/bzml/{item.id}.html"
        steps.append((published, lead, change, "item.advance"))
        if roll < 0.12:
            adjusted = {
                "time_limit": rng.choice(TIME_LIMITS),
                "subject": item.subject.replace("局", "分局", 1),
            }
            steps.append(
                (published + timedelta(days=rng.randint(1, 9)), lead, adjusted, "item.update")
            )
    state = {"item": item}
    for when, login, change, action in steps:

        def apply(
            tx: Transaction,
            stamp: str,
            login: str,
            change: dict[str, Any] = change,
            action: str = action,
        ) -> None:
            before = state["item"]
            after = replace(before, **change)
            changed = tx.put(district.id, "items", after.id, after.to_dict(), action)
            if changed and action != "item.add":
                kind = history_kind(before, action)
                add_history(tx, after, revision(before, after, at=stamp, by=login, kind=kind))
            state["item"] = after

        add((_moment(when, rng), login, apply))
