"""Overview numbers: the programme funnel, the district comparison, filter choices."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from metrics import rollups
from metrics.income import income_rollup
from metrics.scope import Scope, bind, query, sql, sql_text

FUNNEL_STEPS: tuple[str, ...] = (
    "villages",
    "trainers",
    "households",
    "trained",
    "practising",
    "in_group",
    "linked",
)
# Each step's column in the area roll-ups (metrics/sql/rollup_villages.sql).
FUNNEL_COLUMNS: dict[str, str] = {step: step for step in FUNNEL_STEPS} | {"practising": "practising_surveyed"}


def funnel(con: Any, scope: Scope) -> pd.DataFrame:
    """The funnel as (step, count) rows in programme order."""
    stored = rollups.area_sums(con, scope, tuple(FUNNEL_COLUMNS.values()))
    if stored is not None:
        counts = [int(stored[FUNNEL_COLUMNS[step]] or 0) for step in FUNNEL_STEPS]
        return pd.DataFrame({"step": list(FUNNEL_STEPS), "count": counts})
    row = query(con, "funnel", scope)
    return pd.DataFrame({"step": list(FUNNEL_STEPS), "count": [int(row.loc[0, s]) for s in FUNNEL_STEPS]})


def district_comparison(con: Any, scope: Scope, *, today: Any = None) -> pd.DataFrame:
    """Per district: villages, mean progress (0–1), villages overdue, income increase, practising."""
    by_district = rollups.area_query(
        con, scope, "place_progress_stored", by="district", level_codes="district_code"
    )
    if by_district is None:  # the roll-ups do not serve the scope: over the facts
        by_district = query(con, "district_progress", scope, today=today)
    else:
        by_district = by_district[["district_code", "villages", "mean_progress", "overdue"]]
    income = income_rollup(con, scope, "district")[
        [
            "district_code",
            "district_name",
            "district_name_en",
            "province_name",
            "income_increase_pct",
            "practising_share",
        ]
    ]
    return by_district.merge(income, on="district_code", how="left")[
        [
            "district_code",
            "district_name",
            "district_name_en",
            "province_name",
            "villages",
            "mean_progress",
            "overdue",
            "income_increase_pct",
            "practising_share",
        ]
    ]


PLACE_LEVELS: tuple[str, ...] = ("fiscal_year", "province", "district", "tambon", "village")


def place_choices(
    con: Any, scope: Scope, level: str, limit: int = 100_000
) -> list[tuple[str, str, str | None]]:
    """The choices the ``level`` filter offers within ``scope``'s places and grant: (code, Thai
    name, English name) in code order, at most ``limit`` (``place_choices.sql``; villages, one
    row each, by ``place_choices_village.sql``)."""
    if level not in PLACE_LEVELS:
        msg = f"level must be one of {', '.join(PLACE_LEVELS)} (found {level!r})"
        raise ValueError(msg)
    text = sql("place_choices_village" if level == "village" else "place_choices")
    params = {**scope.params(), "level": level, "limit": int(limit)}
    return [tuple(r) for r in con.execute(text, bind(text, params)).fetchall()]


def fiscal_years(con: Any) -> list[str]:
    """Every fiscal year the store holds (BE, as text), whatever the grant: for checking a link."""
    return [code for code, _, _ in place_choices(con, Scope(), "fiscal_year")]


def place_names(con: Any, codes: tuple[str, ...]) -> dict[str, dict[str, tuple[str, str | None]]]:
    """The places among ``codes`` by level: ``{level: {code: (Thai name, English name)}}``
    (``place_names.sql``); a code the store does not hold is in none."""
    out: dict[str, dict[str, tuple[str, str | None]]] = {}
    for level, code, name, name_en in con.execute(sql("place_names"), {"codes": list(codes)}).fetchall():
        out.setdefault(level, {})[code] = (name, name_en)
    return out


def occupations(con: Any, scope: Scope | None = None) -> list[str]:
    """Occupations chosen by households (and groups) in ``scope``'s villages: its places and
    its grant (``scope.allowed``), whatever its occupation and as-of date; all if None.
    Over the villages in scope alone (``occupations.sql``), or, with no place and no grant,
    over every household and group (``occupations_all.sql``, the same list)."""
    scope = replace(scope or Scope(), occupation=None, as_of=None)
    text = sql_text("occupations_all" if scope == Scope() else "occupations")
    return [r[0] for r in con.execute(text, bind(text, scope.params())).fetchall()]
