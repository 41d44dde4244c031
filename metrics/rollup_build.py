"""Builds the area roll-ups (:mod:`metrics.rollups`) from the facts, in an import's transaction.

Registered with ``data_loaders.store.derived`` when imported: the programs that write a store
import it (``data_loaders.cli``, the dashboard's ``ui.db``, ``bench``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from data_loaders.store import derived
from metrics import indicators, model
from metrics.changes import default_as_of, previous_meeting
from metrics.rollups import KEYS, LEVELS, TABLES, settings_key
from metrics.scope import Scope, all_params, bind, sql_text, variant
from metrics.settings import current


def dates(con: Any) -> list[tuple[dt.date, int | None]]:
    """The (as-of date, fiscal year) pairs to build: the default as-of date of the whole store
    and of each fiscal year, and the previous meeting before each; a fiscal year's pair is
    left out where the whole store's pair has the same date (it holds every year)."""
    years = [r[0] for r in con.execute("SELECT DISTINCT fiscal_year FROM villages ORDER BY 1").fetchall()]
    wanted: list[tuple[dt.date, int | None]] = []
    for year in (None, *years):
        latest = default_as_of(con, year)
        if latest is not None:
            wanted += [(latest, year), (previous_meeting(latest), year)]
    whole = {date for date, year in wanted if year is None}
    return sorted({(d, y) for d, y in wanted if y is None or d not in whole}, key=lambda p: (p[0], p[1] or 0))


def _village_sql(scope: Scope, con: Any) -> str:
    kinds = ("values", "coverage")
    columns = ",\n       ".join(f"{c}" for kind in kinds for c in indicators.columns(kind))
    joins = "\n".join(
        f"LEFT JOIN ind_{kind}_{unit_set} USING (village_code)"
        for kind in kinds
        for unit_set, parts in indicators.amounts(kind).items()
        if parts
    )
    select = (
        sql_text("rollup_villages")
        .replace("{indicator_columns}", columns)
        .replace("{indicator_joins}", joins)
    )
    return (
        "WITH "
        + indicators.with_sets(variant(scope, con))
        + ",\n"
        + model.fill(sql_text("village_progress_rows"))
        + ",\n"
        + ",\n".join(indicators.per_village(kind) for kind in kinds)
        + ",\n"
        + select
    )


def build(con: Any) -> None:
    """``rollup_villages``, ``rollup_areas`` and ``rollup_dates`` anew for the store's data."""
    for table in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    settings = current()
    built: list[tuple[dt.date, int | None]] = []
    for as_of, year in dates(con):
        scope = Scope(fiscal_year=year, as_of=as_of)
        text = f"SELECT ?::DATE AS as_of, * FROM ({_village_sql(scope, con)})"
        params = bind(text, all_params(scope, settings))
        select = text.replace("?::DATE", f"DATE '{as_of.isoformat()}'")
        if not built:  # columns from DESCRIBE (a CREATE ... AS inside the transaction hides later rows)
            described = con.execute(f"DESCRIBE {select}", params).fetchall()
            con.execute(f"CREATE TABLE rollup_villages ({', '.join(f'{n} {k}' for n, k, *_ in described)})")
        con.execute(f"INSERT INTO rollup_villages BY NAME {select}", params)
        built.append((as_of, year))
    if not built:  # no dated rows: nothing to serve (the tables exist, empty)
        con.execute("CREATE TABLE rollup_villages (as_of DATE, village_code VARCHAR, fiscal_year INTEGER)")
    measures = [
        name
        for name, *_ in con.execute("DESCRIBE rollup_villages").fetchall()
        if name not in ("as_of", *KEYS)
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
        "CREATE TABLE rollup_dates (as_of DATE, fiscal_year INTEGER, built_for BIGINT, settings_key VARCHAR)"
    )
    latest = con.execute("SELECT max(import_id) FROM import_log").fetchone()[0]
    key = settings_key(settings)
    for as_of, year in built:
        con.execute("INSERT INTO rollup_dates VALUES (?, ?, ?, ?)", [as_of, year, latest, key])


derived.register("rollups", build)
