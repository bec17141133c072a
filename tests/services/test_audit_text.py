"""Audit entries read back as words: each entity's own vocabulary names the action, the record and
every changed field's before and after."""

import pytest

from tests.services.conftest import newest_entry
from tracker.domain.errors import PermissionDeniedError
from tracker.services import evaluations, items, milestones, notes, people, setup, tasks
from tracker.services.audit_text import AuditLine, describe, vocabularies


def described(tracker) -> AuditLine:
    """The newest audit entry, in words."""
    return describe(tracker, newest_entry(tracker))


def test_a_task_update_reads_with_labels_units_and_the_district(fresh_tracker):
    tasks.update_task(fresh_tracker, "河西", "梳理", progress="40")
    assert described(fresh_tracker) == AuditLine(
        "zhangwei",
        "更新任务",
        "河西区·梳理政务公开事项",
        "状态：未开始 → 进行中；进度：0% → 40%",
        False,
    )


def test_a_milestone_completion_and_reopening_read_with_dates_and_reference(fresh_tracker):
    milestones.complete_milestone(
        fresh_tracker, "市级", "municipal-report", done="2018-03-01", ref="津政办报〔2018〕3号"
    )
    done = described(fresh_tracker)
    assert (done.action, done.target) == (
        "登记节点完成",
        "市级·全市试点工作总体报告报送国务院办公厅",
    )
    assert done.change == "完成日期：— → 2018-03-01；文号：— → 津政办报〔2018〕3号"

    milestones.reopen_milestone(fresh_tracker, "市级", "municipal-report", reason="数据有误")
    reopened = described(fresh_tracker)
    assert reopened.action == "重新打开节点"
    assert reopened.change == (
        "备注：— → 重新打开：数据有误；完成日期：2018-03-01 → —；文号：津政办报〔2018〕3号 → —"
    )


def test_people_and_assignments_read_with_role_and_district_names(fresh_tracker):
    people.add_person(fresh_tracker, "李华", login="lihua", role="district-lead", district="hexi")
    added = described(fresh_tracker)
    assert (added.action, added.target) == ("登记人员", "人员·李华（lihua）")
    assert added.change == "姓名：李华；角色：区试点负责人；区：河西区"

    people.assign(fresh_tracker, "河西", "lihua")
    assert described(fresh_tracker) == AuditLine(
        "zhangwei", "明确责任人", "人员·责任分工（lihua）", "区：河西区", False
    )


def test_a_person_entry_is_named_as_a_person_whatever_fields_it_changed(fresh_tracker):
    entry = {
        "seq": 99,
        "at": "2018-03-15T10:00:00+08:00",
        "login": "zhangwei",
        "user": "zhangwei",
        "action": "person.add",
        "scope": "people",
        "table": "people",
        "key": "lihua",
        "before": {"phone": "022-1"},
        "after": {"phone": "022-2"},
    }
    line = describe(fresh_tracker, entry)
    assert line.target == "人员·lihua（lihua）"
    assert line.change == "电话：022-1 → 022-2"


def test_an_entry_of_a_district_the_plan_no_longer_has_still_reads(fresh_tracker):
    entry = {
        "seq": 99,
        "at": "2018-03-15T10:00:00+08:00",
        "login": "zhangwei",
        "user": "zhangwei",
        "action": "assign",
        "scope": "people",
        "table": "assignments",
        "key": "heping:*:lihua",
        "before": None,
        "after": {"district": "heping", "login": "lihua", "task": ""},
    }
    line = describe(fresh_tracker, entry)
    assert line.target == "人员·责任分工（lihua）"
    assert line.change == "区：heping"


def test_notes_and_evaluations_read_with_their_kinds(fresh_tracker):
    notes.add_note(fresh_tracker, "津南", kind="problem", text="人手不足", day="2018-03-01")
    note = described(fresh_tracker)
    assert (note.action, note.target) == ("新增记录", "津南区·存在的问题 1 号")
    assert (
        note.change
        == "内容：人手不足；类型：存在的问题；日期：2018-03-01；区：津南区；记录人：zhangwei"
    )

    evaluations.add_evaluation(fresh_tracker, "武清", kind="third-party", score="86", by="南开大学")
    evaluation = described(fresh_tracker)
    assert (evaluation.action, evaluation.target) == ("新增评价", "武清区·评价 1 号")
    assert "类型：第三方评估" in evaluation.change and "得分：86" in evaluation.change
    assert "评价机构：南开大学" in evaluation.change and "参评人数" not in evaluation.change


def test_item_changes_read_with_element_labels_state_names_and_the_reason(fresh_tracker):
    raw = {
        "area": "城乡规划",
        "name": "控制性详细规划",
        "basis": "《城乡规划法》",
        "content": "批前公示",
        "subject": "区规划局",
        "time_limit": "20个工作日",
        "mode": "主动",
        "channels": "两微一端",
        "five": "决策",
    }
    items.add_item(fresh_tracker, "河西", raw)
    added = described(fresh_tracker)
    assert (added.action, added.target) == ("登记事项", "河西区·hexi-1「控制性详细规划」")
    assert "五公开类型：决策公开" in added.change and "状态：已梳理" in added.change

    items.advance_item(fresh_tracker, "hexi-1", "standardized")
    assert described(fresh_tracker).change == "状态：已梳理 → 已标准化"

    items.advance_item(fresh_tracker, "hexi-1", "published", day="2018-03-01")
    items.update_item(fresh_tracker, "hexi-1", {"subject": "区规划分局"}, "机构改革")
    adjusted = described(fresh_tracker)
    assert adjusted.action == "修改事项"
    assert adjusted.change == "公开主体：区规划局 → 区规划分局（原因：机构改革）"


def test_acting_for_someone_shows_both(fresh_tracker, open_as):
    people.add_person(fresh_tracker, "李华", login="lihua", role="district-lead", district="hexi")
    on_behalf = open_as(user="lihua")
    notes.add_note(on_behalf, "河西", kind="progress", text="代为记录")
    assert described(on_behalf).who == "zhangwei（代 lihua）"


def test_a_refusal_reads_as_refused_with_its_message(fresh_tracker, open_as):
    people.add_person(fresh_tracker, "刘洋", login="liuyang", role="viewer")
    with pytest.raises(PermissionDeniedError):
        tasks.update_task(open_as("liuyang"), "武清", "梳理", progress="10")
    assert described(open_as()) == AuditLine(
        "liuyang", "被拒绝：更新任务", "武清区", "刘洋（只读用户）不能修改武清区的数据", True
    )


def test_the_database_is_made_in_words_too(fresh_tracker):
    lines = [describe(fresh_tracker, entry) for entry in fresh_tracker.audit()]
    assert lines[0] == AuditLine(
        "zhangwei",
        "登记人员",
        "人员·张伟（zhangwei）",
        "姓名：张伟；角色：协调员；单位：天津市人民政府办公厅",
        False,
    )
    made = [line for line in lines if line.action == "建库"]
    assert len(made) == len(lines) - 1
    assert (
        AuditLine(
            "zhangwei",
            "建库",
            "河西区·梳理政务公开事项",
            "状态：未开始；进度：0%；区：河西区",
            False,
        )
        in made
    )


def test_an_entry_no_vocabulary_knows_reads_as_its_codes(fresh_tracker):
    entry = {
        "login": "zhangwei",
        "user": "zhangwei",
        "action": "inspection.add",
        "scope": "elsewhere",
        "table": "inspections",
        "key": "7",
        "before": None,
        "after": {"text": "调研"},
    }
    assert describe(fresh_tracker, entry) == AuditLine(
        "zhangwei", "inspection.add", "elsewhere·7", "", False
    )


def test_every_entity_declares_its_own_vocabulary_and_no_table_has_two():
    found = vocabularies()
    for module in (tasks, milestones, people, notes, evaluations, items, setup):
        assert module.AUDIT in found, module.__name__
    tables = [table for vocabulary in found for table in vocabulary.tables]
    assert len(tables) == len(set(tables))
    assert {"tasks", "milestones", "people", "assignments", "notes", "evaluations", "items"} <= set(
        tables
    )
    actions = [code for vocabulary in found for code in vocabulary.actions]
    assert len(actions) == len(set(actions))
