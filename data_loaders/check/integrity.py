"""Checks on the state an import would produce (run inside its transaction): keys against the
stored rows, references in the file and in the database, dependants of a repeated key, and the
programme warnings (targets, income jumps, surveys before training)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from data_loaders.check.causes import Cause, key_noun
from data_loaders.check.dataset import Dataset, TableData
from data_loaders.contract.fragments import fill
from data_loaders.contract.schema import TABLES, TABLES_BY_NAME, Reference, Table
from data_loaders.contract.settings import Targets

SQL_DIR = Path(__file__).resolve().parent / "sql"
DEPENDANTS_LISTED = 200  # rows listed one by one under one duplicated key; the rest are counted
NOTES_LISTED = 10_000  # such rows listed in all, however many keys are duplicated


@cache
def sql(name: str) -> str:
    """A query kept in ``data_loaders/sql/<name>.sql`` (``{round_order}`` put in)."""
    return fill((SQL_DIR / f"{name}.sql").read_text(encoding="utf-8"))


def key_conflicts(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
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
                village_th, village_en = dataset.village(other_village)
                th = f"รหัส {shown} เป็นของ{village_th} ในฐานข้อมูลแล้ว ใช้รหัสใหม่ หรือแก้ที่หมู่บ้านเดิม"
                en = f"{shown} already belongs to {village_en} in the database; use a new key or correct it there"
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


def check_references(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, before: dict[str, int] | None = None
) -> None:
    """The input's references, and the database rows the input would leave dangling.
    ``before``: each table's rows before this import; a table that had none holds only the
    input's rows now, which the first check covers, so it is not scanned again (the first
    import of a national set skips 12 s of anti-joins over millions of rows)."""
    for table in TABLES:
        for ref in table.references:
            if table.name in dataset.tables:
                _dangling_from_input(con, dataset, dataset.tables[table.name], ref)
            held = before is None or before.get(table.name, 1) > 0
            if ref.parent in dataset.tables and held:
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
            other_th, other_en = dataset.village(other)
            dataset.add(
                "error",
                data.at(row_number, "household_id"),
                f"ครัวเรือน {household} เป็นของ{other_th} ไม่ใช่ {village} / "
                f"household {household} belongs to {other_en}, not {village}",
                "attendance",
                cause=cause,
            )
    if "roster" in dataset.tables:
        _roster_wrong_village(con, dataset, dataset.tables["roster"])


def _roster_wrong_village(con: duckdb.DuckDBPyConnection, dataset: Dataset, data: TableData) -> None:
    """A roster row naming a target household of another village (``roster_wrong_village.sql``)."""
    for row_number, household, village, other in con.execute(sql("roster_wrong_village")).fetchall():
        other_th, other_en = dataset.village(other)
        dataset.add(
            "error",
            data.at(row_number, "household_id"),
            f"ครัวเรือน {household} เป็นครัวเรือนเป้าหมายของ{other_th} จึงอยู่ในทะเบียนของหมู่บ้าน {village} ไม่ได้ "
            f"(ครัวเรือนอื่นใช้รหัสของตนเองที่ไม่ซ้ำ) / household {household} is a target household of "
            f"{other_en}, so it cannot be on the roster of village {village} (another household takes "
            "an id of its own)",
            "roster",
        )


def duplicate_dependants(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
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


def check_warnings(con: duckdb.DuckDBPyConnection, dataset: Dataset, targets: Targets) -> None:
    where = _village_where(con, dataset)
    rows = con.execute(
        sql("village_warnings"),
        {
            "households_target": targets.households_per_village,
            "trainers_target": targets.trainers_per_village,
        },
    ).fetchall()
    for village, households, trainers, leads, few_households, few_trainers in rows:
        at = where.get(village, (dataset.name, "-", None, "village_code"))
        if few_households:
            dataset.add(
                "warning",
                at,
                f"หมู่บ้าน {village} มีครัวเรือนเป้าหมาย {households} ครัวเรือน น้อยกว่าเป้า {targets.households_per_village} / "
                f"village {village} has {households} target households, fewer than the target of {targets.households_per_village}",
                "villages",
                village=village,
                kind="few_households",
            )
        if few_trainers:
            lead_th = "" if leads else " และไม่มีปราชญ์ (หัวหน้าทีม)"
            lead_en = "" if leads else " and no lead (ปราชญ์)"
            dataset.add(
                "warning",
                at,
                f"หมู่บ้าน {village} มีวิทยากร {trainers} คน (เป้า {targets.trainers_per_village}){lead_th} / "
                f"village {village} has {trainers} trainers (target {targets.trainers_per_village}){lead_en}",
                "villages",
                village=village,
                kind="few_trainers",
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
            kind="income_jump",
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
            kind="survey_before_training",
        )
