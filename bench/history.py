"""The storage cost of data versions (``data_loaders/store/versions.py``), issue 20's budget:
twelve monthly imports, each replacing 5% of the villages of a national year, may grow the store
to at most 1.6× its size without history.

The national year is imported once (version 1); then twelve corrections, each every row of a
different 5% of the villages (each later survey round's income 1,000 baht higher), are imported
through the same path as ``python -m data_loaders load``. The store is then copied twice into
fresh files (so both are compact, as DuckDB does not shrink a file in place): whole, and
without its history (no ``history_<table>``, no ``import_villages``, no ``added_in``). The
ratio of the two is the figure the budget is about. The worst case (every row the corrections
resent had changed, so all of them went to history) is measured beside it. ``python -m bench.history DATA --work DIR``
runs it alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from data_loaders.contract.schema import TABLES
from data_loaders.store.importer import check_path
from data_loaders.store.store import export_folder
from data_loaders.store.versions import ADDED_IN, HISTORY_PREFIX

IMPORTS = 12
SHARE = 0.05  # of the villages, per import
BUDGET = 1.6


def _part(store: Path, folder: Path, month: int, every: int) -> int:
    """Every row of the villages whose rank is ``month`` modulo ``every`` (a different 1/every of
    them each month), later incomes 1,000 baht higher, as a CSV folder; returns its villages."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS s (READ_ONLY)", [str(store)])
        con.execute(
            "CREATE TABLE chosen AS SELECT village_code FROM (SELECT village_code, "
            "row_number() OVER (ORDER BY village_code) AS n FROM s.main.villages) WHERE n % ? = ?",
            [every, month % every],
        )
        for table in TABLES:
            columns = ", ".join(f"t.{c}" for c in table.column_names)
            if table.has_village_code:
                where = "t.village_code IN (SELECT village_code FROM chosen)"
            elif table.village_via is not None:
                parent, key = table.village_via
                where = (
                    f"t.{key} IN (SELECT {key} FROM s.main.{parent} "
                    "WHERE village_code IN (SELECT village_code FROM chosen))"
                )
            else:  # officers: those of the chosen villages
                where = (
                    "t.officer_id IN (SELECT officer_id FROM s.main.villages "
                    "WHERE village_code IN (SELECT village_code FROM chosen))"
                )
            con.execute(
                f"CREATE TABLE {table.name} AS SELECT {columns} FROM s.main.{table.name} AS t WHERE {where}"
            )
        con.execute(
            "UPDATE income_surveys SET household_income = household_income + 1000 WHERE round <> 'baseline'"
        )
        export_folder(con, folder)
        return con.execute("SELECT count(*) FROM chosen").fetchall()[0][0]
    finally:
        con.close()


def _compact_size(store: Path, out: Path, *, history: bool) -> int:
    """Bytes of a fresh copy of ``store``: whole, or without its history."""
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    try:
        con.execute("ATTACH ? AS s (READ_ONLY)", [str(store)])
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 's'"
            ).fetchall()
        ]
        data = {t.name for t in TABLES}
        for name in names:
            if not history and (name.startswith(HISTORY_PREFIX) or name == "import_villages"):
                continue
            select = f"SELECT * EXCLUDE ({ADDED_IN})" if name in data and not history else "SELECT *"
            con.execute(f"CREATE TABLE main.{name} AS {select} FROM s.main.{name}")
        con.execute("DETACH s")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return out.stat().st_size


def _worst_case_size(store: Path, out: Path) -> int:
    """Bytes of a fresh copy of ``store`` without its history plus, as history, every row of the
    villages the later imports covered: what the history would hold had every resent row
    changed (the worst case; the import keeps only the rows that changed)."""
    out.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    try:
        con.execute("ATTACH ? AS s (READ_ONLY)", [str(store)])
        con.execute(
            "CREATE TEMP TABLE later AS SELECT DISTINCT village_code FROM s.main.import_villages WHERE import_id > 1"
        )
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 's'"
            ).fetchall()
        ]
        data = {t.name: t for t in TABLES}
        for name in names:
            if name.startswith(HISTORY_PREFIX) or name == "import_villages":
                continue
            select = f"SELECT * EXCLUDE ({ADDED_IN})" if name in data else "SELECT *"
            con.execute(f"CREATE TABLE main.{name} AS {select} FROM s.main.{name}")
        for table in TABLES:
            if table.has_village_code:
                where = "t.village_code IN (SELECT village_code FROM later)"
            elif table.village_via is not None:
                parent, key = table.village_via
                where = f"t.{key} IN (SELECT {key} FROM s.main.{parent} WHERE village_code IN (SELECT village_code FROM later))"
            else:
                continue
            con.execute(
                f"CREATE TABLE main.{HISTORY_PREFIX}{table.name} AS SELECT t.*, 2 AS replaced_in "
                f"FROM s.main.{table.name} AS t WHERE {where}"
            )
        con.execute("DETACH s")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return out.stat().st_size


def bench_history(data: Path, work: Path, *, imports: int = IMPORTS, share: float = SHARE) -> dict[str, Any]:
    """Import ``data`` then ``imports`` corrections of ``share`` of the villages; the sizes."""
    db = work / "history.duckdb"
    for leftover in (db, db.with_name(db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    assert check_path(data, db, commit=True).committed, "the national year does not import"
    first_import_s = time.perf_counter() - started
    every = round(1 / share)
    seconds, villages = [], []
    for month in range(imports):
        part = work / f"history-part-{month + 1}"
        villages.append(_part(db, part, month, every))
        started = time.perf_counter()
        result = check_path(part, db, commit=True)
        assert result.committed, [p.line() for p in result.dataset.errors[:5]]
        seconds.append(round(time.perf_counter() - started, 1))
    with_history = _compact_size(db, work / "history-whole.duckdb", history=True)
    without = _compact_size(db, work / "history-without.duckdb", history=False)
    worst = _worst_case_size(db, work / "history-worst.duckdb")
    return {
        "imports": imports,
        "villages_per_import": villages,
        "first_import_s": round(first_import_s, 1),
        "import_s": seconds,
        "store_file_mb": round(db.stat().st_size / 1e6, 1),
        "compact_with_history_mb": round(with_history / 1e6, 1),
        "compact_without_history_mb": round(without / 1e6, 1),
        "ratio": round(with_history / without, 3),
        "worst_case_mb": round(worst / 1e6, 1),  # had every resent row changed
        "worst_case_ratio": round(worst / without, 3),
        "budget": BUDGET,
        "met": with_history / without <= BUDGET,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", type=Path, help="a national year as a CSV folder (python -m data_loaders sample)"
    )
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(bench_history(args.data, args.work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
