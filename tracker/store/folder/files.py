"""Crash-safe file primitives: atomic replacement, fsync, an inter-process lock."""

import errno
import fcntl
import os
import time
from pathlib import Path
from typing import Any, Self

import orjson

from tracker.domain.errors import StoreError

LOCK_TIMEOUT_SECONDS = 30.0


def dump_json(data: Any) -> bytes:
    return orjson.dumps(data)


def write_synced(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` and flush it to disk."""
    with open(path, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` so that readers and crashes see the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_synced(tmp, payload)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def damaged(path: Path, why: str) -> StoreError:
    """The error for a database file that is missing or unreadable."""
    return StoreError(
        f"数据库文件{why}：{path}。请从备份恢复（tracker init --force 会把旧库保留为备份）"
    )


def read_json(path: Path, *, required: bool) -> Any:
    """Parse a database file (a JSON object), turning damage into a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise damaged(path, "缺失") from None
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise damaged(path, "已损坏") from None
    if not isinstance(data, dict):
        raise damaged(path, "已损坏")
    return data


class FileLock:
    """An exclusive ``flock`` on a file, held across a whole read-modify-write."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> Self:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o664)
        except OSError as error:
            raise StoreError(f"无法写入数据库 {self.path.parent}：{error.strerror}") from None
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise StoreError(
                        f"数据库 {self.path.parent} 正被其他人长时间写入，请稍后重试"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
