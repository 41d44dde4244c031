"""Places side by side: provinces coloured by a measure, districts ranked fairly.

The measures are the catalogue's headline indicators and two shares of villages, each from the
rules that define it elsewhere, never written again here:

- ``practising_share`` and ``income_increase_pct`` per place from :func:`metrics.income.income_rollup`
  (the indicators' formulas over each place's households);
- ``villages_with_group_share``, ``overdue_share`` and ``complete_share`` (all eight stages done)
  per place from the rows of ``village_progress.sql`` (its stages, statuses and reference date),
  through ``place_progress.sql``.

A district ranking gives each value an interval: the income increase its bootstrap interval
(the normal limit of :func:`metrics.income.increase_interval`, for all districts at once:
:func:`metrics.income.district_increase_intervals`), a share its Wilson score interval. A district whose
interval holds the target is "not distinguishable from the target" rather than failing, and a
district with fewer than ``MetricSettings.min_households_to_judge`` households surveyed after
training is "too few to judge", listed apart.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

import pandas as pd

from metrics import rollups
from metrics.income import district_increase_intervals, income_rollup
from metrics.indicators import headline, indicator
from metrics.scope import Scope, query
from metrics.settings import MetricSettings, current

PlaceLevel = Literal["province", "district"]
VILLAGE_MEASURES: tuple[str, ...] = ("overdue_share", "complete_share")
Verdict = Literal["met", "not_distinguishable", "not_met", "too_few", "no_value"]
VERDICTS: tuple[Verdict, ...] = ("met", "not_distinguishable", "not_met", "too_few", "no_value")
Z_95 = 1.959963984540054  # the normal quantile for a two-sided 95% interval


def measures() -> tuple[str, ...]:
    """What the province map can colour by: the headline indicators, then the village shares."""
    return (*(ind.id for ind in headline()), *VILLAGE_MEASURES)


def place_measures(
    con: Any,
    scope: Scope,
    by: PlaceLevel,
    *,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """One row per province (or district) with villages in ``scope``: ``code``, ``villages``,
    every measure of :func:`measures` (shares 0–1; None where its denominator is 0), and the
    counts behind them: ``villages_with_group``, ``surveyed_after`` (households with a survey
    after baseline), ``practising``, ``households_with_change``."""
    return _place_measures(con, scope, by, today=today, settings=settings)[0]


def _place_measures(
    con: Any,
    scope: Scope,
    by: PlaceLevel,
    *,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`place_measures`, and the income roll-up it is built on (its names too, ``code``
    for the place's), so a caller needs not read it again."""
    villages = rollups.area_query(
        con, scope, "place_progress_stored", by=by, settings=settings, level_codes=f"{by}_code AS code"
    )
    if villages is None:  # the roll-ups do not serve the scope: over the facts
        villages = query(con, "place_progress", scope, today=today, settings=settings, by=by)
    else:
        villages = villages[["code", "villages", "overdue_share", "complete_share", "villages_with_group"]]
    villages["villages_with_group_share"] = villages["villages_with_group"] / villages["villages"]
    rolled = income_rollup(con, scope, by, settings=settings).rename(columns={f"{by}_code": "code"})
    income = rolled[
        [
            "code",
            "surveyed_after",
            "practising",
            "households_with_change",
            "practising_share",
            "income_increase_pct",
        ]
    ]
    out = villages.merge(income, on="code", how="left")
    for column in ("surveyed_after", "practising", "households_with_change"):
        out[column] = out[column].fillna(0).astype(int)
    out = out.astype({c: "object" for c in measures()})
    return out.where(out.notna(), None), rolled


def province_values(
    con: Any,
    scope: Scope,
    measure: str,
    *,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """``code`` (DOPA province), ``villages`` and ``value`` of ``measure`` for each province with
    villages in ``scope`` (its grant included); a province with none is not in the frame."""
    if measure not in measures():
        msg = f"measure must be one of {', '.join(measures())} (found {measure!r})"
        raise ValueError(msg)
    frame = place_measures(con, scope, "province", today=today, settings=settings)
    return frame[["code", "villages", measure]].rename(columns={measure: "value"})


def wilson(successes: float, n: float, *, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval (low, high) of the share ``successes / n``; None when n is 0."""
    if n <= 0:
        return None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def judge(
    value: float | None,
    interval: tuple[float, float] | None,
    target: float | None,
    direction: str,
) -> Verdict:
    """``met`` when the whole interval is on the target's good side, ``not_met`` when the whole
    interval misses it, ``not_distinguishable`` when the interval holds the target. Without an
    interval the value alone decides; without a value or a target: ``no_value``."""
    if value is None or target is None:
        return "no_value"
    low, high = interval if interval is not None else (value, value)
    good, bad = (low >= target, high < target) if direction == "at_least" else (high <= target, low > target)
    if good:
        return "met"
    return "not_met" if bad else "not_distinguishable"


def district_ranking(
    con: Any,
    scope: Scope,
    indicator_id: str,
    *,
    min_households: int | None = None,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """The districts in ``scope`` ranked by a headline indicator, best first (by its direction).

    Columns: ``district_code``, ``district_name``, ``district_name_en``, ``province_name``,
    ``villages``, ``surveyed_after`` (households surveyed after training), ``value``, ``low``,
    ``high`` (the interval; None where there is none), ``verdict`` (:data:`VERDICTS`) and
    ``rank`` (1, 2 … among the districts judged; None for ``too_few`` and ``no_value``, which
    come last). ``min_households`` defaults to the settings' ``min_households_to_judge``."""
    ind = indicator(indicator_id)
    if not ind.headline:
        msg = f"rank by a headline indicator: {', '.join(i.id for i in headline())} (found {indicator_id!r})"
        raise ValueError(msg)
    settings = settings or current()
    least = settings.min_households_to_judge if min_households is None else min_households
    frame, rolled = _place_measures(con, scope, "district", today=today, settings=settings)
    names = rolled[["code", "district_name", "district_name_en", "province_name"]]
    frame = frame.merge(names, on="code", how="left")
    incomes = (
        district_increase_intervals(con, scope, settings=settings)
        if indicator_id == "income_increase_pct"
        else {}
    )
    rows = []
    for row in frame.to_dict("records"):
        value = row[indicator_id]
        if row["surveyed_after"] < least:
            interval, verdict = None, "too_few"
        else:
            interval = _interval(indicator_id, row, incomes)
            verdict = judge(value, interval, ind.target, ind.direction)
        rows.append(
            {
                "district_code": row["code"],
                "district_name": row["district_name"],
                "district_name_en": row["district_name_en"],
                "province_name": row["province_name"],
                "villages": int(row["villages"]),
                "surveyed_after": int(row["surveyed_after"]),
                "value": value,
                "low": interval[0] if interval else None,
                "high": interval[1] if interval else None,
                "verdict": verdict,
            }
        )
    out = pd.DataFrame(rows, columns=[*RANKING_COLUMNS[:-1]])
    judged = out["verdict"].isin(["met", "not_distinguishable", "not_met"]) & out["value"].notna()
    best_first = ind.direction == "at_least"
    ranked = out[judged].sort_values(["value", "district_code"], ascending=[not best_first, True])
    ranked = ranked.assign(rank=range(1, len(ranked) + 1))
    apart = out[~judged].sort_values("district_code").assign(rank=None)
    out = pd.concat([ranked, apart], ignore_index=True)[list(RANKING_COLUMNS)]
    for column in ("value", "low", "high", "rank"):  # None, not NaN, where there is none
        out[column] = out[column].astype("object").where(out[column].notna(), None)
    return out


RANKING_COLUMNS: tuple[str, ...] = (
    "district_code",
    "district_name",
    "district_name_en",
    "province_name",
    "villages",
    "surveyed_after",
    "value",
    "low",
    "high",
    "verdict",
    "rank",
)


def _interval(indicator_id: str, row: dict[str, Any], incomes: dict[str, Any]) -> tuple[float, float] | None:
    """The interval of one district's value: its income bootstrap interval (from ``incomes``),
    else Wilson on its counts."""
    if indicator_id == "income_increase_pct":
        found = incomes.get(row["code"])
        return None if found is None or found.low is None or found.high is None else (found.low, found.high)
    if indicator_id == "practising_share":
        return wilson(row["practising"], row["surveyed_after"])
    if indicator_id == "villages_with_group_share":
        return wilson(row["villages_with_group"], row["villages"])
    return None
