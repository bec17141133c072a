"""The audit log reads newest-first across chunk boundaries and survives a torn last line."""

import json

from tracker.store.folder import audit_log


def test_entries_read_newest_first_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_log, "_CHUNK", 7)
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": n, "text": "变更" * n} for n in range(1, 13)])
    assert [e["seq"] for e in audit_log.read_backwards(path)] == list(range(12, 0, -1))
    assert audit_log.last_seq(path) == 12


def test_a_torn_last_line_is_ignored_then_replaced_by_the_full_entry(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit_log.append(path, [{"seq": 1}, {"seq": 2}])
    with open(path, "ab") as handle:
        handle.write(b'{"seq": 3, "af')
    assert audit_log.last_seq(path) == 2

    audit_log.append(path, [{"seq": 2}, {"seq": 3, "after": "完整"}])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"seq": 1}, {"seq": 2}, {"seq": 3, "after": "完整"}]


def test_a_missing_log_is_empty(tmp_path):
    assert list(audit_log.read_backwards(tmp_path / "none.jsonl")) == []
    assert audit_log.last_seq(tmp_path / "none.jsonl") == 0
