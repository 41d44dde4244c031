"""Cached, read-only access to the store for the dashboard.

The connection is cached per store *version*: an import swaps in a new file (new inode and
mtime), the signature changes, and the next rerun opens the new file. Query results are cached
with the signature in their key and a bounded size, and the cache is cleared after an import.

One script run reads one version (:func:`one_version`, entered by app.py): an import that
swaps the file while a page is being drawn does not show that page half old, half new; the
next run shows the new store. A connection is never closed while a run may still use it:
a replaced version is released once no run holds it any more (DuckDB closes it when the last
reference goes), not when the cache lets go of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NoReturn

import duckdb
import streamlit as st

from common.params import parse_version
from common.strings import text
from data_loaders.contract.settings import db_path
from data_loaders.contract.template import build_template
from data_loaders.store.importer import ensure_database
from data_loaders.store.layout import VersionError, open_store
from data_loaders.store.migrate import StoreVersionError
from data_loaders.store.store import cursor, open_read_only, store_signature
from metrics import rollup_build  # noqa: F401  registers the area roll-ups every import builds
from metrics.access_scope import narrow
from metrics.scope import Scope

GRANT_KEY = "_grant"  # this run's access.store.Grant, set by ui.access.resolve (app.py)
Version = tuple[str, tuple[int, int] | None]  # the store's path and signature
_OPEN_ATTEMPTS = 5  # imports in a row that may swap the file while it is being opened


class _Swapped(Exception):
    """The store was replaced while it was being opened (the connection is of another version)."""


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, signature: tuple[int, int] | None) -> duckdb.DuckDBPyConnection:
    """One read-only connection per store version. It is checked to be that version: the file
    is the same before and after opening it, or it raises (not cached) and the caller retries.

    No ``on_release`` closes it: closing a DuckDB connection closes every cursor made from it,
    so an import (which clears this cache) or a third version (which evicts the oldest) would
    break another session's query in progress. Dropped here, it closes when unused.
    """
    con = open_read_only(Path(path))
    if store_signature(Path(path)) != signature:
        con.close()
        raise _Swapped(path)
    return con


@st.cache_resource(max_entries=4, show_spinner=False)
def _version_connection(
    path: str, signature: tuple[int, int] | None, version: int
) -> duckdb.DuckDBPyConnection:
    """The store as it was when data ``version`` was the latest (``?version=N``;
    :func:`data_loaders.store.versions.open_version`), checked like :func:`_connection`.
    Raises ``VersionError`` (not cached) for a version the store does not have."""
    con = open_store(Path(path), version)
    if store_signature(Path(path)) != signature:
        con.close()
        raise _Swapped(path)
    return con


VERSION_REFUSED = "_version_refused"  # session key: the ?version=N this run could not show


def _requested_version() -> int | None:
    """The data version the URL asks for (``?version=N``), else None (the latest)."""
    try:
        return parse_version(st.query_params.get("version"))
    except Exception:
        return None


_PINNED: ContextVar[tuple[Version, duckdb.DuckDBPyConnection] | None] = ContextVar(
    "sammachip_store_version", default=None
)


def _current() -> tuple[Version, duckdb.DuckDBPyConnection]:
    """The store's current version and its connection, building the store on first start."""
    path = db_path()
    try:
        ensure_database(path)  # the one layout check (data_loaders.store.layout); migrates an older store
        requested = _requested_version()
        for _ in range(_OPEN_ATTEMPTS):
            signature = store_signature(path)
            with contextlib.suppress(_Swapped):
                if requested is not None:
                    try:  # the key names the version, so its results are cached apart
                        key = (f"{path}?version={requested}", signature)
                        return key, _version_connection(str(path), signature, requested)
                    except VersionError as exc:  # shown as a notice (ui/versions.py); the latest instead
                        st.session_state[VERSION_REFUSED] = exc
                        requested = None
                return (str(path), signature), _connection(str(path), signature)
    except StoreVersionError as exc:  # a store from a newer dashboard, or not a store: say so
        _refuse(exc)
    msg = f"the store {path} kept changing while it was opened ({_OPEN_ATTEMPTS} imports in a row?)"
    raise RuntimeError(msg)


def _refuse(exc: StoreVersionError) -> NoReturn:
    """A notice instead of the page, in the page's language: the store is not one this
    dashboard reads, and what to do (no traceback)."""
    # before the filters read the URL on a first run, so the link's language is taken from it
    language = st.session_state.get("lang") or st.query_params.get("lang")
    english = language == "en"
    st.error(
        f"**{text('store.refused', 'en' if english else 'th')}**\n\n{exc.en if english else exc.th}",
        icon=":material/database:",
    )
    st.stop()


def _version() -> tuple[Version, duckdb.DuckDBPyConnection]:
    """The version this run reads (:func:`one_version`), or the current one outside a run."""
    return _PINNED.get() or _current()


@contextlib.contextmanager
def one_version() -> Iterator[None]:
    """Every query inside reads the store version that was current on entry (app.py wraps
    each script run in it). Nested, it keeps the outer version."""
    if _PINNED.get() is not None:
        yield
        return
    token = _PINNED.set(_current())
    try:
        yield
    finally:
        _PINNED.reset(token)


def store_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on this run's store version."""
    return cursor(_version()[1])


def signature() -> Version:
    """The store's path and version as this run reads it: part of every cached query's key."""
    return _version()[0]


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(
    _fn: Callable[..., Any],
    _con: duckdb.DuckDBPyConnection,
    name: str,
    version: Version,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    """``version`` is ``_con``'s, so a result is only ever cached under the version it read."""
    return _fn(cursor(_con), *args, **dict(kwargs))


def _narrowed(value: Any) -> Any:
    """A scope argument limited to this run's grant; no grant in the session means nothing."""
    if not isinstance(value, Scope):
        return value
    grant = st.session_state.get(GRANT_KEY)
    return narrow(value, grant.visible if grant is not None else ())[0]


def narrowed(scope: Scope) -> Scope:
    """``scope`` limited to this run's grant (as :func:`cached` does for every scope argument)."""
    return _narrowed(scope)


def cached(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(cursor, *args, **kwargs)`` for a metrics function, cached per store version.

    Arguments must be hashable (a :class:`metrics.scope.Scope`, strings, dates). Every scope
    argument is narrowed to the person's grant here, so no page can query outside it.
    """
    args = tuple(_narrowed(a) for a in args)
    kw = tuple(sorted((k, _narrowed(v)) for k, v in kwargs.items()))
    version, con = _version()
    return _cached(fn, con, f"{fn.__module__}.{fn.__qualname__}", version, args, kw)


def lazy(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """``fn(cursor, *args, **kwargs)`` to run later (when a download is clicked), uncached: on
    this run's store version, every scope argument narrowed to the person's grant now."""
    args = tuple(_narrowed(a) for a in args)
    kwargs = {k: _narrowed(v) for k, v in kwargs.items()}
    con = _version()[1]
    return lambda: fn(cursor(con), *args, **kwargs)


@st.cache_data(max_entries=1, show_spinner=False)
def template_bytes() -> bytes:
    """The empty Excel template (built once per process; it depends only on the sample data)."""
    return build_template()


def clear_after_import() -> None:
    """Forget every cached result and connection (called after an import); runs in progress
    keep the connection they hold."""
    st.cache_data.clear()
    st.cache_resource.clear()
