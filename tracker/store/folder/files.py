"""Crash-safe file primitives: atomic replacement, fsync, an inter-process lock."""

import errno
import fcntl
import os
import time
from functools import cache
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
        f"数据库文件{why}：{path}。"
        "可运行 tracker db check 查看详情，并用 tracker db restore 从备份恢复"
    )


def read_json(path: Path, *, required: bool) -> Any:
    """Parse a database file (a JSON object), turning damage into a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise damaged(path, "缺失") from None
        return None
    except IsADirectoryError:
        raise damaged(path, "被目录占据") from None
    except PermissionError:
        raise StoreError(f"没有读取数据库文件 {path} 的权限，请联系数据库的管理员") from None
    except OSError as error:
        raise damaged(path, f"无法读取（{error.strerror or error}）") from None
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
        fd = self._open()
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if self._still_current(fd):
                    break
                # The database was replaced while we waited (init --force, restore): the
                # lock we hold is the old one's. Lock the database now at the path instead.
                os.close(fd)
                fd = self._open()
                continue
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

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o664)
        except OSError as error:
            raise StoreError(f"无法写入数据库 {self.path.parent}：{error.strerror}") from None

    def _still_current(self, fd: int) -> bool:
        try:
            here = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (held.st_dev, held.st_ino) == (here.st_dev, here.st_ino)

    def __exit__(self, *exc: object) -> None:
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@cache
def _renameat2() -> Any:
    import ctypes.util  # only a rebuild or a restore swaps databases

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    return getattr(libc, "renameat2", None)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``), so neither
    is ever missing; False where the system cannot, and nothing was done."""
    function = _renameat2()
    if function is None:
        return False
    result = function(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def alive(pid: int) -> bool:
    """Whether a process of this machine is still running (for stale temporary files)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
