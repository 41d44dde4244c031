"""Check one input against the data contract, sheet by sheet and cell by cell.

This is the part of validation that needs only the file: sheet and column names, every cell's
type and range, required cells, official codes, and duplicate keys inside the file. Checks
that need the database too (references, keys owned by other villages, whole-village warnings)
run in :mod:`data_loaders.store.store` on the state the import would produce.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from data_loaders.check import rules
from data_loaders.check.causes import Cause
from data_loaders.check.cells_sql import value_sql
from data_loaders.check.dataset import Dataset, Level, Problem, TableData
from data_loaders.check.normalise import CellError, parse_cell, show
from data_loaders.check.progress import Progress, step
from data_loaders.contract.limits import LIMITS
from data_loaders.contract.schema import Column, Table, expected_sheet_names, fold, table_for_sheet
from data_loaders.read.cellcheck import BAD_CHARS, SQL_BAD_CHARS, cell_problem
from data_loaders.read.inputs import InputError, RawInput, RawSheet
from data_loaders.read.reader_checks import column_name, unknown_sheet_message
from data_loaders.read.staging import blank_rows, stage_raw


def check_input(
    raw: RawInput, con: duckdb.DuckDBPyConnection | None = None, *, progress: Progress | None = None
) -> Dataset:
    """Recognise the tables of ``raw``, stage them in ``con`` and check every header and cell.

    Each recognised table ends up clean in the temporary table ``stg_<table>`` of ``con`` (a
    fresh in-memory database when none is given); bad cells are blank there. ``progress`` hears
    of each sheet as it is checked (:mod:`data_loaders.check.progress`).
    """
    if con is None:
        con = duckdb.connect()
    data = Dataset(raw.name, raw.sha256)
    for found in raw.problems:  # from the readers: hidden sheets and rows, formulas, bad headers
        level: Level = "error" if found.level == "error" else "warning"
        data.problems.append(Problem(level, found.file, found.sheet, found.row, found.column, found.message))
    recognised: list[tuple[RawSheet, Table]] = []
    for sheet in raw.sheets:
        table = table_for_sheet(sheet.name)
        if table is None:
            continue
        if table.name in data.tables:
            first = data.tables[table.name]
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, None),
                f'ตาราง {table.label_th} มีซ้ำ (ชีต "{first.sheet or first.file}" แล้ว) รวมเป็นชีตเดียว / '
                f'table {table.name} is given twice (also "{first.sheet or first.file}"); merge them into one sheet',
                table.name,
            )
            continue
        data.tables[table.name] = TableData(table, sheet.file, sheet.sheet)
        recognised.append((sheet, table))

    if not recognised:
        first = raw.sheets[0]
        found = ", ".join(s.name for s in raw.sheets)
        data.add(
            "error",
            (first.file, first.sheet, 1, None),
            f"ไม่พบตารางที่รู้จัก (พบ: {found}) ต้องใช้ชื่อชีต: {expected_sheet_names()} / "
            f"no recognisable table (found: {found}); expected sheets named: {expected_sheet_names()}",
        )
        return data
    for sheet in raw.sheets:
        if table_for_sheet(sheet.name) is None:
            data.add(
                "warning",
                (sheet.file, sheet.sheet, 1, None),
                unknown_sheet_message(sheet.name),
                kind="unknown_sheet",
            )
    for done, (sheet, table) in enumerate(recognised):
        step(progress, "check", done / len(recognised))
        _check_sheet(con, data, sheet, table)
    return data


def _map_header(data: Dataset, sheet: RawSheet, table: Table) -> dict[int, Column]:
    """Which column each header cell names; reports unknown, repeated and missing columns."""
    by_header = {fold(h): c for c in table.columns for h in c.headers}
    mapped: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(sheet.header):
        if cell is None or not str(cell).strip():
            continue
        column = by_header.get(fold(str(cell)))
        where = (sheet.file, sheet.sheet, 1, str(cell).strip())
        if column is None:
            data.add(
                "warning",
                where,
                f'ไม่รู้จักคอลัมน์ "{show(cell)}" จึงข้ามไป / unknown column "{show(cell)}" ignored',
                table.name,
                kind="unknown_column",
            )
        elif column.name in seen:
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, column.name),
                f"คอลัมน์ {column.label_th} มีซ้ำสองคอลัมน์ / column {column.name} appears twice",
                table.name,
            )
        else:
            seen[column.name] = index
            mapped[index] = column
    for column in table.columns:
        if column.required and column.name not in seen:
            accepted = ", ".join(column.headers)
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, column.name),
                f"ตาราง {table.label_th} ไม่มีคอลัมน์ {column.label_th} ที่ต้องมี (ชื่อที่รับได้: {accepted}) / "
                f"table {table.name} is missing the required column {column.name} (accepted names: {accepted})",
                table.name,
            )
    return mapped


ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _check_sheet(con: duckdb.DuckDBPyConnection, data: Dataset, sheet: RawSheet, table: Table) -> None:
    """Stage one sheet, normalise every column in SQL, then check rows and keys in SQL."""
    target = data.tables[table.name]
    mapped = _map_header(data, sheet, table)
    target.present = frozenset(c.name for c in mapped.values())
    raw_name = f"raw_{table.name}"
    row_sql = stage_raw(con, sheet, raw_name)
    _row_limit(con, sheet, raw_name)
    reader_bad = _cell_checks(con, data, sheet, raw_name, row_sql, mapped, table)
    by_name = {c.name: f"c{i}" for i, c in mapped.items()}
    selects = [f"{row_sql} AS _row"]
    for column in table.columns:
        source = by_name.get(column.name)
        selects.append(
            f"{value_sql(column, source)} AS {column.name}"
            if source
            else f"NULL::{column.sql_type} AS {column.name}"
        )
    selects += [f"NULL::{sql_type} AS {name}" for name, sql_type in table.derived]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {target.staged} AS SELECT {', '.join(selects)} FROM {raw_name}"
    )
    bad = _leftovers(con, data, target, mapped) | reader_bad
    _drop_blank_rows(con, target, raw_name, row_sql)
    con.execute(f"DROP TABLE {raw_name}")
    target.row_count = con.execute(f"SELECT count(*) FROM {target.staged}").fetchall()[0][0]
    _required(con, data, target, mapped, bad)
    rules.check_rows(con, data, target, bad)
    _check_keys(con, data, target)


def _leftovers(
    con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData, mapped: dict[int, Column]
) -> set[tuple[int, str]]:
    """Cells SQL gave no value for go to the Python parser: a value, a blank, or a located error.

    The staged table was made from the raw one in the same order, so a positional join pairs
    each raw cell with its SQL value without hashing. Returns the (row, column) of every bad
    cell; those stay blank in the staged table.
    """
    if not mapped:
        return set()
    pending = " OR ".join(f"(r.c{i} IS NOT NULL AND s.{c.name} IS NULL)" for i, c in mapped.items())
    pairs = ", ".join(f"r.c{i}, s.{c.name}" for i, c in mapped.items())
    rows = con.execute(
        f"SELECT s._row, {pairs} FROM raw_{target.table.name} AS r POSITIONAL JOIN "
        f"(SELECT * FROM {target.staged}) AS s WHERE {pending} ORDER BY s._row"
    ).fetchall()
    bad: set[tuple[int, str]] = set()
    fixes: dict[str, tuple[list[int], list[Any]]] = {}
    for row_number, *cells in rows:
        for position, column in enumerate(mapped.values()):
            raw, value = cells[2 * position], cells[2 * position + 1]
            if raw is None or value is not None:
                continue
            try:
                parsed = parse_cell(column, raw)
            except CellError as exc:
                cause, root = None, False
                if column.kind == "village_code" and (typed := show(raw).strip()):
                    # The same wrong code typed in every row of a village: one root, its rows beneath.
                    cause = Cause("bad_village_code", "villages", (("village_code", typed),))
                    root = target.table.name == "villages"
                data.add(
                    "error",
                    target.at(row_number, column.name),
                    exc.message,
                    target.table.name,
                    cause=cause,
                    root=root,
                )
                bad.add((row_number, column.name))
                continue
            if parsed is not None:
                rows_, values = fixes.setdefault(column.name, ([], []))
                rows_.append(row_number)
                values.append(parsed)
    for name, (rows_, values) in fixes.items():
        column = target.table.column(name)
        frame = pa.table(
            {
                "_row": pa.array(rows_, type=pa.int32()),
                "v": pa.array(values, type=ARROW_TYPES[column.sql_type]),
            }
        )
        con.register("_fixes", frame)
        try:
            con.execute(
                f"UPDATE {target.staged} AS s SET {name} = f.v FROM _fixes AS f WHERE s._row = f._row"
            )
        finally:
            con.unregister("_fixes")
    return bad


def _row_limit(con: duckdb.DuckDBPyConnection, sheet: RawSheet, raw_name: str) -> None:
    """A table longer than the limit is refused as a whole (bounded time and memory)."""
    count = con.execute(f"SELECT count(*) FROM {raw_name}").fetchall()[0][0]
    if count > LIMITS.max_rows_per_table:
        raise InputError(LIMITS.too_many_rows(file=sheet.file, sheet=sheet.sheet, rows=count))


def _cell_checks(
    con: duckdb.DuckDBPyConnection,
    data: Dataset,
    sheet: RawSheet,
    raw_name: str,
    row_sql: str,
    mapped: dict[int, Column],
    table: Table,
) -> set[tuple[int, str]]:
    """Cells too long or holding invisible control or bidi characters, in one SQL pass over
    every column; the message is worded in Python for the few found. Returns the mapped
    (row, column) cells that were refused here, so they are not also called blank.

    A refused key cell (``H3`` with a hidden control character) leaves its row without a key,
    so rows referring to ``H3`` are orphans: the refusal is marked as their root cause."""
    width = len(con.execute(f"SELECT * FROM {raw_name} LIMIT 0").description) - (row_sql == "_row")
    if width <= 0:
        return set()
    checks = " UNION ALL ".join(
        f"SELECT {row_sql} AS r, {i} AS i, c{i} AS v FROM {raw_name} "
        f"WHERE length(c{i}) > $max OR regexp_matches(c{i}, $bad)"
        for i in range(width)
    )
    found = con.execute(
        f"SELECT r, i, v FROM ({checks}) ORDER BY r, i", {"max": LIMITS.max_cell_chars, "bad": SQL_BAD_CHARS}
    ).fetchall()
    refused: set[tuple[int, str]] = set()
    for row_number, index, value in found:
        message = cell_problem(value)
        if message is None:
            continue
        column = mapped.get(index)
        name = column.name if column else column_name(sheet.header, index + 1)
        cause = _refused_key(table, column, value)
        data.add(
            "error", (sheet.file, sheet.sheet, row_number, name), message, cause=cause, root=cause is not None
        )
        if column:
            refused.add((row_number, column.name))
    return refused


def _refused_key(table: Table, column: Column | None, value: str) -> Cause | None:
    """The key a refused key cell would have held without its refused characters, if any."""
    if column is None or table.key != (column.name,) or len(value) > LIMITS.max_cell_chars:
        return None
    try:
        key = parse_cell(column, BAD_CHARS.sub("", value))
    except CellError:
        return None
    return None if key is None else Cause("missing_parent", table.name, ((column.name, str(key)),))


def _drop_blank_rows(con: duckdb.DuckDBPyConnection, target: TableData, raw_name: str, row_sql: str) -> None:
    """Rows blank in every cell (raw ones included: spaces, dashes) are not rows at all.

    Only rows whose every staged value is NULL can be blank, so only those are looked at.
    """
    all_null = " AND ".join(f"{c} IS NULL" for c in target.table.column_names)
    candidates = [r[0] for r in con.execute(f"SELECT _row FROM {target.staged} WHERE {all_null}").fetchall()]
    blank = blank_rows(con, raw_name, candidates, row_sql)
    if blank:
        con.execute(f"DELETE FROM {target.staged} WHERE _row IN (SELECT unnest($rows))", {"rows": blank})


def _required(
    con: duckdb.DuckDBPyConnection,
    data: Dataset,
    target: TableData,
    mapped: dict[int, Column],
    bad: set[tuple[int, str]],
) -> None:
    for column in mapped.values():
        if not column.required:
            continue
        rows = con.execute(
            f"SELECT _row FROM {target.staged} WHERE {column.name} IS NULL ORDER BY _row"
        ).fetchall()
        for (row_number,) in rows:
            if (row_number, column.name) in bad:
                continue
            data.add(
                "error",
                target.at(row_number, column.name),
                f"ต้องกรอก {column.label_th} / {column.name} is required (found a blank cell)",
                target.table.name,
            )


def _check_keys(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    """Keys repeated inside the file: each repeat names the row that had the key first."""
    table = target.table
    keys = ", ".join(table.key)
    not_null = " AND ".join(f"{k} IS NOT NULL" for k in table.key)
    rows = con.execute(
        f"SELECT _row, first_row, {keys} FROM (SELECT _row, {keys}, min(_row) OVER (PARTITION BY {keys}) AS first_row "
        f"FROM {target.staged} WHERE {not_null}) WHERE _row <> first_row ORDER BY _row"
    ).fetchall()
    repeated = data.duplicates.setdefault(table.name, {})
    for row_number, first, *values in rows:
        shown = ", ".join(f"{c}={v}" for c, v in zip(table.key, values, strict=True))
        texts = tuple(str(v) for v in values)
        repeated.setdefault(texts, [first]).append(row_number)
        data.add(
            "error",
            target.at(row_number, table.key[0]),
            f"รหัสซ้ำกับแถว {first} ({shown}) / duplicate key {shown}, first in row {first}",
            table.name,
            cause=Cause("duplicate_key", table.name, tuple(zip(table.key, texts, strict=True))),
            root=True,
        )


__all__ = ["check_input"]
