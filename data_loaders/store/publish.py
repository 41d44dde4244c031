"""Publish the committed store as a read-only snapshot, and sync a replica's local copy from it
(``python -m data_loaders publish|sync``; ``docs/SCALING.md``, "Past one machine").

A publish folder holds whole snapshots named by the import they end with,
``sammachip-<import_id>.duckdb``, and a pointer, ``current``: one line with the name of the
latest snapshot. Both are written under a temporary name beside their final one and moved into
place with ``os.replace``, which is atomic, so a reader of the folder sees the old pointer or
the new one, and a snapshot the pointer names is always whole. Snapshots are never rewritten.

A replica syncs by copying the snapshot the pointer names to a temporary file beside its local
store, checking the copy (this code's layout, the import its name says), and ``os.replace``-ing
it over the local store: the same swap an import makes, so a running dashboard keeps serving
the file it has open and opens the new one on its next click (``ui/db.py``,
``store_signature``). It copies only a snapshot newer than the local store: one with a higher
import id (ids only grow within one writer's store).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data_loaders.store.layout import open_store
from data_loaders.store.migrate import SCHEMA_VERSION, check_version, stored_version
from data_loaders.store.snapshot import copy_store, fsync_dir, import_lock, open_read_only

POINTER = "current"  # the file in a publish folder that names the latest snapshot
SNAPSHOT = re.compile(r"sammachip-([0-9]{1,9})\.duckdb")  # the only names a pointer may hold


class PublishError(Exception):
    """A publish or sync that cannot be done (a missing folder, no committed import, no
    snapshot): exit code 2 on the command line. ``str()`` gives the Thai message, then the
    English one."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en


@dataclass(frozen=True)
class Published:
    import_id: int
    snapshot: Path
    copied: bool  # False: this import's snapshot was already there (only the pointer was set)


@dataclass(frozen=True)
class Synced:
    import_id: int  # the published snapshot's import
    before: int | None  # the local store's import before the sync (None: no usable local store)
    copied: bool  # False: the local store already had this import or a later one


def snapshot_name(import_id: int) -> str:
    return f"sammachip-{import_id}.duckdb"


def last_import(con: duckdb.DuckDBPyConnection) -> int | None:
    """The id of the store's last committed import (None: nothing imported yet)."""
    return con.execute("SELECT max(import_id) FROM import_log").fetchall()[0][0]


def publish(db: Path, folder: Path) -> Published:
    """Copy the committed store ``db`` to ``folder/sammachip-<import_id>.duckdb`` and point
    ``folder/current`` at it. Holds the store's import lock, so no import swaps the file while
    it is copied. Raises :class:`PublishError`, or ``StoreVersionError`` for a store in another
    layout (run ``python -m data_loaders load`` to upgrade it first)."""
    if not folder.is_dir():
        raise PublishError(
            f"ไม่พบโฟลเดอร์ปลายทาง --to {folder} ให้สร้างโฟลเดอร์ก่อน",
            f"--to {folder} is not an existing folder; create it first",
        )
    if not db.is_file():
        raise PublishError(f"ไม่พบฐานข้อมูล {db}", f"no store at {db}")
    with import_lock(db):
        con = open_store(db)  # the layout check, on the very file copied below
        try:
            import_id = last_import(con)
        finally:
            con.close()
        if import_id is None:
            raise PublishError(
                f"ฐานข้อมูล {db.name} ยังไม่มีการนำเข้าที่ยืนยันแล้ว จึงไม่มีอะไรให้เผยแพร่",
                f"the store {db.name} has no committed import yet; there is nothing to publish",
            )
        snapshot = folder / snapshot_name(import_id)
        copied = not snapshot.exists()
        if copied:
            partial = folder / f".{snapshot.name}.{os.getpid()}.partial"
            try:
                copy_store(db, partial)
                _fold_wal(partial)
                _check_copy(partial, import_id)
                _fsync(partial)
                os.replace(partial, snapshot)
            finally:
                for leftover in (partial, partial.with_name(partial.name + ".wal")):
                    leftover.unlink(missing_ok=True)
    _write_pointer(folder, snapshot.name)
    return Published(import_id, snapshot, copied)


def current_snapshot(folder: Path) -> tuple[Path, int]:
    """The snapshot ``folder/current`` names, and its import id. Raises :class:`PublishError`."""
    if not folder.is_dir():
        raise PublishError(f"ไม่พบโฟลเดอร์ --from {folder}", f"--from {folder} is not an existing folder")
    pointer = folder / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise PublishError(
            f"ยังไม่มีการเผยแพร่ใน {folder} (ไม่มีไฟล์ {POINTER}) ให้เรียก python -m data_loaders publish ก่อน",
            f"nothing is published in {folder} (no {POINTER} file); run `python -m data_loaders publish` first",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PublishError(
            f"อ่าน {pointer} ไม่ได้", f"cannot read {pointer}: {getattr(exc, 'strerror', None) or exc}"
        ) from exc
    match = SNAPSHOT.fullmatch(name)
    if match is None:
        raise PublishError(
            f"{pointer} ต้องมีชื่อไฟล์แบบ sammachip-<เลขที่นำเข้า>.duckdb บรรทัดเดียว",
            f"{pointer} must hold one line, a name like sammachip-<import_id>.duckdb",
        )
    snapshot = folder / name
    if not snapshot.is_file():
        raise PublishError(
            f"{pointer} ชี้ไปที่ {name} แต่ไม่พบไฟล์นี้ใน {folder}",
            f"{pointer} names {name}, which is not in {folder}",
        )
    return snapshot, int(match.group(1))


def local_import(db: Path) -> int | None:
    """The last import of a replica's local store; None if there is none or it is of an older
    layout (a sync replaces it). A newer layout raises ``StoreVersionError``: this code would
    put an older store in place of one a newer dashboard wrote."""
    if not db.exists():
        return None
    con = open_read_only(db)
    try:
        version = stored_version(con)
        if version is not None and version > SCHEMA_VERSION:
            check_version(version, db)  # raises: newer than this code
        return last_import(con) if version == SCHEMA_VERSION else None
    finally:
        con.close()


def sync(folder: Path, db: Path) -> Synced:
    """Bring the local store ``db`` up to the snapshot ``folder/current`` names, if that is
    newer; the swap is atomic (see the module's docstring). Raises :class:`PublishError`, or
    ``StoreVersionError`` for a snapshot this code cannot read (nothing is copied then)."""
    snapshot, import_id = current_snapshot(folder)
    con = open_store(snapshot)  # a snapshot of another layout is refused before any copy
    con.close()
    if not db.parent.is_dir():
        raise PublishError(
            f"ไม่พบโฟลเดอร์ของ --to {db} ให้สร้างโฟลเดอร์ก่อน",
            f"the folder of --to {db} does not exist; create it first",
        )
    before = local_import(db)
    if before is not None and before >= import_id:
        return Synced(import_id, before, copied=False)
    work = db.with_name(f".{db.name}.{os.getpid()}.syncing")
    try:
        shutil.copyfile(snapshot, work)
        _check_copy(work, import_id)
        _fsync(work)
        with import_lock(db):
            before = local_import(db)  # another sync may have swapped a newer one in meanwhile
            if before is not None and before >= import_id:
                return Synced(import_id, before, copied=False)
            os.replace(work, db)
            db.with_name(db.name + ".wal").unlink(missing_ok=True)
            fsync_dir(db.parent)
    finally:
        work.unlink(missing_ok=True)
    return Synced(import_id, before, copied=True)


def _fold_wal(path: Path) -> None:
    """Checkpoint a copied write-ahead log into the copy, so the snapshot is one file."""
    if path.with_name(path.name + ".wal").exists():
        with duckdb.connect(str(path)) as con:
            con.execute("CHECKPOINT")


def _check_copy(path: Path, import_id: int) -> None:
    """The copy is a store of this code's layout whose last import is ``import_id``."""
    con = open_store(path)
    try:
        found = last_import(con)
    finally:
        con.close()
    if found != import_id:
        raise PublishError(
            f"สำเนา {path.name} มีการนำเข้าล่าสุดครั้งที่ {found} ไม่ใช่ {import_id} ตามชื่อ",
            f"the copy {path.name} ends with import #{found}, not #{import_id} as its name says",
        )


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _write_pointer(folder: Path, name: str) -> None:
    """Replace ``folder/current`` atomically with one line naming the snapshot ``name``."""
    partial = folder / f".{POINTER}.{os.getpid()}.partial"
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, folder / POINTER)
        fsync_dir(folder)
    finally:
        partial.unlink(missing_ok=True)
