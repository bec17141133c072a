"""Append-only logs (the audit log, item history): one JSON object per line, newest at the end.

Reading goes backwards from the end in chunks, in time linear in the file's size
however long a line is. The last line may lack its newline:

- if it parses as a whole entry, it *is* the last entry (someone removed the
  newline, or a crash fell between the entry and its newline): it counts, and the
  next append completes it with a newline before writing on;
- if it does not parse, it is an append a crash interrupted. Only a commit that
  still holds those entries (the journal) may complete it, and only when the torn
  bytes are the start of what it is about to write; anything else is damage.
  Nothing is ever cut.
"""

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from tracker.domain.errors import StoreError
from tracker.store.folder.files import damaged, dump_json

_CHUNK = 64 * 1024


def last_entry(path: Path, *, torn_ok: bool = False) -> dict[str, Any] | None:
    """The last entry (None for an empty or missing log)."""
    for entry in read_backwards(path, torn_ok=torn_ok):
        return entry
    return None


def last_seq(path: Path, *, torn_ok: bool = False) -> int:
    """The sequence number of the last entry (0 for an empty log)."""
    entry = last_entry(path, torn_ok=torn_ok)
    return int(entry["seq"]) if entry else 0


def tail(path: Path, count: int) -> list[dict[str, Any]]:
    """The last ``count`` entries, oldest first."""
    entries: list[dict[str, Any]] = []
    for entry in read_backwards(path):
        entries.append(entry)
        if len(entries) == count:
            break
    entries.reverse()
    return entries


def append(path: Path, entries: list[dict[str, Any]]) -> None:
    """Append the entries not yet in the log; safe to repeat after a crash.

    Must be called under the store's lock, by a commit that holds ``entries``.
    A torn last line is completed, never cut: it must be the beginning of the
    entries being written (a crash cut this very append short).
    """
    # Never through a symbolic link: a log is a file of this database, nothing else.
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
    with os.fdopen(os.open(path, flags, 0o644), "ab+") as handle:
        size = handle.seek(0, os.SEEK_END)
        torn = _torn_tail(handle, size)
        complete = _parse(torn, path) if torn and _parses(torn) else None
        if complete is not None:
            newest, prefix, torn = int(complete["seq"]), b"\n", b""
        else:
            newest = last_seq(path, torn_ok=True)
            prefix = b""
        missing = [e for e in entries if e["seq"] > newest]
        payload = b"".join(dump_json(e) + b"\n" for e in missing)
        if torn:
            if not payload.startswith(torn):
                raise damaged(path, "的最后一行不完整，且与待写入的记录不符（文件可能被改动）")
            payload = payload[len(torn) :]
        payload = prefix + payload if payload else prefix
        if not payload:
            return
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def _torn_tail(handle: Any, size: int) -> bytes:
    """The bytes after the last newline (empty when the file ends with one)."""
    if size == 0:
        return b""
    chunks: list[bytes] = []
    position = size
    while position > 0:
        step = min(_CHUNK, position)
        position -= step
        handle.seek(position)
        block = handle.read(step)
        cut = block.rfind(b"\n")
        if cut >= 0:
            chunks.append(block[cut + 1 :])
            break
        chunks.append(block)
    chunks.reverse()
    handle.seek(0, os.SEEK_END)
    return b"".join(chunks)


def _parses(line: bytes) -> bool:
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(entry, dict) and isinstance(entry.get("seq"), int)


_READS = 4
"""How often a torn last line is read again before it counts as damage."""


class _TornTail(Exception):
    """The last line neither parses nor ends: an append in progress, or damage."""


def read_backwards(
    path: Path, *, torn_ok: bool = False, in_progress: Callable[[], bool] | None = None
) -> Iterator[dict[str, Any]]:
    """Entries newest first, reading the file from its end in chunks.

    A torn last line (one that does not parse and has no newline) is skipped when
    ``torn_ok`` (a commit being finished from its journal completes it) or when
    ``in_progress()`` says a commit is under way; otherwise it is damage.
    """
    for attempt in range(_READS):
        try:
            yield from _read(path, torn_ok)
            return
        except _TornTail:
            if in_progress is not None and in_progress():
                torn_ok = True  # a commit is finishing: read on without its torn line
            else:
                time.sleep(0.005 * (attempt + 1))  # a refusal being appended, perhaps
    # Torn every time, and no commit under way: the file was cut.
    raise damaged(path, "的最后一行不完整（文件可能被截断或改动）")


def _read(path: Path, torn_ok: bool) -> Iterator[dict[str, Any]]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        raise _unreadable(path, error) from None
    try:
        yield from _lines_backwards(handle, path, torn_ok)
    except OSError as error:
        raise _unreadable(path, error) from None
    finally:
        handle.close()


def _lines_backwards(handle: Any, path: Path, torn_ok: bool) -> Iterator[dict[str, Any]]:
    """Split from the end without ever re-joining what was read: linear in the file's size.

    Each block's complete lines are split at once; only the piece of a line that spans
    blocks is carried over (as pieces, joined once when the line is complete).
    """
    position = handle.seek(0, os.SEEK_END)
    pending: list[bytes] = []  # the pieces of the line being assembled, last piece first
    last = True  # the next line completed is the file's last (after its final newline)
    loads = orjson.loads
    while position > 0:
        step = min(_CHUNK, position)
        position -= step
        handle.seek(position)
        block = handle.read(step)
        first_cut = block.find(b"\n")
        if first_cut < 0:
            pending.append(block)
            continue
        lines = block[first_cut + 1 :].split(b"\n")
        pending.append(lines.pop())  # the end of this block: a line's first part
        line = b"".join(reversed(pending))
        pending.clear()
        if line or not last:
            entry = _line_entry(line, path, last, torn_ok)
            if entry is not None:
                yield entry
        last = False
        for line in reversed(lines):
            if not line:
                continue
            try:
                entry = loads(line)
            except orjson.JSONDecodeError:
                raise damaged(path, "中有无法解析的操作记录") from None
            if not isinstance(entry, dict) or type(entry.get("seq")) is not int:
                raise damaged(path, "中有无法解析的操作记录")
            yield entry
        pending.append(block[:first_cut])
    entry = _line_entry(b"".join(reversed(pending)), path, last, torn_ok)
    if entry is not None:
        yield entry


def _line_entry(line: bytes, path: Path, last: bool, torn_ok: bool) -> dict[str, Any] | None:
    if not line:
        return None
    if last and not _parses(line):
        if torn_ok:
            return None
        raise _TornTail
    return _parse(line, path)


def _parse(line: bytes, path: Path) -> dict[str, Any]:
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise damaged(path, "中有无法解析的操作记录") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
        raise damaged(path, "中有无法解析的操作记录")
    return entry


def _unreadable(path: Path, error: OSError | ValueError) -> StoreError:
    why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return damaged(path, f"无法读取（{why}）")
