"""Writing reports to files: the default place and name, atomically."""

from pathlib import Path

from tracker.outputs import EXPORTS, write_whole
from tracker.services.tracker import Tracker

NAMES = {"district": "试点工作报告", "municipal": "全市试点工作总体报告", "bulletin": "督办通报"}


def write_report_file(
    tracker: Tracker,
    kind: str,
    *,
    district: str | None = None,
    fmt: str | None = None,
    out: Path | None = None,
    templates: Path | None = None,
) -> Path:
    """Render a report to ``out`` (default: exports/<name>-<as-of>.<format>) and return the path."""
    from tracker.reports.context import report_context
    from tracker.reports.render import write_report

    district_id = tracker.district(district).id if district else None
    fmt = (fmt or (out.suffix.lstrip(".") if out and out.suffix else "md")).lower()
    prefix = tracker.plan.district(district_id).name if district_id else ""
    path = out or EXPORTS / f"{prefix}{NAMES[kind]}-{tracker.as_of}.{fmt}"
    context = report_context(tracker, district_id)
    write_whole(path, lambda partial: write_report(kind, context, fmt, partial, templates))
    return path
