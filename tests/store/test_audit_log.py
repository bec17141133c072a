"""The audit log reads newest-first across chunk boundaries and survives a torn last line."""

import json

import pytest

from tracker.domain.errors import StoreError
from tracker.store.folder import audit_log
from tracker.store.folder.files import dump_json


def test_entries_read_newest_first_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_log, "_CHUNK", 7)
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": n, "text": "变更" * n} for n in range(1, 13)])
    assert [e["seq"] for e in audit_log.read_backwards(path)] == list(range(12, 0, -1))
    assert audit_log.last_seq(path) == 12


def test_a_line_torn_by_a_crash_is_completed_from_the_commit_never_cut(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": 1}, {"seq": 2}])
    third = {"seq": 3, "after": "完整"}
    with open(path, "ab") as handle:
        handle.write(dump_json(third)[:9])
    # Readers skip it only while a commit is under way; the commit then completes it.
    assert audit_log.last_seq(path, torn_ok=True) == 2
    with pytest.raises(StoreError, match="最后一行不完整"):
        audit_log.last_seq(path)

    audit_log.append(path, [{"seq": 2}, third])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"seq": 1}, {"seq": 2}, third]


def test_a_last_entry_without_its_newline_counts_and_is_kept(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": 1}, {"seq": 2}])
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    assert audit_log.last_seq(path) == 2

    audit_log.append(path, [{"seq": 3}])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"seq": 1}, {"seq": 2}, {"seq": 3}]


def test_torn_bytes_that_are_not_the_commits_own_are_damage_and_stay(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": 1}])
    with open(path, "ab") as handle:
        handle.write(b'{"seq": 2, "login": "forg')
    before = path.read_bytes()
    with pytest.raises(StoreError, match="与待写入的记录不符"):
        audit_log.append(path, [{"seq": 2, "login": "zhangwei"}])
    assert path.read_bytes() == before


def test_a_missing_log_is_empty(tmp_path):
    assert list(audit_log.read_backwards(tmp_path / "none.jsonl")) == []
    assert audit_log.last_seq(tmp_path / "none.jsonl") == 0
