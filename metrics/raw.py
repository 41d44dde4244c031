"""The stored tables in scope, row by row, for evaluators: every table of the data contract
(:data:`data_loaders.contract.schema.TABLES`) as the scope sees it, personal data masked unless
revealed, and times in Bangkok time with the zone in the column's name.

Bounded: a national store holds millions of household rows, more than a spreadsheet takes and
more than a server should write for one click. The raw tables are read for a scope of at most
:data:`MAX_VILLAGES` villages (a large province over five years), and a sheet holds at most
:data:`MAX_ROWS` rows, Excel's limit less the header; the workbook says so when it applies.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_loaders.contract.schema import TABLES_BY_NAME
from metrics.privacy import mask_frame
from metrics.scope import Scope, all_params, bind, sql

# The contract's tables in the order an evaluator reads them: places and people, then what
# happened in each village.
RAW_TABLES: tuple[str, ...] = (
    "villages",
    "officers",
    "trainers",
    "households",
    "income_surveys",
    "training_days",
    "attendance",
    "groups",
    "group_members",
    "network_links",
    "plans",
    "reports",
    "roster",
)
# Tables with a row per household: not for roles that see aggregates only (evaluators).
HOUSEHOLD_TABLES = frozenset({"households", "income_surveys", "attendance", "group_members", "roster"})
MAX_VILLAGES = 5_000
EXCEL_ROWS = 1_048_576  # rows in an Excel sheet
MAX_ROWS = EXCEL_ROWS - 1  # and one of them is the header
TIMEZONE = "Asia/Bangkok"
ZONE_SUFFIX = " (Asia/Bangkok, UTC+07:00)"
# Columns stored as UTC times without a zone (the import log's imported_at).
UTC_COLUMNS = frozenset({"imported_at"})


def _text(table: str) -> str:
    schema = TABLES_BY_NAME[table]
    columns = [*schema.column_names, *(name for name, _ in schema.derived)]
    return (
        sql("raw_tables", None)
        .replace("{columns}", ", ".join(columns))
        .replace("{table}", schema.name)
        .replace("{key}", ", ".join(schema.key))
    )


def raw_table(
    con: Any, scope: Scope, table: str, *, reveal: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """The stored rows of ``table`` (a name of :data:`RAW_TABLES`) in ``scope``, in key order,
    with the contract's columns; names, national IDs and phones masked unless ``reveal``.
    Dates are ``datetime.date``. ``limit``: the first rows only."""
    if table not in RAW_TABLES:
        msg = f"unknown table {table!r}: one of {', '.join(RAW_TABLES)}"
        raise ValueError(msg)
    text = _text(table)
    if limit is not None:
        text = f"{text}\nLIMIT {int(limit)}"
    frame = con.execute(text, bind(text, all_params(scope, None))).df()
    for column in TABLES_BY_NAME[table].columns:  # a DATE is a day, not a midnight time
        if column.kind == "date":
            frame[column.name] = [None if pd.isna(v) else v.date() for v in frame[column.name]]
    return mask_frame(frame, reveal=reveal)


def raw_count(con: Any, scope: Scope, table: str) -> int:
    """How many rows :func:`raw_table` would give."""
    text = f"SELECT count(*) FROM (\n{_text(table)}\n)"
    return int(con.execute(text, bind(text, all_params(scope, None))).fetchone()[0])


def bangkok_times(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose UTC time columns (:data:`UTC_COLUMNS`) are Bangkok wall-clock
    times, their names ending in :data:`ZONE_SUFFIX`: 17:30 UTC is 00:30 the next day."""
    out = frame.copy()
    for column in [c for c in out.columns if c in UTC_COLUMNS]:
        times = pd.to_datetime(out[column])
        if times.dt.tz is None:
            times = times.dt.tz_localize("UTC")
        out[column] = times.dt.tz_convert(TIMEZONE).dt.tz_localize(None)
        out = out.rename(columns={column: f"{column}{ZONE_SUFFIX}"})
    return out
