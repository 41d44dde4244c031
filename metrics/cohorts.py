"""Cohorts by fiscal year, aligned on months since training (issue 21).

The programme takes a new cohort of target villages every fiscal year, and a manager asks
whether this year's cohort is doing better or worse than last year's *at the same stage*.
Calendar dates mislead (a cohort trained in March has had less time than one trained in
October), so each village's clock starts at its own first training day, and the value at month
m is computed as if the as-of date were, for each village, that day plus m calendar months.

The rules are the pages' own: a village's state at "first training day + m months" depends on
its own rows only (the as-of date only decides which villages have reached m), so the import
keeps it in the fact tables, derived by the "as of" SQL of :mod:`data_loaders.store.facts` with
that date per row; here it is one GROUP BY over the stored columns. The stages are those of
:mod:`metrics.model`; the three headline indicators follow ``catalogue.toml``
(``tests/unit/test_cohorts.py`` checks each against :func:`metrics.indicators.compute` at one
village's date, and the stored columns against the state derived live).
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

# The months since training a cohort is compared at (those the import keeps a village's state at).
MONTHS: tuple[int, ...] = facts.COHORT_MONTHS
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


@cache
def cohorts_sql() -> str:
    """The query of ``sql/cohorts.sql`` with the generated parts put in: each village's stored
    state at its month (:data:`data_loaders.store.facts.VILLAGE_MONTHS`, one column per month),
    picked by the month of the row."""
    shares = ",\n       ".join(f"avg({stage.column}::INT) AS stage_{stage.code}" for stage in model.STAGES)
    pick = ",\n           ".join(
        f"CASE m.months {' '.join(f'WHEN {m} THEN f.{name}_m{m}' for m in MONTHS)} END AS {name}"
        for name in facts.VILLAGE_MONTHS
    )
    parts = {
        "{month_pick}": pick,
        "{month_date}": facts.month_date("f.first_day", "m.months"),
        "{stage_shares}": shares,
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
