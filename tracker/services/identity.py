"""Who is acting: the operating-system login, and whom they act for."""

import getpass
import os

from tracker.domain.errors import InputError
from tracker.domain.values import parse_login


def os_login() -> str:
    """The operating-system login of the person at the keyboard."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        login = os.environ.get("TRACKER_LOGIN")
        if login:
            return login
        raise InputError("无法确定当前系统登录名，请设置环境变量 USER") from None


def effective_user(login: str, user: str | None) -> str:
    """The login the change is made for: ``--user`` if given, else the actor's own."""
    return parse_login(user) if user else login
