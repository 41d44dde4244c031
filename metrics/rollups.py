"""The area roll-ups: what the pages show, added up once per import (DHIS2's analytics tables).

At every import (``metrics/rollup_build.py``, registered in ``data_loaders/store/derived.py``)
the measures of each village at the default as-of dates (the latest date of the whole store and
of each fiscal year, and the previous meeting before each) are kept in ``rollup_villages`` and
added up per fiscal year and level (national, province, district, tambon) in ``rollup_areas``.
A page at national or province scope then reads a few hundred rows instead of summing millions.

A scope they cannot serve falls back to the facts, with the same numbers: an as-of date they
were not built for, an occupation, a list of villages, other settings, or a store imported
since (a data version, ``?version=N``). ``tests/unit/test_rollups.py`` holds them equal.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb
import pandas as pd

from data_loaders.reference import cpi
from metrics.scope import Scope, bind, sql_text
from metrics.settings import MetricSettings, current

TABLES = ("rollup_villages", "rollup_areas", "rollup_stage_changes", "rollup_events", "rollup_dates")
# The levels, coarsest first, and the codes that name an area of each.
LEVELS: dict[str, tuple[str, ...]] = {
    "national": (),
    "province": ("province_code",),
    "district": ("province_code", "district_code"),
    "tambon": ("province_code", "district_code", "tambon_code"),
}
KEYS = ("village_code", "fiscal_year", "province_code", "district_code", "tambon_code")


def settings_key(settings: MetricSettings | None) -> str:
    """The settings the roll-ups were built with, as text to compare."""
    return json.dumps((settings or current()).params(), sort_keys=True, default=str)


def prices_key() -> str:
    """The consumer price index the roll-ups' deflated income sums were built with, as text to
    compare (real income reads them only under the same index)."""
    return json.dumps(cpi.series())


def level(scope: Scope, by: str | None = None) -> str:
    """The finest level the scope names (a grant is read per district), or ``by`` if finer."""
    named = "tambon" if scope.tambon else "district" if scope.district else None
    named = named or (
        "district" if scope.allowed is not None else "province" if scope.province else "national"
    )
    order = list(LEVELS)
    return max(named, by or "national", key=order.index)


def serves(
    con: Any,
    scope: Scope,
    settings: MetricSettings | None = None,
    *,
    previous: dt.date | None = None,
    prices: bool = False,
) -> bool:
    """Whether the roll-ups hold ``scope``: its as-of date built for its fiscal year (and
    compared with ``previous``, when given), no occupation or village list, the settings in
    force (and, with ``prices``, the price index in force), and built for the latest import.
    Roll-ups built before the price index was kept (``rollup_dates.prices_key``) lack the
    measures added with it and serve nothing."""
    if scope.as_of is None or scope.occupation is not None or scope.villages:
        return False
    text = sql_text("rollup_serves")
    params = {
        "as_of": scope.as_of,
        "fiscal_year": scope.fiscal_year,
        "previous": previous,
        "settings_key": settings_key(settings),
        "prices_key": prices_key() if prices else None,
    }
    try:
        return bool(con.execute(text, params).fetchone()[0])
    except (duckdb.CatalogException, duckdb.BinderException):  # never built, or built before prices_key
        return False


def _params(scope: Scope, by: str | None) -> dict[str, Any]:
    return {**scope.params(), "level": level(scope, by)}


def area_sums(
    con: Any,
    scope: Scope,
    columns: tuple[str, ...],
    *,
    settings: MetricSettings | None = None,
    prices: bool = False,
) -> dict[str, Any] | None:
    """``{column: sum}`` over the areas that make up ``scope``, or None when the roll-ups
    do not serve it (the caller then sums the facts; ``prices``: see :func:`serves`)."""
    if not serves(con, scope, settings, prices=prices):
        return None
    sums = ", ".join(f"sum({c}) AS {c}" for c in columns)
    text = f"SELECT {sums} FROM ({sql_text('rollup_areas')})"
    row = con.execute(text, bind(text, _params(scope, None))).fetchone()
    return dict(zip(columns, row, strict=True))


def area_query(
    con: Any,
    scope: Scope,
    name: str,
    *,
    by: str | None = None,
    settings: MetricSettings | None = None,
    **replacements: str,
) -> pd.DataFrame | None:
    """``metrics/sql/<name>.sql`` over the roll-up rows that make up ``scope`` (its ``{areas}``,
    at the level of ``by`` or finer), ``replacements`` put in; None when the roll-ups do not
    serve the scope (the caller then reads the facts)."""
    if not serves(con, scope, settings):
        return None
    text = sql_text(name)
    for key, value in replacements.items():
        text = text.replace("{" + key + "}", value)
    text = text.replace("{areas}", f"({sql_text('rollup_areas')})")
    return con.execute(text, bind(text, _params(scope, by))).df()
