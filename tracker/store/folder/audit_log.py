"""The append-only audit log: one JSON object per line, newest at the end."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from tracker.store.folder.files import damaged, dump_json

_CHUNK = 64 * 1024


def last_seq(path: Path) -> int:
    """The sequence number of the last complete entry (0 for an empty log)."""
    for entry in read_backwards(path):
        return int(entry["seq"])
    return 0


def append(path: Path, entries: list[dict[str, Any]]) -> None:
    """Append the entries not yet in the log; safe to repeat after a crash.

    Must be called under the store's lock. A line cut short by a crash is
    dropped first: its entry is still in the journal and is written again.
    """
    newest = last_seq(path)
    missing = [e for e in entries if e["seq"] > newest]
    if not missing:
        return
    payload = b"".join(dump_json(e) + b"\n" for e in missing)
    with open(path, "ab+") as handle:
        _drop_partial_line(handle)
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def _drop_partial_line(handle: BinaryIO) -> None:
    size = handle.seek(0, os.SEEK_END)
    if size == 0:
        return
    handle.seek(size - 1)
    if handle.read(1) == b"\n":
        return
    position = size
    while position > 0:
        step = min(_CHUNK, position)
        position -= step
        handle.seek(position)
        block = handle.read(step)
        cut = block.rfind(b"\n")
        if cut >= 0:
            handle.truncate(position + cut + 1)
            return
    handle.truncate(0)


def read_backwards(path: Path) -> Iterator[dict[str, Any]]:
    """Entries newest first, reading the file from its end in chunks."""
    if not path.exists():
        return
    with open(path, "rb") as handle:
        position = handle.seek(0, os.SEEK_END)
        buffer = b""
        partial_dropped = False
        while position > 0:
            step = min(_CHUNK, position)
            position -= step
            handle.seek(position)
            buffer = handle.read(step) + buffer
            if not partial_dropped:
                # A last line without its newline is a write still in progress.
                cut = buffer.rfind(b"\n")
                if cut < 0:
                    continue
                buffer = buffer[: cut + 1]
                partial_dropped = True
            lines = buffer.split(b"\n")
            buffer = lines[0]
            for line in reversed(lines[1:]):
                if line:
                    yield _parse(line, path)
        if partial_dropped and buffer:
            yield _parse(buffer, path)


def _parse(line: bytes, path: Path) -> dict[str, Any]:
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise damaged(path, "中有无法解析的操作记录") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
        raise damaged(path, "中有无法解析的操作记录")
    return entry
