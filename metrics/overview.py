"""Overview numbers: the programme funnel, the district comparison, filter choices."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from metrics.income import income_rollup
from metrics.progress import village_progress
from metrics.scope import Scope, all_params, bind, query, sql
from metrics.settings import DEFAULT_SETTINGS

FUNNEL_STEPS: tuple[str, ...] = (
    "villages",
    "trainers",
    "households",
    "trained",
    "practising",
    "in_group",
    "linked",
)


def funnel(con: Any, scope: Scope) -> pd.DataFrame:
    """The funnel as (step, count) rows in programme order."""
    row = query(con, "funnel", scope)
    return pd.DataFrame({"step": list(FUNNEL_STEPS), "count": [int(row.loc[0, s]) for s in FUNNEL_STEPS]})


def district_comparison(con: Any, scope: Scope, *, today: Any = None) -> pd.DataFrame:
    """Per district: villages, mean progress (0–1), villages overdue, income increase, practising."""
    progress = village_progress(con, scope, today=today)
    if progress.empty:
        return pd.DataFrame(
            columns=[
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
        )
    by_district = progress.groupby(["district_code"], as_index=False).agg(
        villages=("village_code", "count"),
        mean_progress=("progress", "mean"),
        overdue=("status", lambda s: int((s == "overdue").sum())),
    )
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


def scope_options(con: Any, scope: Scope | None = None) -> pd.DataFrame:
    """Every village ``scope``'s grant allows (all when ``scope`` is None or unrestricted), with
    its fiscal year and place codes/names, for cascading filters. Only ``scope.allowed`` is read."""
    allowed = scope.params()["allowed"] if scope is not None else None
    return con.execute(sql("scope_options"), {"allowed": allowed}).df()


# Occupations chosen by households and groups of the villages in scope (the scope CTEs; the
# occupation and as-of filters are not applied: every choice of the area is offered).
OCCUPATIONS_SQL = """
WITH {scope}
SELECT DISTINCT occupation FROM (
    SELECT h.occupation FROM households AS h JOIN s_villages USING (village_code)
    UNION ALL
    SELECT g.occupation FROM groups AS g JOIN s_villages USING (village_code)
)
WHERE occupation IS NOT NULL AND trim(occupation) <> ''
ORDER BY occupation
"""


def occupations(con: Any, scope: Scope | None = None) -> list[str]:
    """Occupations chosen by households (and groups) in ``scope``'s villages: its places and
    its grant (``scope.allowed``), whatever its occupation and as-of date; all if None."""
    scope = replace(scope or Scope(), occupation=None, as_of=None)
    text = OCCUPATIONS_SQL.replace("{scope}", sql("scope"))
    rows = con.execute(text, bind(text, all_params(scope, DEFAULT_SETTINGS))).fetchall()
    return [r[0] for r in rows]
