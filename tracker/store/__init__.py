"""Persistence: the only package that knows the database files (TinyDB-format JSON).

The store is a folder: one small file per scope (a district, the municipal
office, the people), an append-only audit log, and a journal that makes every
transaction all-or-nothing across files.
"""

from tracker.store.base import SCHEMA_VERSION, Store, Transaction
from tracker.store.tinydb_store import create_store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "Transaction", "create_store", "open_store"]
