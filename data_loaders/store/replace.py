"""Replacing by village: the villages an input covers, the deletion of their rows in the tables
it sends, the insertion of its rows, and the loud warning for rows it no longer has."""

from __future__ import annotations

import duckdb

from data_loaders.check.dataset import Dataset
from data_loaders.contract.schema import REPLACE_ORDER, TABLES, TABLES_BY_NAME, Table
from data_loaders.store.versions import insert_sql, keep_replaced


def stored_columns(table: Table) -> list[str]:
    """The columns a table has in DuckDB: the contract's, then derived ones."""
    return [*table.column_names, *(name for name, _ in table.derived)]


def _village_rows_sql(table: Table, source: str) -> str:
    """SELECT of the village codes the rows of ``source`` (a table of ``table``'s shape) belong to.

    A child without its own village_code finds it through its parent, in the input first and
    then in the database.
    """
    if table.has_village_code:
        return f"SELECT village_code FROM {source} WHERE village_code IS NOT NULL"
    assert table.village_via is not None
    parent, col = table.village_via
    return (
        f"SELECT p.village_code FROM {source} AS s JOIN ("
        f"SELECT {col}, village_code FROM {parent} UNION ALL "
        f"SELECT {col}, village_code FROM stg_{parent}) AS p USING ({col})"
    )


def create_covered(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> list[str]:
    """The villages the input covers: its villages sheet, or else the villages its rows name."""
    parents = {t.village_via[0] for t in TABLES if t.village_via}
    for parent in parents - set(dataset.tables):  # a child looks through its parent's staging table too
        con.execute(f"CREATE OR REPLACE TEMP TABLE stg_{parent} AS SELECT * FROM {parent} LIMIT 0")
    if "villages" in dataset.tables:
        select = "SELECT village_code FROM stg_villages WHERE village_code IS NOT NULL"
    else:
        parts = [
            _village_rows_sql(TABLES_BY_NAME[name], f"stg_{name}")
            for name in dataset.tables
            if name != "officers"
            and (TABLES_BY_NAME[name].has_village_code or TABLES_BY_NAME[name].village_via)
        ]
        select = " UNION ".join(parts) if parts else "SELECT NULL::VARCHAR AS village_code WHERE false"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE covered_villages AS SELECT DISTINCT village_code FROM ({select})"
    )
    return [r[0] for r in con.execute("SELECT village_code FROM covered_villages ORDER BY 1").fetchall()]


def delete_covered(con: duckdb.DuckDBPyConnection, dataset: Dataset, *, version: int) -> dict[str, int]:
    """Delete the covered villages' rows of each table in the input (moved to the table's history,
    replaced in ``version``: ``versions.py``); rows deleted per table."""
    deleted = {}
    for name in REPLACE_ORDER:
        if name not in dataset.tables:
            continue
        table = TABLES_BY_NAME[name]
        if table.has_village_code:
            where = "village_code IN (SELECT village_code FROM covered_villages)"
            if name == "reports":  # reports without a village are upserted by report_id
                where += " OR (village_code IS NULL AND report_id IN (SELECT report_id FROM stg_reports))"
        else:
            assert table.village_via is not None
            parent, col = table.village_via
            where = (
                f"{col} IN (SELECT {col} FROM {parent} "
                "WHERE village_code IN (SELECT village_code FROM covered_villages))"
            )
        deleted[name] = _dropped_rows(con, table, where)
        keep_replaced(con, name, stored_columns(table), where, version)
        con.execute(f"DELETE FROM {name} WHERE {where}")
    if "officers" in dataset.tables:
        where = "officer_id IN (SELECT officer_id FROM stg_officers)"
        keep_replaced(con, "officers", stored_columns(TABLES_BY_NAME["officers"]), where, version)
        con.execute(f"DELETE FROM officers WHERE {where}")
    return deleted


def _dropped_rows(con: duckdb.DuckDBPyConnection, table: Table, where: str) -> int:
    """Rows about to be deleted whose key the input does not send again (they will be gone)."""
    same_key = " AND ".join(f"s.{k} = t.{k}" for k in table.key)
    return con.execute(
        f"SELECT count(*) FROM {table.name} AS t WHERE ({where}) "
        f"AND NOT EXISTS (SELECT 1 FROM stg_{table.name} AS s WHERE {same_key})"
    ).fetchall()[0][0]


def insert_input(con: duckdb.DuckDBPyConnection, dataset: Dataset, *, version: int) -> None:
    """Insert the input's rows, each stored as added in ``version`` (or, sent again unchanged,
    in the version it first came: ``versions.keep_replaced``)."""
    for name in dataset.tables:
        kept = name in REPLACE_ORDER or name == "officers"  # delete_covered ran keep_replaced
        con.execute(insert_sql(name, stored_columns(TABLES_BY_NAME[name]), version, kept=kept))


def warn_dropped(dataset: Dataset, dropped: dict[str, int]) -> None:
    """Replacing a village's rows removes the ones the file no longer has: say so, loudly."""
    for name, count in dropped.items():
        if count:
            table = TABLES_BY_NAME[name]
            dataset.add(
                "warning",
                (dataset.name, "-", None, table.key[0]),
                f"การนำเข้านี้จะลบ{table.label_th} {count} แถวที่มีในฐานข้อมูลแต่ไม่มีในไฟล์ (หมู่บ้านที่ไฟล์ครอบคลุม) / "
                f"this import removes {count} {name} rows that are in the database but not in the file "
                "(for the villages the file covers)",
                name,
                kind="rows_removed",
            )
