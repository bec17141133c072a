"""The presentation every front end shares: days, progress, labels and style names."""

import subprocess
import sys

import pytest

from tracker.domain.catalog_vocab import ITEM_STATES
from tracker.domain.vocab import MILESTONE_STATES, TASK_STATUSES
from tracker.presentation import (
    ALERT_LIGHTS,
    ALERT_REASON_STYLES,
    ALERT_STYLES,
    ITEM_STATE_STYLES,
    MILESTONE_MARKS,
    MILESTONE_STATE_STYLES,
    TASK_STATUS_STYLES,
    days_text,
    milestone_state_text,
    names_text,
    progress_bar,
    progress_text,
)


@pytest.mark.parametrize(
    "state, days_left, spaced, compact",
    [
        ("pending", 30, "剩 30 天", "剩30天"),
        ("due-soon", 6, "剩 6 天", "剩6天"),
        ("due-soon", 0, "今天到期", "今天到期"),
        ("overdue", -5, "逾期 5 天", "逾期5天"),
        ("done", 11, "提前 11 天", "提前11天"),
        ("done", 0, "当天完成", "当天完成"),
        ("done-late", -3, "晚 3 天", "晚3天"),
    ],
)
def test_days_text_reads_each_milestone_state(state, days_left, spaced, compact):
    assert days_text(state, days_left) == spaced
    assert days_text(state, days_left, compact=True) == compact


def test_milestone_state_text_names_the_state_with_its_days():
    assert milestone_state_text("overdue", -5) == "逾期（逾期 5 天）"
    assert milestone_state_text("due-soon", 6, compact=True) == "临近 剩6天"


@pytest.mark.parametrize(
    "percent, width, bar",
    [(0, 10, "░" * 10), (40, 10, "████░░░░░░"), (100, 6, "██████"), (50, 8, "████░░░░")],
)
def test_progress_bar_fills_its_share_of_the_width(percent, width, bar):
    assert progress_bar(percent, width) == bar


def test_progress_text_aligns_the_percentage_unless_asked_not_to():
    assert progress_text(20) == "██░░░░░░░░  20%"
    assert progress_text(100, 6) == "██████ 100%"
    assert progress_text(5, 8, aligned=False) == "░░░░░░░░ 5%"


def test_names_text_joins_names_or_says_nobody_is_responsible():
    assert names_text(["李华", "王芳"]) == "李华、王芳"
    assert names_text([]) == "未明确"


def test_every_state_of_every_vocabulary_has_a_style():
    assert set(MILESTONE_STATE_STYLES) == set(MILESTONE_STATES.ids) == set(MILESTONE_MARKS)
    assert set(TASK_STATUS_STYLES) == set(TASK_STATUSES.ids)
    assert set(ITEM_STATE_STYLES) == set(ITEM_STATES.ids)
    lights = {"red", "yellow", "green"}
    assert set(ALERT_LIGHTS) == set(ALERT_STYLES) == set(ALERT_REASON_STYLES) == lights
    assert ALERT_LIGHTS["red"] == "● 红灯"


def test_presentation_imports_no_drawing_library():
    heavy = ("rich", "textual", "jinja2", "typer")
    code = f"import sys, tracker.presentation; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
