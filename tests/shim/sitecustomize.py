"""Test-only: let a test's subprocess act as a registered login.

The tracker takes the acting login from the password database, never from the
environment. Tests act as several people, so ``tests.conftest.environment`` puts
this folder on PYTHONPATH (it is not part of the installed package) and names the
login in TRACKER_TEST_LOGIN; Python imports this module at start-up.
"""

import os

_login = os.environ.get("TRACKER_TEST_LOGIN")
if _login:
    from tracker.services import identity

    identity._password_login = lambda: _login  # type: ignore[assignment]
