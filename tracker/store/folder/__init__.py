"""The embedded backend: a folder of TinyDB-format JSON files behind a lock and a journal."""

from tracker.store.folder.store import FolderStore, create_folder, open_folder

__all__ = ["FolderStore", "create_folder", "open_folder"]
