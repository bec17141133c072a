"""Turn every failure into a Chinese message on stderr and an exit code, never a traceback."""

import re
import sys
from collections.abc import Callable

from typer import Abort
from typer._click import exceptions as click_errors

from tracker.domain.errors import TrackerError
from tracker.domain.text import visible

USAGE_EXIT = 2

_USAGE_PATTERNS = [
    (re.compile(r"No such command '(.+)'\."), "没有命令「{0}」"),
    (
        re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((.+)\)"),
        "多余的参数：{0}（含空格的文字请加引号）",
    ),
    (re.compile(r"Missing command\."), "缺少子命令"),
    (re.compile(r"Option '(.+)' requires an argument\."), "选项 {0} 需要一个值"),
    (re.compile(r"Option '(.+)' does not take a value\."), "选项 {0} 不接受值"),
]


def run_guarded(invoke: Callable[[], object]) -> int:
    """Run the command line; return its exit code with errors reported in Chinese."""
    try:
        result = invoke()
    except TrackerError as error:
        _print_error(str(error))
        return error.exit_code
    except click_errors.NoArgsIsHelpError as error:
        # Rich has already printed the help page while the error was built.
        text = error.format_message()
        if text.strip():
            sys.stdout.write(text + "\n")
        return 0
    except click_errors.UsageError as error:
        _print_error(_usage_message(error))
        if error.ctx is not None:
            sys.stderr.write(f"用 `{error.ctx.command_path} --help` 查看用法和示例。\n")
        return USAGE_EXIT
    except click_errors.ClickException as error:
        _print_error(error.format_message())
        return error.exit_code
    except Abort:
        _print_error("已取消")
        return 130
    except KeyboardInterrupt:
        _print_error("已中断")
        return 130
    return result if isinstance(result, int) else 0


ARGUMENT_NAMES = {
    "district": "区",
    "task": "任务",
    "milestone": "时间节点",
    "item_id": "事项编号",
    "item": "事项",
    "file": "文件",
    "text": "内容",
    "name": "名称",
    "person": "人员",
    "login": "登录名",
    "state": "状态",
    "kind": "类型",
    "target": "目标状态",
    "note_id": "记录编号",
    "evaluation_id": "评价编号",
    "order_id": "督办单编号",
    "record_id": "编号",
    "subject": "事项",
    "scope": "区或市级",
}
"""How a missing argument is named in Chinese (Typer knows only the Python name)."""


def _chinese_name(param: object, fallback: str) -> str:
    name = getattr(param, "name", None) or ""
    chinese = ARGUMENT_NAMES.get(name)
    return f"{chinese}（{fallback}）" if chinese else fallback


def _print_error(message: str) -> None:
    """Messages quote what the user typed and what a file held: never send their controls."""
    sys.stderr.write(f"错误：{visible(message)}\n")


def _usage_message(error: click_errors.UsageError) -> str:
    if isinstance(error, click_errors.NoSuchOption):
        hint = f"没有选项 {error.option_name}"
        if error.possibilities:
            hint += f"，你是不是想用 {'、'.join(sorted(error.possibilities))}？"
        return hint
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        name = (
            (
                param.opts[0]
                if param.opts and param.opts[0].startswith("-")
                else (param.name or "").upper()
            )
            if param
            else "?"
        )
        return f"缺少参数 {_chinese_name(param, name)}"
    if isinstance(error, click_errors.BadParameter):
        return f"参数 {error.param_hint or ''} 的值无效：{error.message}"
    for pattern, template in _USAGE_PATTERNS:
        match = pattern.search(error.message)
        if match:
            return template.format(*match.groups())
    return error.message
