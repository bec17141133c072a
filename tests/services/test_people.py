"""The people service: registering people under their logins, making them responsible for a
district, and who may answer for a district's work."""

import pytest

from tests.services.conftest import audit_entries, newest_entry
from tracker.domain.errors import InputError, NotFoundError, PermissionDeniedError
from tracker.domain.records import Assignment, Person
from tracker.services.people import add_person, assign, responsible_login


def test_a_person_is_stored_with_role_and_district_resolved(fresh_tracker, open_as):
    outcome = add_person(
        fresh_tracker,
        " 李华 ",
        login="lihua",
        role="区试点负责人",
        district="河西",
        unit=" 河西区政府办 ",
        phone="022-23391234",
    )

    expected = Person("lihua", "李华", "district-lead", "hexi", "河西区政府办", "022-23391234")
    assert outcome.record == expected
    assert open_as().person("李华") == expected
    entry = newest_entry(fresh_tracker)
    assert (entry["action"], entry["scope"], entry["table"], entry["key"]) == (
        "person.add",
        "people",
        "people",
        "lihua",
    )
    assert entry["before"] is None and entry["after"]["role"] == "district-lead"


def test_the_database_maker_is_the_first_coordinator(fresh_tracker):
    assert fresh_tracker.people() == [
        Person("zhangwei", "张伟", "coordinator", unit=fresh_tracker.plan.issuer)
    ]
    assert fresh_tracker.actor.person == fresh_tracker.people()[0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"login": "lihua", "role": "district-lead"}, "须用 --district 指明所在的区"),
        ({"login": "zhangwei", "role": "viewer"}, "登录名「zhangwei」已登记"),
        ({"login": "li hua", "role": "viewer"}, "li hua"),
        ({"login": "lihua", "role": "mayor"}, "未知的角色「mayor」"),
    ],
)
def test_an_incomplete_or_duplicate_person_is_refused(fresh_tracker, open_as, fields, message):
    before = audit_entries(fresh_tracker)
    with pytest.raises(InputError, match=message):
        add_person(fresh_tracker, "李华", **fields)
    assert [p.login for p in open_as().people()] == ["zhangwei"]
    assert audit_entries(fresh_tracker) == before


def test_only_a_coordinator_registers_people_and_a_refusal_is_logged(team_tracker, open_as):
    lead = open_as("lihua")
    with pytest.raises(PermissionDeniedError, match="不能修改人员和责任分工"):
        add_person(lead, "陈明", login="chenming", role="viewer")

    assert "chenming" not in {p.login for p in open_as().people()}
    refusal = newest_entry(open_as())
    assert refusal["denied"] and (refusal["login"], refusal["action"], refusal["scope"]) == (
        "lihua",
        "person.add",
        "people",
    )


def test_an_unregistered_login_may_not_change_anything(fresh_db, open_as):
    stranger = open_as("intruder")
    with pytest.raises(PermissionDeniedError, match="用户「intruder」尚未登记"):
        add_person(stranger, "入侵者", login="intruder", role="coordinator")
    assert [p.login for p in open_as().people()] == ["zhangwei"]
    assert newest_entry(open_as())["login"] == "intruder"


def test_assigning_a_lead_to_their_district_is_stored_once(team_tracker, open_as):
    outcome = assign(team_tracker, "河西区", "李华")

    assert outcome.changed and outcome.record == Assignment("hexi", "lihua")
    assert open_as().assignments() == [Assignment("hexi", "lihua")]
    entry = newest_entry(team_tracker)
    assert (entry["action"], entry["table"], entry["key"]) == (
        "assign",
        "assignments",
        "hexi:*:lihua",
    )

    again = assign(team_tracker, "hexi", "lihua")
    assert not again.changed
    assert newest_entry(team_tracker) == entry


@pytest.mark.parametrize(
    ("person", "message"),
    [
        ("liuyang", "刘洋是只读用户，不能作为河西区的责任人"),
        ("王芳", "王芳是津南区试点负责人，不能作为河西区的责任人"),
    ],
)
def test_who_cannot_answer_for_a_district_is_not_assigned_to_it(
    team_tracker, open_as, person, message
):
    with pytest.raises(InputError, match=message):
        assign(team_tracker, "河西", person)
    assert open_as().assignments() == []


def test_responsible_login_accepts_a_coordinator_anywhere_and_empty_text_clears(team_tracker):
    assert responsible_login(team_tracker, "张伟", "wuqing") == "zhangwei"
    assert responsible_login(team_tracker, "lihua", "hexi") == "lihua"
    assert responsible_login(team_tracker, "  ", "hexi") == ""
    with pytest.raises(NotFoundError):
        responsible_login(team_tracker, "nobody", "hexi")
