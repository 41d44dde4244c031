"""Raw sheets into DuckDB as text: one ``raw_<table>`` per sheet, columns ``c0 … cN`` and the
spreadsheet row number ``_row``; rows whose every cell is blank are dropped (but counted).

A CSV file that DuckDB can number exactly (no blank line inside it, no record spanning lines,
every record as wide as the header) is read by DuckDB's own reader in one set-based pass. Any
other file, and every workbook, goes through rows in memory, handed to DuckDB as Arrow.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from data_loaders.read.inputs import RawSheet
from data_loaders.read.readers import cell_text, csv_layout_is_plain, is_blank_cell, rows_of_csv_file


def raw_columns(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def _from_rows(
    con: duckdb.DuckDBPyConnection, name: str, rows: list[tuple[int, list[Any]]], width: int
) -> None:
    columns = {
        f"c{i}": pa.array(
            [cell_text(cells[i]) if i < len(cells) else None for _, cells in rows], type=pa.string()
        )
        for i in range(width)
    }
    columns["_row"] = pa.array([number for number, _ in rows], type=pa.int32())
    con.register("_rows", pa.table(columns))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _from_csv(con: duckdb.DuckDBPyConnection, name: str, sheet: RawSheet, width: int) -> bool:
    """Read the file with DuckDB in one pass; False when its layout needs the slow path.

    The table keeps every record, blank ones too, in file order, so record n (``rowid`` n - 1)
    is spreadsheet row n + 1.
    """
    assert sheet.csv_path is not None
    plain, lines = csv_layout_is_plain(sheet)
    if not plain or width == 0:
        return False
    columns = {c: "VARCHAR" for c in raw_columns(width)}
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM read_csv($path, header = false, skip = 1, "
            "all_varchar = true, auto_detect = false, delim = $delim, quote = '\"', escape = '\"', "
            "strict_mode = true, columns = $columns, encoding = 'utf-8')",
            {"path": str(sheet.csv_path), "delim": sheet.delimiter, "columns": columns},
        )
    except duckdb.Error:
        return False
    if con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] != lines - 1:
        con.execute(f"DROP TABLE {name}")
        return False
    return True


def stage_raw(con: duckdb.DuckDBPyConnection, sheet: RawSheet, name: str) -> str:
    """Create the text table ``name`` for ``sheet``; returns the SQL of its row number.

    A CSV file read by DuckDB keeps blank records (the caller drops them after parsing, see
    :func:`blank_rows`) and numbers rows by position; rows from memory carry ``_row``.
    """
    width = len(sheet.header)
    if sheet.csv_path is not None and _from_csv(con, name, sheet, width):
        return "CAST(rowid + 2 AS INTEGER)"
    rows = sheet.rows if sheet.rows is not None else rows_of_csv_file(sheet)
    width = max([width, *(len(cells) for _, cells in rows)])
    _from_rows(con, name, rows, width)
    return "_row"


def blank_rows(con: duckdb.DuckDBPyConnection, name: str, candidates: list[int], row_sql: str) -> list[int]:
    """Which of the ``candidates`` rows of raw table ``name`` are blank in every cell."""
    if not candidates:
        return []
    found = con.execute(
        f"SELECT * FROM (SELECT {row_sql} AS _n, * FROM {name}) WHERE _n IN (SELECT unnest($rows))",
        {"rows": candidates},
    ).fetchall()
    return [row[0] for row in found if all(is_blank_cell(v) for v in row[1:] if not isinstance(v, int))]
