"""The demo databases: a pilot in motion on 2018-03-15, reproducible from its seed, and the rollout shape."""

import json

import pytest

from tests.conftest import DEMO_SEED, Cli, snapshot
from tracker.demo.pilot import build_pilot_demo
from tracker.demo.rollout import build_rollout_demo


@pytest.fixture
def demo(copy_demo, tmp_path) -> Cli:
    """A copy of the pilot demo built once for the test run by ``build_pilot_demo``."""
    return Cli(copy_demo(tmp_path / "demo"))


def test_the_demo_is_pinned_to_mid_march_2018_with_each_light_for_a_reason(demo: Cli):
    status = demo.json("status")
    lights = {d["id"]: d["alert"] for d in status["districts"]}
    assert status["as_of"] == "2018-03-15"
    assert lights == {"hexi": "green", "jinnan": "red", "wuqing": "yellow"}
    jinnan, wuqing = status["districts"][1], status["districts"][2]
    assert any("受阻" in reason for reason in jinnan["alert_reasons"])
    assert any("未报告工作进展" in reason for reason in wuqing["alert_reasons"])


def test_plans_were_filed_one_of_them_late(demo: Cli):
    filed = {
        m["scope"]: m["state"] for m in demo.json("milestone", "list") if m["id"] == "plan-filed"
    }
    assert filed == {"hexi": "done", "jinnan": "done", "wuqing": "done-late"}


def test_a_few_hundred_items_across_every_focal_area_and_state(demo: Cli):
    items = demo.json("item", "list")
    plan = demo.json("plan", "show")
    assert 250 <= len(items) <= 500
    for district in plan["districts"]:
        covered = {i["area"] for i in items if i["district"] == district["id"]}
        assert set(district["areas"]) <= covered
    assert {i["status"] for i in items} == {"combed", "standardized", "published", "withdrawn"}
    assert any(i["added_area"] for i in items)
    published = [i for i in items if i["status"] == "published"]
    assert all(i["channels"] and i["published"] for i in published)
    assert all(i["url"] for i in published if "政府网站" in i["channels"])
    assert any("《中华人民共和国" in i["basis"] for i in items)


def test_notes_of_every_kind_an_evaluation_and_people_with_roles(demo: Cli):
    kinds = {n["kind"] for n in demo.json("note", "list")}
    assert kinds == {"progress", "practice", "achievement", "problem", "suggestion"}
    assert demo.json("evaluation", "list")
    roles = [p["role"] for p in demo.json("person", "list")]
    assert roles.count("coordinator") == 2 and roles.count("district-lead") == 3
    assert roles.count("district-staff") == 6  # who works on a task, not who answers for it


def test_the_audit_log_tells_the_story_in_order_and_by_the_people_involved(demo: Cli):
    entries = [json.loads(line) for line in (demo.db / "audit.jsonl").read_text().splitlines()]
    stamps = [e["at"] for e in entries]
    assert len(entries) > 500
    assert stamps == sorted(stamps)
    assert stamps[0] < "2017-08" and stamps[-1] < "2018-03-15"
    assert {"wangjh", "ligq", "chenzg"} <= {e["login"] for e in entries}
    with_reasons = {e["action"] for e in entries if e.get("reason")}
    assert with_reasons == {"item.update", "item.withdraw"}


def test_the_same_seed_builds_the_same_pilot(tmp_path, demo: Cli):
    again = tmp_path / "again"
    build_pilot_demo(again, seed=DEMO_SEED)
    ours = {k: v for k, v in snapshot(demo.db).items() if k != "meta.json"}
    theirs = {k: v for k, v in snapshot(again).items() if k != "meta.json"}
    assert ours == theirs


def test_demo_refuses_to_overwrite_without_force(demo: Cli):
    result = demo("demo")
    assert result.exit_code == 4 and "--force" in result.stderr


def test_the_rollout_has_every_district_and_area(tmp_path):
    db = tmp_path / "rollout"
    summary = build_rollout_demo(db, seed=1, items=1600)
    cli = Cli(db)
    status = cli.json("status")
    assert len(status["districts"]) == 16
    assert all(len(d["items"]["by_area"]) == 25 for d in status["districts"])
    assert sum(d["items"]["total"] for d in status["districts"]) == 1600
    assert "16 个区、1600 个事项" in summary


def test_db_check_passes_on_the_pilot_demo(demo: Cli):
    report = demo.json("db", "check")
    assert report["ok"], report["problems"][:5]
    assert report["entries"] > 500


def test_db_check_passes_on_the_rollout(tmp_path):
    """The rollout once tied history entries of no-op changes to other districts' changes."""
    db = tmp_path / "rollout"
    build_rollout_demo(db, seed=3, items=4000)
    report = Cli(db).json("db", "check")
    assert report["ok"], report["problems"][:5]
