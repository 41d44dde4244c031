"""Cached, read-only access to the store for the dashboard.

The connection is cached per store *version*: an import swaps in a new file (new inode and
mtime), the signature changes, and the next rerun opens the new file. Old connections are
closed by the bounded cache as they fall out of it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from data_loaders.importer import ensure_database
from data_loaders.settings import db_path
from data_loaders.store import cursor, open_read_only, store_signature


@st.cache_resource(max_entries=2, on_release=lambda con: con.close())
def _connection(path: str, signature: tuple[int, int] | None) -> duckdb.DuckDBPyConnection:
    """One read-only connection per store version (``signature`` is only the cache key)."""
    return open_read_only(Path(path))


def store_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the current store, building it from the sample data on first start."""
    path = db_path()
    ensure_database(path)
    return cursor(_connection(str(path), store_signature(path)))
