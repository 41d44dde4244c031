"""The store's layout version, and moving an older store forward.

Every store records ``meta.schema_version``. A store made by an older version of the dashboard
is migrated forward, one step at a time, in one transaction on a working copy, with the old
file kept beside it as ``<store>.v<N>.bak``; a store newer than this code, or one whose version
cannot be read, is refused with a message. A store is never used silently in another layout.

Versions:

1. the first layout (tables of the contract, ``import_log``, ``import_problems``, ``meta``);
2. ``import_problems.village_code``: the village each import warning is about, so the
   Indicators page can narrow warnings to the selected area;
3. ``fact_households`` and ``fact_villages``: facts materialised at import for the pages
   (``data_loaders/store/facts.py``), computed for every village when a store moves to 3;
4. the facts keep each survey round, attended training day, training day, group and link
   date as columns of their row, so a page derives the state on any earlier date from them
   (the previous meeting); rebuilt for every village when a store moves to 4;
5. ``import_problems.household_id``: the household a warning is about, so the follow-up list
   names it (masked) rather than a file row;
6. data versions (``data_loaders/store/versions.py``): each data table's ``added_in``, its
   ``history_<table>`` of replaced rows, and ``import_villages``; rows already stored count as
   the version of the latest import (``meta.history_from``), from which versions reproduce.
7. ``roster``: the optional household roster of the data contract (every household of a target
   village in a จปฐ. survey year), read by the evaluation measures; empty until imported.
8. the facts keep each village's first training day and the households' and villages' state at
   0, 3, 6, 9 and 12 months after it (``<column>_m<months>``), so the cohorts read stored
   columns; rebuilt for every village when a store moves to 8, as for 4 (the tables are made
   from ``DESCRIBE``, not ``CREATE TABLE ... AS ... LIMIT 0``, which in DuckDB 2.0 hides the
   rows inserted later in the same transaction: ``facts.create``).
9. the area roll-ups (``rollup_villages``, ``rollup_areas``, ``rollup_dates``: the measures the
   pages show, per village and per fiscal year and area, at the default as-of dates), derived
   from the facts by the builders registered in ``data_loaders/store/derived.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

from data_loaders.store import derived, facts, versions

SCHEMA_VERSION = 9

# Steps: MIGRATIONS[n] takes a store at version n to n + 1: SQL statements, or a function of
# the connection for a step that SQL text alone cannot say.
MIGRATIONS: dict[int, tuple[str | Callable[[duckdb.DuckDBPyConnection], None], ...]] = {
    1: ("ALTER TABLE import_problems ADD COLUMN village_code VARCHAR",),
    2: (),  # the facts of layout 3 are built by the next step, in layout 4
    3: (facts.rebuild,),
    4: ("ALTER TABLE import_problems ADD COLUMN IF NOT EXISTS household_id VARCHAR",),
    5: (versions.start_history,),  # data versions: added_in, history_<table>, import_villages
    # self-contained: the roster's columns as layout 7 defines them, not read from the schema;
    # then its data-version column and history table, as every data table has (layout 6)
    6: (
        "CREATE TABLE IF NOT EXISTS roster (village_code VARCHAR, roster_year INTEGER, "
        "household_id VARCHAR, members INTEGER, annual_income DOUBLE)",
        versions.ensure,
    ),
    7: (facts.rebuild,),  # the facts at the cohort months (first_day, <column>_m<months>)
    8: (derived.rebuild,),  # the area roll-ups (metrics/rollups.py), by the registered builders
}


class StoreVersionError(Exception):
    """The store's layout cannot be used by this code (newer, older for a reader, or unreadable):
    exit code 2 on a command line, a notice on the page. ``th`` and ``en`` are the two halves of
    the message (``str()`` gives both, Thai first)."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en


OLDEST_VERSION = min(MIGRATIONS)  # the oldest layout the steps can move forward
UPGRADE = "python -m data_loaders upgrade"  # the command that only moves a store forward


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's ``schema_version``; ``None`` for an empty database (a new store)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        if tables & {"villages", "import_log"}:
            raise StoreVersionError(
                "ฐานข้อมูลไม่มีเลขรุ่น (meta.schema_version)", "the store has no schema_version (meta table)"
            )
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    if not rows or not str(rows[0][0]).isdigit():
        raise StoreVersionError("อ่านเลขรุ่นของฐานข้อมูลไม่ได้", "the store's schema_version cannot be read")
    return int(rows[0][0])


def check_version(version: int | None, db: Path | None = None, *, writes: bool = True) -> None:
    """Refuse a layout this code cannot use: newer than it, older than any step knows, or, for a
    program that only reads (``writes=False``), older than it (a writer migrates it instead).
    ``db`` names the store in the message (``None``: "the store")."""
    if version is None or version == SCHEMA_VERSION:
        return
    th_name = f"ฐานข้อมูล {db.name} " if db is not None else "ฐานข้อมูลนี้"
    en_name = f"the store {db.name}" if db is not None else "the store"
    db_option = f" --db {db}" if db is not None else ""
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{th_name}เป็นรุ่น {version} ใหม่กว่าโปรแกรมนี้ (รุ่น {SCHEMA_VERSION}) ให้ปรับรุ่นโปรแกรม",
            f"{en_name} has layout version {version}, newer than this dashboard's {SCHEMA_VERSION}; "
            "update the dashboard",
        )
    if version < OLDEST_VERSION:
        raise StoreVersionError(
            f"{th_name}เป็นรุ่น {version} ซึ่งโปรแกรมนี้ไม่รู้จัก (ปรับรุ่นได้ตั้งแต่รุ่น {OLDEST_VERSION}) "
            "ให้สร้างฐานข้อมูลใหม่ด้วย python -m data_loaders load",
            f"{en_name} has layout version {version}, which this dashboard does not know (it upgrades "
            f"from {OLDEST_VERSION}); build a new store with `python -m data_loaders load`",
        )
    if not writes:
        raise StoreVersionError(
            f"{th_name}เป็นรุ่น {version} เก่ากว่าโปรแกรมนี้ (รุ่น {SCHEMA_VERSION}) "
            f"ให้ปรับรุ่นด้วยคำสั่ง python -m data_loaders load (หรือ {UPGRADE}{db_option}) ก่อน",
            f"{en_name} has layout version {version}, older than this dashboard's {SCHEMA_VERSION}; "
            f"run `python -m data_loaders load` (or `{UPGRADE}{db_option}`) to upgrade it",
        )


def migrate_connection(con: duckdb.DuckDBPyConnection, version: int) -> int:
    """Run every step from ``version`` up, in the caller's transaction; returns the new version."""
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step]:
            if callable(statement):
                statement(con)
            else:
                con.execute(statement)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
    return SCHEMA_VERSION


def needs_migration(db: Path) -> int | None:
    """The older version ``db`` is at, or ``None`` when it is current (or absent).

    Raises :class:`StoreVersionError` for a newer or unreadable store.
    """
    if not db.exists():
        return None
    try:
        con = duckdb.connect(":memory:")
        con.execute("ATTACH ? AS s (READ_ONLY)", [str(db)])
        con.execute("USE s")
        version = stored_version(con)
        con.close()
    except duckdb.Error as exc:
        raise StoreVersionError(
            f"เปิดฐานข้อมูล {db.name} ไม่ได้", f"cannot open the store {db.name}: {str(exc).splitlines()[0][:200]}"
        ) from exc
    check_version(version, db)
    return version if version is not None and version < SCHEMA_VERSION else None


def migrate_file(db: Path) -> Path | None:
    """Migrate the store at ``db`` forward if it is older; returns the backup's path, if any.

    The caller holds the import lock. The old file is copied to ``<store>.v<N>.bak``; the steps
    run in one transaction on a working copy, which is swapped in only when all succeeded.
    """
    version = needs_migration(db)
    if version is None:
        return None
    backup = db.with_name(f"{db.name}.v{version}.bak")
    work = db.with_name(f".{db.name}.{os.getpid()}.migrating")
    shutil.copyfile(db, backup)
    shutil.copyfile(db, work)
    try:
        con = duckdb.connect(str(work))
        try:
            con.begin()
            migrate_connection(con, version)
            con.commit()
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(work, db)
    finally:
        work.unlink(missing_ok=True)
        work.with_name(work.name + ".wal").unlink(missing_ok=True)
    return backup
