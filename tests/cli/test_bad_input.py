"""Bad input of every kind: a Chinese message on stderr, a non-zero exit, no traceback, nothing changed."""

import pytest

from tests.conftest import Cli, snapshot

BAD_COMMANDS = [
    (["task", "update", "海淀区", "comb", "-p", "10"], "未知的试点区「海淀区」"),
    (["task", "update", "hexi", "publish", "-p", "10"], "未知的任务「publish」"),
    (["task", "update", "hexi", "comb", "--status", "finished"], "未知的任务状态「finished」"),
    (
        ["task", "update", "hexi", "comb", "--progress", "150"],
        "进度应为 0 到 100 之间的整数，收到 150",
    ),
    (["task", "update", "hexi", "comb", "--progress", "很多"], "进度应为 0 到 100 之间的整数"),
    (["task", "update", "hexi", "comb"], "请至少指定"),
    (["task", "update", "hexi", "comb", "--status", "blocked"], "请用 --note 说明受阻原因"),
    (
        ["task", "update", "hexi", "comb", "--status", "done", "--progress", "60"],
        "任务已完成时进度应为 100",
    ),
    (["task", "update", "hexi", "comb", "--owner", "nobody"], "未知的人员「nobody」"),
    (["milestone", "done", "hexi", "plan-filed", "--date", "2018年2月30日"], "不存在"),
    (
        ["milestone", "done", "hexi", "plan-filed", "--date", "上周五"],
        "无法识别的完成日期「上周五」",
    ),
    (["milestone", "done", "hexi", "plan-filed", "--date", "2030-01-01"], "晚于当前日期"),
    (["milestone", "done", "hexi", "plan-filed", "--date", "2016-01-01"], "早于试点方案印发日期"),
    (["milestone", "done", "hexi", "municipal-report"], "未知的区级节点"),
    (["milestone", "reopen", "hexi", "plan-filed", "--reason", "x"], "尚未完成"),
    (["--as-of", "2018-13-01", "status"], "不存在"),
    (["note", "add", "hexi", "--kind", "gossip", "text"], "未知的记录类型「gossip」"),
    (["note", "add", "hexi", "--kind", "progress", "  "], "记录内容不能为空"),
    (
        ["evaluation", "add", "hexi", "--kind", "public", "--score", "101"],
        "评分应为 0 到 100 之间、最多一位小数的数",
    ),
    (["person", "add", "李华", "--login", "li hua", "--role", "viewer"], "登录名「li hua」无效"),
    (["person", "add", "李华", "--login", "lihua", "--role", "boss"], "未知的角色「boss」"),
    (["person", "add", "李华", "--login", "lihua", "--role", "district-lead"], "须用 --district"),
    (["person", "add", "张伟", "--login", "zhangwei", "--role", "viewer"], "已登记"),
    (["task", "update", "hexi", "comb", "--bogus", "1"], "没有选项 --bogus"),
    (["task", "update", "hexi"], "缺少参数 任务（TASK）"),
    (["item", "show"], "缺少参数 事项编号（ITEM_ID）"),
    (["note", "add", "hexi", "--kind", "progress", "完成", "初稿"], "多余的参数：初稿"),
    (["tasks"], "没有命令「tasks」"),
    (["log", "--limit", "0"], "条数（--limit）应为 1 到 100000 之间的整数"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_bad_input_is_refused_clearly_and_changes_nothing(cli: Cli, args, message):
    before = snapshot(cli.db)
    result = cli(*args, as_of="2018-03-15")

    assert result.exit_code != 0
    assert message in result.stderr
    assert result.stderr.startswith("错误：")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(cli.db) == before


def test_missing_database_says_how_to_create_one(tmp_path):
    result = Cli(tmp_path / "nowhere")("status")
    assert result.exit_code == 4
    assert "找不到数据库" in result.stderr and "tracker init" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_corrupted_database_file_is_named_and_nothing_is_written(cli: Cli):
    damaged = cli.db / "districts" / "hexi.json"
    damaged.write_bytes(damaged.read_bytes()[:40])
    before = snapshot(cli.db)

    for args in (["status"], ["task", "update", "hexi", "comb", "-p", "5"]):
        result = cli(*args)
        assert result.exit_code == 4
        assert "数据库文件已损坏" in result.stderr and "hexi.json" in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(cli.db) == before


def test_a_database_from_a_newer_version_is_refused(cli: Cli):
    meta = cli.db / "meta.json"
    meta.write_text(meta.read_text().replace('"schema":1', '"schema":99'))
    result = cli("status")
    assert result.exit_code == 4 and "请升级 tracker" in result.stderr


def test_init_refuses_to_overwrite_and_force_keeps_a_backup(cli: Cli):
    cli.ok("task", "update", "hexi", "comb", "-p", "30")
    refused = cli("init")
    assert refused.exit_code == 4 and "--force" in refused.stderr

    rebuilt = cli.ok("init", "--force")
    backups = list(cli.db.parent.glob("data.bak-*"))
    assert len(backups) == 1 and str(backups[0]) in rebuilt.stdout
    assert '"progress":30' in (backups[0] / "districts" / "hexi.json").read_text()
    assert cli.json("task", "list", "-d", "hexi")[0]["progress"] == 0


def test_an_unchanged_update_says_so_and_logs_nothing(cli: Cli):
    cli.ok("task", "update", "hexi", "comb", "-p", "30")
    before = snapshot(cli.db)
    result = cli.ok("task", "update", "hexi", "comb", "-p", "30")
    assert "没有变化" in result.stdout
    assert snapshot(cli.db) == before


def _remove(db, name):
    (db / name).unlink()


def _write(db, name, text):
    (db / name).write_text(text, encoding="utf-8")


def _append(db, name, text):
    with open(db / name, "a", encoding="utf-8") as handle:
        handle.write(text)


DAMAGE = [
    (lambda db: _remove(db, "districts/jinnan.json"), "数据库文件缺失"),
    (
        lambda db: _write(db, "districts/jinnan.json", '{"_default": {}}'),
        "津南区的任务或节点记录不全",
    ),
    (lambda db: _write(db, "districts/jinnan.json", "[1, 2]"), "数据库文件已损坏"),
    (lambda db: _remove(db, "people.json"), "数据库文件缺失"),
    (lambda db: _append(db, "audit.jsonl", "{broken\n"), "无法解析的操作记录"),
    (lambda db: _write(db, "journal.json", "{broken"), "journal.json"),
    (lambda db: _write(db, "journal.json", '{"x": 1}'), "journal.json"),
    (lambda db: _write(db, "meta.json", '{"schema": "one"}'), "meta.json"),
]


@pytest.mark.parametrize(("damage", "message"), DAMAGE)
def test_a_damaged_database_is_named_and_never_half_written(cli: Cli, damage, message):
    damage(cli.db)
    before = snapshot(cli.db)
    for args in (["log"], ["task", "update", "津南", "梳理", "-p", "7"], ["status"]):
        result = cli(*args)
        if result.exit_code == 0:
            assert args in (["log"], ["status"]), "a write must not succeed on a damaged database"
            continue
        assert result.exit_code == 4, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr
    assert snapshot(cli.db) == before


def test_a_folder_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / "notes").mkdir()
    result = Cli(tmp_path / "notes")("status")
    assert result.exit_code == 4 and "不是 tracker 数据库" in result.stderr


def test_two_rebuilds_in_the_same_second_keep_both_backups(cli: Cli):
    cli.ok("init", "--force")
    cli.ok("init", "--force")
    assert len(list(cli.db.parent.glob("data.bak-*"))) == 2
