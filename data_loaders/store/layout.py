"""The one check every program makes before it reads the store: its layout version.

Each program that opens the store calls :func:`check_store` (or opens it with
:func:`open_store`, which checks the very file it attached) before reading anything:

- a store newer than this code is refused, by everyone;
- an older store is moved forward, with a backup beside it, by the programs that write to it
  (``python -m data_loaders load``, the dashboard, which builds the store and imports into it,
  and ``python -m data_loaders upgrade``); the programs that only read it (``validate``,
  ``metrics``, ``reports``, ``access``, ``bench``) refuse it and say which command upgrades it;
- a layout older than any migration step knows, or one that cannot be read, is refused.

A refusal is a :class:`~data_loaders.store.migrate.StoreVersionError`: exit code 2 and its Thai and
English message on a command line, a notice on the page. No program reads a store silently in
another layout.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from data_loaders.store.migrate import (
    StoreVersionError,
    check_version,
    migrate_file,
    needs_migration,
    stored_version,
)
from data_loaders.store.snapshot import import_lock, open_read_only
from data_loaders.store.versions import VersionError, open_version

__all__ = ["StoreVersionError", "VersionError", "check_store", "open_store"]


def open_store(db: Path, version: int | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection (:func:`data_loaders.store.snapshot.open_read_only`) to the store at
    ``db``, once its layout is checked on that connection (so on the file it attached, even if
    an import swaps the file just after). Raises :class:`StoreVersionError` for a layout this
    code does not read, or a file DuckDB cannot open.

    ``version``: the data as it was when that import was the latest
    (:func:`data_loaders.store.versions.open_version`, laid out like the store, so every reader
    uses it unchanged); raises :class:`~data_loaders.store.versions.VersionError` for a version
    the store cannot give. ``None``: the store as it is now, read directly."""
    if version is not None:
        open_store(db).close()  # the layout check
        return open_version(db, version)
    try:
        con = open_read_only(db)
    except duckdb.Error as exc:
        raise StoreVersionError(
            f"เปิดฐานข้อมูล {db.name} ไม่ได้", f"cannot open the store {db.name}: {str(exc).splitlines()[0][:200]}"
        ) from exc
    try:
        check_version(stored_version(con), db, writes=False)
    except BaseException:
        con.close()
        raise
    return con


def check_store(db: Path, *, writes: bool = False) -> Path | None:
    """Check the store at ``db`` before a program reads it; a missing file passes (there is
    nothing to read yet; a writer creates it).

    ``writes``: the program writes to the store, so an older layout is migrated forward (under
    the import lock, the old file kept as ``<store>.v<N>.bak``, whose path is returned);
    otherwise an older layout is refused with the command that upgrades it.
    """
    if not db.exists():
        return None
    if not writes:
        open_store(db).close()
        return None
    if needs_migration(db) is None:  # current; a newer or unreadable store raises here
        return None
    try:
        with import_lock(db):
            return migrate_file(db)
    except OSError as exc:  # a folder it may not write to: refused as for a reader, saying
        # which command upgrades it (to run where the store can be written)
        version = needs_migration(db)
        if version is None:  # another process migrated it meanwhile
            return None
        try:
            check_version(version, db, writes=False)
        except StoreVersionError as refused:
            raise refused from exc
        raise
