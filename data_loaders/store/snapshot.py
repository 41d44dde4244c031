"""The store file on disk: one import at a time, the working copy, the atomic swap, and
read-only connections that keep reading the file they opened while an import swaps in a new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from data_loaders.contract.settings import IMPORT_MEMORY_LIMIT


@contextlib.contextmanager
def import_lock(db: Path) -> Iterator[None]:
    """One import at a time per store file, across processes."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def copy_store(db: Path, work: Path) -> None:
    if db.exists():
        shutil.copyfile(db, work)
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, work.with_name(work.name + ".wal"))


def connect_for_import(work: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the working copy, with memory bounded: big imports spill to
    a temporary folder beside the store rather than grow (``IMPORT_MEMORY_LIMIT``)."""
    con = duckdb.connect(str(work))
    con.execute(f"SET memory_limit = '{IMPORT_MEMORY_LIMIT}'")
    con.execute("SET temp_directory = ?", [str(work.with_name(work.name + ".tmp"))])
    con.execute("SET preserve_insertion_order = true")
    return con


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_read_only(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store as it is now, with its tables as the default schema.

    The store is attached to a fresh in-memory database, not opened by path, because DuckDB
    shares one instance per path within a process: that instance would keep showing the file
    from before an import swapped it. Cursors must ``USE store`` (see :func:`cursor`).
    """
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS store (READ_ONLY)", [str(db)])
    con.execute("USE store")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a :func:`open_read_only` connection, for one thread or session."""
    cur = con.cursor()
    cur.execute("USE store")
    return cur


def store_signature(db: Path) -> tuple[int, int] | None:
    """(inode, mtime_ns) of the store file: it changes whenever an import swaps the file in."""
    try:
        stat = db.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns
