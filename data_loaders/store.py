"""The DuckDB store: schema, atomic imports that replace rows village by village, and the
checks that need the database.

How an import never loses data, and works while the dashboard is running:

1. The store file is copied to a working file beside it (or a new one is made).
2. In one transaction on the working file, the input's rows replace the rows of the villages
   it covers, and every reference and key is checked on that new state.
3. If anything is wrong the working file is thrown away: the store was never touched.
   Otherwise the working file is checkpointed, closed and swapped in with ``os.replace``,
   which is atomic. Readers that still have the old file open keep reading it; new readers
   (see :func:`open_read_only`) see the new one.

Only one import runs at a time (an exclusive lock on ``<store>.lock``). ``validate`` runs the
same steps on a throw-away copy, so validation and loading always agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from data_loaders import facts
from data_loaders.areas import check_areas
from data_loaders.causes import Cause, key_noun
from data_loaders.migrate import (
    SCHEMA_VERSION,
    check_version,
    migrate_connection,
    migrate_file,
    stored_version,
)
from data_loaders.readers import RawInput
from data_loaders.report import Report, build_report
from data_loaders.schema import REPLACE_ORDER, TABLES, TABLES_BY_NAME, Reference, Table
from data_loaders.settings import DEFAULT_TARGETS, IMPORT_MEMORY_LIMIT, Targets
from data_loaders.validate import Dataset, TableData, check_input

SQL_DIR = Path(__file__).resolve().parent / "sql"
DATA_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES)

LOG_DDL = (
    """CREATE TABLE IF NOT EXISTS import_log (
        import_id INTEGER, imported_at TIMESTAMP, file_name VARCHAR, sha256 VARCHAR,
        rows_json VARCHAR, warnings INTEGER)""",
    """CREATE TABLE IF NOT EXISTS import_problems (
        import_id INTEGER, level VARCHAR, file VARCHAR, sheet VARCHAR, row_number INTEGER,
        column_name VARCHAR, table_name VARCHAR, message VARCHAR, village_code VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
)


@cache
def sql(name: str) -> str:
    """A query kept in ``data_loaders/sql/<name>.sql`` (``{round_order}`` put in)."""
    return facts.fill((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the contract (and the import log) if missing; an older store is
    migrated forward in place (callers work on a copy), a newer one refused."""
    version = stored_version(con)
    check_version(version, Path("store"))
    if version is not None and version < SCHEMA_VERSION:
        migrate_connection(con, version)
    for table in TABLES:
        columns = [f"{c.name} {c.sql_type}" for c in table.columns]
        columns += [f"{name} {sql_type}" for name, sql_type in table.derived]
        con.execute(f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(columns)})")
    for ddl in LOG_DDL:
        con.execute(ddl)
    facts.create(con)
    if not con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def stored_columns(table: Table) -> list[str]:
    """The columns a table has in DuckDB: the contract's, then derived ones."""
    return [*table.column_names, *(name for name, _ in table.derived)]


# --- results ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportResult:
    """What an import (or a dry run) found and did."""

    dataset: Dataset
    committed: bool = False
    import_id: int | None = None
    rows_in_file: dict[str, int] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)  # rows per table before
    after: dict[str, int] = field(default_factory=dict)  # rows per table after (or would be)
    covered_villages: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # codes outside the importer's areas

    @property
    def ok(self) -> bool:
        return not self.dataset.errors

    @property
    def report(self) -> Report:
        """The problems grouped by root cause (:mod:`data_loaders.report`)."""
        return build_report(self.dataset.problems, unlisted=self.dataset.unlisted)


# --- staging and replacing -------------------------------------------------------------------


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


def _create_covered(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> list[str]:
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


def _delete_covered(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> dict[str, int]:
    """Delete the covered villages' rows of each table in the input; rows deleted per table."""
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
        con.execute(f"DELETE FROM {name} WHERE {where}")
    if "officers" in dataset.tables:
        con.execute("DELETE FROM officers WHERE officer_id IN (SELECT officer_id FROM stg_officers)")
    return deleted


def _dropped_rows(con: duckdb.DuckDBPyConnection, table: Table, where: str) -> int:
    """Rows about to be deleted whose key the input does not send again (they will be gone)."""
    same_key = " AND ".join(f"s.{k} = t.{k}" for k in table.key)
    return con.execute(
        f"SELECT count(*) FROM {table.name} AS t WHERE ({where}) "
        f"AND NOT EXISTS (SELECT 1 FROM stg_{table.name} AS s WHERE {same_key})"
    ).fetchall()[0][0]


def _insert_input(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    for name in dataset.tables:
        columns = ", ".join(stored_columns(TABLES_BY_NAME[name]))
        con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM stg_{name}")


def _warn_dropped(dataset: Dataset, dropped: dict[str, int]) -> None:
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
            )


# --- checks on the state the import would produce ---------------------------------------------


def _key_conflicts(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    """Input rows whose key a database row still holds after the covered rows were deleted.

    Runs before the input is inserted, so every match is a row of another village (or of a
    village this file does not cover), never the file's own duplicates. A row whose village
    code was wrong (and so blanked) lost its village: its conflict follows from that code.
    """
    wrong_code = {
        (p.file, p.sheet, p.row): p.cause
        for p in dataset.problems
        if p.cause is not None and p.cause.kind == "bad_village_code"
    }
    for name, data in dataset.tables.items():
        table = data.table
        if table.upsert:
            continue
        on = " AND ".join(f"t.{k} = s.{k}" for k in table.key)
        other = "t.village_code" if table.has_village_code else "NULL"
        keys = ", ".join(f"s.{k}" for k in table.key)
        rows = con.execute(
            f"SELECT DISTINCT s._row, {keys}, {other} FROM stg_{name} AS s JOIN {name} AS t ON {on} ORDER BY 1"
        ).fetchall()
        for row_number, *values in rows:
            other_village = values.pop()
            shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, values, strict=True))
            if other_village:
                th = f"รหัส {shown} เป็นของหมู่บ้าน {other_village} ในฐานข้อมูลแล้ว ใช้รหัสใหม่ หรือแก้ที่หมู่บ้านเดิม"
                en = f"{shown} already belongs to village {other_village} in the database; use a new key or correct it there"
            else:
                th = f"รหัส {shown} มีอยู่แล้วในฐานข้อมูล (หมู่บ้านที่ไฟล์นี้ไม่ได้ครอบคลุม)"
                en = f"{shown} already exists in the database for a village this file does not cover"
            where = data.at(row_number, table.key[0])
            dataset.add("error", where, f"{th} / {en}", name, cause=wrong_code.get(where[:3]))


def _reference_label(ref: Reference) -> str:
    parent = TABLES_BY_NAME[ref.parent]
    return f"{parent.label_th} ({parent.name})"


def _dangling_from_input(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, data: TableData, ref: Reference
) -> None:
    table = data.table
    match = " AND ".join(f"p.{pc} = s.{c}" for c, pc in zip(ref.columns, ref.parent_columns, strict=True))
    not_null = " AND ".join(f"s.{c} IS NOT NULL" for c in ref.columns)
    cols = ", ".join(f"s.{c}" for c in ref.columns)
    rows = con.execute(
        f"SELECT s._row, {cols} FROM stg_{table.name} AS s WHERE {not_null} "
        f"AND NOT EXISTS (SELECT 1 FROM {ref.parent} AS p WHERE {match}) ORDER BY s._row"
    ).fetchall()
    for row_number, *values in rows:
        shown = ", ".join(f"{c}={v}" for c, v in zip(ref.columns, values, strict=True))
        cause = Cause(
            "missing_parent", ref.parent, tuple(zip(ref.parent_columns, map(str, values), strict=True))
        )
        if ref.parent == "training_days":
            th = f"ไม่มีวันอบรม {shown} ในไฟล์หรือฐานข้อมูล (ต้องบันทึกวันอบรมก่อนการเข้าร่วม)"
            en = f"there is no training day {shown} in the file or the database (record the training day first)"
        else:
            th = f"ไม่พบ {_reference_label(ref)} {shown} ในไฟล์หรือฐานข้อมูล"
            en = f"{ref.parent} {shown} is not in the file or the database"
        column = ref.columns[-1] if ref.parent == "training_days" else ref.columns[0]
        dataset.add("error", data.at(row_number, column), f"{th} / {en}", table.name, cause=cause)


def _dangling_in_database(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, table: Table, ref: Reference
) -> None:
    """Database rows the input leaves pointing at a row it removed."""
    match = " AND ".join(f"p.{pc} = c.{col}" for col, pc in zip(ref.columns, ref.parent_columns, strict=True))
    not_null = " AND ".join(f"c.{col} IS NOT NULL" for col in ref.columns)
    from_input = ""
    if table.name in dataset.tables:
        same_key = " AND ".join(f"s.{k} = c.{k}" for k in table.key)
        from_input = f"AND NOT EXISTS (SELECT 1 FROM stg_{table.name} AS s WHERE {same_key})"
    keys = ", ".join(f"c.{k}" for k in table.key)
    cols = ", ".join(f"c.{col}" for col in ref.columns)
    rows = con.execute(
        f"SELECT {keys}, {cols}, {'c.village_code' if table.has_village_code else 'NULL'} "
        f"FROM {table.name} AS c WHERE {not_null} {from_input} "
        f"AND NOT EXISTS (SELECT 1 FROM {ref.parent} AS p WHERE {match}) ORDER BY ALL LIMIT 200"
    ).fetchall()
    sheets = ", ".join((table.name, *table.sheet_aliases))
    for values in rows:
        key = ", ".join(f"{k}={v}" for k, v in zip(table.key, values, strict=False))
        ref_values = ", ".join(
            f"{c}={v}" for c, v in zip(ref.columns, values[len(table.key) : -1], strict=True)
        )
        th = (
            f"ในฐานข้อมูลมี{table.label_th} ({table.name}: {key}) ที่อ้างถึง {_reference_label(ref)} {ref_values} "
            f"ซึ่งไฟล์นี้ไม่มีแล้ว ให้ใส่ชีต {sheets} ของหมู่บ้านนั้นมาด้วย หรือคงแถว {ref.parent} ไว้ในไฟล์"
        )
        en = (
            f"the database has {table.name} row ({key}) referring to {ref.parent} {ref_values}, which this file "
            f"removes; include the sheet {sheets} for that village, or keep the {ref.parent} row in the file"
        )
        parent_key = values[len(table.key) : -1]
        cause = Cause(
            "missing_parent", ref.parent, tuple(zip(ref.parent_columns, map(str, parent_key), strict=True))
        )
        dataset.add(
            "error", (dataset.name, "-", None, ref.columns[0]), f"{th} / {en}", table.name, cause=cause
        )


def _check_references(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    for table in TABLES:
        for ref in table.references:
            if table.name in dataset.tables:
                _dangling_from_input(con, dataset, dataset.tables[table.name], ref)
            if ref.parent in dataset.tables:
                _dangling_in_database(con, dataset, table, ref)
    if "attendance" in dataset.tables:
        data = dataset.tables["attendance"]
        repeated = dataset.duplicates.get("households", {})
        for row_number, household, village, other in con.execute(sql("attendance_wrong_village")).fetchall():
            # A household given twice, in two villages, is "of another village" for one of them.
            cause = (
                Cause("duplicate_key", "households", (("household_id", household),))
                if (household,) in repeated
                else None
            )
            dataset.add(
                "error",
                data.at(row_number, "household_id"),
                f"ครัวเรือน {household} เป็นของหมู่บ้าน {other} ไม่ใช่ {village} / "
                f"household {household} belongs to village {other}, not {village}",
                "attendance",
                cause=cause,
            )


DEPENDANTS_LISTED = 200  # rows listed one by one under one duplicated key; the rest are counted
NOTES_LISTED = 10_000  # such rows listed in all, however many keys are duplicated


def _duplicate_dependants(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    """Rows of the file that refer to a key the file gives twice, as notes under that key.

    Such a row is not wrong in itself, but the officer must decide which of the repeated rows
    it means before the duplicate can be fixed. Rows that already carry a problem of the same
    cause (attendance of another village) are not noted again. Listing is capped
    (``DEPENDANTS_LISTED`` per key, ``NOTES_LISTED`` in all); the rest are counted in
    ``dataset.unlisted``.
    """
    already = {(p.file, p.sheet, p.row, p.cause) for p in dataset.problems if p.cause is not None}
    budget = NOTES_LISTED
    for parent_name, repeated in dataset.duplicates.items():
        parent = TABLES_BY_NAME[parent_name]
        children = [
            (dataset.tables[child.name], ref)
            for child in TABLES
            if child.name in dataset.tables
            for ref in child.references
            if ref.parent == parent_name and ref.parent_columns == parent.key
        ]
        if not children:
            continue
        width = len(parent.key)
        keys = pa.table({f"k{i}": pa.array([k[i] for k in repeated], type=pa.string()) for i in range(width)})
        con.register("_repeated", keys)
        try:
            for data, ref in children:
                budget = _note_dependants(con, dataset, data, ref, repeated, already, budget)
        finally:
            con.unregister("_repeated")


def _note_dependants(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    data: TableData,
    ref: Reference,
    repeated: dict[tuple[str, ...], list[int]],
    already: set[tuple[Any, ...]],
    budget: int,
) -> int:
    """The notes for one child sheet's rows referring to a repeated key (in ``_repeated``);
    returns the notes still allowed."""
    parent = TABLES_BY_NAME[ref.parent]
    place = dataset.tables[ref.parent]
    sheet = place.sheet or place.file
    noun_th, noun_en = key_noun(ref.parent)
    by_key = ", ".join(f"d.k{i}" for i in range(len(parent.key)))
    on = " AND ".join(f"CAST(s.{c} AS VARCHAR) = d.k{i}" for i, c in enumerate(ref.columns))
    found = con.execute(
        f"SELECT {by_key}, s._row, count(*) OVER (PARTITION BY {by_key}) AS n, "
        f"row_number() OVER (PARTITION BY {by_key} ORDER BY s._row) AS k "
        f"FROM stg_{data.table.name} AS s JOIN _repeated AS d ON {on} "
        "QUALIFY k <= $listed ORDER BY s._row",
        {"listed": DEPENDANTS_LISTED},
    ).fetchall()
    column = ref.columns[-1] if len(ref.columns) > 1 else ref.columns[0]
    for *key, row_number, total, rank in found:
        values = tuple(key)
        cause = Cause("duplicate_key", ref.parent, tuple(zip(parent.key, values, strict=True)))
        if rank == 1 and total > DEPENDANTS_LISTED:
            dataset.unlisted[cause] = dataset.unlisted.get(cause, 0) + total - DEPENDANTS_LISTED
        where = data.at(row_number, column)
        if (where[0], where[1], row_number, cause) in already:
            continue
        if budget <= 0:
            dataset.unlisted[cause] = dataset.unlisted.get(cause, 0) + 1
            continue
        budget -= 1
        rows = repeated[values]
        shown_rows = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
        dataset.add(
            "note",
            where,
            f"อ้างถึง{noun_th} {cause.shown} ซึ่งซ้ำกันในชีต {sheet} (แถว {shown_rows}) "
            f"ต้องระบุว่าแถวนี้หมายถึงแถวใด / refers to {noun_en} {cause.shown}, which is given "
            f"more than once in {sheet} (rows {shown_rows}); decide which one this row means",
            data.table.name,
            cause=cause,
        )
    return budget


def _village_where(
    con: duckdb.DuckDBPyConnection, dataset: Dataset
) -> dict[str, tuple[str, str | None, int | None, str | None]]:
    """Where to report a whole-village warning: its row in the villages sheet, if any."""
    if "villages" not in dataset.tables:
        return {}
    data = dataset.tables["villages"]
    rows = con.execute(
        "SELECT village_code, _row FROM stg_villages WHERE village_code IS NOT NULL"
    ).fetchall()
    return {code: data.at(row, "village_code") for code, row in rows}


def _check_warnings(con: duckdb.DuckDBPyConnection, dataset: Dataset, targets: Targets) -> None:
    where = _village_where(con, dataset)
    rows = con.execute(
        sql("village_warnings"),
        {
            "households_target": targets.households_per_village,
            "trainers_target": targets.trainers_per_village,
        },
    ).fetchall()
    for village, households, trainers, leads in rows:
        at = where.get(village, (dataset.name, "-", None, "village_code"))
        if households < targets.households_per_village:
            dataset.add(
                "warning",
                at,
                f"หมู่บ้าน {village} มีครัวเรือนเป้าหมาย {households} ครัวเรือน น้อยกว่าเป้า {targets.households_per_village} / "
                f"village {village} has {households} target households, fewer than the target of {targets.households_per_village}",
                "villages",
            )
        if trainers < targets.trainers_per_village or leads == 0:
            lead_th = "" if leads else " และไม่มีปราชญ์ (หัวหน้าทีม)"
            lead_en = "" if leads else " and no lead (ปราชญ์)"
            dataset.add(
                "warning",
                at,
                f"หมู่บ้าน {village} มีวิทยากร {trainers} คน (เป้า {targets.trainers_per_village}){lead_th} / "
                f"village {village} has {trainers} trainers (target {targets.trainers_per_village}){lead_en}",
                "villages",
            )
    if "income_surveys" not in dataset.tables:
        return
    data = dataset.tables["income_surveys"]
    factor = targets.income_jump_factor
    for row_number, income, prev, prev_round in con.execute(
        sql("income_jumps"), {"factor": factor}
    ).fetchall():
        dataset.add(
            "warning",
            data.at(row_number, "household_income"),
            f"รายได้ {income:,.0f} บาท/ปี ต่างจากรอบ {prev_round} ({prev:,.0f} บาท/ปี) เกิน {factor:g} เท่า โปรดตรวจสอบ / "
            f"income {income:,.0f} baht/year differs from round {prev_round} ({prev:,.0f}) by more than {factor:g} times; please check",
            "income_surveys",
        )
    for row_number, survey_date, first_date, village in con.execute(
        sql("surveys_before_training")
    ).fetchall():
        dataset.add(
            "warning",
            data.at(row_number, "survey_date"),
            f"สำรวจหลังอบรมวันที่ {survey_date} ก่อนวันอบรมวันแรกของหมู่บ้าน {village} ({first_date}) / "
            f"a survey after baseline is dated {survey_date}, before village {village}'s first training day ({first_date})",
            "income_surveys",
        )


# --- the store file --------------------------------------------------------------------------


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per data table."""
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in DATA_TABLES}


def table_checksums(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, str]:
    """A sha256 per table over its rows in a fixed order: equal checksums, equal content."""
    sums = {}
    for name in tables:
        rows = con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
        sums[name] = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()
    return sums


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


def _copy_store(db: Path, work: Path) -> None:
    if db.exists():
        shutil.copyfile(db, work)
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, work.with_name(work.name + ".wal"))


def _run(
    work: Path, raw: RawInput, *, commit: bool, targets: Targets, areas: tuple[str, ...] | None = None
) -> ImportResult:
    """Check the input and apply it to the working copy; commit only when asked and all is well."""
    con = connect_for_import(work)
    try:
        ensure_schema(con)
        dataset = check_input(raw, con)
        result = ImportResult(dataset)
        result.before = row_counts(con)
        result.rows_in_file = {name: d.row_count for name, d in dataset.tables.items()}
        con.begin()
        result.covered_villages = _create_covered(con, dataset)
        if areas is not None:
            result.outside = check_areas(con, dataset, areas)
        dropped = _delete_covered(con, dataset)
        # Broken cells were staged as blanks, which these checks skip, so they add no noise.
        _key_conflicts(con, dataset)
        _insert_input(con, dataset)
        _warn_dropped(dataset, dropped)
        _check_references(con, dataset)
        _check_warnings(con, dataset, targets)
        _duplicate_dependants(con, dataset)
        result.after = row_counts(con)
        if commit and result.ok:
            # the facts pages read, for the villages this import replaced (data_loaders/facts.py)
            facts.refresh(con, "SELECT village_code FROM covered_villages")
            result.import_id = _log_import(con, dataset, result)
            con.commit()
            con.execute("CHECKPOINT")
            result.committed = True
        else:
            con.rollback()
    finally:
        con.close()
    return result


def _log_import(con: duckdb.DuckDBPyConnection, dataset: Dataset, result: ImportResult) -> int:
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
            }
        )
        con.register("_warnings", frame)
        try:
            con.execute(
                "INSERT INTO import_problems (import_id, level, file, sheet, row_number, column_name, "
                "table_name, message) SELECT * FROM _warnings"
            )
        finally:
            con.unregister("_warnings")
        _warning_villages(con, dataset, import_id)
    return import_id


def connect_for_import(work: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the working copy, with memory bounded: big imports spill to
    a temporary folder beside the store rather than grow (``IMPORT_MEMORY_LIMIT``)."""
    con = duckdb.connect(str(work))
    con.execute(f"SET memory_limit = '{IMPORT_MEMORY_LIMIT}'")
    con.execute("SET temp_directory = ?", [str(work.with_name(work.name + ".tmp"))])
    con.execute("SET preserve_insertion_order = true")
    return con


def _warning_villages(con: duckdb.DuckDBPyConnection, dataset: Dataset, import_id: int) -> None:
    """Record the village each located warning is about (its row's own village_code, or its
    parent's), so warnings can follow the area a page shows."""
    for name, data in dataset.tables.items():
        table = data.table
        if table.has_village_code:
            source = f"SELECT _row, village_code FROM {data.staged}"
        elif table.village_via is not None:
            parent, column = table.village_via
            source = (
                f"SELECT s._row, p.village_code FROM {data.staged} AS s JOIN "
                f"(SELECT {column}, village_code FROM {parent}) AS p USING ({column})"
            )
        else:
            continue
        con.execute(
            f"UPDATE import_problems AS p SET village_code = s.village_code FROM ({source}) AS s "
            "WHERE p.import_id = ? AND p.table_name = ? AND p.row_number = s._row",
            [import_id, name],
        )


def import_dataset(
    raw: RawInput,
    db: Path,
    *,
    commit: bool,
    targets: Targets = DEFAULT_TARGETS,
    areas: tuple[str, ...] | None = None,
) -> ImportResult:
    """Check ``raw`` against the store at ``db`` and, if ``commit`` and all is well, import it.

    With ``commit=False`` (validate) the store is only read. A failed import leaves the store
    file exactly as it was.
    """
    db = db.resolve()
    if not commit:
        with tempfile.TemporaryDirectory(prefix="sammachip-") as tmp:
            work = Path(tmp) / "check.duckdb"
            _copy_store(db, work)
            return _run(work, raw, commit=False, targets=targets, areas=areas)
    with import_lock(db):
        return commit_locked(raw, db, targets=targets, areas=areas)


def commit_locked(
    raw: RawInput, db: Path, *, targets: Targets = DEFAULT_TARGETS, areas: tuple[str, ...] | None = None
) -> ImportResult:
    """The import itself; the caller holds :func:`import_lock` for ``db``."""
    migrate_file(db)  # an older store moves forward first, with a backup beside it
    work = db.with_name(f".{db.name}.{os.getpid()}.importing")
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        _copy_store(db, work)
        result = _run(work, raw, commit=True, targets=targets, areas=areas)
        if result.committed:
            os.replace(work, db)
            db.with_name(db.name + ".wal").unlink(missing_ok=True)
            _fsync_dir(db.parent)
        return result
    finally:
        for leftover in (work, work.with_name(work.name + ".wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(work.with_name(work.name + ".tmp"), ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
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


def _export_cell(value: Any) -> Any:
    """A stored value written back in the contract's canonical form."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_folder(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write every data table as ``<table>.csv`` in canonical form, re-importable as it is."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        columns = ", ".join(table.column_names)
        order = ", ".join(table.key)
        rows = con.execute(f"SELECT {columns} FROM {table.name} ORDER BY {order}").fetchall()
        with open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            writer.writerows([_export_cell(v) for v in row] for row in rows)
        counts[table.name] = len(rows)
    return counts
