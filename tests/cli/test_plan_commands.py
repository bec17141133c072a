"""``tracker plan check|show``, and plans loading the same from a checkout or a wheel."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import Cli
from tracker.resources import builtin_plan_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundled_plan_checks_clean(tmp_path):
    result = Cli(tmp_path / "data").ok("plan", "check", str(builtin_plan_path()))
    assert "没有发现问题" in result.stdout and "24 个重点领域" in result.stdout


def test_plan_check_lists_every_problem_with_its_line(tmp_path):
    text = builtin_plan_path().read_text(encoding="utf-8")
    text = text.replace('id = "jinnan"', 'id = "hexi"')
    text = text.replace("due = 2018-09-30", 'due = "2018年2月30日"')
    text = text.replace('scope = "municipal"', 'scope = "province"')
    text = text.replace('short_name = "武清"', 'short_name = "武清"\nleader = "某某"')
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    result = Cli(tmp_path / "data")("plan", "check", str(bad))

    assert result.exit_code == 2
    assert "有 4 处问题" in result.stderr
    duplicate = next(i for i, line in enumerate(lines, 1) if line == 'id = "hexi"' and i > 40)
    assert f"第 {duplicate} 行：[[districts]] 的 id「hexi」重复" in result.stderr
    assert "未知的键「leader」" in result.stderr
    assert "截止日期「2018年2月30日」不存在" in result.stderr
    assert "未知的范围「province」" in result.stderr


def test_plan_check_reports_toml_syntax_and_a_missing_file(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    cli = Cli(tmp_path / "data")
    syntax = cli("plan", "check", str(broken))
    missing = cli("plan", "check", str(tmp_path / "none.toml"))
    assert syntax.exit_code == 2 and "第 2 行第 9 列：TOML 语法错误" in syntax.stderr
    assert missing.exit_code == 2 and "找不到计划文件" in missing.stderr


def test_plan_show_prints_the_plan_from_the_database(cli: Cli):
    shown = cli.ok("plan", "show").stdout
    assert "津政办函〔2017〕72号" in shown and "公共法律服务" in shown and "2018-09-30" in shown
    assert cli.json("plan", "show")["districts"][2]["areas"][-1] == "义务教育"


def test_plan_show_without_a_database_folder_shows_the_bundled_plan(tmp_path):
    for where in (tmp_path / "nowhere", tmp_path / "a-file.txt"):
        if where.suffix:
            where.write_text("not a database", encoding="utf-8")
        shown = Cli(where).json("plan", "show")
        assert shown["doc_no"] == "津政办函〔2017〕72号"


def test_the_wheel_carries_the_plans_and_loads_them_from_inside(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("pilot_tracker-*.whl"))
    assert "tracker/_data/plans/tianjin-2017.toml" in zipfile.ZipFile(wheel).namelist()

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import tracker, tracker.resources as r;"
        "from tracker.domain.plan_loader import load_plan_file;"
        "p = load_plan_file(r.builtin_plan_path());"
        "print(tracker.__file__); print(p.doc_no, len(p.districts))"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    location, summary = out.stdout.splitlines()
    assert location.startswith(str(unpacked))
    assert summary == "津政办函〔2017〕72号 3"
