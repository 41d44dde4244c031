"""Income change per household, roll-ups, sustainability, and a bootstrap interval."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from metrics import model, rollups
from metrics.indicators import indicator
from metrics.privacy import mask_frame
from metrics.scope import STORED, Scope, all_params, bind, query, sql, sql_text, variant
from metrics.settings import MetricSettings

RollupBy = Literal["village", "tambon", "district", "province", "occupation"]
ROLLUP_COLUMNS: dict[str, str] = {
    "village": "village_code, village_name, tambon_name, district_name",
    "tambon": "tambon_code, tambon_name, tambon_name_en, district_name",
    "district": "district_code, district_name, district_name_en, province_name",
    "province": "province_code, province_name, province_name_en",
    "occupation": "occupation",
}


EXACT_BOOTSTRAP_MAX = 20_000  # households; above this the bootstrap uses the normal limit
CHART_SAMPLE = 5_000  # households drawn in the per-household charts at most


def household_income(
    con: Any,
    scope: Scope,
    *,
    reveal: bool = False,
    limit: int | None = None,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """One row per target household in scope: baseline and latest later income (baht/year),
    change in baht/year and as a fraction (null for a zero baseline), per-person income against
    the จปฐ. line, still practising, income from the promoted occupation. Names and IDs masked
    unless ``reveal``. ``limit``: only the first rows (by village, household), picked in SQL
    before their income is computed."""
    if limit is None:
        text = _households_sql(con, scope)
        return mask_frame(con.execute(text, bind(text, all_params(scope, settings))).df(), reveal=reveal)
    text = _households_sql(con, scope, "household_pick_first")
    frame = con.execute(text, bind(text, {**all_params(scope, settings), "limit": int(limit)})).df()
    return mask_frame(frame, reveal=reveal)


def _households_sql(con: Any, scope: Scope, pick: str | None = None) -> str:
    """``household_income.sql`` for ``scope``, its households narrowed by ``pick`` (the name of
    a ``household_pick_*.sql`` clause on ``s_income``; ``None``: all of them)."""
    clause = "" if pick is None else sql_text(pick)
    return sql("household_income", scope, con).replace("{pick}", clause)


def household_count(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> int:
    """How many target households are in scope (the rows :func:`household_income` returns)."""
    stored = rollups.area_sums(con, scope, ("households",), settings=settings)
    if stored is not None:
        return int(stored["households"] or 0)
    return int(query(con, "household_count", scope, settings=settings)["households"].iloc[0])


CHART_COLUMNS = ("change_pct", "baseline_per_person", "latest_per_person")  # what the charts draw


def income_chart_rows(
    con: Any,
    scope: Scope,
    *,
    size: int = CHART_SAMPLE,
    seed: int = 2560,
    settings: MetricSettings | None = None,
) -> pd.DataFrame:
    """Households with a baseline and a later survey, for the per-household charts: all of
    them up to ``size``, else a fixed pseudo-random ``size`` of them (ordered by a hash of the
    household id and ``seed``, so the same scope always draws the same households), in village
    then household order. Only ``household_id``, ``village_code`` and :data:`CHART_COLUMNS`:
    the charts need no name, and a national draw then reads a few columns of the facts."""
    stored = variant(scope, con) == STORED  # the stored facts say which households have both
    pick = sql_text("household_pick_sample_stored" if stored else "household_pick_sample")
    text = sql("household_chart", scope, con).replace("{pick}", pick)
    params = {**all_params(scope, settings), "size": int(size), "seed": int(seed)}
    return con.execute(text, bind(text, params)).df()


# The place levels the before/after chart rolls up by, finest first.
PLACE_LEVELS: tuple[RollupBy, ...] = ("village", "tambon", "district", "province")


def chart_level(counts: dict[str, int], most: int) -> RollupBy:
    """The finest place level with at most ``most`` units in scope (``counts`` from
    :func:`metrics.scope.place_counts`); the province level when none has so few."""
    return next((level for level in PLACE_LEVELS if counts[level] <= most), PLACE_LEVELS[-1])


def labelled_units(units: pd.DataFrame, by: RollupBy, *, lang: str) -> pd.DataFrame:
    """The rows of an :func:`income_rollup` by a place level that have a mean latest income,
    each with ``label``, its name in ``lang`` (the Thai name where there is no English one)."""
    shown = units.dropna(subset=["mean_latest_income"]).copy()
    name_th = f"{by}_name"
    name_en = name_th if by == "village" else f"{by}_name_en"
    shown["label"] = shown[name_en if lang == "en" else name_th].fillna(shown[name_th])
    return shown


def income_rollup(
    con: Any, scope: Scope, by: RollupBy, *, settings: MetricSettings | None = None
) -> pd.DataFrame:
    """Income change rolled up by village, tambon, district, province or occupation.

    ``income_increase_pct`` uses the same formula as the indicator, over the households of
    each group that have a baseline and a later survey.
    """
    if by not in ROLLUP_COLUMNS:
        msg = f"by must be one of {', '.join(ROLLUP_COLUMNS)} (found {by!r})"
        raise ValueError(msg)
    if by in rollups.LEVELS:  # an area level: from the area roll-ups where they serve the scope
        stored = rollups.area_query(
            con,
            scope,
            "income_rollup_stored",
            by=by,
            settings=settings,
            group_columns=ROLLUP_COLUMNS[by],
            level_codes=f"{by}_code",
        )
        if stored is not None:
            return stored
    text = sql("income_rollup", scope, con).replace("{group_columns}", ROLLUP_COLUMNS[by])
    text = text.replace("{rows}", "s_income" if by == "occupation" else "rows")
    return con.execute(text, bind(text, all_params(scope, settings))).df()


def sustainability(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> pd.DataFrame:
    """Households that have all of baseline, post, follow_6m and follow_12m, round by round:
    mean income (baht/year), practising share, and income change against their baseline."""
    frame = rollups.area_query(
        con, scope, "sustainability_stored", settings=settings, rounds=_rounds_stored()
    )
    if frame is None:  # the roll-ups do not serve the scope: over the surveys
        frame = query(con, "sustainability", scope, settings=settings)
    if frame.empty:
        return frame
    base = frame.loc[frame["round"] == "baseline", "total_income"]
    base_total = float(base.iloc[0]) if len(base) else float("nan")
    frame["increase_vs_baseline"] = (frame["total_income"] - base_total) / base_total if base_total else None
    return frame


# What the villages keep of each round of sustainability_rows.sql (metrics/rollup_build.py):
# per measure, its SQL over one round's rows (a count, or a sum and the count it is over).
ROUND_SUMS: dict[str, str] = {
    "households": "count(*)",
    "income": "sum(household_income)",
    "income_n": "count(household_income)",
    "practising": "count(*) FILTER (WHERE practising)",
    "practising_n": "count(practising)",
    "occupation": "sum(occupation_income)",
    "occupation_n": "count(occupation_income)",
}


def round_sums() -> list[str]:
    """SELECT items over household facts (``s_rounds``): per village, :data:`ROUND_SUMS` of each
    round of ``sust_rows`` as ``sust_<round>_<measure>``, summed straight from the round columns
    of the households that have every round (``{sustained}``, as sustainability_rows.sql)."""
    values = "|".join(model.ROUND_VALUES)
    cohort = model.fill("{sustained}")
    out = []
    for r in model.ROUNDS:
        for name, expr in ROUND_SUMS.items():
            expr = re.sub(rf"\b({values})\b", lambda m, r=r: model.round_value(r, m[1]), expr)
            if "FILTER (WHERE " in expr:
                expr = expr.replace("FILTER (WHERE ", f"FILTER (WHERE {cohort} AND ")
            else:
                expr = f"{expr} FILTER (WHERE {cohort})"
            out.append(f"{expr} AS sust_{r}_{name}")
    return out


def round_columns() -> tuple[str, ...]:
    """The columns of :func:`round_sums`."""
    return tuple(f"sust_{r}_{m}" for r in model.ROUNDS for m in ROUND_SUMS)


def _rounds_stored() -> str:
    """sustainability.sql's rows from the roll-ups' round sums, one per round with households."""
    parts = []
    for order, r in enumerate(model.ROUNDS, start=1):
        c = f"sust_{r}_"
        parts.append(
            f"SELECT '{r}' AS round, {order}::INTEGER AS round_order, sum({c}households)::BIGINT AS households, "
            f"sum({c}income) / nullif(sum({c}income_n), 0) AS mean_income, "
            f"CASE WHEN sum({c}income_n) > 0 THEN sum({c}income) END AS total_income, "
            f"sum({c}practising) / nullif(sum({c}practising_n), 0) AS practising_share, "
            f"sum({c}occupation) / nullif(sum({c}occupation_n), 0) AS mean_occupation_income "
            f"FROM {{areas}} HAVING sum({c}households) > 0"
        )
    return "\nUNION ALL\n".join(parts)


@dataclass(frozen=True, slots=True)
class Interval:
    """A bootstrap interval for ``income_increase_pct`` (fractions: 0.03 = 3%)."""

    estimate: float | None
    low: float | None
    high: float | None
    households: int
    level: float
    replicates: int
    seed: int
    method: str = "resample"  # "resample" households, or "normal" (the bootstrap's normal limit)

    @property
    def clears_target(self) -> bool:
        """Whether the whole interval is at or above the catalogue's target for
        ``income_increase_pct`` (the increase is more than noise)."""
        target = indicator("income_increase_pct").target
        return self.low is not None and target is not None and self.low >= target


def increase_interval(
    con: Any,
    scope: Scope,
    *,
    level: float = 0.95,
    replicates: int = 2000,
    seed: int = 2560,
    settings: MetricSettings | None = None,
) -> Interval:
    """Percentile bootstrap over households of (Σ latest − Σ baseline) ÷ Σ baseline.

    Households are resampled with replacement; the seed is fixed, so an evaluator gets the same
    interval every time and can see whether a +3% is more than noise.

    Above ``EXACT_BOOTSTRAP_MAX`` households the resampled sums (Σ baseline, Σ latest) are
    drawn from their normal limit instead: mean n·(μ_b, μ_l), covariance n·Σ, with μ and Σ
    from one SQL aggregate (the central limit theorem; at 20,000 households the difference
    is far below the interval's own width). A national scope then costs one scan, not
    2,000 × 470,000 draws.
    """
    moments = _moments(con, scope, settings, by_district=False).iloc[0]
    n = int(moments["n"])
    if n > EXACT_BOOTSTRAP_MAX:
        return _normal_interval(moments, level=level, replicates=replicates, seed=seed)
    both = query(con, "income_pairs", scope, settings=settings)
    base = both["baseline_income"].to_numpy(dtype=float)
    latest = both["latest_income"].to_numpy(dtype=float)
    if n == 0 or base.sum() == 0:
        return Interval(None, None, None, n, level, replicates, seed)
    estimate = (latest.sum() - base.sum()) / base.sum()
    rng = np.random.default_rng(seed)
    stats = np.empty(replicates)
    for start in range(0, replicates, 200):  # chunks keep memory bounded for large scopes
        stop = min(start + 200, replicates)
        idx = rng.integers(0, n, size=(stop - start, n))
        b = base[idx].sum(axis=1)
        stats[start:stop] = np.where(b > 0, (latest[idx].sum(axis=1) - b) / np.where(b > 0, b, 1), np.nan)
    tail = (1 - level) / 2
    low, high = np.nanquantile(stats, [tail, 1 - tail])
    return Interval(float(estimate), float(low), float(high), n, level, replicates, seed)


def district_increase_intervals(
    con: Any,
    scope: Scope,
    *,
    level: float = 0.95,
    replicates: int = 2000,
    seed: int = 2560,
    settings: MetricSettings | None = None,
) -> dict[str, Interval]:
    """District code -> the interval of its ``income_increase_pct``, for every district in scope
    with households surveyed before and after: the bootstrap's normal limit (the method
    :func:`increase_interval` uses above ``EXACT_BOOTSTRAP_MAX``), from one SQL aggregate for all
    districts, so a national ranking of 900 districts costs one scan, not 900 bootstraps."""
    moments = _moments(con, scope, settings, by_district=True)
    return {
        str(row["district_code"]): _normal_interval(row, level=level, replicates=replicates, seed=seed)
        for _, row in moments.iterrows()
    }


def _moments(con: Any, scope: Scope, settings: MetricSettings | None, *, by_district: bool) -> pd.DataFrame:
    """``income_moments.sql`` (per district: ``income_moments_district.sql``), from the area
    roll-ups where they serve the scope."""
    stored = rollups.area_query(
        con,
        scope,
        "income_moments_stored",
        by="district" if by_district else None,
        settings=settings,
        group_by="district_code," if by_district else "",
        having="WHERE n > 0" if by_district else "",
    )
    if stored is not None:
        return stored
    return query(
        con, "income_moments_district" if by_district else "income_moments", scope, settings=settings
    )


def _normal_interval(moments: pd.Series, *, level: float, replicates: int, seed: int) -> Interval:
    """The percentile interval from ``replicates`` draws of the sums' normal limit."""
    n = int(moments["n"])
    mean = np.array([moments["mean_base"], moments["mean_latest"]], dtype=float) * n
    if mean[0] == 0:
        return Interval(None, None, None, n, level, replicates, seed, "normal")
    cov = (
        np.array(
            [[moments["var_base"], moments["cov"]], [moments["cov"], moments["var_latest"]]], dtype=float
        )
        * n
    )
    sums = np.random.default_rng(seed).multivariate_normal(mean, cov, size=replicates)
    stats = (sums[:, 1] - sums[:, 0]) / sums[:, 0]
    tail = (1 - level) / 2
    low, high = np.quantile(stats, [tail, 1 - tail])
    estimate = (mean[1] - mean[0]) / mean[0]
    return Interval(float(estimate), float(low), float(high), n, level, replicates, seed, "normal")
