"""What the server and libpq say, in the words of our users.

libpq and the server speak English; every error that leaves this backend is one of
ours, in Chinese: a refusal by the server's rules is a PermissionDeniedError (exit
3), anything else about the server a StoreError (exit 4). The server's own messages
from our triggers are already Chinese and are kept.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from psycopg import errors as pg

from tracker.domain.errors import PermissionDeniedError, StoreError


def where(url: str) -> str:
    """``数据库服务器 host 上的数据库 pilot``: the URL without its password."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "数据库服务器"
    host = parts.hostname or "本机"
    name = parts.path.lstrip("/") or "（默认库）"
    return f"数据库服务器 {host} 上的数据库 {name}"


_DISABLED = "该数据库登录已停用，不能连接"
_NOT_ALLOWED = "该登录无权连接这个数据库"
_CONNECT = [
    (
        r'role "([^"]+)" does not exist',
        "数据库登录「{0}」不存在。请协调员用 person add … --create-login 建立登录",
    ),
    (
        r'database "([^"]+)" does not exist',
        "数据库「{0}」不存在。请数据库管理员先建库（createdb）",
    ),
    (r'password authentication failed for user "([^"]+)"', "数据库登录「{0}」密码不对"),
    (r"no password supplied", "数据库服务器要求密码，请在连接地址中或 ~/.pgpass 中提供"),
    (
        r'Peer authentication failed for user "([^"]+)"',
        "服务器只允许系统用户以同名登录连接，当前系统用户不能以「{0}」登录",
    ),
    (r"not permitted to log in", _DISABLED),
    (r"permission denied for database", _NOT_ALLOWED),
    (
        r"Connection refused|No such file or directory|could not connect|timeout expired"
        r"|could not translate host name|Name or service not known",
        "连不上数据库服务器：服务器未运行，或地址不对",
    ),
    (
        r"server closed the connection|terminating connection|connection is (?:closed|lost)"
        r"|consuming input failed|sending query failed|SSL connection has been closed",
        "与数据库服务器的连接中断（服务器停止或重启，或连接被终止），本次修改未保存。"
        "服务器恢复后重试即可",
    ),
]


_REFUSED = {_DISABLED, _NOT_ALLOWED}
"""Connection failures that are the server refusing this person (exit 3), not a fault."""


def _connection_problem(text: str) -> str:
    for pattern, message in _CONNECT:
        found = re.search(pattern, text)
        if found:
            return message.format(*found.groups())
    return "数据库服务器出错"


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Turn what psycopg raises inside the block into our errors."""
    try:
        yield
    except (pg.InsufficientPrivilege, pg.CheckViolation) as error:
        message = error.diag.message_primary or ""
        if not re.search(r"[\u4e00-\u9fff]", message):
            message = _refusal(message)
        raise PermissionDeniedError(f"数据库服务器拒绝了这次操作：{message}") from None
    except pg.LockNotAvailable:
        raise StoreError(f"{where(url)} 正被其他人长时间写入，等待超时。请稍后再试") from None
    except (pg.UndefinedTable, pg.UndefinedColumn, pg.UndefinedFunction) as error:
        raise StoreError(
            f"{where(url)} 的 tracker 数据库已损坏（{error.diag.message_primary}）。"
            "请运行 tracker db check 查看，或从备份恢复"
        ) from None
    except psycopg.OperationalError as error:
        problem = _connection_problem(str(error))
        if problem in _REFUSED:
            raise PermissionDeniedError(f"{where(url)}：{problem}") from None
        raise StoreError(f"{where(url)}：{problem}") from None
    except psycopg.Error as error:
        detail = error.diag.message_primary or type(error).__name__
        raise StoreError(f"{where(url)} 出错（{error.sqlstate or '?'}）：{detail}") from None


def _refusal(message: str) -> str:
    """The server's English refusal, said for our users."""
    if "row-level security" in message:
        return "当前数据库登录无权修改这部分数据（行级安全策略）"
    if "permission denied for schema" in message or "permission denied for table" in message:
        return (
            "当前数据库登录不是本库的用户（未加入 tracker_users）。"
            "请协调员用 person add … --create-login 为其建立登录"
        )
    if "permission denied" in message:
        return "当前数据库登录没有这项权限"
    return message
