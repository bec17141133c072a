"""Shared fixtures for the pure domain tests: the real Tianjin plan, as text and loaded."""

import pytest

from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path


@pytest.fixture(scope="session")
def plan_text():
    return builtin_plan_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def plan():
    return load_plan_file(builtin_plan_path())
