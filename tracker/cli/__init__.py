"""The command line: the only package that imports Typer."""

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tracker`` with ``argv``; return the exit code."""
    from typer.main import get_command

    from tracker.cli.app import app

    # The root group (RootGroup.main) returns the exit code when not in standalone mode.
    code: int = get_command(app).main(
        list(sys.argv[1:] if argv is None else argv), "tracker", standalone_mode=False
    )
    return code


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (``head``, a pager) went away; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
