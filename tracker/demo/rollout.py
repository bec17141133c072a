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
from tracker.domain.dates import format_moment
from tracker.domain.items import Item, revision
from tracker.domain.plan import DepartmentDef, DistrictDef, Plan, department_scope
from tracker.domain.plan_loader import load_plan_data, load_plan_file
from tracker.domain.records import MilestoneRecord, Note, Person, TaskRecord
from tracker.domain.supervision import Order
from tracker.domain.workflow import (
    CONCERN_SOURCES,
    INTERPRETATION_FORMS,
    Concern,
    Consultation,
    Interpretation,
    Visit,
)
from tracker.resources import builtin_plan_path
from tracker.services.baselines import mark_loaded
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
        _workflow_events(district, lead.login, rng, events)
    for department in plan.departments:
        liaison = Person(
            f"{department.id}-liaison", _name(rng), "department", unit=department.name,
            department=department.id,
        )  # fmt: skip
        people.append(liaison)
        per_district = items // len(plan.districts)
        areas = len(plan.national_areas)
        _baseline_events(department, liaison.login, per_district, areas, rng, events)
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


_POLICIES = (
    "政务公开工作实施方案",
    "老旧小区改造提升工作方案",
    "困难群众基本生活保障实施办法",
    "居家养老服务补贴办法",
    "保障性住房管理办法",
    "农村人居环境整治实施方案",
)
_CONCERNS = ("低保审核结果何时公示", "规划公示栏内容更新不及时", "公租房摇号结果何时公布",
             "老旧小区改造进度", "医保报销政策咨询", "学区划分何时公布")  # fmt: skip


def _workflow_events(
    district: DistrictDef, lead: str, rng: random.Random, events: list[Event]
) -> None:
    """A year of policies and interpretations (a few late, one owed), concerns and responses (a
    few late), consultations and a study visit."""
    for number in range(1, 13):
        day = date(2017, 8, 14) + timedelta(days=30 * (number - 1) + rng.randint(0, 20))
        if day > date(2018, 3, 14):
            break
        owed = day > date(2018, 3, 1)
        late = rng.random() < 0.2
        record = Interpretation(
            number, district.id, f"{district.name}{rng.choice(_POLICIES)}", day,
            ref=f"{district.name[:2]}政发〔{day.year}〕{number}号",
            form="" if owed else rng.choice(INTERPRETATION_FORMS.ids),
            interpreter="" if owed else "区政府办公室", leader=rng.random() < 0.3,
            published=None if owed else day + timedelta(days=3 if late else 0),
            channel="" if owed else "政府网站",
        )  # fmt: skip
        events.append((_moment(day, rng), lead, _putter(district.id, "interpretations", record)))
    for number in range(1, 25):
        arrived = datetime(2017, 9, 1, 8) + timedelta(hours=rng.randint(0, 24 * 190))
        hours = rng.choice((3, 20, 30, 45, 60)) if rng.random() < 0.9 else 80
        concern = Concern(
            number, district.id, rng.choice(CONCERN_SOURCES.ids), format_moment(arrived),
            rng.choice(_CONCERNS), area=rng.choice(district.areas),
            responded=format_moment(arrived + timedelta(hours=hours)), channel="政府网站",
            responder=f"{district.name}政务服务办公室",
        )  # fmt: skip
        events.append((arrived, lead, _putter(district.id, "concerns", concern)))
    for number, start in enumerate((date(2017, 11, 6), date(2018, 1, 15), date(2018, 3, 5)), 1):
        end = start + timedelta(days=30)
        consultation = Consultation(
            number, district.id, f"{district.name}{rng.choice(_POLICIES)}（征求意见稿）", start,
            end, channel="政府网站", opinions=rng.randint(10, 200) if end < AS_OF else None,
            adoption=end + timedelta(days=10) if end + timedelta(days=10) < AS_OF else None,
        )  # fmt: skip
        events.append(
            (_moment(start, rng), lead, _putter(district.id, "consultations", consultation))
        )
    visit = Visit(1, district.id, date(2017, 11, 1) + timedelta(days=rng.randint(0, 90)),
                  rng.choice(("上海市浦东新区", "北京市西城区", "浙江省杭州市上城区")),
                  learned="学习公开事项标准目录动态调整的做法")  # fmt: skip
    events.append((_moment(visit.day, rng), lead, _putter(district.id, "visits", visit)))


def _putter(scope: str, table: str, record: Any) -> Change:
    """A change that writes ``record`` into ``scope``'s ``table`` as ``<table>.add``."""
    action = {"interpretations": "interpretation.add", "concerns": "concern.add",
              "consultations": "consultation.add", "visits": "visit.add"}[table]  # fmt: skip

    def put(tx: Transaction, stamp: str, login: str) -> None:
        tx.put(scope, table, record.key, record.to_dict(), action)

    return put


def _baseline_events(
    department: DepartmentDef, liaison: str, per_district: int, areas: int,
    rng: random.Random, events: list[Event],
) -> None:  # fmt: skip
    """The department's basic catalog: the items every district has for its areas, and for
    市民政局 two more that no district has yet."""
    scope = department_scope(department.id)
    per_area = per_district // areas
    extra = 2 if department.id == "civil-affairs" else 0
    rows = []
    for area in department.areas:
        content = AREAS[area]
        names = [(t, f"{n}{v}") for v in _VARIANTS for t, ns in content.topics for n in ns]
        rows += [(area, topic, name) for topic, name in names[: per_area + extra]]

    def load(tx: Transaction, stamp: str, login: str) -> None:
        for number, (area, topic, name) in enumerate(rows, 1):
            item = Item(
                id=f"{scope}-{number}", district=scope, area=area, topic=topic, name=name,
                content=AREAS[area].contents[0], basis="、".join(AREAS[area].bases[:2]),
                time_limit=TIME_LIMITS[0], subject=AREAS[area].subject.format(district="区"),
                channels=["政府网站"], audience="全社会", mode="主动", level="区级",
            )  # fmt: skip
            tx.put(scope, "items", item.id, item.to_dict(), "item.import")
        mark_loaded(tx, scope, set(department.areas), date.fromisoformat(stamp[:10]))

    day = date(2017, 10, 16) + timedelta(days=rng.randint(0, 30))
    events.append((_moment(day, rng), liaison, load))


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
