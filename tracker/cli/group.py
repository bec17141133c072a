"""Command classes: Chinese help pages, argument clean-up, and error handling at the root."""

import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, get_args, get_origin

import typer

# Private Typer modules, on purpose: Typer 0.29 coerces every parameter through
# pydantic, whose import costs about 0.25 s per run. Giving plain text and flags a
# runtime param of our own (``_PlainValue``) lets them pass through unconverted.
# Typer has no public hook for this; pyproject.toml pins typer<0.30 to guard it.
from typer._click import Command as ClickCommand
from typer._click import Context, HelpFormatter
from typer._coercion import RuntimeParam
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from tracker.cli.context import hoist_global_options
from tracker.cli.errors import run_guarded
from tracker.domain.errors import InputError

CONTEXT = {"help_option_names": ["-h", "--help"]}
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class _PlainValue(RuntimeParam):
    """Coercion that keeps text, flags and lists of text as they are."""

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        return list(value) if isinstance(value, tuple) else value


def _is_plain(annotation: Any) -> bool:
    return annotation in (str, bool) or (
        get_origin(annotation) is list and get_args(annotation) == (str,)
    )


def pass_plain_values_through(command: ClickCommand, ctx: Context) -> None:
    """Skip Typer's pydantic coercion for plain text, flags and repeated text options.

    Typer 0.29 coerces every parameter through a pydantic ``TypeAdapter``,
    whose import alone costs about 0.25 s per run. Our parameters are text and
    flags that the domain validates itself, so they pass through unchanged.
    """
    for param in command.get_params(ctx):
        if not isinstance(param, TyperArgument | TyperOption):
            continue
        descriptor = param.type_descriptor
        if (
            param._runtime_param is None
            and descriptor.file_annotation is None
            and _is_plain(descriptor.annotation)
        ):
            param._runtime_param = _PlainValue(
                annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
            )


if TYPE_CHECKING:
    # To the type checker the mixin is a command, so its ``super()`` calls are checked.
    _CommandMixin = ClickCommand
else:
    _CommandMixin = object


class ChineseHelp(_CommandMixin):
    """Renders the help page in Chinese; keeps argument parsing free of pydantic."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        pass_plain_values_through(self, ctx)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        from tracker.cli.localize import localize_help

        localize_help()
        help_option = self.get_help_option(ctx)
        if help_option is not None:
            help_option.help = "显示本帮助并退出"
        super().format_help(ctx, formatter)


class Command(ChineseHelp, TyperCommand):
    """A leaf command."""


class Group(ChineseHelp, TyperGroup):
    """A noun's group of commands (``task``, ``milestone`` …)."""


class RootGroup(Group):
    """Runs every command through :func:`run_guarded`, in and out of tests alike.

    Sub-commands load on first use (``lazy_commands``: name -> ``module:attribute``
    of a Typer app), so ``tracker task update`` imports only what it runs.
    """

    lazy_commands: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return [*super().list_commands(ctx), *self.lazy_commands]

    def get_command(self, ctx: Context, name: str) -> ClickCommand | None:
        command = super().get_command(ctx, name)
        if command is None and name in self.lazy_commands:
            module, attribute = self.lazy_commands[name].split(":")
            command = typer.main.get_command(getattr(importlib.import_module(module), attribute))
            command.name = name
            self.commands[name] = command
        return command

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        code = run_guarded(
            lambda: super(RootGroup, self).main(
                hoist_global_options(readable_arguments(argv)),
                prog_name or "tracker",
                complete_var,
                standalone_mode=False,
                **extra,
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def readable_arguments(args: list[str]) -> list[str]:
    """``args`` when each is valid UTF-8 text; else an InputError naming the first that is not.

    Python hands bytes that are not UTF-8 over as lone surrogates, which no file, JSON
    document or terminal can take, so they are refused before any command sees them.
    """
    for position, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = "".join(_byte_or_char(char) for char in arg)
            raise InputError(
                f"第 {position} 个参数「{shown}」不是有效的 UTF-8 文字，"
                "请检查终端的字符编码（应为 UTF-8）或改用 UTF-8 的文件名"
            ) from None
    return args


def _byte_or_char(char: str) -> str:
    """A character as typed; an undecodable byte (a lone surrogate) as ``\\xff``."""
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("utf-8", "backslashreplace").decode("utf-8")


class NounGroup(Group):
    """A noun's commands (``item add``, ``item list`` …), each built only when it is used.

    Typer builds every command of a group up front; a catalog command has a
    dozen options, so ``tracker item advance`` would pay for all eight.
    """

    registry: ClassVar[dict[str, Callable[..., Any]]] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.registry)

    def get_command(self, ctx: Context, name: str) -> ClickCommand | None:
        if name not in self.commands and name in self.registry:
            self.commands[name] = typer.main.get_command(single_command(name, self.registry[name]))
        return self.commands.get(name)


def noun_app(help_text: str) -> typer.Typer:
    """A sub-command group with Chinese help that shows its help when called bare."""
    group = type("NounGroup", (NounGroup,), {"registry": {}})
    app = typer.Typer(
        cls=group,
        help=help_text,
        no_args_is_help=True,
        context_settings=CONTEXT,
        rich_markup_mode="markdown",
        add_completion=False,
    )
    app.callback()(_no_options)
    return app


def _no_options() -> None:
    """A noun takes no options of its own."""


def single_command(name: str, function: Callable[..., Any]) -> typer.Typer:
    """A Typer app holding one top-level command (``tracker status`` …)."""
    app = typer.Typer(context_settings=CONTEXT, rich_markup_mode="markdown", add_completion=False)
    app.command(name, cls=Command, context_settings=CONTEXT)(function)
    return app


def command(app: typer.Typer, name: str) -> Callable[[F], F]:
    """Register a noun's command, to be built when it is first used."""

    def register(function: F) -> F:
        _registry(app)[name] = function
        return function

    return register


def _registry(app: typer.Typer) -> dict[str, Callable[..., Any]]:
    """The commands of an app made by :func:`noun_app`."""
    group = app.info.cls
    if not (isinstance(group, type) and issubclass(group, NounGroup)):
        raise TypeError(f"{app.info.name or app} was not made by noun_app()")
    return group.registry
