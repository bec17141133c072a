"""The store contract: every promise of the Store/Transaction protocol, for every backend.

Each test takes ``target``, a place for a fresh database, once per backend in
``BACKENDS``; a new backend joins by adding its entry there and must pass
exactly these tests. Nothing here reads a backend's files.
"""

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from psycopg import sql

from tests import pg
from tracker.domain.errors import InputError, StoreError
from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path
from tracker.store import SCHEMA_VERSION, Store, Transaction, create_store, open_store
from tracker.store.core import GENESIS, entry_digest
from tracker.store.verify import verify


@dataclass(frozen=True)
class Backend:
    """How the contract reaches one backend: where a database goes, and three ways to harm it
    that no user command offers."""

    place: Callable[[Path], str]
    """A target for a fresh database under a temporary folder."""
    damage: Callable[[str], None]
    """Make the stored people unreadable, as a disk or a hand edit might."""
    claim_schema: Callable[[str, int], None]
    """Make the database say it was written with another schema version."""
    die_after_commit_point: str
    """Python run before a writer's transaction, making the writer die right after its commit
    point and before it has finished."""
    kept_notes: Callable[[str, str], dict]
    """hexi's notes in the database a forced build kept at the place it returned."""


def _folder_claim_schema(target: str, schema: int) -> None:
    meta = Path(target) / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema": schema}))


def _postgres_damage(target: str) -> None:
    """A hand edit on the server: the people's table renamed away."""
    with pg.superuser(target) as conn:
        conn.execute("ALTER TABLE tracker.records RENAME TO records_moved")


def _postgres_claim_schema(target: str, schema: int) -> None:
    with pg.superuser(target) as conn:
        conn.execute(
            "UPDATE tracker.meta SET meta = jsonb_set(meta, '{schema}', to_jsonb(%s::int))",
            (schema,),
        )


def _postgres_kept_notes(target: str, kept: str) -> dict:
    """A server keeps the old database as a renamed schema in the same database."""
    with pg.superuser(target) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT key, doc FROM {}.records WHERE scope = 'hexi' AND tbl = 'notes'"
            ).format(sql.Identifier(kept))
        ).fetchall()
    return dict(rows)


BACKENDS: dict[str, Backend] = {
    "folder": Backend(
        place=lambda tmp: str(tmp / "db"),
        damage=lambda target: (Path(target) / "people.json").write_text("{broken"),
        claim_schema=_folder_claim_schema,
        die_after_commit_point=(
            "import os; from tracker.store.folder import journal;"
            "journal._apply = lambda *args: os._exit(9)"
        ),
        kept_notes=lambda target, kept: open_store(kept).read("hexi", "notes"),
    ),
    "postgres": Backend(
        place=lambda tmp: pg.new_database(),
        damage=_postgres_damage,
        claim_schema=_postgres_claim_schema,
        # The server's COMMIT is the commit point: die as soon as it returns.
        die_after_commit_point=(
            "import os, psycopg; _exit = psycopg.Transaction.__exit__;"
            "psycopg.Transaction.__exit__ = lambda self, *a: (_exit(self, *a), os._exit(9))"
        ),
        kept_notes=_postgres_kept_notes,
    ),
}
PLAN = load_plan_file(builtin_plan_path())


def _clock(stamp: str = "2018-03-15T10:00:00+08:00") -> Callable[[], str]:
    return lambda: stamp


def _populate(tx: Transaction) -> None:
    """Every scope of the plan gets a record, as a real database is built."""
    for district in PLAN.districts:
        tx.put(district.id, "tasks", "comb", {"status": "not-started", "progress": 0}, "init")
    tx.put("municipal", "milestones", "report", {"done": None}, "init")
    tx.put("people", "people", "zhangwei", {"name": "张伟", "role": "coordinator"}, "person.add")


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> Backend:
    return BACKENDS[request.param]


@pytest.fixture
def target(backend: Backend, tmp_path: Path) -> str:
    place = backend.place(tmp_path)
    create_store(place, PLAN.data, "zhangwei", _populate, as_of="2018-03-15", clock=_clock())
    return place


@pytest.fixture
def store(target: str) -> Store:
    return open_store(target)


def _entries(store: Store) -> list[dict]:
    return list(store.audit())


# -- building and opening ------------------------------------------------------------


def test_a_new_database_holds_its_plan_meta_and_first_records(store: Store):
    assert store.meta()["schema"] == SCHEMA_VERSION
    assert store.meta()["plan"] == PLAN.id
    assert store.meta()["as_of"] == "2018-03-15"
    assert store.meta()["created_by"] == "zhangwei"
    assert store.plan_data() == PLAN.data
    assert store.plan() == PLAN
    assert store.read("hexi", "tasks") == {"comb": {"status": "not-started", "progress": 0}}
    assert [e["action"] for e in _entries(store)] == ["person.add"] + ["init"] * 4


def test_building_over_a_database_needs_force_and_keeps_the_old_one(backend: Backend, target: str):
    with pytest.raises(StoreError, match="已存在"):
        create_store(target, PLAN.data, "zhangwei", _populate)
    with open_store(target).transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "notes", "1", {"text": "旧库的记录"}, "note.add")

    backup = create_store(target, PLAN.data, "zhangwei", _populate, force=True)

    assert backup is not None
    assert open_store(target).read("hexi", "notes") == {}
    assert backend.kept_notes(target, backup) == {"1": {"text": "旧库的记录"}}


def test_a_failed_build_leaves_no_database(tmp_path: Path):
    for name, backend in BACKENDS.items():
        place = backend.place(tmp_path / name)

        def failing(tx: Transaction) -> None:
            tx.put("hexi", "tasks", "comb", {"status": "done"}, "init")
            raise RuntimeError("populate failed")

        with pytest.raises(RuntimeError):
            create_store(place, PLAN.data, "zhangwei", failing)
        with pytest.raises(StoreError, match="找不到数据库"):
            open_store(place)


def test_opening_nothing_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="找不到数据库"):
        open_store(tmp_path / "nowhere")


def test_a_database_of_a_newer_schema_is_refused(backend: Backend, target: str):
    backend.claim_schema(target, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="请升级 tracker"):
        open_store(target)


def test_a_damaged_database_is_a_clear_error_and_takes_no_write(backend: Backend, target: str):
    entries = _entries(open_store(target))
    backend.damage(target)
    store = open_store(target)
    with pytest.raises(StoreError, match="损坏"):
        store.read("people", "people")
    with pytest.raises(StoreError, match="损坏"), store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("people", "people", "lihua", {"name": "李华"}, "person.add")
    assert _entries(open_store(target)) == entries


def test_a_url_of_another_kind_of_server_is_refused():
    with pytest.raises(InputError, match=r"postgresql://"):
        open_store("mysql://db.example/pilot")


def test_a_server_that_cannot_be_reached_is_a_clear_error():
    with pytest.raises(StoreError, match="连不上数据库服务器"):
        open_store("postgresql://nobody@/pilot?host=/nonexistent&port=5999")


# -- transactions ----------------------------------------------------------------------


def test_a_committed_change_is_seen_by_a_new_reader_and_an_old_one(target: str, store: Store):
    assert store.read("hexi", "tasks")["comb"]["progress"] == 0
    with open_store(target).transaction("lihua", "lihua", _clock()) as tx:
        tx.put("hexi", "tasks", "comb", {"status": "in-progress", "progress": 30}, "task.update")

    assert open_store(target).read("hexi", "tasks")["comb"]["progress"] == 30
    assert store.read("hexi", "tasks")["comb"]["progress"] == 30


def test_reads_inside_a_transaction_see_its_own_writes_and_others_do_not(target: str, store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "第一条"}, "note.add")
        assert tx.get("hexi", "notes", "1") == {"text": "第一条"}
        assert tx.read("hexi", "notes") == {"1": {"text": "第一条"}}
        assert open_store(target).read("hexi", "notes") == {}
    assert store.read("hexi", "notes") == {"1": {"text": "第一条"}}


def test_changing_what_a_transaction_read_changes_nothing_stored(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.read("hexi", "tasks")["comb"]["progress"] = 99
        fetched = tx.get("hexi", "tasks", "comb")
        assert fetched is not None
        fetched["progress"] = 98
        assert tx.get("hexi", "tasks", "comb") == {"status": "not-started", "progress": 0}
    assert store.read("hexi", "tasks")["comb"]["progress"] == 0


def test_an_error_inside_a_transaction_leaves_records_log_and_version_untouched(
    target: str, store: Store
):
    version, entries = store.version(), _entries(store)
    with pytest.raises(RuntimeError), store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "tasks", "comb", {"status": "done", "progress": 100}, "task.update")
        tx.put("jinnan", "notes", "1", {"text": "不应留下"}, "note.add")
        tx.append("hexi", "history", {"item": "hexi-1"})
        raise RuntimeError("the service refused half-way")

    fresh = open_store(target)
    assert fresh.read("hexi", "tasks")["comb"]["progress"] == 0
    assert fresh.read("jinnan", "notes") == {}
    assert fresh.read_log("hexi", "history") == []
    assert _entries(fresh) == entries
    assert fresh.version() == version


def test_one_transaction_commits_changes_to_several_scopes_together(target: str, store: Store):
    with store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "notes", "1", {"text": "河西"}, "note.add")
        tx.put("wuqing", "notes", "1", {"text": "武清"}, "note.add")
        tx.put("municipal", "milestones", "report", {"done": "2018-09-28"}, "milestone.done")
    fresh = open_store(target)
    assert fresh.read("hexi", "notes")["1"]["text"] == "河西"
    assert fresh.read("wuqing", "notes")["1"]["text"] == "武清"
    assert fresh.read("municipal", "milestones")["report"]["done"] == "2018-09-28"
    assert [e["scope"] for e in _entries(fresh)[:3]] == ["municipal", "wuqing", "hexi"]


def test_next_id_is_one_more_than_the_largest_key(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        assert tx.next_id("hexi", "notes") == 1
        tx.put("hexi", "notes", "1", {"text": "a"}, "note.add")
        tx.put("hexi", "notes", "9", {"text": "b"}, "note.add")
        assert tx.next_id("hexi", "notes") == 10


# -- attribution and the audit log ---------------------------------------------------


def test_every_change_is_logged_with_who_for_whom_when_and_only_what_changed(store: Store):
    with store.transaction("zhangwei", "lihua", _clock("2018-03-16T09:30:00+08:00")) as tx:
        changed = tx.put(
            "hexi",
            "tasks",
            "comb",
            {"status": "in-progress", "progress": 0, "note": "启动"},
            "task.update",
            reason="按督办要求",
        )
    assert changed is True
    entry, before = _entries(store)[:2]
    assert entry == {
        "seq": before["seq"] + 1,
        "prev": entry_digest(before),
        "at": "2018-03-16T09:30:00+08:00",
        "login": "zhangwei",
        "user": "lihua",
        "action": "task.update",
        "scope": "hexi",
        "table": "tasks",
        "key": "comb",
        "before": {"status": "not-started", "note": None},
        "after": {"status": "in-progress", "note": "启动"},
        "reason": "按督办要求",
    }


def test_a_new_record_is_logged_whole(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "新记录", "kind": "progress"}, "note.add")
    entry = _entries(store)[0]
    assert entry["before"] is None
    assert entry["after"] == {"text": "新记录", "kind": "progress"}
    assert "reason" not in entry


def test_writing_what_is_already_stored_changes_and_logs_nothing(store: Store):
    version, entries = store.version(), _entries(store)
    with store.transaction("lihua", "lihua") as tx:
        same = {"status": "not-started", "progress": 0}
        assert tx.put("hexi", "tasks", "comb", same, "task.update") is False
    assert _entries(store) == entries
    assert store.version() == version


def test_attribute_changes_who_the_following_changes_are_by(store: Store):
    with store.transaction("zhangwei", "zhangwei", _clock("2018-01-01T09:00:00+08:00")) as tx:
        tx.put("hexi", "notes", "1", {"text": "a"}, "note.add")
        tx.attribute("lihua", "lihua", _clock("2018-01-02T09:00:00+08:00"))
        tx.put("hexi", "notes", "2", {"text": "b"}, "note.add")
    newest, older = _entries(store)[:2]
    assert (older["login"], older["at"][:10]) == ("zhangwei", "2018-01-01")
    assert (newest["login"], newest["at"][:10]) == ("lihua", "2018-01-02")


def test_sequence_numbers_run_on_without_gaps_through_commits_and_refusals(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "a"}, "note.add")
        tx.put("hexi", "notes", "2", {"text": "b"}, "note.add")
    store.record_refusal("liuyang", "liuyang", "note.add", "hexi", "只读用户不能修改数据")
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "3", {"text": "c"}, "note.add")
    seqs = [e["seq"] for e in store.audit()]
    assert seqs == list(range(len(seqs), 0, -1))


def test_a_refusal_is_logged_and_changes_no_record(store: Store):
    records = store.read("hexi", "tasks")
    version = store.version()
    store.record_refusal("liuyang", "liuyang", "task.update", "hexi", "只读用户不能修改数据")
    entry = _entries(store)[0]
    assert entry["denied"] is True
    assert (entry["login"], entry["user"], entry["action"], entry["scope"]) == (
        "liuyang",
        "liuyang",
        "task.update",
        "hexi",
    )
    assert entry["message"] == "只读用户不能修改数据"
    assert store.read("hexi", "tasks") == records
    assert store.version() != version


def test_the_audit_log_reads_newest_first(store: Store):
    for number in range(1, 4):
        with store.transaction("lihua", "lihua") as tx:
            tx.put("hexi", "notes", str(number), {"text": f"第{number}条"}, "note.add")
    texts = [e["after"]["text"] for e in store.audit() if e["action"] == "note.add"]
    assert texts == ["第3条", "第2条", "第1条"]


def test_a_scopes_own_log_is_tied_to_its_change_and_reads_oldest_first(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "items", "hexi-1", {"name": "控规"}, "item.add")
        tx.put("hexi", "items", "hexi-1", {"name": "控制性详细规划"}, "item.update")
        tx.append("hexi", "history", {"item": "hexi-1", "kind": "调整"})
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "items", "hexi-1", {"name": "控规（修订）"}, "item.update")
        tx.append("hexi", "history", {"item": "hexi-1", "kind": "动态调整"})
    history = store.read_log("hexi", "history")
    assert [h["kind"] for h in history] == ["调整", "动态调整"]
    by_seq = {e["seq"]: e for e in store.audit()}
    assert [by_seq[h["seq"]]["after"]["name"] for h in history] == [
        "控制性详细规划",
        "控规（修订）",
    ]
    assert store.read_log("jinnan", "history") == []


def test_a_log_entry_after_a_change_that_changed_nothing_is_refused(store: Store):
    with pytest.raises(RuntimeError), store.transaction("lihua", "lihua") as tx:
        tx.put("jinnan", "tasks", "comb", {"status": "not-started", "progress": 0}, "task.update")
        tx.append("jinnan", "history", {"item": "jinnan-1"})
    assert store.read_log("jinnan", "history") == []


# -- the chain, identity and the whole-database check --------------------------------


def test_entries_form_a_chain_from_the_first(store: Store):
    with store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "tasks", "comb", {"status": "in-progress", "progress": 5}, "task.update")
    store.record_refusal("lihua", "lihua", "task.update", "jinnan", "不能修改其他区")
    entries = list(reversed(_entries(store)))
    assert entries[0]["prev"] == GENESIS
    assert all(b["prev"] == entry_digest(a) for a, b in pairwise(entries))


def test_any_json_value_survives_and_the_chain_still_checks(target: str, store: Store):
    odd = {
        "numbers": [1e20, 1e-7, -0.0, 86.5, 0.30000000000000004, 123456789012345678],
        "text": '中文😀 "quoted" \\ tab\t',
        "nested": {"b": [], "a": {}, "é": None, "Z": True},
    }
    with store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "notes", "1", odd, "note.add")
    with store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "notes", "1", {**odd, "text": "改"}, "note.edit")

    assert open_store(target).read("hexi", "notes")["1"] == {**odd, "text": "改"}
    assert next(open_store(target).audit())["before"] == {"text": odd["text"]}
    assert verify(open_store(target)).problems == []


def test_a_login_named_by_the_environment_is_marked(store: Store):
    with store.transaction("zhangwei", "zhangwei", login_from="LOGNAME") as tx:
        tx.put("hexi", "tasks", "comb", {"status": "in-progress", "progress": 5}, "task.update")
    store.record_refusal("x", "x", "task.update", "hexi", "未登记", login_from="USER")
    refusal, change = _entries(store)[:2]
    assert change["login_from"] == "LOGNAME" and refusal["login_from"] == "USER"


def test_the_whole_database_checks_against_its_log(store: Store):
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "items", "hexi-1", {"name": "控规", "url": None}, "item.add")
        tx.put("hexi", "items", "hexi-1", {"name": "控制性详细规划"}, "item.update")
        tx.append("hexi", "history", {"item": "hexi-1", "kind": "调整"})
    result = verify(store)
    assert result.problems == []
    assert result.entries == len(_entries(store))
    assert result.head == entry_digest(_entries(store)[0])
    assert set(store.scopes()) >= {"hexi", "municipal", "people"}
    assert store.logs() == {"hexi": ["history"]}


# -- derived values and change detection ---------------------------------------------


def test_a_derived_value_is_recomputed_only_after_its_table_changes(target: str, store: Store):
    calls: list[int] = []

    def count(docs: dict) -> int:
        calls.append(1)
        return len(docs)

    assert store.derived("hexi", "notes", "count", count) == 0
    assert open_store(target).derived("hexi", "notes", "count", count) == 0
    assert len(calls) == 1
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "a"}, "note.add")
    assert open_store(target).derived("hexi", "notes", "count", count) == 1
    assert len(calls) == 2
    with store.transaction("lihua", "lihua") as tx:
        tx.put("jinnan", "notes", "1", {"text": "b"}, "note.add")
    assert store.derived("hexi", "notes", "count", count) == 1
    assert len(calls) == 2


def test_the_version_changes_with_every_commit_and_not_with_reads(target: str, store: Store):
    seen = {store.version()}
    store.read("hexi", "tasks")
    list(store.audit())
    assert store.version() in seen
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "a"}, "note.add")
    assert open_store(target).version() not in seen
    seen.add(store.version())
    with store.transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "b"}, "note.update")
    assert store.version() not in seen


# -- several processes ---------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from tracker.store import open_store
    target, worker, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for i in range(rounds):
        with open_store(target).transaction(worker, worker) as tx:
            counter = tx.get("hexi", "counters", "shared") or {"value": 0}
            tx.put("hexi", "counters", "shared", {"value": counter["value"] + 1}, "count")
            tx.put("hexi", "notes", f"{worker}-{i}", {"text": f"{worker}-{i}"}, "note.add")
    """
)


def test_concurrent_writers_are_serialised_and_lose_nothing(target: str):
    workers, rounds = 3, 25
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, target, f"w{n}", str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(workers)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err

    store = open_store(target)
    assert store.read("hexi", "counters")["shared"]["value"] == workers * rounds
    assert len(store.read("hexi", "notes")) == workers * rounds
    entries = list(store.audit())
    assert sum(1 for e in entries if e["action"] == "note.add") == workers * rounds
    assert [e["seq"] for e in entries] == list(range(len(entries), 0, -1))


_DIES_INSIDE = textwrap.dedent(
    """
    import os, sys
    from tracker.store import open_store
    with open_store(sys.argv[1]).transaction("lihua", "lihua") as tx:
        tx.put("hexi", "notes", "1", {"text": "never committed"}, "note.add")
        os._exit(9)
    """
)


def test_a_writer_killed_after_its_commit_point_is_finished_by_the_next_reader(
    backend: Backend, target: str
):
    code = backend.die_after_commit_point + textwrap.dedent(
        """
        import sys
        from tracker.store import open_store
        with open_store(sys.argv[1]).transaction("lihua", "lihua") as tx:
            tx.put("hexi", "notes", "1", {"text": "committed"}, "note.add")
            tx.append("hexi", "history", {"item": "hexi-1"})
        """
    )
    died = subprocess.run([sys.executable, "-c", code, target], check=False, timeout=60)
    assert died.returncode == 9

    store = open_store(target)
    assert store.read("hexi", "notes") == {"1": {"text": "committed"}}
    newest = next(store.audit())
    assert (newest["action"], newest["login"], newest["after"]) == (
        "note.add",
        "lihua",
        {"text": "committed"},
    )
    assert [h["seq"] for h in store.read_log("hexi", "history")] == [newest["seq"]]


def test_a_writer_killed_inside_its_transaction_leaves_nothing_and_no_lock(target: str):
    entries = list(open_store(target).audit())
    died = subprocess.run([sys.executable, "-c", _DIES_INSIDE, target], check=False, timeout=60)
    assert died.returncode == 9

    store = open_store(target)
    assert store.read("hexi", "notes") == {}
    assert list(store.audit()) == entries
    with store.transaction("zhangwei", "zhangwei") as tx:
        tx.put("hexi", "notes", "1", {"text": "after the crash"}, "note.add")
    assert open_store(target).read("hexi", "notes")["1"]["text"] == "after the crash"
