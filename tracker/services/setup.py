"""Creating a database from a plan."""

from dataclasses import dataclass
from pathlib import Path

from tracker.domain.plan import Plan
from tracker.domain.plan_loader import load_plan_file
from tracker.resources import builtin_plan_path
from tracker.services.identity import os_login
from tracker.services.updates import populate_new_database
from tracker.store import create_store


@dataclass(frozen=True)
class Initialized:
    plan: Plan
    coordinator: str
    backup: Path | None


def initialize(
    db: Path,
    *,
    plan_path: Path | None = None,
    force: bool = False,
    name: str | None = None,
    as_of: str | None = None,
) -> Initialized:
    """Create the database at ``db``; the OS login becomes the first coordinator."""
    plan = load_plan_file(plan_path or builtin_plan_path())
    login = os_login()
    backup = create_store(
        db,
        plan.data,
        login,
        lambda tx: populate_new_database(tx, plan, login, name or login),
        force=force,
        as_of=as_of,
    )
    return Initialized(plan, login, backup)
