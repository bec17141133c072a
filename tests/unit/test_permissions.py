"""Who may change what: coordinators anywhere, district leads only their own district."""

import pytest

from tracker.domain.errors import PermissionDeniedError
from tracker.domain.permissions import PEOPLE, check_may_act_for, check_may_change
from tracker.domain.plan import MUNICIPAL
from tracker.domain.records import Person

COORDINATOR = Person("zhao", "赵强", "coordinator")
HEXI_LEAD = Person("lihua", "李华", "district-lead", district="hexi")
VIEWER = Person("sun", "孙丽", "viewer")
DEPARTMENT = Person("qian", "钱进", "department", unit="市财政局")


@pytest.mark.parametrize("scope", ["jinnan", MUNICIPAL, PEOPLE])
def test_coordinator_may_change_anything(plan, scope):
    check_may_change(COORDINATOR, "zhao", scope, plan)


def test_district_lead_may_change_own_district(plan):
    check_may_change(HEXI_LEAD, "lihua", "hexi", plan)


def test_district_lead_refused_for_another_district_naming_both(plan):
    with pytest.raises(PermissionDeniedError) as caught:
        check_may_change(HEXI_LEAD, "lihua", "jinnan", plan)
    assert str(caught.value) == "李华（河西区试点负责人）只能修改河西区的数据，不能修改津南区的数据"


@pytest.mark.parametrize("scope, target", [(MUNICIPAL, "市级节点"), (PEOPLE, "人员和责任分工")])
def test_municipal_and_people_scopes_are_for_coordinators_only(plan, scope, target):
    with pytest.raises(PermissionDeniedError, match=f"不能修改{target}"):
        check_may_change(HEXI_LEAD, "lihua", scope, plan)


@pytest.mark.parametrize("person, label", [(VIEWER, "只读用户"), (DEPARTMENT, "市有关部门联络员")])
def test_viewer_and_department_may_not_change_district_data(plan, person, label):
    with pytest.raises(PermissionDeniedError) as caught:
        check_may_change(person, person.login, "wuqing", plan)
    assert str(caught.value) == f"{person.name}（{label}）不能修改武清区的数据"


def test_unregistered_user_is_refused_and_told_how_to_register(plan):
    with pytest.raises(PermissionDeniedError) as caught:
        check_may_change(None, "stranger", "hexi", plan)
    assert "「stranger」尚未登记" in str(caught.value) and "tracker person add" in str(caught.value)


def test_anyone_may_act_as_themselves_even_unregistered():
    check_may_act_for(None, "stranger", "stranger")


def test_coordinator_may_act_for_someone_else():
    check_may_act_for(COORDINATOR, "zhao", "lihua")


@pytest.mark.parametrize("person, login", [(HEXI_LEAD, "lihua"), (None, "stranger")])
def test_only_coordinator_may_act_for_someone_else(person, login):
    with pytest.raises(PermissionDeniedError) as caught:
        check_may_act_for(person, login, "zhao")
    assert "--user zhao" in str(caught.value) and f"「{login}」不是协调员" in str(caught.value)
