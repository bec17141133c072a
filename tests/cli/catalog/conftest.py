"""Fixtures for the catalog tests: the shared ``cli``/``team`` databases, pinned to one as-of date."""

from dataclasses import dataclass

import pytest

from tests.conftest import Cli

AS_OF = "2018-03-15"


@dataclass
class DatedCli(Cli):
    """The shared ``Cli`` helper, run on a fixed as-of date unless a call names another."""

    as_of: str = AS_OF

    def __call__(self, *args: str, login: str | None = None, as_of: str | None = None):
        return super().__call__(*args, login=login, as_of=as_of or self.as_of)


@pytest.fixture
def cat(cli: Cli) -> DatedCli:
    """The ``cli`` database (coordinator zhangwei), on 2018-03-15."""
    return DatedCli(cli.db, cli.login)


@pytest.fixture
def cat_team(team: Cli) -> DatedCli:
    """The ``team`` database (lihua leads 河西, wangfang 津南), on 2018-03-15."""
    return DatedCli(team.db, team.login)
