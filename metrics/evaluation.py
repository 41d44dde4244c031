"""The evaluation measures the programme's own rules call for (issue 20, part 3): whether the
poorest households were selected, whether follow-up surveys thin out unevenly, income change in
constant prices, and a comparison of selected with similar households of the same villages.

Every measure is set-based SQL over the scope CTEs (``metrics/sql/scope.sql``), so area grants,
places, fiscal year, occupation and the as-of date narrow them as they narrow the indicators.
The roster (``roster``, the จปฐ. household roster) is optional data: without it the targeting
list is empty and the comparison is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from common.formats import BE_OFFSET
from data_loaders.contract.schema import ROUND_ORDER
from data_loaders.reference import cpi
from metrics import rollups
from metrics.income import EXACT_BOOTSTRAP_MAX
from metrics.scope import Scope, all_params, bind, query, sql, sql_text
from metrics.settings import MetricSettings

Band = Literal["low", "check", "high"]
FOLLOW_ROUNDS: tuple[str, ...] = ROUND_ORDER[1:]  # the rounds after baseline, stored codes
BAND_LOW = 0.05  # missing share under this: low
BAND_HIGH = 0.20  # over this: high; in between (5–20%): check
# A mean baseline income of the lost households this far (a fraction) from the retained ones'
# is called out: the income change is then measured on a different kind of household.
GAP_CALLOUT = 0.10
AttritionBy = Literal["scope", "district", "village"]
ATTRITION_COLUMNS: dict[str, str] = {
    "scope": "",
    "district": "district_code, district_name, district_name_en,",
    "village": "district_code, district_name, district_name_en, village_code, village_name,",
}


def _surveyed(round_code: str) -> str:
    """A household's survey of ``round_code`` is dated on or before the as-of date (any date
    without one), over its stored facts (``h``: a row of s_rounds)."""
    date = f"h.r_{round_code}_date"
    return f"({date} IS NOT NULL AND ($as_of IS NULL OR {date} <= $as_of))"


# evaluation_attrition.sql's flag of each round after baseline per household (surveyed_<i>, the
# suffix its index), read once, and its per-village counts of them.
ROUND_FLAGS = ", ".join(f"{_surveyed(r)} AS surveyed_{i}" for i, r in enumerate(FOLLOW_ROUNDS))
# The per-village counts of attrition, each as (name, SQL over households carrying ROUND_FLAGS).
ROUND_PARTS: tuple[tuple[str, str], ...] = tuple(
    part
    for i, _ in enumerate(FOLLOW_ROUNDS)
    for part in (
        (f"surveyed_{i}", f"count(*) FILTER (WHERE surveyed_{i})"),
        (f"retained_sum_{i}", f"sum(baseline_income) FILTER (WHERE surveyed_{i})"),
        (f"retained_n_{i}", f"count(baseline_income) FILTER (WHERE surveyed_{i})"),
        (f"lost_sum_{i}", f"sum(baseline_income) FILTER (WHERE NOT surveyed_{i})"),
        (f"lost_n_{i}", f"count(baseline_income) FILTER (WHERE NOT surveyed_{i})"),
    )
)
ROUND_COUNTS = ",\n           ".join(f"{amount} AS {name}" for name, amount in ROUND_PARTS)
# The area roll-ups keep them per village (metrics/sql/rollup_villages.sql) under this prefix,
# with the village's target households (ATTRITION_PREFIX + "target").
ATTRITION_PREFIX = "attrition_"
ROUND_ROWS = ", ".join(
    f"{{'round': '{r}', 'surveyed': sum(surveyed_{i})::BIGINT, 'retained_sum': sum(retained_sum_{i}), "
    f"'retained_n': sum(retained_n_{i}), 'lost_sum': sum(lost_sum_{i}), 'lost_n': sum(lost_n_{i})}}"
    for i, r in enumerate(FOLLOW_ROUNDS)
)
# The label (a key of common/strings.toml) of each breakdown of attrition.
BREAKDOWN_LABELS: dict[str, str] = {"district": "eval.by_district", "village": "eval.by_village"}
TARGETING_KEYS = (
    "village_code",
    "selected",
    "selected_in_poorest",
    "selected_above_line",
    "eligible_not_selected",
)
ATTRITION_KEYS = (
    "round",
    "target",
    "surveyed",
    "missing_share",
    "band",
    "baseline_mean_retained",
    "baseline_mean_lost",
)


class MissingPriceIndex(ValueError):
    """A survey falls in a calendar year the price index lacks: real income is refused, never
    extrapolated. ``th`` and ``en`` are the two halves of the message (``str()`` gives both)."""

    def __init__(self, years: list[int]) -> None:
        last_ce = cpi.series()[-1][0]
        shown_th = ", ".join(str(y + BE_OFFSET) for y in years)
        shown_en = ", ".join(f"{y} ({y + BE_OFFSET} BE)" for y in years)
        self.years = years
        self.th = (
            f"คำนวณรายได้ที่แท้จริงไม่ได้: ไม่มีดัชนีราคาผู้บริโภคของปี พ.ศ. {shown_th} "
            f"(ข้อมูลถึงปี {last_ce + BE_OFFSET}) ระบบไม่ประมาณค่าเกินข้อมูล ให้เพิ่มปีนั้นใน "
            "data_loaders/reference/cpi_thailand.csv หรือเลือกขอบเขตหรือวันที่ข้อมูลที่ไม่มีการสำรวจในปีนั้น"
        )
        self.en = (
            f"real income cannot be computed: the consumer price index has no value for {shown_en} "
            f"(the series ends in {last_ce}); it is never extrapolated. Add the year to "
            "data_loaders/reference/cpi_thailand.csv, or choose a scope or as-of date without "
            "surveys in that year"
        )
        super().__init__(f"{self.th} / {self.en}")


def band(missing_share: float | None) -> Band | None:
    """``low`` under 5% missing, ``check`` from 5% to 20%, ``high`` over 20%; None without households."""
    if missing_share is None or pd.isna(missing_share):
        return None
    if missing_share < BAND_LOW:
        return "low"
    return "check" if missing_share <= BAND_HIGH else "high"


def retained_gap(retained: float | None, lost: float | None) -> float | None:
    """How far the lost households' mean baseline income is from the retained ones', as a
    fraction of the retained mean (−0.2: the lost were 20% poorer); None when either is missing."""
    if retained is None or lost is None or pd.isna(retained) or pd.isna(lost) or retained == 0:
        return None
    return float(lost) / float(retained) - 1


def gap_is_large(gap: float | None) -> bool:
    """Whether a retained/lost gap is large enough to call out (``GAP_CALLOUT``)."""
    return gap is not None and abs(gap) > GAP_CALLOUT


def _run(con: Any, name: str, scope: Scope, settings: MetricSettings | None, **extra: Any) -> pd.DataFrame:
    return query(con, name, scope, settings=settings, **extra)


# --------------------------------------------------------------------------- targeting


def targeting(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> pd.DataFrame:
    """One row per village in scope with a roster year not after its fiscal year, worst first:
    ``selected``, ``selected_in_poorest``, ``selected_above_line``, ``eligible_not_selected``
    (counts of households), the roster year used, its households, the village's poverty line
    (baht per person per year) and names (``evaluation_targeting.sql``)."""
    return _run(con, "evaluation_targeting", scope, settings)


# --------------------------------------------------------------------------- attrition


def _keys(by: AttritionBy) -> list[str]:
    return [c.strip() for c in ATTRITION_COLUMNS[by].split(",") if c.strip()]


def attrition_village_sums() -> list[str]:
    """The per-village counts of attrition as SELECT items over households carrying
    :data:`ROUND_FLAGS`, named for the area roll-ups (:data:`ATTRITION_PREFIX`)."""
    return [f"count(*) AS {ATTRITION_PREFIX}target"] + [
        f"{amount} AS {ATTRITION_PREFIX}{name}" for name, amount in ROUND_PARTS
    ]


def _per_village(con: Any, scope: Scope, settings: MetricSettings | None) -> str:
    """evaluation_attrition.sql's per-village counts: kept by the area roll-ups where they serve
    the scope (its villages with target households), else counted over the households."""
    if rollups.serves(con, scope, settings):
        stored = ", ".join(f"{ATTRITION_PREFIX}{name} AS {name}" for name, _ in ROUND_PARTS)
        return sql_text("evaluation_attrition_stored").replace("{round_columns}", stored)
    return sql_text("evaluation_attrition_villages")


def _attrition_rows(
    con: Any, scope: Scope, by: AttritionBy, settings: MetricSettings | None, *, whole: bool
) -> pd.DataFrame:
    """The rows of ``evaluation_attrition.sql`` per ``by`` and, with ``whole``, those of the
    whole scope in the same pass (``is_whole``)."""
    if by not in ATTRITION_COLUMNS:
        msg = f"by must be one of {', '.join(ATTRITION_COLUMNS)} (found {by!r})"
        raise ValueError(msg)
    keys = _keys(by)
    sets = ["(" + ", ".join(keys) + ")"] + (["()"] if whole and keys else [])
    text = (
        sql("evaluation_attrition", scope, con)
        .replace("{per_village}", _per_village(con, scope, settings))
        .replace("{group_columns}", ATTRITION_COLUMNS[by])
        .replace("{grouping_sets}", ", ".join(sets))
        .replace("{is_whole}", f"grouping({keys[0]}) = 1" if keys else "true")
        .replace("{round_flags}", ROUND_FLAGS)
        .replace("{round_counts}", ROUND_COUNTS)
        .replace("{round_rows}", ROUND_ROWS)
    )
    return con.execute(text, bind(text, all_params(scope, settings))).df()


def _finish(frame: pd.DataFrame, by: AttritionBy) -> pd.DataFrame:
    """Bands, gaps and the order of rounds; for the whole scope one row per round, always."""
    frame = frame.drop(columns="is_whole")
    if by == "scope":
        frame = frame.drop(columns=[c for c in frame.columns if c in _keys("village")])
        frame = pd.DataFrame({"round": list(FOLLOW_ROUNDS)}).merge(frame, on="round", how="left")
        frame["target"] = frame["target"].fillna(0).astype(int)
        frame["surveyed"] = frame["surveyed"].fillna(0).astype(int)
    frame["band"] = [band(v) for v in frame["missing_share"]]
    frame["gap"] = [
        retained_gap(a, b)
        for a, b in zip(frame["baseline_mean_retained"], frame["baseline_mean_lost"], strict=True)
    ]
    order = {r: i for i, r in enumerate(FOLLOW_ROUNDS)}
    frame["_order"] = frame["round"].map(order)
    return frame.sort_values([*_keys(by), "_order"]).drop(columns="_order").reset_index(drop=True)


def attrition(
    con: Any, scope: Scope, *, by: AttritionBy = "scope", settings: MetricSettings | None = None
) -> pd.DataFrame:
    """Per survey round after baseline (and per district or village with ``by``): target
    households in scope, those surveyed, the missing share (0–1) and its band, the mean baseline
    income (baht/year) of the retained and the lost, and ``gap`` (lost ÷ retained − 1).
    For the whole scope there is always one row per round, with ``target`` 0 when empty."""
    return _finish(_attrition_rows(con, scope, by, settings, whole=False), by)


def attrition_parts(
    con: Any, scope: Scope, *, by: AttritionBy = "district", settings: MetricSettings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``attrition(scope)`` and ``attrition(scope, by=by)`` from one pass over the households
    (the Indicators page shows both)."""
    rows = _attrition_rows(con, scope, by, settings, whole=True)
    whole = rows["is_whole"].astype(bool)
    return _finish(rows[whole], "scope"), _finish(rows[~whole], by) if by != "scope" else _finish(
        rows[whole], by
    )


# --------------------------------------------------------------------------- real income


@dataclass(frozen=True, slots=True)
class RealIncome:
    """The income indicator's change (fractions: 0.03 = 3%) in nominal baht and in prices of
    each household's baseline year, over the same households (``households``)."""

    nominal_increase: float | None
    real_increase: float | None
    households: int
    missing_years: tuple[int, ...] = ()  # survey years (CE) without an index: real is refused

    @property
    def refusal(self) -> MissingPriceIndex | None:
        """Why real income was refused (Thai and English), or None."""
        return MissingPriceIndex(list(self.missing_years)) if self.missing_years else None


# A household's latest income in prices of its baseline survey's calendar year (NULL when the
# index lacks either year), over s_income rows: evaluation_real_income.sql and the roll-ups.
LATEST_REAL = (
    "latest_income * list_extract($cpi_values, list_position($cpi_years, year(baseline_date)))"
    " / list_extract($cpi_values, list_position($cpi_years, year(latest_date)))"
)
# The calendar years of a household's baseline and latest surveys the index lacks.
_UNPRICED = {
    when: f"has_both AND NOT list_contains($cpi_years, year({when}_date))" for when in ("baseline", "latest")
}
# What the area roll-ups keep per village for real income (metrics/sql/rollup_villages.sql):
# its households with both rounds and the two nominal sums are the income indicator's; the
# households whose survey years the index lacks are counted, and those years listed (per
# village only: a list is not added up).
REAL_SUMS: dict[str, str] = {
    "households_with_change": "",
    "baseline_total": "",
    "latest_total": "",
    "real_latest_total": f"sum({LATEST_REAL}) FILTER (WHERE has_both)",
    "real_unpriced": f"count(*) FILTER (WHERE {' OR '.join(f'({c})' for c in _UNPRICED.values())})",
}
REAL_UNPRICED_YEARS = (
    "list_distinct("
    + " || ".join(
        f"coalesce(list(year({when}_date)) FILTER (WHERE {c}), [])" for when, c in _UNPRICED.items()
    )
    + ")"
)


def real_income_village_sums() -> list[str]:
    """What the area roll-ups keep per village for real income, as SELECT items over s_income
    (the nominal sums are the income indicator's, kept already)."""
    sums = [f"{amount} AS {name}" for name, amount in REAL_SUMS.items() if amount]
    return [*sums, f"{REAL_UNPRICED_YEARS} AS real_unpriced_years"]


def real_income(
    con: Any, scope: Scope, *, refuse: bool = True, settings: MetricSettings | None = None
) -> RealIncome:
    """(Σ deflated latest − Σ baseline) ÷ Σ baseline beside the nominal one, over the households
    of ``income_increase_pct``. When a survey year has no index it raises
    :class:`MissingPriceIndex`, or with ``refuse=False`` returns ``real_increase`` None and the
    years in ``missing_years`` (for a page or a pack that shows the other measures anyway).
    The sums are the area roll-ups' where they serve the scope under the same price index."""
    stored = rollups.area_sums(con, scope, tuple(REAL_SUMS), settings=settings, prices=True)
    if stored is not None:  # kept per village at import, under the same price index
        missing: list[int] = []
        if stored["real_unpriced"]:  # the years the index lacks, listed per village
            found = query(con, "evaluation_real_income_stored", scope, settings=settings)
            missing = [int(y) for y in found["missing_years"].iloc[0]]
        base, latest, real = stored["baseline_total"], stored["latest_total"], stored["real_latest_total"]
        return _real(
            {
                "households": stored["households_with_change"] or 0,
                "nominal_increase": _increase(latest, base),
                "real_increase": _increase(real, base),
                "missing_years": missing,
            },
            refuse=refuse,
        )
    years = [y for y, _ in cpi.series()]
    values = [v for _, v in cpi.series()]
    # one pass: the sums and the survey years the index lacks (evaluation_real_income.sql)
    text = sql("evaluation_real_income", scope, con).replace("{latest_real}", LATEST_REAL)
    params = {**all_params(scope, settings), "cpi_years": years, "cpi_values": values}
    return _real(con.execute(text, bind(text, params)).df().iloc[0].to_dict(), refuse=refuse)


def _real(row: dict[str, Any], *, refuse: bool) -> RealIncome:
    """:class:`RealIncome` of the sums (``households``, ``nominal_increase``, ``real_increase``,
    ``missing_years``), refused as :func:`real_income` says."""
    missing = [int(y) for y in row["missing_years"]]
    if missing and refuse:
        raise MissingPriceIndex(missing)
    real = None if missing else _float(row["real_increase"])
    return RealIncome(_float(row["nominal_increase"]), real, int(row["households"]), tuple(missing))


def _float(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _increase(latest: Any, baseline: Any) -> float | None:
    """(latest − baseline) ÷ baseline of two sums, None without a baseline (as the SQL's nullif)."""
    if latest is None or baseline is None or baseline == 0:
        return None
    return (float(latest) - float(baseline)) / float(baseline)


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True, slots=True)
class Comparison:
    """Difference in differences of annual household income (baht/year) from roster year y1 to
    y2: the selected households' mean change minus the other households' mean change, pooled
    over the households on both rosters in scope, with a bootstrap interval."""

    selected_change: float | None
    others_change: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    n_selected: int
    n_others: int
    level: float = 0.95
    replicates: int = 2000
    seed: int = 2560
    method: str = "resample"  # households resampled within each side, or "normal" (its limit)

    def as_dict(self) -> dict[str, Any]:
        """The object of ``metrics evaluation --json``."""
        return {
            "selected_change": self.selected_change,
            "others_change": self.others_change,
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "n_selected": self.n_selected,
            "n_others": self.n_others,
        }


def comparison(
    con: Any,
    scope: Scope,
    *,
    level: float = 0.95,
    replicates: int = 2000,
    seed: int = 2560,
    settings: MetricSettings | None = None,
) -> Comparison | None:
    """The difference in differences, or ``None`` when no village in scope has both a roster
    year not after its fiscal year and one after it.

    The interval is a percentile bootstrap like the income indicator's: households resampled
    with replacement within each side, the seed fixed. Above ``EXACT_BOOTSTRAP_MAX`` households
    the two means are drawn from their normal limit instead (mean, variance ÷ n of each side).
    """
    text = sql("evaluation_comparison", scope, con)
    params = bind(text, all_params(scope, settings))
    moments = con.execute(
        "SELECT selected, count(*) AS n, avg(change) AS mean, var_pop(change) AS var "
        f"FROM (\n{text}\n) GROUP BY selected",
        params,
    ).df()
    if moments.empty:
        return None
    stats = {bool(r["selected"]): r for _, r in moments.iterrows()}
    n_sel = int(stats[True]["n"]) if True in stats else 0
    n_oth = int(stats[False]["n"]) if False in stats else 0
    mean_sel = float(stats[True]["mean"]) if n_sel else None
    mean_oth = float(stats[False]["mean"]) if n_oth else None
    if mean_sel is None or mean_oth is None:
        return Comparison(mean_sel, mean_oth, None, None, None, n_sel, n_oth, level, replicates, seed)
    tail = (1 - level) / 2
    rng = np.random.default_rng(seed)
    if n_sel + n_oth > EXACT_BOOTSTRAP_MAX:
        draws_sel = rng.normal(mean_sel, np.sqrt(float(stats[True]["var"]) / n_sel), replicates)
        draws_oth = rng.normal(mean_oth, np.sqrt(float(stats[False]["var"]) / n_oth), replicates)
        low, high = np.quantile(draws_sel - draws_oth, [tail, 1 - tail])
        method = "normal"
    else:
        rows = con.execute(text, params).df()
        sel = rows.loc[rows["selected"], "change"].to_numpy(dtype=float)
        oth = rows.loc[~rows["selected"], "change"].to_numpy(dtype=float)
        diffs = np.empty(replicates)
        for start in range(0, replicates, 200):  # chunks keep memory bounded
            stop = min(start + 200, replicates)
            a = sel[rng.integers(0, n_sel, size=(stop - start, n_sel))].mean(axis=1)
            b = oth[rng.integers(0, n_oth, size=(stop - start, n_oth))].mean(axis=1)
            diffs[start:stop] = a - b
        low, high = np.quantile(diffs, [tail, 1 - tail])
        method = "resample"
    return Comparison(
        mean_sel,
        mean_oth,
        mean_sel - mean_oth,
        float(low),
        float(high),
        n_sel,
        n_oth,
        level,
        replicates,
        seed,
        method,
    )


# --------------------------------------------------------------------------- the whole


def _plain(value: Any) -> Any:
    """A JSON-ready value: numpy numbers as Python ones, NaN as None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def evaluation(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> dict[str, Any]:
    """The object of ``python -m metrics evaluation --json`` (a fixed contract):
    ``targeting`` (a list, worst first), ``attrition`` (one entry per round after baseline, whole
    scope), ``real_income`` ``{nominal_increase, real_increase}`` and ``comparison`` (or None).
    Raises :class:`MissingPriceIndex` when real income cannot be computed."""
    target = targeting(con, scope, settings=settings)
    lost = attrition(con, scope, settings=settings)
    real = real_income(con, scope, settings=settings)
    compared = comparison(con, scope, settings=settings)
    return {
        "targeting": [{k: _plain(r[k]) for k in TARGETING_KEYS} for _, r in target.iterrows()],
        "attrition": [{k: _plain(r[k]) for k in ATTRITION_KEYS} for _, r in lost.iterrows()],
        "real_income": {"nominal_increase": real.nominal_increase, "real_increase": real.real_increase},
        "comparison": None if compared is None else compared.as_dict(),
    }
