"""The one filter object every metric takes, and its SQL parameters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from data_loaders.store import facts
from metrics import model
from metrics.settings import MetricSettings, current

SQL_DIR = Path(__file__).resolve().parent / "sql"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of the programme to measure. Frozen and hashable, so it can key a cache.

    ``fiscal_year`` is BE (2560). Codes are official: province 2 digits, district 4, tambon 6,
    village 8. ``occupation`` narrows households (and their surveys and attendance) and groups
    (and their links); villages and trainers stay as they are. ``as_of`` keeps only dated rows
    on or before it (training days and their attendance, surveys, groups, links, reports);
    rows without a date always count. ``today`` is the date overdue plans are judged against
    when there is no ``as_of``.

    ``allowed`` is the grant of the person asking (province and district codes, see
    :func:`metrics.access_scope.narrow`): ``None`` is unrestricted, ``()`` is nothing at all.
    Every query filters by it, even when the other fields ask for "all areas".
    """

    fiscal_year: int | None = None
    province: str | None = None
    district: str | None = None
    tambon: str | None = None
    villages: tuple[str, ...] = field(default=())
    occupation: str | None = None
    as_of: dt.date | None = None
    allowed: tuple[str, ...] | None = None

    def params(self) -> dict[str, Any]:
        """Named DuckDB parameters for :data:`SCOPE_SQL` (values never go into SQL text)."""
        return {
            "fiscal_year": self.fiscal_year,
            "province": self.province,
            "district": self.district,
            "tambon": self.tambon,
            "villages": list(self.villages),
            "occupation": self.occupation,
            "as_of": self.as_of,
            "allowed": None if self.allowed is None else list(self.allowed),
        }

    def as_dict(self) -> dict[str, Any]:
        """The scope as JSON-ready data (dates as ISO strings)."""
        out = self.params()
        out["as_of"] = self.as_of.isoformat() if self.as_of else None
        return out


# Which facts a scope may read from the store (materialised at import, see data_loaders/store/facts.py).
# A variant is (cut, narrowed, missing): ``cut`` when an as-of date falls before the newest dated
# row of some village in scope (fact_villages.last_dated), so those villages' state on that date
# is derived from their stored rows; ``narrowed`` when an occupation narrows the households, so
# the villages' counts run over the rows in scope; ``missing`` when a village in scope has no
# stored facts, so it runs over its rows in scope. Without any, pages read the stored state alone.
Variant = tuple[bool, bool, bool]
EVERYTHING: Variant = (True, True, True)  # every way: right for any scope, fast for none
STORED: Variant = (False, False, False)  # the stored state alone


def _cuts(con: Any, scope: Scope) -> tuple[bool, bool]:
    """Whether ``scope.as_of`` comes before a village's newest dated row, and whether a village
    in scope has no stored facts (asked only when the store has fewer facts than villages)."""
    params = scope.params()
    text = _sql("scope_cuts", None)
    cut, may_miss = con.execute(text, bind(text, params)).fetchall()[0]
    if not may_miss:  # as many facts as villages: every village has its facts
        return bool(cut), False
    text = _sql("scope_missing", None)
    return bool(cut), bool(con.execute(text, bind(text, params)).fetchall()[0][0])


def variant(scope: Scope | None, con: Any = None) -> Variant:
    """The facts ``scope`` can read from the store. Without a connection to look, every way is
    taken (always right); no scope at all takes every way too."""
    if scope is None:
        return EVERYTHING
    cut, missing = (True, True) if con is None else _cuts(con, scope)
    return (cut, scope.occupation is not None, missing)


def _of(villages: str) -> str:
    """A condition: the row's village is one of the CTE ``villages``."""
    return f"village_code IN (SELECT village_code FROM {villages})"


def _live(cte: str) -> str:
    """The rows of a scope CTE that belong to villages without stored facts."""
    return f"(SELECT * FROM {cte} WHERE {_of('s_missing')})"


def _village_pivot(source: Callable[[str], str]) -> str:
    """The villages' rows of ``villages.sql`` over the scope CTEs, each passed through ``source``."""
    names = ("villages", "trainers", "households", "training_days", "groups", "links")
    return "(" + facts.sql("villages", **{name: source(f"s_{name}") for name in names}) + ")"


def _union(first: str, *more: str) -> str:
    return first + "".join(f"\nUNION ALL BY NAME\nSELECT * FROM (\n{part}\n)" for part in more)


_OCCUPATION = "($occupation IS NULL OR occupation = $occupation)"


@cache
def scope_sql(which: Variant) -> str:
    """The scope CTEs of ``scope.sql`` for one variant (cut on a date, narrowed, villages without
    facts), ready to follow ``WITH``; :mod:`metrics.indicators` builds its one-pass queries on it."""
    cut, narrowed, missing = which
    # households: the stored state of fresh villages; when cut, the state on $as_of derived from
    # the stored rows of cut villages, and from the rows in scope of villages without facts
    fresh = facts.stored("fact_households", f"{_of('s_fresh')} AND {_OCCUPATION}", ())
    rounds = f"SELECT * FROM {fresh}"
    pivots = []
    if cut:
        pivots.append(
            facts.stored("fact_households", f"{_of('s_cut')} AND {_OCCUPATION}", facts.HOUSEHOLD_STATE)
        )
    if missing:
        live = facts.sql(
            "households",
            villages=_live("s_villages"),
            households=_live("s_households"),
            surveys=_live("s_surveys"),
            trainers="s_trainers",
            training_days=_live("s_training_days"),
            attendance=_live("s_attendance"),
        )
        pivots.append(f"({live})")
    rounds = _union(rounds, *(facts.household_facts(pivot=p, as_of="$as_of") for p in pivots))
    # villages: the same three ways; all over the rows in scope when an occupation narrows them
    if narrowed:
        villages = facts.village_facts(pivot=_village_pivot(str), rounds="s_rounds", as_of="$as_of")
    else:
        villages = f"SELECT * FROM {facts.stored('fact_villages', _of('s_fresh'), ())}"
        ways = []
        if cut:
            ways.append((facts.stored("fact_villages", _of("s_cut"), facts.VILLAGE_STATE), "s_cut"))
        if missing:
            ways.append((_village_pivot(_live), "s_missing"))
        villages = _union(
            villages,
            *(
                facts.village_facts(
                    pivot=pivot, rounds=f"(SELECT * FROM s_rounds WHERE {_of(cte)})", as_of="$as_of"
                )
                for pivot, cte in ways
            ),
        )
    text = _raw("scope").replace("{household_facts}", rounds).replace("{village_facts}", villages)
    return model.fill(text)


@cache
def _raw(name: str) -> str:
    """``metrics/sql/<name>.sql`` with its includes put in: ``{sql:other}`` is the whole query of
    ``other.sql`` as a subquery (one rule, one text; includes may include others in turn), and
    ``{villages_in_scope}`` is ``scope_villages.sql``."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    while "{sql:" in text:
        text = re.sub(r"\{sql:(\w+)\}", lambda m: _raw(m[1]), text)
    if name != "scope_villages":
        text = text.replace("{villages_in_scope}", _raw("scope_villages"))
    return text


def sql_text(name: str) -> str:
    """The one reader of ``metrics/sql/<name>.sql``: its includes and every fragment of the
    semantic layer (``metrics/model.py``: ``{stage_count}``, ``{round_order}``...) put in, so
    no SQL file spells out a stage count or a round list. ``{scope}`` is left for :func:`sql`."""
    return model.fill(_raw(name))


@cache
def _sql(name: str, which: Variant | None) -> str:
    if name == "scope":
        return scope_sql(which or EVERYTHING)
    filled = sql_text(name)
    return filled if which is None else filled.replace("{scope}", scope_sql(which))


def sql(name: str, scope: Scope | None = None, con: Any = None) -> str:
    """A query kept in ``metrics/sql/<name>.sql``, its ``{scope}`` standing for the scope CTEs
    that fit ``scope`` (the stored facts where they apply: pass ``con`` so an as-of date can be
    checked against them) and the semantic layer's fragments (``metrics/model.py``) put in."""
    return _sql(name, variant(scope, con) if scope is not None else EVERYTHING)


def all_params(scope: Scope, settings: MetricSettings | None, today: dt.date | None = None) -> dict[str, Any]:
    """Scope, settings (``None``: those in force, :func:`metrics.settings.current`) and the
    reference date overdue plans are judged against."""
    ref = scope.as_of or today or dt.date.today()
    return {**scope.params(), **(settings or current()).params(), "ref_date": ref}


def query(
    con: Any,
    name: str,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
    limit: int | None = None,
    count: bool = False,
    **extra: Any,
) -> pd.DataFrame:
    """Run ``metrics/sql/<name>.sql`` in ``scope`` and return a DataFrame: its first ``limit``
    rows in its own order (``None``: all), or with ``count`` just how many rows it has."""
    text = sql(name, scope, con)
    if count:
        text = f"SELECT count(*) AS n FROM (\n{text}\n)"
    elif limit is not None:
        text = f"{text}\nLIMIT {int(limit)}"
    return con.execute(text, bind(text, {**all_params(scope, settings, today), **extra})).df()


def query_arrow(
    con: Any,
    name: str,
    scope: Scope,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
    **extra: Any,
) -> Any:
    """:func:`query` as an Arrow table: for results that go on into more SQL, not to a page."""
    text = sql(name, scope, con)
    return con.sql(text, params=bind(text, {**all_params(scope, settings, today), **extra})).to_arrow_table()


def bind(text: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters ``text`` uses (DuckDB refuses extra named parameters)."""
    used = set(re.findall(r"\$([a-z_]+)", text))
    return {k: v for k, v in params.items() if k in used}


def village_count(con: Any, scope: Scope) -> int:
    """Target villages in ``scope`` (one count over the villages table)."""
    text = sql("village_count", scope, con)
    return int(con.execute(text, bind(text, all_params(scope, None))).fetchone()[0])


def first_villages(con: Any, scope: Scope, n: int) -> tuple[str, ...]:
    """The first ``n`` village codes in ``scope``, in code order."""
    text = sql("first_villages", scope, con)
    rows = con.execute(text, bind(text, {**all_params(scope, None), "n": int(n)})).fetchall()
    return tuple(r[0] for r in rows)


def place_counts(con: Any, scope: Scope) -> dict[str, int]:
    """Villages, tambons, districts and provinces in ``scope``."""
    text = sql("place_counts", scope, con)
    row = con.execute(text, bind(text, all_params(scope, None))).fetchone()
    return dict(zip(("village", "tambon", "district", "province"), (int(v) for v in row), strict=True))
