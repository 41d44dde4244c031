"""Cohorts by fiscal year, aligned on months since training (issue 21).

The programme takes a new cohort of target villages every fiscal year, and a manager asks
whether this year's cohort is doing better or worse than last year's *at the same stage*.
Calendar dates mislead (a cohort trained in March has had less time than one trained in
October), so each village's clock starts at its own first training day, and the value at month
m is computed as if the as-of date were, for each village, that day plus m calendar months.

The rules are the pages' own: the households' and villages' state on a date comes from the
stored facts by the "as of" SQL of :mod:`data_loaders.store.facts` (the one the scope's "cut"
villages use, here with a date per village); the stages are those of :mod:`metrics.model`; the
three headline indicators follow ``catalogue.toml`` (``tests/unit/test_cohorts.py`` checks each
against :func:`metrics.indicators.compute` at one village's date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import pandas as pd

from common.formats import fmt_share, half_up
from common.strings import text
from data_loaders.store import facts
from metrics import model
from metrics.scope import Scope, all_params, bind, sql_text
from metrics.settings import MetricSettings

# The months since training a cohort is compared at.
MONTHS: tuple[int, ...] = (0, 3, 6, 9, 12)
# The command line's fixed contract (``python -m metrics cohorts --json``), in order.
CONTRACT: tuple[str, ...] = (
    "fiscal_year",
    "months",
    "villages",
    "practising_share",
    "income_increase_pct",
    "villages_with_group_share",
    "surveyed_share",
)
# Besides the contract: the share of the villages at month m that have done each stage.
STAGE_SHARES: tuple[str, ...] = tuple(f"stage_{code}" for code in model.STAGE_CODES)

_CELLS = "village_code IN (SELECT village_code FROM c_cells)"


def _household_parts() -> dict[str, str]:
    """The generated parts of the households' counts: each village's date at each month (one
    column per month), the columns of the stored row the as-of state reads (five rows a
    household at national scale must not drag names and IDs along), and per month the counts
    over the households' state on that date (:func:`data_loaders.store.facts.household_state`)."""
    rounds = [f"r_{r}_{field}" for r in facts.ROUND_ORDER for field, _ in facts.ROUND_FIELDS]
    days = [f"attended_{d}" for d in facts.DAYS]
    dates = ", ".join(f"max(cohort_date) FILTER (WHERE months = {m}) AS date_{m}" for m in MONTHS)
    states, counts = [], []
    for m in MONTHS:  # each state column once per household, then counted
        state = facts.household_state(f"p.date_{m}")
        states += [
            f"({state['latest_round']}) IS NOT NULL AS later_{m}",
            f"{state['latest_practising']} AS practising_{m}",
            f"{state['baseline_income']} AS base_{m}",
            f"{state['latest_income']} AS latest_{m}",
        ]
        both = f"base_{m} IS NOT NULL AND latest_{m} IS NOT NULL"
        counts += [
            f"count(*) FILTER (WHERE later_{m}) AS followed_{m}",
            f"count(*) FILTER (WHERE later_{m} AND practising_{m}) AS practising_{m}",
            f"sum(base_{m}) FILTER (WHERE {both}) AS baseline_{m}",
            f"sum(latest_{m}) FILTER (WHERE {both}) AS latest_{m}",
        ]
    return {
        "{date_columns}": dates,
        "{household_columns}": ", ".join(("village_code", *rounds, *days)),
        "{in_cells}": _CELLS,
        "{month_states}": ",\n               ".join(states),
        "{month_counts}": ",\n           ".join(counts),
        # each village's counts at its own month (0 where it has no household, as in villages_as_of.sql)
        "{month_pick}": ",\n           ".join(
            f"coalesce(CASE p.months {' '.join(f'WHEN {m} THEN h.{column}_{m}' for m in MONTHS)} END, 0) AS {name}"
            for column, name in (("followed", "followed_up"), ("practising", "practising"))
        )
        + ",\n           "
        + ",\n           ".join(
            f"CASE p.months {' '.join(f'WHEN {m} THEN h.{column}_{m}' for m in MONTHS)} END AS {name}"
            for column, name in (("baseline", "baseline_both"), ("latest", "latest_both"))
        )
        + ",\n           coalesce(h.households_n, 0) AS households_n",
    }


@cache
def cohorts_sql() -> str:
    """The query of ``sql/cohorts.sql`` with the generated parts put in."""
    first_day = "least(" + ", ".join(f"day_{d}_date" for d in facts.DAYS) + ")"
    shares = ",\n       ".join(f"avg({stage.column}::INT) AS stage_{stage.code}" for stage in model.STAGES)
    state = facts.village_state("p.cohort_date")
    parts = {
        "{first_day}": first_day,
        "{stage_shares}": shares,
        **_household_parts(),
        "{stored_villages}": facts.stored("fact_villages", _CELLS, facts.VILLAGE_STATE),
        "{village_state}": ",\n           ".join(f"{expr} AS {column}" for column, expr in state.items()),
    }
    text = sql_text("cohorts")
    for name, part in parts.items():
        text = text.replace(name, part)
    return text


def cohorts(
    con: Any,
    scope: Scope,
    *,
    as_of: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """One row per cohort (fiscal year, BE) and month since training (:data:`MONTHS`) that at
    least one of its villages has reached by ``as_of`` (default: the scope's, else the data's
    latest date, :func:`metrics.changes.default_as_of`): ``villages`` (those that reached it),
    the three headline shares and ``surveyed_share`` (0–1; null when nothing to count), and
    the share of those villages at each stage (``stage_<code>``). A month no village of a
    cohort has reached has no row: it is unknown, not zero.

    The scope's places, fiscal year and grant apply; its occupation does not (a cohort is of
    villages, and their stages count every household and group).
    """
    day = as_of or scope.as_of
    if day is None:
        from metrics.changes import default_as_of

        day = default_as_of(con, None)
    columns = [*CONTRACT, *STAGE_SHARES]
    if day is None:  # no dated rows at all: no village has a clock
        return pd.DataFrame(columns=columns)
    text = cohorts_sql()
    params = {**all_params(replace(scope, occupation=None, as_of=day), settings), "months": list(MONTHS)}
    frame = con.execute(text, bind(text, params)).df()
    frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    frame["months"] = frame["months"].astype(int)
    frame["villages"] = frame["villages"].astype(int)
    return frame[columns]


def as_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The command line's list: one object per row with the keys of :data:`CONTRACT`, JSON-ready
    (integers as int, shares as float, unknown as None)."""
    out = []
    for row in frame[list(CONTRACT)].itertuples(index=False):
        record: dict[str, Any] = {}
        for key, value in zip(CONTRACT, row, strict=True):
            if key in ("fiscal_year", "months", "villages"):
                record[key] = int(value)
            else:
                record[key] = None if value is None or pd.isna(value) else float(value)
        out.append(record)
    return out


# The measures a cohort chart may show (the contract's shares), with their column label keys.
MEASURES: tuple[str, ...] = (
    "practising_share",
    "income_increase_pct",
    "villages_with_group_share",
    "surveyed_share",
)


@dataclass(frozen=True, slots=True)
class Gap:
    """The current cohort (the latest fiscal year) at the latest month it has reached, and the
    cohort before it that has reached the same month (``previous_year`` None when there is
    none): ``value`` and ``previous_value`` are shares 0–1, None when nothing was counted."""

    fiscal_year: int
    months: int
    value: float | None
    previous_year: int | None
    previous_value: float | None


def _share(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def current_gap(frame: pd.DataFrame, measure: str = "practising_share") -> Gap | None:
    """The gap of :class:`Gap` in ``frame`` (rows of :func:`cohorts`); None when it is empty."""
    if frame.empty:
        return None
    year = int(frame["fiscal_year"].max())
    own = frame[frame["fiscal_year"] == year]
    months = int(own["months"].max())
    value = _share(own.loc[own["months"] == months, measure].iloc[0])
    earlier = frame[(frame["fiscal_year"] < year) & (frame["months"] == months)]
    if earlier.empty:
        return Gap(year, months, value, None, None)
    previous = earlier.loc[earlier["fiscal_year"].idxmax()]
    return Gap(year, months, value, int(previous["fiscal_year"]), _share(previous[measure]))


def gap_words(gap: Gap | None, lang: str = "th") -> str:
    """The gap in words, the practising share to whole percent and the difference in points
    between the two shown numbers: "6 months after training: 91% practising, 3 points above
    FY2560 at the same point". Empty when there is no cohort."""
    if gap is None:
        return ""
    if gap.value is None:
        return text("cohorts.gap_no_value", lang, months=gap.months)
    shown = fmt_share(gap.value, lang, digits=0)
    if gap.previous_year is None:
        comparison = text("cohorts.gap_first", lang)
    elif gap.previous_value is None:
        comparison = text("cohorts.gap_previous_unknown", lang, year=gap.previous_year)
    else:
        points = round(half_up(gap.value * 100) - half_up(gap.previous_value * 100))
        key = "cohorts.gap_above" if points > 0 else "cohorts.gap_below" if points < 0 else "cohorts.gap_same"
        unit = text("cohorts.point_one" if abs(points) == 1 else "cohorts.point_many", lang)
        comparison = text(key, lang, points=abs(points), unit=unit, year=gap.previous_year)
    return text("cohorts.gap", lang, months=gap.months, value=shown, comparison=comparison)
