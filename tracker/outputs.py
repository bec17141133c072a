"""Files written for people (exports, reports): whole or not at all, even if the command is killed."""

import os
from collections.abc import Callable
from pathlib import Path

EXPORTS = Path("exports")
"""Where reports and exports go unless the user names a file."""


def write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
