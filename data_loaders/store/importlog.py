"""The import log: one row per committed import, and its located warnings with the village (and
household) each is about, so warnings follow the area a page shows and can name what they are
about rather than a file row."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from data_loaders.check.dataset import Dataset
from data_loaders.store.result import ImportResult

LOG_DDL = (
    """CREATE TABLE IF NOT EXISTS import_log (
        import_id INTEGER, imported_at TIMESTAMP, file_name VARCHAR, sha256 VARCHAR,
        rows_json VARCHAR, warnings INTEGER)""",
    """CREATE TABLE IF NOT EXISTS import_problems (
        import_id INTEGER, level VARCHAR, file VARCHAR, sheet VARCHAR, row_number INTEGER,
        column_name VARCHAR, table_name VARCHAR, message VARCHAR, village_code VARCHAR,
        household_id VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
)


BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True, slots=True)
class EarlierImport:
    """An import the log already holds, found by the content hash of a file about to be imported."""

    import_id: int
    imported_at: dt.datetime  # UTC, as the log keeps it (no time zone attached)
    file_name: str

    @property
    def local_time(self) -> dt.datetime:
        """When it was imported, in Bangkok time (what the screen shows)."""
        return self.imported_at.replace(tzinfo=dt.UTC).astimezone(BANGKOK)


def earlier_import(con: duckdb.DuckDBPyConnection, sha256: str) -> EarlierImport | None:
    """The latest import of a file with the same SHA-256 as ``sha256`` (the same bytes: an
    identical workbook, or a CSV folder with the same names and contents), else None."""
    row = con.execute(
        "SELECT import_id, imported_at, file_name FROM import_log WHERE sha256 = ? "
        "ORDER BY import_id DESC LIMIT 1",
        [sha256],
    ).fetchone()
    return None if row is None else EarlierImport(int(row[0]), row[1], row[2])


def log_import(con: duckdb.DuckDBPyConnection, dataset: Dataset, result: ImportResult) -> int:
    import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]
    con.execute(
        "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?)",
        [
            import_id,
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            dataset.name,
            dataset.sha256,
            json.dumps(result.rows_in_file, ensure_ascii=False),
            len(dataset.warnings),
        ],
    )
    if dataset.warnings:
        warnings = dataset.warnings
        frame = pa.table(
            {
                "import_id": pa.array([import_id] * len(warnings), type=pa.int32()),
                "level": [p.level for p in warnings],
                "file": [p.file for p in warnings],
                "sheet": pa.array([p.sheet for p in warnings], type=pa.string()),
                "row_number": pa.array([p.row for p in warnings], type=pa.int32()),
                "column_name": pa.array([p.column for p in warnings], type=pa.string()),
                "table_name": pa.array([p.table for p in warnings], type=pa.string()),
                "message": [p.message for p in warnings],
                "village_code": pa.array([p.village for p in warnings], type=pa.string()),
            }
        )
        con.register("_warnings", frame)
        try:
            con.execute(
                "INSERT INTO import_problems (import_id, level, file, sheet, row_number, column_name, "
                "table_name, message, village_code) SELECT * FROM _warnings"
            )
        finally:
            con.unregister("_warnings")
        _warning_villages(con, dataset, import_id)
    return import_id


def _warning_villages(con: duckdb.DuckDBPyConnection, dataset: Dataset, import_id: int) -> None:
    """Record the village each located warning is about (its row's own village_code, or its
    parent's) and the household (its row's ``household_id``, if the table has one), so warnings
    can follow the area a page shows and name the household rather than a file row."""
    for name, data in dataset.tables.items():
        table = data.table
        household = "s.household_id" if "household_id" in table.column_names else "NULL::VARCHAR"
        if table.has_village_code:
            source = f"SELECT s._row, s.village_code, {household} AS household_id FROM {data.staged} AS s"
        elif table.village_via is not None:
            parent, column = table.village_via
            source = (
                f"SELECT s._row, p.village_code, {household} AS household_id FROM {data.staged} AS s "
                f"JOIN (SELECT {column}, village_code FROM {parent}) AS p USING ({column})"
            )
        else:
            continue
        con.execute(
            f"UPDATE import_problems AS p SET village_code = s.village_code, household_id = s.household_id "
            f"FROM ({source}) AS s "
            "WHERE p.import_id = ? AND p.table_name = ? AND p.row_number = s._row",
            [import_id, name],
        )


def latest_import(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the last committed import (0 for a store without any)."""
    return int(con.execute("SELECT coalesce(max(import_id), 0) FROM import_log").fetchone()[0])


def villages_touched_since(con: duckdb.DuckDBPyConnection, import_id: int) -> set[str] | None:
    """The villages the imports committed after ``import_id`` covered; ``None`` when some of
    those imports predate the record of covered villages (``import_villages``), so which
    villages they touched is unknown (a caller treats every area as touched)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    later = [
        r[0]
        for r in con.execute("SELECT import_id FROM import_log WHERE import_id > ?", [import_id]).fetchall()
    ]
    if not later:
        return set()
    if "import_villages" not in tables:
        return None
    recorded = con.execute(
        "SELECT import_id, village_code FROM import_villages WHERE import_id > ?", [import_id]
    ).fetchall()
    first_recorded = con.execute("SELECT min(import_id) FROM import_villages").fetchone()[0]
    if first_recorded is None or min(later) < first_recorded:  # possibly from before the record
        return None
    return {r[1] for r in recorded}
