"""Persistence: the only package that knows how and where the pilot's data is kept.

:mod:`tracker.store.base` is the interface (a Store and its Transactions),
:mod:`tracker.store.core` what every backend shares (audit entries, diffs,
sequence numbers), and :func:`open_store` picks the backend from ``--db``: a
folder of TinyDB-format files (:mod:`tracker.store.folder`) today.
"""

from tracker.store.base import SCHEMA_VERSION, Store, Transaction
from tracker.store.factory import (
    Target,
    backup_info,
    backup_store,
    create_store,
    is_database,
    open_store,
    restore_store,
    store_exists,
)

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "Target",
    "Transaction",
    "backup_info",
    "backup_store",
    "create_store",
    "is_database",
    "open_store",
    "restore_store",
    "store_exists",
]
