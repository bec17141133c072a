"""Who is acting: the database server's login, or the login of the process's real user id,
and whom they act for.

On a database server the server authenticates the connection, and its login
(``session_user``) is who acts: the server checks every change against it.

The login comes from the password database (``pwd``), never from LOGNAME, USER or
another variable a user can set: ``LOGNAME=gaoxm tracker …`` must not act as gaoxm.
Only where the system has no entry for the user id (a container started with an
arbitrary uid) may a variable name the login, and every audit entry then says so.
"""

import os
import pwd
from dataclasses import dataclass

from tracker.domain.errors import InputError
from tracker.domain.values import parse_login
from tracker.store import Target

FALLBACK_VARIABLES = ("TRACKER_LOGIN", "LOGNAME", "USER")
"""Variables that may name the login when the password database has no entry for the uid."""


@dataclass(frozen=True)
class SystemLogin:
    login: str
    source: str | None = None
    """None when the password database gave the login; else the variable that named it."""


def _password_login() -> str:
    """The password database's name for the process's real user id (KeyError if none)."""
    return pwd.getpwuid(os.getuid()).pw_name


def system_login() -> SystemLogin:
    """The operating-system login of the person at the keyboard."""
    try:
        return SystemLogin(_password_login())
    except KeyError:
        pass
    for variable in FALLBACK_VARIABLES:
        value = os.environ.get(variable)
        if value:
            return SystemLogin(parse_login(value), variable)
    raise InputError(
        f"无法确定当前系统登录名：用户号 {os.getuid()} 在系统用户表中没有记录。"
        "请由管理员为其建立系统账号，或设置环境变量 TRACKER_LOGIN（操作记录会注明登录名来自环境变量）"
    )


def acting_login(db: Target) -> SystemLogin:
    """Who acts on the database at ``db``: the server's login for a server database, else the
    operating system's."""
    from tracker.store import server_login

    login = server_login(db)
    return SystemLogin(login) if login else system_login()


def os_login() -> str:
    return system_login().login


def effective_user(login: str, user: str | None) -> str:
    """The login the change is made for: ``--user`` if given, else the actor's own."""
    return parse_login(user) if user else login
