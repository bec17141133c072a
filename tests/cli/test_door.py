"""The front door: control characters refused where text is typed and pictured where it is
printed, and bad output paths or undecodable arguments as Chinese errors, never tracebacks."""

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import COORDINATOR, Cli, environment, snapshot, without_root_powers
from tracker.store import open_store

ESC = "\x1b"
AS_OF = "2018-03-15"


@pytest.fixture
def demo(copy_demo, tmp_path, monkeypatch) -> Cli:
    """A copy of the pilot demo in ``./data``, so default outputs go under tmp_path."""
    monkeypatch.chdir(tmp_path)
    return Cli(copy_demo(tmp_path / "data"))


def plant(db: Path) -> None:
    """Store control characters the way an older version let them in: past every check."""
    store = open_store(db)
    with store.transaction(COORDINATOR, COORDINATOR) as tx:
        key = tx.next_id("hexi", "notes")
        note = {
            "id": key,
            "district": "hexi",
            "kind": "problem",
            "text": f"人手不足{ESC}[2J{ESC}]0;标题\x07\r退格\x08",
            "date": "2018-03-01",
            "author": COORDINATOR,
        }
        tx.put("hexi", "notes", str(key), note, "note.add")
        item = tx.get("hexi", "items", "hexi-1")
        assert item is not None
        tx.put("hexi", "items", "hexi-1", {**item, "name": f"控规{ESC}[31m公示"}, "item.update")
        task = tx.get("hexi", "tasks", "comb")
        assert task is not None
        tx.put("hexi", "tasks", "comb", {**task, "note": f"备注{ESC}[5m"}, "task.update")
        evaluation = tx.get("hexi", "evaluations", "1")
        assert evaluation is not None
        tx.put(
            "hexi", "evaluations", "1", {**evaluation, "summary": f"摘要{ESC}c"}, "evaluation.add"
        )


# -- typed text --------------------------------------------------------------------------------

TYPED = [
    (["note", "add", "hexi", "--kind", "progress", "完成梳理\x01"], "记录内容"),
    (["note", "add", "hexi", "--kind", "progress", f"{ESC}[2J清屏"], "记录内容"),
    (["person", "add", f"李{ESC}[31m华", "--login", "lihua2", "--role", "viewer"], "姓名"),
    (
        ["person", "add", "李华", "--login", "lihua2", "--role", "viewer", "--unit", "区政府\n办"],
        "单位",
    ),
    (
        ["person", "add", "李华", "--login", "lihua2", "--role", "viewer", "--phone", "022\t1"],
        "电话",
    ),
    (["item", "add", "hexi", "--area", "城乡规划", "--name", f"规划{ESC}]0;x\x07"], "二级事项"),
    (
        ["item", "add", "hexi", "--area", "城乡规划", "--name", "规划", "--content", "a\x00b"],
        "公开内容",
    ),
    (["item", "update", "hexi-1", "--basis", f"依据{ESC}", "--reason", "更新"], "公开依据"),
    (["item", "update", "hexi-1", "--basis", "依据", "--reason", f"原因{ESC}"], "调整原因"),
    (["item", "withdraw", "hexi-1", "--reason", "原因\x08\x08"], "撤销原因"),
    (["item", "advance", "hexi-1", "published", "--url", f"http://x/{ESC}"], "页面地址"),
    (["task", "update", "hexi", "comb", "--note", "备注\x07"], "备注"),
    (["milestone", "done", "hexi", "plan-filed", "--ref", f"津{ESC}[0m"], "文号"),
    (["milestone", "reopen", "hexi", "plan-filed", "--reason", f"更正{ESC}"], "原因"),
    (
        ["evaluation", "add", "hexi", "--kind", "public", "--score", "80", "--by", f"机构{ESC}"],
        "评价机构",
    ),
    (
        ["evaluation", "add", "hexi", "--kind", "public", "--score", "8", "--summary", "a\x7fb"],
        "摘要",
    ),
]


@pytest.mark.parametrize(
    ("args", "field"), TYPED, ids=lambda v: repr(" ".join(v)) if isinstance(v, list) else v
)
def test_typed_control_characters_are_refused_and_change_nothing(demo: Cli, args, field):
    before = snapshot(demo.db)
    result = demo(*args, as_of=AS_OF)

    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("错误：")
    assert field in result.stderr
    assert "控制字符" in result.stderr or "换行或制表符" in result.stderr
    assert ESC not in result.stderr + result.stdout
    assert snapshot(demo.db) == before


def test_line_breaks_and_tabs_are_kept_where_a_field_is_several_lines(demo: Cli):
    demo.ok("note", "add", "hexi", "--kind", "problem", "第一行\r\n第二行\t缩进", as_of=AS_OF)
    demo.ok(
        "item", "update", "hexi-1", "--content", "要素一\n要素二", "--reason", "补充", as_of=AS_OF
    )

    notes = demo.json("note", "list", "-d", "hexi", "-k", "problem")
    assert "第一行\n第二行\t缩进" in [n["text"] for n in notes]
    assert demo.json("item", "show", "hexi-1")["content"] == "要素一\n要素二"


def test_an_imported_catalog_never_stores_control_characters(demo: Cli, tmp_path):
    path = tmp_path / "目录.csv"
    path.write_text(
        f"领域,二级事项,公开依据\n城乡规划,规划\x00公示,依据\n城乡规划,规划批后公布,《法》{ESC}[2J\n",
        encoding="utf-8",
    )
    result = demo("item", "import", "河西", str(path), as_of=AS_OF)

    # Refused row by row at the door, or imported with the controls read away: either way
    # a plain outcome, and nothing of them stored.
    assert result.exit_code in (0, 2), result.stdout + result.stderr
    assert ESC not in result.stdout + result.stderr
    texts = [v for item in demo.json("item", "list", "-d", "hexi") for v in item.values()]
    assert not [t for t in texts if isinstance(t, str) and re.search(r"[\x00-\x08\x0b-\x1f]", t)]


# -- printed text ------------------------------------------------------------------------------

PRINTING = [
    ("note", "list", "-d", "hexi"),
    ("item", "show", "hexi-1"),
    ("item", "list", "-d", "hexi"),
    ("log", "-n", "10"),
    ("status", "hexi"),
    ("evaluation", "list", "-d", "hexi"),
]


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_stored_control_characters_are_pictured_never_sent_to_the_terminal(demo: Cli, args):
    plant(demo.db)
    result = demo.ok(*args)

    assert ESC not in result.stdout
    assert "␛" in result.stdout
    for control in "\x07\x08\r":
        assert control not in result.stdout


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_json_output_escapes_stored_control_characters(demo: Cli, args):
    plant(demo.db)
    result = demo.ok(*args, "--json")

    assert ESC not in result.stdout
    assert "\\u001b" in result.stdout
    json.loads(result.stdout)


def test_an_error_quoting_typed_text_pictures_its_escape_sequence(demo: Cli):
    result = demo("item", "show", f"河西-{ESC}[2J")

    assert result.exit_code == 2
    assert ESC not in result.stderr
    assert "␛[2J" in result.stderr


def test_a_confirmation_pictures_stored_escape_sequences(demo: Cli):
    plant(demo.db)
    result = demo.ok("item", "update", "hexi-1", "--time-limit", "每年3月", as_of=AS_OF)

    assert ESC not in result.stdout
    assert "控规␛[31m公示" in result.stdout


def test_a_refused_change_reads_in_words_not_markup_in_the_log(team: Cli):
    team("task", "update", "津南", "梳理", "-p", "3", login="lihua")
    table = team.ok("log", "-n", "1").stdout

    assert "被拒绝：更新任务" in table
    assert "[red]" not in table and "[/]" not in table


# -- output files ------------------------------------------------------------------------------

WRITERS = [("report", "district", "河西"), ("item", "export", "河西")]


@pytest.mark.parametrize("writer", WRITERS, ids=" ".join)
def test_output_at_a_folder_is_refused_plainly(demo: Cli, tmp_path, writer):
    folder = tmp_path / "out"
    folder.mkdir()
    result = demo(*writer, "-o", str(folder))

    assert result.exit_code == 2
    assert "是一个文件夹" in result.stderr
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("writer", WRITERS, ids=" ".join)
def test_output_onto_a_pipe_never_replaces_it(demo: Cli, tmp_path, writer):
    # The same refusal keeps a coordinator running as root from replacing /dev/null.
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    result = demo(*writer, "-f", "md" if writer[0] == "report" else "csv", "-o", str(pipe))

    assert result.exit_code == 2
    assert "不是普通文件" in result.stderr
    assert pipe.is_fifo()


@pytest.mark.parametrize(
    ("place", "reason"),
    [
        ("/proc/self/tracker/x.md", "不存在"),
        ("/sys/tracker-report.md", "权限"),
        ("a-file/x.md", "不是文件夹"),
    ],
)
@pytest.mark.parametrize("writer", WRITERS, ids=" ".join)
def test_output_where_nothing_can_be_written_is_a_chinese_error(
    demo: Cli, tmp_path, writer, place, reason
):
    (tmp_path / "a-file").write_text("")
    out = place if writer[0] == "report" else place.replace(".md", ".csv")
    result = demo(*writer, "-o", out)

    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"错误：无法写入「{out}」")
    assert reason in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_output_into_a_folder_without_write_permission_is_a_chinese_error(demo: Cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    argv = [sys.executable, "-m", "tracker", "--db", str(demo.db), "report", "bulletin"]
    result = subprocess.run(
        without_root_powers([*argv, "-o", str(locked / "通报.md")]),
        env=environment(COORDINATOR),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2, result.stderr
    assert "没有写入权限" in result.stderr and "Traceback" not in result.stderr
    assert list(locked.iterdir()) == []


def test_a_full_disk_while_writing_a_report_is_a_chinese_error(demo: Cli, monkeypatch):
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tracker.reports.render.write_report", full)
    result = demo("report", "bulletin", "-o", "通报.md")

    assert result.exit_code == 2
    assert "磁盘空间不足" in result.stderr
    assert not list(Path().glob(".通报.md.*"))


# -- arguments that are not UTF-8 --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [b"note", b"add", b"hexi", b"--kind", b"progress", b"\xe5\xae\x8c\xff"],
        [b"item", b"add", b"hexi", b"--area", b"\xff", b"--name", b"x"],
        [b"status", b"\xfe\xff"],
    ],
    ids=["note text", "item area", "district"],
)
def test_arguments_that_are_not_utf8_are_refused_without_a_traceback(demo: Cli, args):
    before = snapshot(demo.db)
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(demo.db), *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"},
    )
    stderr = result.stderr.decode("utf-8")

    assert result.returncode == 2, stderr
    assert stderr.startswith("错误：") and "不是有效的 UTF-8" in stderr
    assert "\\xff" in stderr
    assert "Traceback" not in stderr
    assert snapshot(demo.db) == before


def test_a_database_path_that_is_not_utf8_is_refused_plainly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", os.fsencode(tmp_path) + b"/\xff", "status"],
        capture_output=True,
    )

    assert result.returncode == 2
    assert "不是有效的 UTF-8" in result.stderr.decode("utf-8")
