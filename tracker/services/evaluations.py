"""Public evaluations and third-party assessments of a district's pilot work."""

from tracker.domain.records import Evaluation
from tracker.domain.values import optional_text, parse_int, parse_score
from tracker.domain.vocab import EVALUATION_KINDS
from tracker.services import corrections
from tracker.services.audit_vocabulary import AuditVocabulary, Doc, district_text, labelled
from tracker.services.outcome import Outcome
from tracker.services.tracker import Tracker


def _evaluation_name(tracker: Tracker, table: str, key: str, doc: Doc) -> str:
    return f"评价 {key} 号"


AUDIT = AuditVocabulary(
    tables=("evaluations",),
    actions={
        "evaluation.add": "新增评价",
        "evaluation.edit": "更正评价",
        "evaluation.delete": "删除评价",
    },
    fields={
        "kind": "类型",
        "date": "日期",
        "score": "得分",
        "respondents": "参评人数",
        "by": "评价机构",
        "summary": "摘要",
        "ref": "文号",
        "district": "区",
        "deleted": "删除原因",
    },
    values={"kind": labelled(EVALUATION_KINDS), "district": district_text},
    record_name=_evaluation_name,
)


def add_evaluation(
    tracker: Tracker,
    district_text: str,
    *,
    kind: str,
    score: str,
    respondents: str | None = None,
    by: str | None = None,
    day: str | None = None,
    summary: str | None = None,
    ref: str | None = None,
) -> Outcome[Evaluation]:
    """Record an evaluation's score (0–100, one decimal place), dated ``day`` (default: the
    as-of date)."""
    district = tracker.district(district_text)
    kind_id = EVALUATION_KINDS.resolve(kind)
    value = parse_score(score)
    count = (
        parse_int(respondents, what="参评人数", low=0, high=100_000_000)
        if respondents is not None
        else None
    )
    when = tracker.past_date(day, "评价日期")
    by = optional_text(by, what="评价机构（--by）")
    summary = optional_text(summary, what="摘要（--summary）", multiline=True)
    number = optional_text(ref, what="文号（--ref）")
    with tracker.change(district.id, "evaluation.add") as tx:
        evaluation = Evaluation(
            tx.next_id(district.id, "evaluations"),
            district.id,
            kind_id,
            value,
            when,
            count,
            by,
            summary,
            number,
        )
        tx.put(district.id, "evaluations", evaluation.key, evaluation.to_dict(), "evaluation.add")
    return Outcome(evaluation, True)


def edit_evaluation(
    tracker: Tracker,
    evaluation_text: str,
    *,
    reason: str,
    score: str | None = None,
    day: str | None = None,
    by: str | None = None,
    summary: str | None = None,
    ref: str | None = None,
) -> Outcome[Evaluation]:
    """Correct an evaluation; the change and its reason are audited."""
    changes: dict[str, object] = {}
    if score is not None:
        changes["score"] = parse_score(score)
    if day is not None:
        changes["date"] = tracker.past_date(day, "评价日期")
    if by is not None:
        changes["by"] = optional_text(by, what="评价机构（--by）")
    if summary is not None:
        changes["summary"] = optional_text(summary, what="摘要（--summary）", multiline=True)
    if ref is not None:
        changes["ref"] = optional_text(ref, what="文号（--ref）")
    return corrections.correct(
        tracker, Evaluation, "evaluations", "评价", evaluation_text, changes, reason
    )


def delete_evaluation(
    tracker: Tracker, evaluation_text: str, *, reason: str
) -> Outcome[Evaluation]:
    """Take an evaluation out of lists and reports; it stays in the history with the reason."""
    return corrections.delete(tracker, Evaluation, "evaluations", "评价", evaluation_text, reason)
