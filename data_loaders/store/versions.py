"""Data versions: every committed import is a version of the data, 1, 2, 3… in commit order
(its ``import_log.import_id``), and the store can show the data exactly as it was when any
version since its history began was the latest.

Row validity by import, not snapshots:

- each data table has a column ``added_in``: the version whose import stored the row;
- when an import replaces a village's rows (``replace.delete_covered``), the rows it removes
  or changes move to ``history_<table>`` (the same columns, plus ``replaced_in``, the version
  that replaced them) rather than being dropped; a row it sends again exactly as stored keeps
  its ``added_in`` and costs nothing (a correction re-sends whole villages, and changes few rows);
- ``import_villages`` keeps the villages each import covered (the villages it changed).

The rows valid at version N are then the current rows with ``added_in <= N`` and the history
rows with ``added_in <= N < replaced_in``. The facts (``facts.py``) are derived: at version N
they equal today's facts for every village no later import covered, and are computed again
from the version's rows for the villages later imports did cover.

:func:`open_version` (through :func:`data_loaders.store.layout.open_store`) gives a read-only
connection laid out exactly like the store's, whose tables hold version N: every metrics and
reports function reads it unchanged. The latest version (no ``version``) is the store itself,
read as before.

A store moved forward from layout 5 kept no history: its rows count as the version of its
latest import (or 1), recorded as ``meta.history_from``; earlier versions are refused, saying so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from data_loaders.contract.schema import TABLES
from data_loaders.store import facts

ADDED_IN = "added_in"  # the version (import_id) whose import stored a row
REPLACED_IN = "replaced_in"  # the version whose import replaced a row (history tables only)
HISTORY_PREFIX = "history_"
HISTORY_FROM = "history_from"  # meta key: the first version this store can reproduce
SHOWN = "version_shown"  # in a version's connection: the version it shows and the latest
VILLAGES_DDL = "CREATE TABLE IF NOT EXISTS import_villages (import_id INTEGER, village_code VARCHAR)"


class VersionError(ValueError):
    """A data version the store cannot give (it does not exist, or predates the history):
    exit code 2 on a command line, a notice on the page. ``th`` and ``en`` are the two halves."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en


@dataclass(frozen=True, slots=True)
class DataVersion:
    """One committed import, as a version of the data."""

    version: int
    committed_at: dt.datetime  # UTC, as the import log keeps it
    files: tuple[str, ...]
    villages_changed: tuple[str, ...] | None  # None: imported before the store kept history

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "committed_at": self.committed_at.replace(tzinfo=dt.UTC).isoformat(),
            "files": list(self.files),
            "villages_changed": None if self.villages_changed is None else list(self.villages_changed),
        }


def history_table(name: str) -> str:
    return f"{HISTORY_PREFIX}{name}"


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()
    return {r[0] for r in rows}


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Give every data table present its ``added_in`` column and its history table, and create
    ``import_villages`` (idempotent: a table added by a later layout gets them too)."""
    present = _tables(con)
    for table in TABLES:
        if table.name not in present:
            continue
        con.execute(f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS {ADDED_IN} INTEGER")
        if history_table(table.name) not in present:
            # column definitions, not CREATE TABLE AS … LIMIT 0 (see facts.create)
            columns = con.execute(f"DESCRIBE {table.name}").fetchall()
            definition = ", ".join(f'"{name}" {kind}' for name, kind, *_ in columns)
            con.execute(f"CREATE TABLE {history_table(table.name)} ({definition}, {REPLACED_IN} INTEGER)")
    con.execute(VILLAGES_DDL)


def start_history(con: duckdb.DuckDBPyConnection) -> None:
    """Layout 5 → 6: keep history from now on. The rows already stored count as the version of
    the latest import (or 1 with none); earlier versions cannot be reproduced (``history_from``)."""
    ensure(con)
    latest = con.execute("SELECT coalesce(max(import_id), 1) FROM import_log").fetchall()[0][0]
    for table in TABLES:
        if table.name in _tables(con):
            con.execute(f"UPDATE {table.name} SET {ADDED_IN} = ? WHERE {ADDED_IN} IS NULL", [latest])
    con.execute("DELETE FROM meta WHERE key = ?", [HISTORY_FROM])
    con.execute("INSERT INTO meta VALUES (?, ?)", [HISTORY_FROM, str(latest)])


def next_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version the import in progress will be (``importlog.log_import`` gives it that id)."""
    return con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]


def _same_row(columns: list[str], left: str, right: str) -> str:
    """``left`` and ``right`` rows equal in every one of ``columns`` (NULL equal to NULL)."""
    return " AND ".join(f"{left}.{c} IS NOT DISTINCT FROM {right}.{c}" for c in columns)


def keep_replaced(
    con: duckdb.DuckDBPyConnection, name: str, columns: list[str], where: str, version: int
) -> None:
    """Before an import deletes the rows of ``name`` matching ``where`` (the villages it covers):
    the rows it does not send again unchanged move to the table's history, replaced in
    ``version``; those it sends again exactly as stored keep their ``added_in`` (in the temporary
    table ``same_<name>``, read by :func:`insert_sql`), so a correction that resends a village
    keeps only the rows it changes or removes. ``columns``: the stored columns of the contract."""
    same = _same_row(columns, "t", "s")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE same_{name} AS SELECT t.* FROM {name} AS t "
        f"SEMI JOIN stg_{name} AS s ON {same} WHERE {where}"
    )
    con.execute(
        f"INSERT INTO {history_table(name)} BY NAME SELECT t.*, ?::INTEGER AS {REPLACED_IN} "
        f"FROM {name} AS t ANTI JOIN stg_{name} AS s ON {same} WHERE {where}",
        [version],
    )


def insert_sql(name: str, columns: list[str], version: int, *, kept: bool) -> str:
    """The INSERT of the staged rows of ``name``: each stored as added in ``version``, or, sent
    again unchanged (``kept``: :func:`keep_replaced` ran for it), in the version it first came."""
    names = ", ".join(columns)
    picked = ", ".join(f"s.{c}" for c in columns)
    if not kept:
        return (
            f"INSERT INTO {name} ({names}, {ADDED_IN}) SELECT {picked}, {int(version)} FROM stg_{name} AS s"
        )
    return (
        f"INSERT INTO {name} ({names}, {ADDED_IN}) SELECT {picked}, coalesce(k.{ADDED_IN}, {int(version)}) "
        f"FROM stg_{name} AS s LEFT JOIN same_{name} AS k ON {_same_row(columns, 's', 'k')}"
    )


def record_villages(con: duckdb.DuckDBPyConnection, covered: str, version: int) -> None:
    """Record the villages the import ``version`` covered (``covered``: a table of village codes)."""
    con.execute(f"INSERT INTO import_villages SELECT ?::INTEGER, village_code FROM {covered}", [version])


# --- reading ----------------------------------------------------------------------------------


def history_from(con: duckdb.DuckDBPyConnection) -> int:
    """The first version the store can reproduce (1 for a store that kept history from the start)."""
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [HISTORY_FROM]).fetchall()
    return int(rows[0][0]) if rows and str(rows[0][0]).isdigit() else 1


def latest_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest version (0: nothing imported yet)."""
    return con.execute("SELECT coalesce(max(import_id), 0) FROM import_log").fetchall()[0][0]


def list_versions(con: duckdb.DuckDBPyConnection) -> list[DataVersion]:
    """Every version, oldest first: when it was committed, its file, and the villages it changed."""
    migrated = bool(con.execute("SELECT 1 FROM meta WHERE key = ?", [HISTORY_FROM]).fetchall())
    start = history_from(con)
    logged = con.execute(
        "SELECT import_id, imported_at, file_name FROM import_log ORDER BY import_id"
    ).fetchall()
    villages: dict[int, list[str]] = {}
    for import_id, code in con.execute(
        "SELECT import_id, village_code FROM import_villages ORDER BY import_id, village_code"
    ).fetchall():
        villages.setdefault(import_id, []).append(code)
    return [
        DataVersion(
            int(import_id),
            committed_at,
            (file_name,),
            None if migrated and import_id <= start else tuple(villages.get(import_id, ())),
        )
        for import_id, committed_at, file_name in logged
    ]


def check_version(con: duckdb.DuckDBPyConnection, version: int, db: Path | None = None) -> None:
    """Refuse a version the store does not have, or one from before it kept history."""
    latest = latest_version(con)
    start = history_from(con)
    name = db.name if db is not None else "store"
    if version < 1 or version > latest:
        have_th = f"มีรุ่น 1–{latest}" if latest else "ยังไม่มีข้อมูลที่นำเข้า"
        have_en = f"it has versions 1–{latest}" if latest else "nothing has been imported yet"
        raise VersionError(
            f"ไม่มีข้อมูลรุ่น {version} ในฐานข้อมูล {name} ({have_th})",
            f"the store {name} has no data version {version} ({have_en}); see python -m metrics versions",
        )
    if version < start:
        raise VersionError(
            f"ข้อมูลรุ่น {version} นำเข้าก่อนที่ฐานข้อมูล {name} จะเก็บประวัติ (ย้อนดูได้ตั้งแต่รุ่น {start})",
            f"data version {version} was imported before the store {name} kept history "
            f"(it reproduces versions {start}–{latest})",
        )


def _valid_at(name: str, version: int) -> str:
    """The rows of data table ``name`` valid at ``version`` (contract columns, no ``added_in``)."""
    added = f"coalesce({ADDED_IN}, 0) <= {int(version)}"
    return (
        f"SELECT * EXCLUDE ({ADDED_IN}) FROM src.main.{name} WHERE {added} "
        f"UNION ALL SELECT * EXCLUDE ({ADDED_IN}, {REPLACED_IN}) FROM src.main.{history_table(name)} "
        f"WHERE {added} AND {REPLACED_IN} > {int(version)}"
    )


def open_version(db: Path, version: int) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose tables show the store at ``db`` as it was when ``version``
    was the latest: the same table names and columns (the data tables, their facts, the import
    log up to that version), so every metrics and reports function reads it unchanged.

    The store is attached read-only as ``src``; the tables are views over it in an in-memory
    database named ``store`` (so :func:`data_loaders.store.snapshot.cursor` works). Only the
    facts of the villages later imports covered are computed again; the others are today's.
    Raises :class:`VersionError` for a version the store cannot give. The caller has checked the
    store's layout (``layout.open_store`` does).
    """
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")  # stdout is the command's data
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(db)])
        con.execute("ATTACH ':memory:' AS store")
        con.execute("USE src")
        check_version(con, version, db)
        source = _tables(con)
        con.execute("USE store")
        n = int(version)
        # data tables with their history (a table a later layout adds gets it at its first import;
        # until then it has no history and is read as it is)
        data = {t.name for t in TABLES if t.name in source and history_table(t.name) in source}
        for name in sorted(source):
            if name.startswith(HISTORY_PREFIX) or name in facts.FACT_TABLES:
                continue
            if name in data:
                select = _valid_at(name, n)
            elif name in ("import_log", "import_problems", "import_villages"):
                select = f"SELECT * FROM src.main.{name} WHERE import_id <= {n}"
            else:
                select = f"SELECT * FROM src.main.{name}"
            con.execute(f"CREATE VIEW {name} AS {select}")
        con.execute(
            f"CREATE TABLE {SHOWN} AS SELECT {n} AS version, max(import_id) AS latest FROM src.main.import_log"
        )
        con.execute(
            f"CREATE TABLE later_villages AS SELECT DISTINCT village_code FROM src.main.import_villages WHERE import_id > {n}"
        )
        facts.refresh(con, "SELECT village_code FROM later_villages")
        for table in facts.FACT_TABLES:
            con.execute(f"ALTER TABLE {table} RENAME TO version_{table}")
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM src.main.{table} "
                "WHERE village_code NOT IN (SELECT village_code FROM later_villages) "
                f"UNION ALL BY NAME SELECT * FROM version_{table}"
            )
    except BaseException:
        con.close()
        raise
    return con


def shown_version(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(the version a connection shows, the store's latest version): equal for the store as it
    is now, the version and the newest one for a connection of :func:`open_version`."""
    if SHOWN in _tables(con):
        version, latest = con.execute(f"SELECT version, latest FROM {SHOWN}").fetchall()[0]
        return int(version), int(latest)
    latest = latest_version(con)
    return latest, latest
