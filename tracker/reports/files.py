"""Writing reports to files: the default place and name, atomically, with plain refusals."""

import errno
import stat
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import InputError
from tracker.outputs import EXPORTS, write_whole
from tracker.services.tracker import Tracker

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tracker.reports.context import ChartPlace, ReportOptions

NAMES = {
    "district": "试点工作报告",
    "municipal": "全市试点工作总体报告",
    "bulletin": "督办通报",
    "notice": "督办通知",
}


def write_report_file(
    tracker: Tracker,
    kind: str,
    *,
    district: str | None = None,
    fmt: str | None = None,
    out: Path | None = None,
    templates: Path | None = None,
    options: "ReportOptions | None" = None,
) -> Path:
    """Render a report to ``out`` (default: exports/<name>-<as-of>.<format>) and return the path."""
    from tracker.reports.context import ReportOptions, report_context
    from tracker.reports.render import write_report

    district_id = tracker.district(district).id if district else None
    fmt = (fmt or (out.suffix.lstrip(".") if out and out.suffix else "md")).lower()
    prefix = tracker.plan.district(district_id).name if district_id else ""
    path = out or EXPORTS / f"{prefix}{NAMES[kind]}-{tracker.as_of}.{fmt}"
    options = options or ReportOptions()
    if kind in ("bulletin", "notice") and not options.draft and options.number is None:
        from tracker.services.documents import issue_number

        options = replace(options, number=issue_number(tracker, kind, district_id))
    with _chart_place(path, fmt, kind) as charts:
        context = report_context(tracker, district_id, kind, options, charts)
        write_output(path, lambda partial: write_report(kind, context, fmt, partial, templates))
    return path


@contextmanager
def _chart_place(path: Path, fmt: str, kind: str) -> "Iterator[ChartPlace | None]":
    """Figures beside a Markdown file or web page (``<name>.files/``), which link them; in a
    temporary folder for Word and PDF, which embed them."""
    from tracker.reports.context import ChartPlace

    if kind not in ("district", "municipal"):
        yield None
        return
    if fmt in ("md", "html"):
        folder = path.with_name(f"{path.stem}.files")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _unwritable(path, error) from None
        yield ChartPlace(folder, folder.name)
        return
    with tempfile.TemporaryDirectory(prefix="tracker-charts-") as temporary:
        yield ChartPlace(Path(temporary), Path(temporary).as_posix())


_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在位置只读",
    errno.ENOENT: "所在文件夹不存在或不能创建",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENAMETOOLONG: "文件名太长",
}


def write_output(path: Path, write: Callable[[Path], None]) -> None:
    """Write a file for people (``-o``) whole, or refuse in Chinese why it cannot be written.

    The file is replaced by renaming, so only a regular file (or a link, which is replaced
    itself) may stand at ``path``: renaming over a device such as /dev/null would destroy it.
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _unwritable(path, error) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"输出位置「{path}」是一个文件夹，请在后面加上文件名")
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise InputError(f"输出位置「{path}」不是普通文件（设备、管道等），请另给一个文件名")
    try:
        write_whole(path, write)
    except OSError as error:
        raise _unwritable(path, error) from None


def _unwritable(path: Path, error: OSError) -> InputError:
    reason = _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__
    return InputError(f"无法写入「{path}」：{reason}")
