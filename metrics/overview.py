"""Overview numbers: the programme funnel, the district comparison, filter choices."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.income import income_rollup
from metrics.progress import village_progress
from metrics.scope import Scope, query, sql

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


def occupations(con: Any, villages: tuple[str, ...] = ()) -> list[str]:
    """Occupations chosen by households (and groups) in the given villages (all if empty)."""
    rows = con.execute(
        "SELECT DISTINCT occupation FROM ("
        "SELECT occupation, village_code FROM households UNION ALL SELECT occupation, village_code FROM groups) "
        "WHERE occupation IS NOT NULL AND trim(occupation) <> '' AND (len($v) = 0 OR list_contains($v, village_code)) "
        "ORDER BY occupation",
        {"v": list(villages)},
    ).fetchall()
    return [r[0] for r in rows]
