"""Builds the area roll-ups (:mod:`metrics.rollups`) from the facts, in an import's transaction.

Registered with ``data_loaders.store.derived`` when imported: the programs that write a store
import it (``data_loaders.cli``, the dashboard's ``ui.db``, ``bench``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from data_loaders.reference import cpi
from data_loaders.store import derived
from metrics import evaluation, income, indicators
from metrics.changes import _stage_changes, default_as_of, previous_meeting
from metrics.rollups import KEYS, LEVELS, TABLES, prices_key, settings_key
from metrics.scope import Scope, all_params, bind, scope_sql, sql_text, variant
from metrics.settings import current


@dataclass(frozen=True)
class Built:
    """One date the roll-ups hold: its villages (``fiscal_year``: that year's; None: all), and
    the previous meeting it is compared with ("since last meeting"; None: none)."""

    as_of: dt.date
    fiscal_year: int | None = None
    previous: dt.date | None = None
    rows: bool = True  # False: the store-wide rows at this date hold these villages already


def plan(con: Any) -> list[Built]:
    """The dates to build. Every village at the default as-of date of the whole store, which
    every page opens on, and at the previous meeting before it; then each fiscal year's villages
    at that year's own default date (a page filtered by fiscal year opens on it) and its
    previous meeting, where the store-wide rows do not hold them already. So the build costs
    about four passes over the villages however many years the store holds, and a fiscal year's
    villages appear at most once per date (the areas add up every village at a date)."""
    latest = default_as_of(con)
    if latest is None:
        return []
    before = previous_meeting(latest)
    built = [Built(before), Built(latest, previous=before)]
    everyone = {before, latest}
    years = [y for (y,) in con.execute("SELECT DISTINCT fiscal_year FROM villages ORDER BY 1").fetchall()]
    for year in years:
        own = default_as_of(con, year)
        if own is None or own == latest:  # the store-wide rows hold it, and its previous meeting
            continue
        earlier = previous_meeting(own)
        if earlier not in everyone:
            built.append(Built(earlier, year))
        built.append(Built(own, year, earlier, rows=own not in everyone))
    return built


def _village_sql(scope: Scope, con: Any) -> str:
    """rollup_villages.sql after the scope CTEs: one row per village with every measure. The
    households' sums come from two passes (over ``s_income`` and ``s_rounds``), not one per
    measure; the village and group sets' indicator sums from their own CTEs."""
    kinds = ("values", "coverage")
    columns = ",\n       ".join(
        [
            *(c for kind in kinds for c in indicators.columns(kind)),
            *(
                f"coalesce({c}, 0) AS {c}" if c.endswith(("_n", "households", "practising")) else c
                for c in income.round_columns()
            ),
        ]
    )
    others = [cte for kind in kinds for cte in indicators.per_village(kind, without=("households",))]
    joins = "\n".join(f"LEFT JOIN {cte.split(' AS ', 1)[0]} USING (village_code)" for cte in others)
    household_sums = [item for kind in kinds for item in indicators.village_sums(kind, "households")]
    attrition = evaluation.attrition_village_sums()
    select = (
        sql_text("rollup_villages")
        .replace("{indicator_columns}", columns)
        .replace("{indicator_joins}", joins)
        .replace("{round_sums}", ",\n           ".join(income.round_sums()))
        .replace("{attrition_sums}", ",\n           ".join(attrition))
        .replace("{round_flags}", evaluation.ROUND_FLAGS)
        .replace("{attrition_columns}", ", ".join("r." + a.rsplit(" AS ", 1)[1] for a in attrition))
        .replace("{real_income_sums}", ",\n           ".join(evaluation.real_income_village_sums()))
        .replace("{household_sums}", ",\n           ".join(household_sums))
    )
    return (
        "WITH "
        + indicators.with_sets(variant(scope, con))
        + ",\n"
        + sql_text("village_progress_rows")
        + ",\n"
        + ",\n".join(others)
        + ",\n"
        + select
    )


# The column types the areas add up (a flag adds up to the villages where it holds).
SUMMED = frozenset({"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE"})


# The per-village changes between a built date and its previous meeting ("since last meeting").
CHANGE_TABLES: dict[str, str] = {
    "rollup_stage_changes": "as_of DATE, previous DATE, change VARCHAR, village_code VARCHAR, stage VARCHAR, due DATE",
    "rollup_events": "as_of DATE, previous DATE, kind VARCHAR, village_code VARCHAR, key VARCHAR, detail VARCHAR, n BIGINT",
}


def _insert(con: Any, table: str, select: str, params: dict[str, Any], *, first: bool) -> None:
    """``select``'s rows into ``table``, created first from its columns (``DESCRIBE``: a table
    made by ``CREATE ... AS`` inside the transaction hides the rows inserted later)."""
    if first:
        described = con.execute(f"DESCRIBE {select}", params).fetchall()
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{n} {k}' for n, k, *_ in described)})")
    con.execute(f"INSERT INTO {table} BY NAME {select}", params)


def _changes(con: Any, scope: Scope, previous: dt.date) -> None:
    """The stage changes and dated events between ``previous`` and the scope's date, per village."""
    stages = _stage_changes(con, scope, replace(scope, as_of=previous))
    rows = [(c, v, st, due) for kind in stages.values() for c, v, st, due in kind]
    frame = pd.DataFrame(rows, columns=["change", "village_code", "stage", "due"]).astype(
        {"due": "datetime64[us]"}
    )
    dates = f"DATE '{scope.as_of}' AS as_of, DATE '{previous}' AS previous"
    con.register("built_stage_changes", frame)
    select = f"SELECT {dates}, * REPLACE (due::DATE AS due) FROM built_stage_changes"
    con.execute(f"INSERT INTO rollup_stage_changes BY NAME {select}")
    con.unregister("built_stage_changes")
    text = "WITH " + scope_sql(variant(scope, con)) + "\n" + sql_text("changes_event_rows")
    select = f"SELECT {dates}, * FROM ({text})"
    params = bind(select, {**all_params(scope, current()), "previous": previous})
    con.execute(f"INSERT INTO rollup_events BY NAME {select}", params)


def build(con: Any) -> None:
    """The roll-up tables (:data:`metrics.rollups.TABLES`) anew for the store's data."""
    for table in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    settings = current()
    prices = {"cpi_years": [y for y, _ in cpi.series()], "cpi_values": [v for _, v in cpi.series()]}
    dates = plan(con)
    for n, date in enumerate(b for b in dates if b.rows):
        scope = Scope(as_of=date.as_of, fiscal_year=date.fiscal_year)
        text = f"SELECT DATE '{date.as_of}' AS as_of, * FROM ({_village_sql(scope, con)})"
        _insert(
            con, "rollup_villages", text, bind(text, {**all_params(scope, settings), **prices}), first=n == 0
        )
    for table, columns in CHANGE_TABLES.items():
        con.execute(f"CREATE TABLE {table} ({columns})")
    for date in dates:
        if date.previous is not None:
            _changes(con, Scope(as_of=date.as_of, fiscal_year=date.fiscal_year), date.previous)
    if not dates:  # no dated rows: nothing to serve, the table exists empty
        con.execute(
            "CREATE TABLE rollup_villages (as_of DATE, village_code VARCHAR, fiscal_year INTEGER, "
            "province_code VARCHAR, district_code VARCHAR, tambon_code VARCHAR)"
        )
    measures = [  # every number and flag kept per village (status and overdue stages are read per village)
        name
        for name, kind, *_ in con.execute("DESCRIBE rollup_villages").fetchall()
        if name not in ("as_of", *KEYS) and (kind in SUMMED or kind.startswith("DECIMAL"))
    ]
    sets = ", ".join(f"(as_of, fiscal_year{''.join(', ' + c for c in codes)})" for codes in LEVELS.values())
    level = (
        "CASE "
        + " ".join(
            f"WHEN grouping({codes[-1]}) = 0 THEN '{name}'"
            for name, codes in reversed(LEVELS.items())
            if codes
        )
        + " ELSE 'national' END"
    )
    sums = "".join(f", sum({m}) AS {m}" for m in measures)
    con.execute(
        f"CREATE TABLE rollup_areas AS SELECT as_of, fiscal_year, {level} AS level, province_code, "
        f"district_code, tambon_code{sums} FROM rollup_villages GROUP BY GROUPING SETS ({sets})"
    )
    con.execute(
        "CREATE TABLE rollup_dates (as_of DATE, fiscal_year INTEGER, previous DATE, built_for BIGINT, "
        "settings_key VARCHAR, prices_key VARCHAR)"
    )
    latest = con.execute("SELECT max(import_id) FROM import_log").fetchone()[0]
    key, index = settings_key(settings), prices_key()
    built = [[b.as_of, b.fiscal_year, b.previous, latest, key, index] for b in dates]
    if built:
        con.executemany("INSERT INTO rollup_dates VALUES (?, ?, ?, ?, ?, ?)", built)


derived.register("rollups", build)
