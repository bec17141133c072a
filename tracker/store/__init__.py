"""Persistence: the only package that knows how and where the pilot's data is kept.

:mod:`tracker.store.base` is the interface (a Store and its Transactions),
:mod:`tracker.store.core` what every backend shares (audit entries, diffs,
sequence numbers), and :func:`open_store` picks the backend from ``--db``: a
folder of TinyDB-format files (:mod:`tracker.store.folder`), or a PostgreSQL
server's URL (:mod:`tracker.store.postgres`, imported only then).
"""

from tracker.store.base import SCHEMA_VERSION, Store, Transaction
from tracker.store.dump import Dump
from tracker.store.factory import (
    Target,
    backup_info,
    backup_store,
    create_store,
    export_store,
    is_database,
    load_store,
    open_store,
    restore_store,
    server_login,
    server_url,
    store_exists,
    upgrade_store,
)

__all__ = [
    "SCHEMA_VERSION",
    "Dump",
    "Store",
    "Target",
    "Transaction",
    "backup_info",
    "backup_store",
    "create_store",
    "export_store",
    "is_database",
    "load_store",
    "open_store",
    "restore_store",
    "server_login",
    "server_url",
    "store_exists",
    "upgrade_store",
]
