"""The indicator catalogue (``catalogue.toml``) and its computation for a scope.

Indicators are data, like dbt metrics: each has an id, Thai and English labels and
definitions, a unit, a target and a direction, and numerator/denominator SQL over the scope
CTEs. All of them are computed in one query, from the same rows the pages show.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from common.formats import Judged
from metrics import model
from metrics.scope import Scope, all_params, bind, scope_sql, variant
from metrics.settings import MetricSettings

CATALOGUE = Path(__file__).resolve().parent / "catalogue.toml"
Unit = Literal["share", "ratio"]
Direction = Literal["at_least", "at_most"]


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
    numerator: str
    denominator: str
    target: float | None = None
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
    return tuple(Indicator(**row) for row in data["indicator"])


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


@cache
def _indicators_sql(which: str) -> str:
    parts = []
    for ind in catalogue():
        parts.append(f"({ind.numerator}) AS {ind.id}__num")
        parts.append(f"({ind.denominator}) AS {ind.id}__den")
    return "WITH " + scope_sql(which) + "\nSELECT " + model.fill(",\n       ".join(parts))


def compute(
    con: Any,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> list[IndicatorValue]:
    """Every indicator of the catalogue for ``scope``, in catalogue order."""
    text = _indicators_sql(variant(scope, con))
    row = con.execute(text, bind(text, all_params(scope, settings, today))).fetchone()
    values = dict(zip((d[0] for d in con.description), row, strict=True))
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


@cache
def _coverage_sql(which: str) -> str:
    parts = []
    for ind in catalogue():
        if ind.covered and ind.universe:
            parts.append(f"({ind.covered}) AS {ind.id}__covered")
            parts.append(f"({ind.universe}) AS {ind.id}__universe")
    return "WITH " + scope_sql(which) + "\nSELECT " + model.fill(",\n       ".join(parts))


def coverage(
    con: Any,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> dict[str, tuple[int, int]]:
    """``{indicator id: (covered, universe)}`` for the indicators with coverage SQL: how many
    households (or villages, see ``coverage_unit``) the value rests on, out of how many in scope."""
    text = _coverage_sql(variant(scope, con))
    row = con.execute(text, bind(text, all_params(scope, settings, today))).fetchone()
    values = dict(zip((d[0] for d in con.description), row, strict=True))
    return {
        ind.id: (int(values[f"{ind.id}__covered"] or 0), int(values[f"{ind.id}__universe"] or 0))
        for ind in catalogue()
        if ind.covered and ind.universe
    }
