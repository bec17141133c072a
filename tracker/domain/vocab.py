"""Fixed vocabularies: each value has a stable English id and a Chinese label."""

from collections.abc import Iterator
from dataclasses import dataclass

from tracker.domain.errors import InputError


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    id: str
    label: str


class Vocabulary:
    """An ordered set of terms, looked up by id or Chinese label."""

    def __init__(self, what: str, terms: list[Term]) -> None:
        self.what = what
        self.terms = terms
        self._by_key = {key: term for term in terms for key in (term.id, term.label)}

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    @property
    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def label(self, term_id: str) -> str:
        return self._by_key[term_id].label

    def text(self, value: object) -> str:
        """How a stored value reads: its label when it is one of ours, else the value as it is
        (a record written by another version of the tracker)."""
        term = self._by_key.get(value) if isinstance(value, str) else None
        return term.label if term else str(value)

    def resolve(self, text: str) -> str:
        """Return the id that ``text`` names (id, label, or a unique part of a label)."""
        wanted = text.strip()
        term = self._by_key.get(wanted) or self._by_key.get(wanted.lower())
        if term is None and wanted:
            partial = [t for t in self.terms if wanted in t.label]
            term = partial[0] if len(partial) == 1 else None
        if term is None:
            accepted = "、".join(f"{t.id}（{t.label}）" for t in self.terms)
            raise InputError(f"未知的{self.what}「{text}」，可选：{accepted}")
        return term.id


TASK_STATUSES = Vocabulary(
    "任务状态",
    [
        Term("not-started", "未开始"),
        Term("in-progress", "进行中"),
        Term("done", "已完成"),
        Term("blocked", "受阻"),
    ],
)

MILESTONE_STATES = Vocabulary(
    "节点状态",
    [
        Term("pending", "未到期"),
        Term("due-soon", "临近"),
        Term("overdue", "逾期"),
        Term("done", "按期完成"),
        Term("done-late", "逾期完成"),
    ],
)

NOTE_KINDS = Vocabulary(
    "记录类型",
    [
        Term("progress", "工作进展"),
        Term("practice", "主要做法"),
        Term("achievement", "成效"),
        Term("problem", "存在的问题"),
        Term("suggestion", "建议"),
    ],
)

ROLES = Vocabulary(
    "角色",
    [
        Term("coordinator", "协调员"),
        Term("district-lead", "区试点负责人"),
        Term("district-staff", "区工作人员"),
        Term("department", "市有关部门联络员"),
        Term("viewer", "只读用户"),
    ],
)

EVALUATION_KINDS = Vocabulary(
    "评价类型",
    [
        Term("public", "社会评价"),
        Term("third-party", "第三方评估"),
    ],
)
