"""The note service: dated notes numbered per district, written by the acting user."""

from datetime import date

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, PermissionDeniedError
from tracker.domain.records import Note
from tracker.services.notes import add_note


def test_notes_are_numbered_per_district_and_dated_on_the_as_of_date(fresh_tracker, open_as):
    first = add_note(fresh_tracker, "河西", kind="工作进展", text=" 完成9个领域事项初步梳理 ")
    second = add_note(fresh_tracker, "河西", kind="problem", text="人手不足", day="2018年3月1日")
    elsewhere = add_note(fresh_tracker, "武清", kind="建议", text="尽快出台基本目录")

    assert first.record == Note(
        1, "hexi", "progress", "完成9个领域事项初步梳理", date(2018, 3, 15), "zhangwei"
    )
    assert (second.record.id, second.record.date) == (2, date(2018, 3, 1))
    assert (elsewhere.record.id, elsewhere.record.kind) == (1, "suggestion")
    stored = open_as().records("hexi").notes
    assert stored == [second.record, first.record]  # oldest first
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["scope"], entry["table"], entry["key"]) == (
        "note.add",
        "wuqing",
        "notes",
        "1",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "progress", "text": "  "}, "记录内容"),
        ({"kind": "gossip", "text": "传闻"}, "未知的记录类型「gossip」"),
        ({"kind": "progress", "text": "提前记", "day": "2018-03-16"}, "晚于当前日期"),
    ],
)
def test_an_empty_unknown_or_future_note_is_refused(fresh_tracker, open_as, fields, message):
    before = audit_entries(fresh_tracker)
    with pytest.raises(InputError, match=message):
        add_note(fresh_tracker, "河西", **fields)
    assert open_as().records("hexi").notes == []
    assert audit_entries(fresh_tracker) == before


def test_a_coordinator_writing_for_a_lead_makes_the_lead_the_author(team_tracker, open_as):
    on_behalf = open_as(user="lihua")
    note = add_note(on_behalf, "河西", kind="practice", text="建立事项清单动态调整机制").record

    assert note.author == "lihua"
    entry = newest_entry(on_behalf)
    assert (entry["login"], entry["user"]) == ("zhangwei", "lihua")


def test_a_lead_writes_notes_on_their_own_district_only(team_tracker, open_as):
    lead = open_as("wangfang")
    add_note(lead, "津南", kind="achievement", text="社会救助事项全部公开")
    with pytest.raises(PermissionDeniedError):
        add_note(lead, "河西", kind="achievement", text="不该写在这里")

    refreshed = open_as()
    assert [n.author for n in refreshed.records("jinnan").notes] == ["wangfang"]
    assert refreshed.records("hexi").notes == []
    refusal = newest_entry(refreshed)
    assert refusal["denied"] and (refusal["action"], refusal["scope"]) == ("note.add", "hexi")


def test_only_a_coordinator_acts_for_someone_else(team_tracker, open_as):
    lead = open_as("lihua", user="wangfang")
    with pytest.raises(PermissionDeniedError, match="只有协调员可以代他人操作"):
        add_note(lead, "津南", kind="progress", text="代写")
    assert open_as().records("jinnan").notes == []
    refusal = newest_entry(open_as())
    assert (refusal["login"], refusal["user"], refusal["denied"]) == ("lihua", "wangfang", True)
