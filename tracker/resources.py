"""Where the bundled plans and templates live, from a checkout or an installed wheel."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_PLAN = "tianjin-2017"


def data_dir(name: str) -> Path:
    """``plans`` or ``templates``: inside the wheel, else at the checkout's top level."""
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def builtin_plan_path(plan_id: str = DEFAULT_PLAN) -> Path:
    return data_dir("plans") / f"{plan_id}.toml"
