"""The indicator catalogue (``catalogue.toml``) and its computation for a scope.

Indicators are data, like dbt metrics: each has an id, Thai and English labels and
definitions, a unit, a target and a direction, and declares once the set it counts over
(``unit_set``: households, villages or groups, ``metrics/sql/indicator_sets.sql``) with its
numerator and denominator as conditions and values on that set. The counts (:func:`compute`,
one query for all) and the rows behind them (:mod:`metrics.rows`) are both generated from that
declaration here (:func:`numerator_amount`, :func:`denominator_amount`), so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from common.formats import Judged
from metrics import model, rollups
from metrics.scope import Scope, Variant, all_params, bind, scope_sql, sql_text, variant
from metrics.settings import MetricSettings

CATALOGUE = Path(__file__).resolve().parent / "catalogue.toml"
Unit = Literal["share", "ratio"]
Direction = Literal["at_least", "at_most"]
UnitSet = Literal["households", "villages", "groups"]
# Each set's CTE (metrics/sql/indicator_sets.sql) and the column that names one of its units.
UNIT_SETS: dict[str, tuple[str, str]] = {
    "households": ("u_households", "household_id"),
    "villages": ("u_villages", "village_code"),
    "groups": ("u_groups", "group_id"),
}


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator's definition (from ``catalogue.toml``)."""

    id: str
    label_th: str
    label_en: str
    definition_th: str
    definition_en: str
    unit: Unit
    direction: Direction
    unit_set: UnitSet
    in_denominator: str  # SQL condition on a row of the set (NULL: not in)
    in_numerator: str
    target: float | None = None
    numerator_value: str = "1"  # what a row in the numerator adds (1: a count)
    denominator_value: str = "1"
    reasons: tuple[tuple[str, str], ...] = ()  # (condition, code): why a row is not in both
    columns: tuple[str, ...] = ()  # the values of the set the indicator uses
    headline: bool = False
    covered: str | None = None
    universe: str | None = None
    coverage_unit: str | None = None
    amount_unit: str = "count"  # the unit of the numerator and denominator (common.formats)
    of_th: str | None = None  # what a headline share is of, beside its number
    of_en: str | None = None

    def of(self, lang: str) -> str | None:
        """What the value is a share of, in ``lang``: "of those surveyed after training"."""
        return self.of_en if lang == "en" else self.of_th

    @property
    def numerator(self) -> str:
        """The numerator as one SQL query over the indicator's set (for people: docs)."""
        return f"SELECT coalesce(sum({numerator_amount(self)}), 0) FROM {UNIT_SETS[self.unit_set][0]}"

    @property
    def denominator(self) -> str:
        """The denominator as one SQL query over the indicator's set (for people: docs)."""
        return f"SELECT coalesce(sum({denominator_amount(self)}), 0) FROM {UNIT_SETS[self.unit_set][0]}"


def in_denominator(ind: Indicator) -> str:
    """SQL: whether a row of the indicator's set is in its denominator (true or false, never NULL)."""
    return f"coalesce(({ind.in_denominator}), false)"


def in_numerator(ind: Indicator) -> str:
    """SQL: whether a row of the indicator's set is in its numerator (true or false, never NULL)."""
    return f"coalesce(({ind.in_numerator}), false)"


def numerator_amount(ind: Indicator) -> str:
    """SQL: what a row adds to the numerator (0 when it is not in it)."""
    return f"CASE WHEN {in_numerator(ind)} THEN ({ind.numerator_value}) ELSE 0 END"


def denominator_amount(ind: Indicator) -> str:
    """SQL: what a row adds to the denominator (0 when it is not in it)."""
    return f"CASE WHEN {in_denominator(ind)} THEN ({ind.denominator_value}) ELSE 0 END"


def reason_code(ind: Indicator) -> str:
    """SQL: the code of why a row is not in both the numerator and the denominator (the first
    of the declared reasons that holds), NULL for a row in both."""
    cases = " ".join(f"WHEN coalesce(({cond}), false) THEN '{code}'" for cond, code in ind.reasons)
    return f"CASE WHEN NOT ({in_denominator(ind)} AND {in_numerator(ind)}) THEN CASE {cases} END END"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator computed for a scope. ``value`` is None when the denominator is 0; with a
    target it is a :class:`common.formats.Judged` float, shown as its verdict reads."""

    id: str
    label_th: str
    label_en: str
    unit: Unit
    value: float | None
    target: float | None
    direction: Direction
    met: bool | None
    numerator: float
    denominator: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def catalogue() -> tuple[Indicator, ...]:
    """Every indicator, in catalogue order."""
    with open(CATALOGUE, "rb") as handle:
        data = tomllib.load(handle)
    out = []
    for row in data["indicator"]:
        row["reasons"] = tuple((cond, code) for cond, code in row.get("reasons", ()))
        row["columns"] = tuple(row.get("columns", ()))
        if not row["reasons"] or row["reasons"][-1][0] != "true":
            msg = f'{row["id"]}: reasons must end with a catch-all ["true", code], so every row not counted says why'
            raise ValueError(msg)
        if row["unit_set"] not in UNIT_SETS:
            msg = f"{row['id']}: unit_set must be one of {', '.join(UNIT_SETS)}, not {row['unit_set']!r}"
            raise ValueError(msg)
        out.append(Indicator(**row))
    return tuple(out)


def indicator(indicator_id: str) -> Indicator:
    """One indicator by id."""
    for ind in catalogue():
        if ind.id == indicator_id:
            return ind
    msg = f"unknown indicator {indicator_id!r}; known: {', '.join(i.id for i in catalogue())}"
    raise KeyError(msg)


def headline() -> tuple[Indicator, ...]:
    """The CDD headline targets (``headline = true``), in catalogue order."""
    return tuple(ind for ind in catalogue() if ind.headline)


def is_met(value: float | None, target: float | None, direction: Direction) -> bool | None:
    """Whether ``value`` meets ``target``; None when there is no target or no value."""
    if value is None or target is None:
        return None
    return value >= target if direction == "at_least" else value <= target


def with_sets(which: Variant) -> str:
    """The scope CTEs and the indicators' sets (``indicator_sets.sql``), ready to follow ``WITH``."""
    return scope_sql(which) + ",\n" + sql_text("indicator_sets")


def amounts(kind: str) -> dict[str, list[tuple[str, str]]]:
    """Per unit set, ``(column, SQL of what one row adds)``: for ``kind`` "values" every
    indicator's numerator and denominator (``<id>__num``, ``<id>__den``), for "coverage" the
    rows it is covered by and counted among (``<id>__covered``, ``<id>__universe``, over its
    ``coverage_unit``'s set). The one statement of each sum: the counts below, per scope, and
    the area roll-ups (:mod:`metrics.rollups`), per village, add up these amounts."""
    out: dict[str, list[tuple[str, str]]] = {unit_set: [] for unit_set in UNIT_SETS}
    for ind in catalogue():
        if kind == "values":
            out[ind.unit_set] += [
                (f"{ind.id}__num", numerator_amount(ind)),
                (f"{ind.id}__den", denominator_amount(ind)),
            ]
        elif ind.covered and ind.universe:
            out[ind.coverage_unit or ind.unit_set] += [
                (f"{ind.id}__covered", f"coalesce(({ind.covered}), false)::INT"),
                (f"{ind.id}__universe", f"coalesce(({ind.universe}), false)::INT"),
            ]
    return out


def columns(kind: str) -> tuple[str, ...]:
    """The sums of :func:`amounts` of ``kind``, in order."""
    return tuple(name for parts in amounts(kind).values() for name, _ in parts)


def village_sums(kind: str, unit_set: str) -> list[str]:
    """The sums of :func:`amounts` of ``kind`` over one set's rows, as SELECT items."""
    return [model.fill(f"sum({amount}) AS {name}") for name, amount in amounts(kind)[unit_set]]


def per_village(kind: str, *, without: tuple[str, ...] = ()) -> list[str]:
    """CTEs (to follow :func:`with_sets`): ``ind_<kind>_<set>``, one row per village with the
    sums of :func:`amounts` of ``kind`` over its rows of each set (but those ``without``)."""
    return [
        f"ind_{kind}_{unit_set} AS (SELECT village_code, {', '.join(sums)} FROM {cte} GROUP BY village_code)"
        for unit_set, (cte, _key) in UNIT_SETS.items()
        if unit_set not in without and (sums := village_sums(kind, unit_set))
    ]


@cache
def _sums_sql(which: Variant, kind: str) -> str:
    # one pass over each set: every sum of the kind over the rows in scope (the rows of
    # metrics.rows add up to the numerators and denominators)
    per_set = []
    for unit_set, (cte, _key) in UNIT_SETS.items():
        parts = amounts(kind)[unit_set]
        if parts:
            per_set.append(f"(SELECT {', '.join(f'sum({a}) AS {n}' for n, a in parts)} FROM {cte})")
    return "WITH " + with_sets(which) + "\nSELECT * FROM " + model.fill(",\n     ".join(per_set))


def _sums(
    con: Any, scope: Scope, kind: str, settings: MetricSettings | None, today: dt.date | None
) -> dict[str, Any]:
    """The sums of ``kind`` in ``scope``: from the area roll-ups where they serve the scope,
    else over the facts in scope (the same amounts either way)."""
    stored = rollups.area_sums(con, scope, columns(kind), settings=settings)
    if stored is not None:
        return stored
    text = _sums_sql(variant(scope, con), kind)
    row = con.execute(text, bind(text, all_params(scope, settings, today))).fetchone()
    return dict(zip((d[0] for d in con.description), row, strict=True))


def compute(
    con: Any,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> list[IndicatorValue]:
    """Every indicator of the catalogue for ``scope``, in catalogue order."""
    values = _sums(con, scope, "values", settings, today)
    out = []
    for ind in catalogue():
        num = float(values[f"{ind.id}__num"] or 0)
        den = float(values[f"{ind.id}__den"] or 0)
        value: float | None = None
        if den:
            # Judged: it carries its target, so the one formatter shows it with the decimals
            # that keep the number and the verdict in agreement (4.04, not 4.0, against ≤ 4).
            value = num / den if ind.target is None else Judged(num / den, ind.target, ind.direction)
        out.append(
            IndicatorValue(
                ind.id,
                ind.label_th,
                ind.label_en,
                ind.unit,
                value,
                ind.target,
                ind.direction,
                is_met(value, ind.target, ind.direction),
                num,
                den,
            )
        )
    return out


def coverage(
    con: Any,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> dict[str, tuple[int, int]]:
    """``{indicator id: (covered, universe)}`` for the indicators with coverage SQL: how many
    households (or villages, see ``coverage_unit``) the value rests on, out of how many in scope."""
    values = _sums(con, scope, "coverage", settings, today)
    return {
        ind.id: (int(values[f"{ind.id}__covered"] or 0), int(values[f"{ind.id}__universe"] or 0))
        for ind in catalogue()
        if ind.covered and ind.universe
    }
