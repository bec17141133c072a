"""Forms of the publish–interpret–respond workflow: a policy and its interpretation, a concern
and its response, a consultation, a study visit, and a department's 对接指导."""

from textual.widgets import Input, Select

from tracker.domain.workflow import CONCERN_LEVELS, CONCERN_SOURCES, INTERPRETATION_FORMS
from tracker.services import baselines, concerns, consultations, interpretations, visits
from tracker.services.read.models import ConcernEntry, InterpretationEntry, PilotState
from tracker.services.tracker import Tracker
from tracker.tui.modals.forms import Field, FormModal


def _districts(state: PilotState, chosen: str | None, *, office: bool = False) -> Select[str]:
    options = [(d.name, d.id) for d in state.districts] + ([("市级", "市级")] if office else [])
    value = chosen if chosen in {v for _, v in options} else options[0][1]
    return Select(options, value=value, allow_blank=False, id="district")


def _forms() -> Select[str]:
    return Select([(t.label, t.label) for t in INTERPRETATION_FORMS], id="form", prompt="解读形式")


def interpretation_form(tracker: Tracker, state: PilotState, district: str | None) -> FormModal:
    fields: list[Field] = [
        ("区", _districts(state, district)),
        ("政策文件标题", Input(id="policy")),
        ("文号", Input(id="ref")),
        ("文件发布日期", Input(id="policy_date")),
        ("解读发布日期（尚未解读的留空）", Input(id="published")),
        ("解读形式", _forms()),
        ("解读人", Input(id="by")),
    ]

    def save(values: dict[str, str]) -> str:
        record = interpretations.add_interpretation(
            tracker, values["district"], policy=values["policy"] or None,
            policy_date=values["policy_date"] or None, ref=values["ref"] or None,
            published=values["published"] or None, form=values["form"] or None,
            interpreter=values["by"] or None,
        ).record  # fmt: skip
        return f"已登记政策「{record.policy}」"

    return FormModal("登记政策文件及其解读", fields, save)


def publish_form(tracker: Tracker, entry: InterpretationEntry) -> FormModal:
    fields: list[Field] = [
        ("解读发布日期（默认当天）", Input(id="published")),
        ("解读形式", _forms()),
        ("解读人", Input(id="by")),
        ("发布渠道", Input(id="channel")),
    ]

    def save(values: dict[str, str]) -> str:
        interpretations.publish_interpretation(
            tracker, f"{entry.district}-{entry.id}", published=values["published"] or None,
            form=values["form"] or None, interpreter=values["by"] or None,
            channel=values["channel"] or None,
        )  # fmt: skip
        return f"已登记政策「{entry.policy}」的解读"

    return FormModal(f"发布解读：{entry.policy}", fields, save)


def concern_form(tracker: Tracker, state: PilotState, district: str | None) -> FormModal:
    fields: list[Field] = [
        ("区", _districts(state, district)),
        ("关切事项", Input(id="subject")),
        ("来源", Select([(t.label, t.label) for t in CONCERN_SOURCES], id="source", prompt="来源")),
        ("收到时间，如 2018-03-05 09:30", Input(id="received")),
        (
            "类别",
            Select(
                [(t.label, t.label) for t in CONCERN_LEVELS],
                id="level",
                value="一般",
                allow_blank=False,
            ),
        ),
    ]

    def save(values: dict[str, str]) -> str:
        record = concerns.add_concern(
            tracker, values["district"], source=values["source"], received=values["received"],
            subject=values["subject"], level=values["level"],
        ).record  # fmt: skip
        return f"已登记关切 {record.district}-{record.id}"

    return FormModal("登记社会关切", fields, save)


def respond_form(tracker: Tracker, entry: ConcernEntry) -> FormModal:
    fields: list[Field] = [
        ("回应时间，如 2018-03-06 10:00", Input(id="at")),
        ("回应渠道", Input(id="channel")),
        ("回应主体", Input(id="by")),
        ("新闻发布会时间（重大突发事件）", Input(id="press")),
    ]

    def save(values: dict[str, str]) -> str:
        concerns.respond_concern(
            tracker, f"{entry.district}-{entry.id}", at=values["at"], channel=values["channel"],
            by=values["by"], press=values["press"] or None,
        )  # fmt: skip
        return f"已登记对关切「{entry.subject}」的回应"

    return FormModal(f"回应关切：{entry.subject}", fields, save)


def consultation_form(tracker: Tracker, state: PilotState, district: str | None) -> FormModal:
    fields: list[Field] = [
        ("区", _districts(state, district)),
        ("征集事项（决策草案）", Input(id="subject")),
        ("开始日期", Input(id="start")),
        ("截止日期", Input(id="end")),
        ("征集渠道", Input(id="channel")),
    ]

    def save(values: dict[str, str]) -> str:
        record = consultations.add_consultation(
            tracker, values["district"], subject=values["subject"], start=values["start"],
            end=values["end"], channel=values["channel"] or None,
        ).record  # fmt: skip
        return f"已登记意见征集 {record.district}-{record.id}"

    return FormModal("登记意见征集", fields, save)


def visit_form(tracker: Tracker, state: PilotState, district: str | None) -> FormModal:
    fields: list[Field] = [
        ("区或市级", _districts(state, district, office=True)),
        ("地点或交流对象", Input(id="place")),
        ("日期（默认当天）", Input(id="date")),
        ("参加人员", Input(id="participants")),
        ("收获和借鉴", Input(id="learned")),
    ]

    def save(values: dict[str, str]) -> str:
        record = visits.add_visit(
            tracker, values["district"], place=values["place"], day=values["date"] or None,
            participants=values["participants"] or None, learned=values["learned"] or None,
        ).record  # fmt: skip
        return f"已登记调研交流（{record.day}，{record.place}）"

    return FormModal("登记调研交流", fields, save)


def guidance_form(tracker: Tracker, state: PilotState, district: str | None) -> FormModal:
    person = tracker.actor.person
    own = person.department if person and person.department else None
    departments = [(d.name, d.id) for d in tracker.plan.departments]
    fields: list[Field] = [
        ("部门", Select(departments, value=own or departments[0][1], allow_blank=False,
                        id="department")),
        ("区", _districts(state, district)),
        ("对接指导内容", Input(id="text")),
    ]  # fmt: skip

    def save(values: dict[str, str]) -> str:
        note = baselines.add_guidance(
            tracker, values["department"], values["district"], values["text"]
        ).record
        return f"已记录对{tracker.plan.district(note.district).name}的对接指导"

    return FormModal("记录对接指导", fields, save)
