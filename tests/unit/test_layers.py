"""The dependency rule: domain <- store <- services <- front ends, checked in fresh interpreters."""

import subprocess
import sys

import pytest

FORBIDDEN = {
    "tracker.domain.plan_loader": ("textual", "typer", "tinydb", "rich", "jinja2"),
    "tracker.domain.rules": ("textual", "typer", "tinydb", "rich", "jinja2"),
    "tracker.domain.permissions": ("textual", "typer", "tinydb", "rich", "jinja2"),
    "tracker.store": ("textual", "typer", "rich", "jinja2", "orjson"),
    "tracker.store.folder": ("textual", "typer", "rich", "jinja2"),
    "tracker.presentation": ("textual", "typer", "tinydb", "rich", "jinja2"),
    "tracker.services.read.queries": ("textual", "typer", "rich", "jinja2"),
    "tracker.services.read.views": ("textual", "typer", "rich", "jinja2"),
    "tracker.services.tasks": ("textual", "typer", "rich", "jinja2"),
    "tracker": ("textual", "typer", "tinydb"),
    "tracker.reports.render": ("textual", "typer", "docx"),
    "tracker.tui.app": ("typer",),
    "tracker.services.items": ("textual", "typer", "rich", "jinja2", "openpyxl", "docx"),
}


@pytest.mark.parametrize(("module", "forbidden"), FORBIDDEN.items())
def test_layer_imports_nothing_above_it(module, forbidden):
    code = f"import sys, {module}; print(' '.join(m for m in {forbidden!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"
