"""Chinese headings and phrases for Typer's help pages, applied only when help is shown."""

_done = False


def localize_help() -> None:
    global _done
    if _done:
        return
    _done = True
    from typer import rich_utils
    from typer._click import formatting

    rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
    rich_utils.OPTIONS_PANEL_TITLE = "选项"
    rich_utils.COMMANDS_PANEL_TITLE = "命令"
    rich_utils.ERRORS_PANEL_TITLE = "错误"
    rich_utils.DEFAULT_STRING = "[默认：{}]"
    rich_utils.ENVVAR_STRING = "[环境变量：{}]"
    rich_utils.REQUIRED_LONG_STRING = "[必填]"

    write_usage = formatting.HelpFormatter.write_usage

    def write_usage_zh(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage_zh  # type: ignore[method-assign]
