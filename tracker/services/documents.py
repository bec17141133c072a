"""The documents the municipal office issues from the tool: each 督办通报 and 督办通知 gets the
next number of its year, remembered in the database so the next one follows it."""

from typing import Any

from tracker.domain.plan import MUNICIPAL
from tracker.services.audit_vocabulary import AuditVocabulary
from tracker.services.tracker import Tracker

KINDS = {"bulletin": "督办通报", "notice": "督办通知"}


def _document_name(tracker: Tracker, table: str, key: str, doc: dict[str, Any]) -> str:
    kind = KINDS.get(str(doc.get("kind")), "文件")
    return f"{doc.get('year')}年第{doc.get('number')}期{kind}"


AUDIT = AuditVocabulary(
    tables=("documents",),
    actions={"document.issue": "编发文件"},
    fields={
        "kind": "文件",
        "year": "年度",
        "number": "期号",
        "as_of": "截至日期",
        "district": "区",
    },
    record_name=_document_name,
)


def issue_number(tracker: Tracker, kind: str, district: str | None = None) -> int:
    """The next number of ``kind`` in the as-of year, recorded as issued."""
    year = tracker.as_of.year
    with tracker.change(MUNICIPAL, "document.issue") as tx:
        issued = tx.read(MUNICIPAL, "documents").values()
        number = 1 + max(
            (int(d["number"]) for d in issued if d.get("kind") == kind and d.get("year") == year),
            default=0,
        )
        tx.put(
            MUNICIPAL,
            "documents",
            f"{kind}-{year}-{number}",
            {
                "kind": kind,
                "year": year,
                "number": number,
                "as_of": tracker.as_of.isoformat(),
                "district": district or "",
            },
            "document.issue",
        )
    return number
