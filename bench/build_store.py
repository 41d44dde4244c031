"""Build a dashboard store straight from a generated national folder, for timing the pages.

The generated CSVs are already canonical (``sample.national``), so this skips the
import's checks: it creates the schema with :func:`data_loaders.store.store.ensure_schema`, casts
every column with one ``INSERT ... SELECT`` per table, and fills the villages' derived place
columns (codes and English names) from ``geothai`` by SQL. It is a benchmark tool, not an
import: use ``python -m data_loaders load`` for real data.

    python -m bench.build_store DIR --db FILE
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb
import geothai
import pandas as pd

from data_loaders.contract.schema import TABLES, Column, Table
from data_loaders.store import derived
from data_loaders.store.store import ensure_schema, facts
from data_loaders.store.versions import ADDED_IN
from metrics import rollup_build  # noqa: F401  registers the area roll-ups with derived


def _cast(column: Column) -> str:
    """SQL turning the canonical text cell ``c`` into the stored type of the column."""
    name = f'"{column.name}"'
    blank = f"nullif(trim({name}), '')"
    if column.kind == "bool":
        return f"CASE {blank} WHEN 'yes' THEN true WHEN 'no' THEN false END"
    if column.kind == "list":
        return (
            f"CASE WHEN {blank} IS NULL THEN NULL ELSE "
            f"[trim(x) FOR x IN regexp_split_to_array({name}, '[;,]') IF trim(x) <> ''] END"
        )
    if column.kind in ("phone", "national_id"):
        return f"nullif(regexp_replace({name}, '[\\s\\-().]', '', 'g'), '')"
    if column.sql_type == "VARCHAR":
        return blank
    return f"CAST({blank} AS {column.sql_type})"


def _places() -> pd.DataFrame:
    rows = [
        (s.code, s.name_en, d.code, d.name_en, p.code, p.name_en)
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
        for s in geothai.subdistricts(d.code)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "tambon_code",
            "tambon_name_en",
            "district_code",
            "district_name_en",
            "province_code",
            "province_name_en",
        ],
    )


def _insert(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> None:
    source = f"read_csv('{path.as_posix()}', all_varchar = true, header = true)"
    select = ", ".join(f"{_cast(c)} AS {c.name}" for c in table.columns)
    names = ", ".join(table.column_names)
    if table.name == "villages":
        derived = ", ".join(name for name, _ in table.derived)
        con.execute(
            f"INSERT INTO villages ({names}, {derived}) "
            f"SELECT v.*, p.province_code, p.district_code, p.tambon_code, "
            f"p.province_name_en, p.district_name_en, p.tambon_name_en "
            f"FROM (SELECT {select} FROM {source}) AS v "
            f"LEFT JOIN places AS p ON p.tambon_code = substr(v.village_code, 1, 6)"
        )
    else:
        con.execute(f"INSERT INTO {table.name} ({names}) SELECT {select} FROM {source}")


def build_store(folder: Path, db: Path, *, memory_limit: str = "2GB") -> dict[str, int]:
    """Write ``db`` (replaced if present) from ``folder/<table>.csv``; rows per table."""
    db.parent.mkdir(parents=True, exist_ok=True)
    work = db.with_suffix(".building")
    work.unlink(missing_ok=True)
    con = duckdb.connect(str(work))
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute("SET preserve_insertion_order = false")
        ensure_schema(con)
        places = _places()  # noqa: F841 - read by the SQL
        con.execute("CREATE TEMP TABLE places AS SELECT * FROM places")
        counts = {}
        for table in TABLES:
            path = folder / f"{table.name}.csv"
            if path.exists():
                _insert(con, table, path)
            counts[table.name] = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]  # type: ignore[index]
        for table in TABLES:  # stored as the one import would store them: data version 1
            con.execute(f"UPDATE {table.name} SET {ADDED_IN} = 1")
        facts.refresh(con)  # the facts an import keeps for the pages
        derived.rebuild(con)  # and the area roll-ups (metrics/rollup_build.py)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(work, db)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_store", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = build_store(args.folder, args.db)
    print(f"{sum(counts.values()):,} rows in {time.perf_counter() - start:.1f} s -> {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
