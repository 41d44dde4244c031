"""Cached, read-only access to the store for the dashboard.

The connection is cached per store *version*: an import swaps in a new file (new inode and
mtime), the signature changes, and the next rerun opens the new file. Query results are cached
with the signature in their key and a bounded size, and the cache is cleared after an import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from data_loaders.importer import ensure_database
from data_loaders.migrate import StoreVersionError
from data_loaders.settings import db_path
from data_loaders.store import cursor, open_read_only, store_signature
from data_loaders.template import build_template
from metrics.access_scope import narrow
from metrics.scope import Scope

GRANT_KEY = "_grant"  # this run's access.store.Grant, set by ui.access.resolve (app.py)


@st.cache_resource(max_entries=2, on_release=lambda con: con.close(), show_spinner=False)
def _connection(path: str, signature: tuple[int, int] | None) -> duckdb.DuckDBPyConnection:
    """One read-only connection per store version (``signature`` is only the cache key)."""
    return open_read_only(Path(path))


def store_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the current store, building it from the sample data on first start."""
    path = db_path()
    try:
        ensure_database(path)
    except StoreVersionError as exc:  # a store from a newer dashboard, or not a store: say so
        st.error(str(exc), icon=":material/database:")
        st.stop()
    return cursor(_connection(str(path), store_signature(path)))


def signature() -> tuple[str, tuple[int, int] | None]:
    """The store's path and version: part of every cached query's key."""
    path = db_path()
    return str(path), store_signature(path)


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(
    _fn: Callable[..., Any],
    name: str,
    version: Any,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    return _fn(store_cursor(), *args, **dict(kwargs))


def _narrowed(value: Any) -> Any:
    """A scope argument limited to this run's grant; no grant in the session means nothing."""
    if not isinstance(value, Scope):
        return value
    grant = st.session_state.get(GRANT_KEY)
    return narrow(value, grant.visible if grant is not None else ())[0]


def cached(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(cursor, *args, **kwargs)`` for a metrics function, cached per store version.

    Arguments must be hashable (a :class:`metrics.scope.Scope`, strings, dates). Every scope
    argument is narrowed to the person's grant here, so no page can query outside it.
    """
    args = tuple(_narrowed(a) for a in args)
    kw = tuple(sorted((k, _narrowed(v)) for k, v in kwargs.items()))
    return _cached(fn, f"{fn.__module__}.{fn.__qualname__}", signature(), args, kw)


@st.cache_data(max_entries=1, show_spinner=False)
def template_bytes() -> bytes:
    """The empty Excel template (built once per process; it depends only on the sample data)."""
    return build_template()


def clear_after_import() -> None:
    """Forget every cached result and connection (called after an import)."""
    st.cache_data.clear()
    st.cache_resource.clear()
