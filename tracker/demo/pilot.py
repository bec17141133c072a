"""The pilot demo: the three districts on 15 March 2018, built through the real services.

Every change goes through the same services as the CLI, with the rules and
permissions they enforce, attributed to the person who would have made it
and dated on a simulated clock, so the audit log tells the pilot's story.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import partial

from tracker.demo.content import (
    AREAS,
    CHANNEL_SETS,
    COORDINATORS,
    EVALUATION_SUMMARIES,
    EVALUATORS,
    NOTES,
    PEOPLE,
    TIME_LIMITS,
)
from tracker.domain.catalog_vocab import FIVE_OPENNESS, WEBSITE
from tracker.domain.items import Item
from tracker.domain.plan import department_scope
from tracker.services import (
    baselines,
    concerns,
    consultations,
    evaluations,
    interpretations,
    milestones,
    notes,
    people,
    supervision,
    tasks,
    visits,
)
from tracker.services.items import add_item, advance_item, update_item, withdraw_item
from tracker.services.setup import initialize
from tracker.services.tracker import Actor, Tracker, open_tracker
from tracker.store import Target

AS_OF = date(2018, 3, 15)
BEIJING = timezone(timedelta(hours=8))
SECOND_COORDINATOR = "gaoxm"
Progress = Callable[[int, int], None]
Event = tuple[datetime, str | None, Callable[[], object]]
"""When a change happens, whose login makes it (None: the first coordinator), and the change."""


@dataclass(frozen=True)
class Story:
    """How one district's year went, up to the demo's as-of date."""

    logins: tuple[str, str, str]  # lead, staff for catalog work, staff for workflow and channels
    portal: str
    filed: date
    ref: str
    tasks: dict[str, tuple[str, int, str]]  # task -> final (status, progress, note)
    shares: tuple[float, float, float]  # of items: published, standardized, withdrawn; rest combed
    last_progress_note: date
    added_area: str | None = None


STORIES = {
    "hexi": Story(
        ("wangjh", "liuxy", "zhangl"),
        "http://www.tjhx.gov.cn",
        date(2017, 8, 28),
        "河西政办〔2017〕45号",
        {
            "comb": ("in-progress", 90, "9个试点领域梳理基本完成，正在查漏补缺"),
            "standardize": ("in-progress", 70, "已完成七成事项要素核定"),
            "workflow": ("in-progress", 60, ""),
            "channels": ("in-progress", 65, "政务公开专区已在区政务服务中心开通"),
        },
        (0.45, 0.30, 0.04),
        date(2018, 3, 9),
    ),
    "jinnan": Story(
        ("ligq", "zhaoj", "sunhr"),
        "http://www.tjjn.gov.cn",
        date(2017, 8, 30),
        "津南政办〔2017〕38号",
        {
            "comb": ("in-progress", 80, ""),
            "standardize": ("in-progress", 50, ""),
            "workflow": (
                "blocked",
                30,
                "市级部门本系统基本目录尚未出台，发布、解读、回应衔接流程待定",
            ),
            "channels": ("in-progress", 45, ""),
        },
        (0.25, 0.35, 0.05),
        date(2018, 3, 2),
    ),
    "wuqing": Story(
        ("chenzg", "yangln", "zhoup"),
        "http://www.tjwq.gov.cn",
        date(2017, 9, 12),
        "武清政办〔2017〕112号",
        {
            "comb": ("in-progress", 65, ""),
            "standardize": ("in-progress", 30, "部分部门要素填写不规范，正在返工"),
            "workflow": ("not-started", 0, ""),
            "channels": ("in-progress", 40, ""),
        },
        (0.15, 0.30, 0.05),
        date(2018, 1, 26),
        added_area="扶贫救灾",
    ),
}


def build_pilot_demo(
    db: Target, *, seed: int = 2017, force: bool = False, progress: Progress | None = None
) -> Tracker:
    """Create the demo database at ``db`` and return a tracker on it."""
    rng = random.Random(seed)
    opened = datetime(2017, 7, 21, 16, 0, tzinfo=BEIJING).isoformat()
    plan = initialize(
        db, force=force, name=COORDINATORS[0][0], as_of=AS_OF.isoformat(), clock=lambda: opened
    ).plan
    tracker = open_tracker(db)
    coordinator = tracker.actor
    _register_people(tracker)
    tracker = open_tracker(db)
    events: list[Event] = []
    for district in plan.districts:
        _district_events(tracker, district.id, district.name, district.areas, rng, events)
    _order_events(tracker, rng, events)
    _workflow_events(tracker, events, rng)
    _baseline_events(tracker, events, rng)
    events.sort(key=lambda event: event[0])
    by_login = {p.login: p for p in tracker.people()}
    with tracker.batch():
        for done, (when, login, change) in enumerate(events, 1):
            if login:
                person = by_login.get(login, coordinator.person)
                assert person is not None, login
                tracker.actor = Actor(person.login, person.login, person)
            else:
                tracker.actor = coordinator
            tracker.as_of = when.date()
            tracker.clock = fixed_clock(when.isoformat(timespec="seconds"))
            change()
            if progress:
                progress(done, len(events))
    return open_tracker(db)


@dataclass(frozen=True)
class OrderStory:
    """A supervision order of the demo: issued about a problem, then handled step by step."""

    key: str
    """The number it gets (issue dates decide it: they are in this order within a year)."""
    district: str
    issued: date
    deadline: date
    problem: str
    steps: tuple[tuple[str, date, str, str], ...] = ()
    """(reply, return or accept, the day, the text, the 文号)."""


ORDER_STORIES = (
    OrderStory(
        "2017-1",
        "wuqing",
        date(2017, 9, 4),
        date(2017, 9, 15),
        "试点实施方案逾期未报市政府办公厅备案，请抓紧审定报送",
        (
            (
                "reply",
                date(2017, 9, 12),
                "实施方案已经区政府常务会议审定并报送备案",
                "武清政办〔2017〕112号",
            ),
            ("accept", date(2017, 9, 14), "已备案", ""),
        ),
    ),
    OrderStory(
        "2017-2",
        "hexi",
        date(2017, 11, 20),
        date(2017, 12, 15),
        "部分已梳理事项缺少公开依据、公开时限等要素，请组织各部门补齐",
        (
            (
                "reply",
                date(2017, 12, 12),
                "已组织18个部门逐项核对，补齐要素412项",
                "河西政办〔2017〕77号",
            ),
            ("accept", date(2017, 12, 18), "", ""),
        ),
    ),
    OrderStory(
        "2018-1",
        "jinnan",
        date(2018, 1, 29),
        date(2018, 2, 28),
        "「优化政务公开工作流程」任务受阻，请会同市有关部门明确发布、解读、回应衔接流程",
        (
            ("reply", date(2018, 2, 26), "已与市有关部门对接，衔接流程初稿正在征求意见", ""),
            ("return", date(2018, 3, 2), "回复未附流程文件，也未明确印发时间，请补充后再报", ""),
        ),
    ),
    OrderStory(
        "2018-2",
        "wuqing",
        date(2018, 3, 5),
        date(2018, 3, 23),
        "1月下旬以来未报送试点工作进展，请报送近期进展和下一步安排",
    ),
)


def _order_events(tracker: Tracker, rng: random.Random, events: list[Event]) -> None:
    """Issue each order as the first coordinator; the district's lead replies."""
    for story in ORDER_STORIES:
        lead = STORIES[story.district].logins[0]
        events.append(
            (
                _at(story.issued, rng),
                None,
                partial(
                    supervision.issue_order,
                    tracker,
                    story.district,
                    problem=story.problem,
                    deadline=story.deadline.isoformat(),
                ),
            )
        )
        for action, day, text, ref in story.steps:
            when = _at(day, rng)
            if action == "reply":
                change = partial(supervision.reply_order, tracker, story.key, text, ref=ref)
                events.append((when, lead, change))
            elif action == "return":
                change = partial(supervision.return_order, tracker, story.key, reason=text)
                events.append((when, None, change))
            else:
                change = partial(supervision.accept_order, tracker, story.key, text=text)
                events.append((when, None, change))


LIAISONS = (
    ("孙立新", "sunlx", "planning", "天津市规划局规划编制处"),
    ("周慧敏", "zhouhm", "civil-affairs", "天津市民政局社会救助处"),
)
"""The departments' liaisons of the demo: name, login, department, unit."""

INTERPRETATIONS = (
    # district, policy, 文号, policy date, form, interpreter, leader, published (None: owed)
    ("hexi", "河西区进一步推进政务公开工作实施方案", "河西政办发〔2017〕38号", date(2017, 10, 16),
     "图解", "区政府办公室主任", True, date(2017, 10, 16)),
    ("hexi", "河西区老旧小区及配套设施改造提升工作方案", "河西政发〔2018〕2号", date(2018, 1, 10),
     "文字", "区住房和建设委员会", False, date(2018, 1, 12)),
    ("jinnan", "津南区困难群众基本生活保障工作实施办法", "津南政发〔2017〕21号", date(2017, 11, 20),
     "新闻发布会", "副区长", True, date(2017, 11, 20)),
    ("jinnan", "津南区居家养老服务补贴办法", "津南政办发〔2018〕9号", date(2018, 3, 9),
     "", "", False, None),
    ("wuqing", "武清区保障性住房管理办法", "武清政发〔2017〕30号", date(2017, 12, 5),
     "在线访谈", "区住房保障中心主任", False, date(2017, 12, 7)),
)  # fmt: skip

CONCERNS = (
    # district, source, received, subject, area, level, responded, channel, by, press
    ("hexi", "网民留言", "2018-01-08 09:20", "规划公示栏内容更新不及时", "城乡规划", "一般",
     "2018-01-09 10:00", "政府网站", "区规划和国土资源局", None),
    ("jinnan", "12345热线", "2018-02-26 10:15", "低保审核结果何时公示", "社会救助", "一般",
     "2018-03-01 09:00", "政务微博", "区民政局", None),
    ("jinnan", "舆情监测", "2017-12-12 06:30", "双港镇部分小区供暖中断", "城市综合执法", "重大突发",
     "2017-12-12 10:20", "政务微博", "区城市管理委员会", "2017-12-12 16:00"),
    ("wuqing", "媒体报道", "2018-03-05 14:00", "保障性住房摇号结果何时公示", "保障性住房", "一般",
     "2018-03-06 11:00", "政府网站", "区住房保障中心", None),
)  # fmt: skip

CONSULTATIONS = (
    ("hexi", "河西区老旧小区及配套设施改造提升工作方案（征求意见稿）", date(2017, 12, 1),
     date(2017, 12, 30), "政府网站", 86, date(2018, 1, 8)),
    ("wuqing", "武清区保障性住房分配实施细则（征求意见稿）", date(2018, 2, 26),
     date(2018, 3, 27), "政府网站", None, None),
)  # fmt: skip

VISITS = (
    ("市级", date(2017, 11, 14), "上海市浦东新区", "市政府办公厅政务公开办公室、三个试点区政府办公室",
     "借鉴按办事流程编制公开事项标准目录并实行动态调整的做法"),
    ("hexi", date(2018, 1, 17), "北京市西城区", "区政府办公室、区政务服务办公室",
     "学习街道政务公开专区和公开事项清单的标准化做法"),
)  # fmt: skip


def _workflow_events(tracker: Tracker, events: list[Event], rng: random.Random) -> None:
    """Policies and their interpretations (one late, one owed), concerns and responses (one
    late, a major emergency with its press conference), consultations and study visits."""
    numbers: dict[str, int] = {}
    for district, policy, ref, day, form, by, leader, published in INTERPRETATIONS:
        lead = STORIES[district].logins[0]
        numbers[district] = numbers.get(district, 0) + 1
        added = _at(day, rng)
        events.append((added, lead, partial(
            interpretations.add_interpretation, tracker, district, policy=policy,
            policy_date=day.isoformat(), ref=ref,
        )))  # fmt: skip
        if published is not None:
            out = max(_at(published, rng), added) + timedelta(minutes=30)
            events.append((out, lead, partial(
                interpretations.publish_interpretation, tracker,
                f"{district}-{numbers[district]}", published=published.isoformat(), form=form,
                interpreter=by, leader=leader, channel="政府网站",
            )))  # fmt: skip
    counts: dict[str, int] = {}
    # Numbered in the order they arrive.
    for district, source, received, subject, area, level, answered, channel, by, press in sorted(
        CONCERNS, key=lambda row: row[2]
    ):
        lead = STORIES[district].logins[0]
        counts[district] = counts.get(district, 0) + 1
        arrived = datetime.fromisoformat(received).replace(tzinfo=BEIJING)
        events.append((arrived, lead, partial(
            concerns.add_concern, tracker, district, source=source, received=received,
            subject=subject, area=area, level=level,
        )))  # fmt: skip
        done = datetime.fromisoformat(press or answered).replace(tzinfo=BEIJING)
        events.append((done, lead, partial(
            concerns.respond_concern, tracker, f"{district}-{counts[district]}", at=answered,
            channel=channel, by=by, press=press,
        )))  # fmt: skip
    for district, subject, start, end, channel, opinions, adoption in CONSULTATIONS:
        lead = STORIES[district].logins[0]
        events.append((_at(start, rng), lead, partial(
            consultations.add_consultation, tracker, district, subject=subject,
            start=start.isoformat(), end=end.isoformat(), channel=channel,
        )))  # fmt: skip
        if adoption is not None:
            events.append((_at(adoption, rng), lead, partial(
                consultations.update_consultation, tracker, f"{district}-1",
                opinions=str(opinions), adoption=adoption.isoformat(),
            )))  # fmt: skip
    for scope, day, place, participants, learned in VISITS:
        who = None if scope == "市级" else STORIES[scope].logins[0]
        events.append((_at(day, rng) + timedelta(days=1), who, partial(
            visits.add_visit, tracker, scope, place=place, day=day.isoformat(),
            participants=participants, learned=learned,
        )))  # fmt: skip


def _baseline_events(tracker: Tracker, events: list[Event], rng: random.Random) -> None:
    """市规划局's basic catalog of 城乡规划 (河西 has every item of it) and 市民政局's of
    社会救助 and 养老服务 (津南 lacks three of its 社会救助 items)."""
    for (_, login, department, _), day, count in zip(
        LIAISONS, (date(2017, 10, 20), date(2017, 11, 6)), (14, None), strict=True
    ):
        definition = tracker.plan.department(department)
        items = [
            Item(
                id="", district=department_scope(department), area=area, topic=topic,
                name=name, content=AREAS[area].contents[0],
                basis="、".join(AREAS[area].bases[:2]), time_limit=TIME_LIMITS[0],
                subject=AREAS[area].subject.format(district="区"), channels=["政府网站"],
                audience="全社会", mode="主动", level="区级",
            )
            for area in definition.areas
            for topic, name in [(t, n) for t, ns in AREAS[area].topics for n in ns][:count]
        ]  # fmt: skip
        events.append((_at(day, rng), login, partial(_load_baseline, tracker, department, items)))
    # 五（二）：主动与试点单位对接 — 市民政局 points 津南 to what its catalog lacks.
    events.append((_at(date(2017, 11, 20), rng), LIAISONS[1][1], partial(
        baselines.add_guidance, tracker, None, "jinnan",
        "对照市民政局社会救助领域基本目录逐项核对，补齐受灾人员救助、过渡期生活救助、冬春救助等事项",
    )))  # fmt: skip


def _load_baseline(tracker: Tracker, department: str, items: list[Item]) -> None:
    scope = department_scope(department)
    with tracker.change(scope, "item.import") as tx:
        for number, item in enumerate(items, 1):
            numbered = replace(item, id=f"{scope}-{number}")
            tx.put(scope, "items", numbered.id, numbered.to_dict(), "item.import")
        baselines.mark_loaded(tx, scope, {item.area for item in items}, tracker.as_of)


def fixed_clock(stamp: str) -> Callable[[], str]:
    """A clock that always reads ``stamp``: changes dated on the simulated timeline."""
    return lambda: stamp


def _register_people(tracker: Tracker) -> None:
    tracker.clock = lambda: datetime(2017, 7, 24, 9, 30, tzinfo=BEIJING).isoformat()
    name, unit, phone = COORDINATORS[1]
    with tracker.batch():
        people.add_person(
            tracker, name, login=SECOND_COORDINATOR, role="coordinator", unit=unit, phone=phone
        )
        for name, login, department, unit in LIAISONS:
            people.add_person(
                tracker, name, login=login, role="department", department=department, unit=unit
            )
        for district_id, story in STORIES.items():
            lead, lead_unit, lead_phone, first, second = PEOPLE[district_id]
            people.add_person(
                tracker,
                lead,
                login=story.logins[0],
                role="district-lead",
                district=district_id,
                unit=lead_unit,
                phone=lead_phone,
            )
            for login, (staff, staff_unit) in zip(story.logins[1:], (first, second), strict=True):
                people.add_person(
                    tracker,
                    staff,
                    login=login,
                    role="district-staff",
                    district=district_id,
                    unit=staff_unit,
                )


def _at(day: date, rng: random.Random) -> datetime:
    """A working-hours moment on ``day`` (moved off weekends), Beijing time."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(
        day.year, day.month, day.day, rng.randint(9, 17), rng.randint(0, 59), tzinfo=BEIJING
    )


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _between(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _district_events(
    tracker: Tracker,
    district_id: str,
    district_name: str,
    areas: tuple[str, ...],
    rng: random.Random,
    events: list[Event],
) -> None:
    story = STORIES[district_id]
    lead, catalog_staff, process_staff = story.logins
    add = events.append

    def note(kind: str, text: str) -> Callable[[], object]:
        return lambda: notes.add_note(tracker, district_id, kind=kind, text=text)

    add((_at(date(2017, 7, 27), rng), None, lambda: people.assign(tracker, district_id, lead)))
    for task, owner in (
        ("comb", catalog_staff),
        ("standardize", catalog_staff),
        ("workflow", process_staff),
        ("channels", process_staff),
    ):
        add(
            (
                _at(date(2017, 8, 7), rng),
                lead,
                partial(tasks.update_task, tracker, district_id, task, owner=owner),
            )
        )
    kickoff = NOTES["progress"][0].format(district=district_name, count=0)
    add((_at(date(2017, 8, 4), rng), lead, note("progress", kickoff)))
    add(
        (
            _at(story.filed, rng),
            lead,
            lambda: milestones.complete_milestone(
                tracker,
                district_id,
                "plan-filed",
                ref=story.ref,
                note="实施方案已报市政府办公厅备案",
            ),
        )
    )

    # Monthly progress notes until the district's last report; counts grow with the catalog.
    month, count = date(2017, 9, 20), 40
    while month <= story.last_progress_note:
        text = rng.choice(NOTES["progress"][1:6]).format(district=district_name, count=count)
        add((_at(month, rng), lead, note("progress", text)))
        month, count = month + timedelta(days=rng.randint(24, 32)), count + rng.randint(30, 60)
    add(
        (
            _at(story.last_progress_note, rng),
            lead,
            note("progress", NOTES["progress"][7].format(district=district_name, count=0)),
        )
    )

    # Tasks move forward in a few steps to where they stand on the as-of date.
    for task, (status, final, remark) in story.tasks.items():
        steps = [final * share // 100 for share in (30, 60, 100)] if final else []
        for when, value in zip(
            (date(2017, 10, 16), date(2017, 12, 18), date(2018, 2, 26)), steps, strict=False
        ):
            if value:
                add(
                    (
                        _at(when, rng),
                        lead,
                        partial(tasks.update_task, tracker, district_id, task, progress=str(value)),
                    )
                )
        if status == "blocked":
            add(
                (
                    _at(date(2018, 1, 22), rng),
                    lead,
                    partial(
                        tasks.update_task, tracker, district_id, task, status="blocked", note=remark
                    ),
                )
            )
        elif remark:
            add(
                (
                    # A district that fell silent reported nothing after its last word.
                    _at(min(date(2018, 3, 1), story.last_progress_note), rng),
                    lead,
                    partial(tasks.update_task, tracker, district_id, task, note=remark),
                )
            )

    _item_events(tracker, district_id, district_name, areas, story, rng, add)

    for kind, when in (
        ("practice", date(2017, 12, 8)),
        ("practice", date(2018, 2, 6)),
        ("achievement", date(2018, 3, 5)),
        ("problem", date(2018, 1, 15)),
        ("problem", date(2018, 2, 28)),
        ("suggestion", date(2018, 3, 6)),
    ):
        text = rng.choice(NOTES[kind]).format(district=district_name, count=rng.randint(150, 300))
        add((_at(min(when, story.last_progress_note), rng), lead, note(kind, text)))
    if district_id in ("hexi", "jinnan"):
        kind, score = ("public", "86") if district_id == "hexi" else ("third-party", "81")
        add(
            (
                _at(date(2018, 1, 19) if district_id == "hexi" else date(2018, 3, 2), rng),
                None,
                lambda: evaluations.add_evaluation(
                    tracker,
                    district_id,
                    kind=kind,
                    score=score,
                    respondents="1260" if kind == "public" else None,
                    by="区政务公开办公室网上问卷" if kind == "public" else EVALUATORS[0],
                    summary=rng.choice(EVALUATION_SUMMARIES).format(district=district_name),
                ),
            )
        )


def _item_events(
    tracker: Tracker,
    district_id: str,
    district_name: str,
    areas: tuple[str, ...],
    story: Story,
    rng: random.Random,
    add: Callable[[Event], None],
) -> None:
    """A catalog grown area by area: combed in autumn, standardized in winter, published from January."""
    lead, staff, _ = story.logins
    published_share, standardized_share, withdrawn_share = story.shares
    all_areas = [*areas, *([story.added_area] if story.added_area else [])]
    rows = [
        (area, topic, name)
        for area in all_areas
        for topic, name in [(t, n) for t, names in AREAS[area].topics for n in names][:14]
    ]
    # Items are numbered in the order they are added, so add them in the order of ``rows``.
    workdays = [d for d in _days(date(2017, 9, 18), date(2017, 11, 30)) if d.weekday() < 5]
    for number, (area, topic, name) in enumerate(rows, 1):
        content = AREAS[area]
        item_id = f"{district_id}-{number}"
        day_index, within = divmod((number - 1) * len(workdays), len(rows))
        added = workdays[day_index]
        added_at = datetime(added.year, added.month, added.day, 9, tzinfo=BEIJING) + timedelta(
            minutes=within * 480 // len(rows)
        )
        roll = rng.random()
        fate = (
            "published"
            if roll < published_share
            else "standardized"
            if roll < published_share + standardized_share
            else "withdrawn"
            if roll < published_share + standardized_share + withdrawn_share
            else "combed"
        )
        channels = rng.choice(CHANNEL_SETS)
        fields = {
            "area": area,
            "topic": topic,
            "name": name,
            "content": rng.choice(content.contents),
            "basis": "、".join(rng.sample(content.bases, min(2, len(content.bases)))),
            "time_limit": rng.choice(TIME_LIMITS),
            "subject": content.subject.format(district=district_name),
            "channels": list(channels),
            "audience": "特定群体"
            if area in ("社会救助", "涉农补贴", "养老服务") and rng.random() < 0.5
            else "全社会",
            "mode": "依申请" if rng.random() < 0.08 else "主动",
            "level": "街乡镇级"
            if area in ("社会救助", "涉农补贴", "农村危房改造") and rng.random() < 0.5
            else "区级",
            "five": rng.sample(FIVE_OPENNESS.ids, rng.choice((1, 1, 2))),
            "added_area": area == story.added_area or None,
        }
        if fate == "combed":
            for element in rng.sample(
                ("basis", "time_limit", "subject", "content"), rng.choice((0, 1, 2))
            ):
                fields[element] = ""
        add((added_at, staff, partial(add_item, tracker, district_id, fields)))
        standardized = _between(date(2017, 12, 4), date(2018, 1, 31), rng)
        if fate in ("standardized", "published", "withdrawn"):
            add(
                (
                    _at(standardized, rng),
                    staff,
                    partial(advance_item, tracker, item_id, "standardized"),
                )
            )
        if fate == "published":
            day = _between(
                max(standardized + timedelta(days=7), date(2018, 1, 8)), date(2018, 3, 9), rng
            )
            url = f"{story.portal}/zwgk/bzml/{item_id}.html" if WEBSITE in channels else None
            add(
                (
                    _at(day, rng),
                    lead,
                    partial(advance_item, tracker, item_id, "published", url=url),
                )
            )
            if rng.random() < 0.15:
                later = _between(date(2018, 3, 10), date(2018, 3, 14), rng)
                limit = rng.choice(TIME_LIMITS)
                add(
                    (
                        _at(later, rng),
                        lead,
                        partial(
                            update_item,
                            tracker,
                            item_id,
                            {"time_limit": limit},
                            "上级部门调整公开时限要求，据此动态调整",
                        ),
                    )
                )
        if fate == "withdrawn":
            day = _between(date(2018, 2, 1), date(2018, 3, 9), rng)
            add(
                (
                    _at(day, rng),
                    lead,
                    partial(withdraw_item, tracker, item_id, "与其他事项重复，予以合并"),
                )
            )
