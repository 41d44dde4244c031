"""Facts materialised at import: one row per household and one per village.

Pages at national scale must not recompute, on every click, each household's baseline and
latest later survey over millions of survey rows, nor each village's counts. The import (the
one writer) keeps two tables beside the contract's, refreshed in the same transaction as the
rows they summarise, for the villages the import covers:

- ``fact_households``: each household's survey rounds and attended training days as columns
  of its one row (``sql/facts/households.sql``), and its state on the newest date: baseline,
  latest later round, days attended (``sql/facts/households_as_of.sql``);
- ``fact_villages``: each village's trainers, households, training-day dates and the dates its
  groups and links began (``sql/facts/villages.sql``), its state on the newest date: days held,
  groups, links, followed-up and attended counts (``sql/facts/villages_as_of.sql``), and
  ``last_dated``, the newest date among the rows behind them.

Both also keep the state at each village's cohort months (``first_day``, the village's first
training day, plus 0, 3, 6, 9 and 12 calendar months, :data:`COHORT_MONTHS`): a village's state
then depends on its own rows only, never on the date a page asks about, so the cohorts
(``metrics/cohorts.py``) read it from stored columns (``<column>_m<months>``) instead of
deriving it per query. The state at those dates comes from the same "as of" rules
(:func:`household_state`, :func:`village_state`) with the village's date at the month as the
as-of date, row by row.

The state at an earlier date (the previous meeting, an as-of date a manager picks) is derived
from the same rows by the same "as of" SQL, so any date reads the facts, never the millions of
survey and attendance rows again. Each rule is defined once, as SQL over named sources: the
import runs it over the stored tables, and ``metrics/sql/scope.sql`` runs it over the stored
rows of the villages an as-of date cuts, or over the rows in scope where an occupation
narrows them (or a village has no stored facts). Settings (targets, the จปฐ. line) are never
baked in: they are applied when a page asks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from data_loaders.contract.fragments import DAYS, ROUND_FIELDS, fill
from data_loaders.contract.fragments import HOUSEHOLDS_DONE as HOUSEHOLDS_DONE  # metrics.model's
from data_loaders.contract.fragments import ROUND_ORDER_SQL as ROUND_ORDER_SQL  # metrics.model's
from data_loaders.contract.fragments import TEAM_DONE as TEAM_DONE  # metrics.model's
from data_loaders.contract.schema import ROUND_ORDER

SQL_DIR = Path(__file__).resolve().parent / "sql" / "facts"

BASELINE, LATER_ROUNDS = ROUND_ORDER[0], ROUND_ORDER[1:]

# What the stages ask of the training days (DAYS, 1-5): days 1-3 give the knowledge, day 4 is
# the study visit, day 5 the practice.
KNOWLEDGE_DAYS: tuple[int, ...] = (1, 2, 3)
STUDY_VISIT_DAY, PRACTICE_DAY = 4, 5

FACT_TABLES: tuple[str, ...] = ("fact_households", "fact_villages")
HOUSEHOLD_ORDER = "fiscal_year, village_code, household_id"  # the stored order of fact_households

# The months since its first training day at which a village's state is kept (the cohorts').
COHORT_MONTHS: tuple[int, ...] = (0, 3, 6, 9, 12)
# A village's first training day: the earliest dated of its training days (NULL: none dated),
# over a row of villages.sql (least() skips NULLs).
FIRST_DAY = "least(" + ", ".join(f"day_{d}_date" for d in DAYS) + ")"


def _held(column: str, as_of: str) -> str:
    """A dated fact that has happened by ``as_of`` (NULL: by the newest date, if it happened)."""
    return f"({column} IS NOT NULL AND ({as_of} IS NULL OR {column} <= {as_of}))"


def _begun(dates: str, as_of: str) -> str:
    """How many of a list of dates had begun by ``as_of`` (an undated one always has)."""
    return f"len(list_filter({dates}, lambda d: d IS NULL OR {as_of} IS NULL OR d <= {as_of}))"


def household_state(as_of: str) -> dict[str, str]:
    """The household's state on ``as_of`` (an SQL date expression) from its row of
    ``households.sql``, column by column: see ``households_as_of.sql`` for the rules in words."""
    held = {r: _held(f"p.r_{r}_date", as_of) for r in ROUND_ORDER}

    def latest(value: Any) -> str:  # the last later round held, newest first
        return "CASE " + " ".join(f"WHEN {held[r]} THEN {value(r)}" for r in reversed(LATER_ROUNDS)) + " END"

    attended = " + ".join(f"{_held(f'p.attended_{d}', as_of)}::INT" for d in DAYS)
    dated = ", ".join(f"CASE WHEN {held[r]} THEN p.r_{r}_date END" for r in ROUND_ORDER)
    return {
        "attended_days": attended,
        "trained": f"({attended}) > 0",
        "rounds_present": " + ".join(f"{held[r]}::INT" for r in ROUND_ORDER),
        "last_survey_date": f"greatest({dated})",
        "has_baseline": held[BASELINE],
        "baseline_income": f"CASE WHEN {held[BASELINE]} THEN p.r_{BASELINE}_income END",
        "baseline_date": f"CASE WHEN {held[BASELINE]} THEN p.r_{BASELINE}_date END",
        "latest_round": latest(lambda r: f"'{r}'"),
        **{f"latest_{field}": latest(lambda r, f=field: f"p.r_{r}_{f}") for field, _ in ROUND_FIELDS},
    }


def village_state(as_of: str) -> dict[str, str]:
    """The village's own state on ``as_of`` from its row of ``villages.sql`` (the households'
    part is in ``villages_as_of.sql``)."""
    return {
        "days": " + ".join(f"{_held(f'p.day_{d}_date', as_of)}::INT" for d in DAYS),
        "knowledge": " AND ".join(_held(f"p.day_{d}_date", as_of) for d in KNOWLEDGE_DAYS),
        "study_visit": _held(f"p.day_{STUDY_VISIT_DAY}_date", as_of),
        "practice": _held(f"p.day_{PRACTICE_DAY}_date", as_of),
        "groups": _begun("p.group_dates", as_of),
        "links": _begun("p.link_dates", as_of),
    }


# The columns the "as of" SQL derives (dropped from a stored row before deriving another date).
HOUSEHOLD_STATE: tuple[str, ...] = tuple(household_state("NULL"))
VILLAGE_STATE: tuple[str, ...] = (*village_state("NULL"), "followed_up", "attended")


def month_date(first_day: str, months: int | str) -> str:
    """The date ``months`` (a whole number or an SQL expression of one) calendar months after
    ``first_day`` (an SQL date expression): a village's as-of date at that cohort month (DuckDB
    clamps to the month's last day)."""
    return f"({first_day} + to_months({months}))::DATE"


def household_month_state(as_of: str) -> dict[str, str]:
    """What the cohorts count of a household on ``as_of``, from :func:`household_state`: a
    survey after baseline by then (``followed_up``), its latest such survey's practising, and
    its baseline and latest income by then."""
    state = household_state(as_of)
    return {
        "followed_up": f"({state['latest_round']}) IS NOT NULL",
        "practising": state["latest_practising"],
        "baseline_income": state["baseline_income"],
        "latest_income": state["latest_income"],
    }


# The households' counts a village keeps at each cohort month, over its households' columns of
# household_month_state at that month (``{m}`` is the month): those followed up, those of them
# practising, and the baseline and latest income summed over the households with both (the
# income increase is a ratio of sums, so it adds up over villages).
_VILLAGE_MONTH_COUNTS: dict[str, str] = {
    "followed_up": "count(*) FILTER (WHERE followed_up_m{m})",
    "practising": "count(*) FILTER (WHERE followed_up_m{m} AND practising_m{m})",
    "baseline_both": "sum(baseline_income_m{m}) FILTER (WHERE {both})",
    "latest_both": "sum(latest_income_m{m}) FILTER (WHERE {both})",
}
_COUNTS = ("followed_up", "practising")  # 0, not NULL, for a village with a clock and no households


def _month_columns(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{name}_m{m}" for m in COHORT_MONTHS for name in names)


# The state at the cohort months each table keeps, one column per name and month (``_m<months>``).
HOUSEHOLD_MONTHS: tuple[str, ...] = tuple(household_month_state("NULL"))
VILLAGE_MONTHS: tuple[str, ...] = (*village_state("NULL"), *_VILLAGE_MONTH_COUNTS)
# The stored columns that are not a state on one date (never carried into a page's query).
_COHORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "fact_households": _month_columns(HOUSEHOLD_MONTHS),
    "fact_villages": ("first_day", *_month_columns(VILLAGE_MONTHS)),
}


@cache
def _template(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql(name: str, **sources: str) -> str:
    """A facts template of ``sql/facts/`` with its sources put in (each a subquery or a CTE
    name; see the template's header)."""
    return fill(_template(name), **sources)


def _columns(state: dict[str, str]) -> str:
    return ",\n       ".join(f"{expr} AS {column}" for column, expr in state.items())


def household_facts(*, pivot: str, as_of: str) -> str:
    """Households' states on ``as_of`` (an SQL date expression: ``NULL::DATE`` for the newest
    state, ``$as_of`` on a page) from ``pivot``, rows of ``households.sql``."""
    return sql("households_as_of", pivot=pivot, household_state=_columns(household_state(as_of)))


def village_facts(*, pivot: str, rounds: str, as_of: str) -> str:
    """Villages' states on ``as_of`` from ``pivot`` (rows of ``villages.sql``) and ``rounds``
    (their households' states on the same date)."""
    return sql("villages_as_of", pivot=pivot, rounds=rounds, village_state=_columns(village_state(as_of)))


def stored(table: str, where: str, state: tuple[str, ...]) -> str:
    """The stored rows of ``table`` matching ``where``, without ``state`` (their derived state:
    the pivot another date's state is derived from; ``()``: the stored state as it is) and
    without the columns that are no state on one date (the village's ``last_dated``, the
    cohort months')."""
    extra = ("last_dated",) if table == "fact_villages" else ()
    return f"(SELECT * EXCLUDE ({', '.join((*state, *extra, *_COHORT_COLUMNS[table]))}) FROM {table} WHERE {where})"


def _dated(rows: str, first_day: str) -> str:
    """``rows`` with ``first_day`` and the village's date at each cohort month
    (``date_m<months>``), computed once a row for the state columns to read."""
    dates = ", ".join(f"{month_date(first_day, m)} AS date_m{m}" for m in COHORT_MONTHS)
    return f"(SELECT *, {dates} FROM {rows})"


def _at_months(state: Any) -> str:
    """The columns of ``state`` (a function of an as-of date giving named SQL expressions) at
    each cohort month, over a row of :func:`_dated` (``p``), named ``<name>_m<months>``; NULL
    where there is no first day (a village with no clock: it is in no cohort)."""
    return ",\n       ".join(
        f"CASE WHEN p.date_m{m} IS NOT NULL THEN {expr} END AS {name}_m{m}"
        for m in COHORT_MONTHS
        for name, expr in state(f"p.date_m{m}").items()
    )


_DATES = ", ".join(f"date_m{m}" for m in COHORT_MONTHS)


def household_months(*, households: str, first_days: str) -> str:
    """``households`` (rows of ``households_as_of.sql``) with their state at their village's
    cohort months (:func:`household_month_state`); ``first_days``: village_code, first_day."""
    rows = (
        f"(SELECT h.*, d.first_day FROM ({households}) AS h LEFT JOIN {first_days} AS d USING (village_code))"
    )
    return (
        f"SELECT p.* EXCLUDE (first_day, {_DATES}),\n       {_at_months(household_month_state)}\n"
        f"FROM {_dated(rows, 'first_day')} AS p"
    )


def village_months(*, villages: str, rounds: str) -> str:
    """``villages`` (rows of ``villages_as_of.sql``) with their first training day, their own
    state at each cohort month (:func:`village_state`) and their households' counts then, over
    ``rounds`` (rows of :func:`household_months`)."""
    counts = ",\n           ".join(
        expr.format(m=m, both=f"baseline_income_m{m} IS NOT NULL AND latest_income_m{m} IS NOT NULL")
        + f" AS {name}_m{m}"
        for m in COHORT_MONTHS
        for name, expr in _VILLAGE_MONTH_COUNTS.items()
    )
    picked = ",\n       ".join(
        f"CASE WHEN p.first_day IS NOT NULL THEN coalesce(c.{name}_m{m}, 0) END AS {name}_m{m}"
        if name in _COUNTS
        else f"c.{name}_m{m}"
        for m in COHORT_MONTHS
        for name in _VILLAGE_MONTH_COUNTS
    )
    return (
        f"SELECT p.* EXCLUDE ({_DATES}),\n       {_at_months(village_state)},\n       {picked}\n"
        f"FROM {_dated(f'(SELECT *, {FIRST_DAY} AS first_day FROM ({villages}))', 'first_day')} AS p\n"
        f"LEFT JOIN (\n    SELECT village_code,\n           {counts}\n    FROM {rounds} GROUP BY village_code\n"
        ") AS c USING (village_code)"
    )


def _selects(where: str) -> tuple[str, str]:
    """The households' and villages' facts (newest state) over the stored tables, for the
    villages matching ``where`` ("" for all)."""
    v = f"(SELECT * FROM villages{where})"
    h = f"(SELECT * FROM households{where})"
    t = f"(SELECT * FROM trainers{where})"
    d = f"(SELECT * FROM training_days{where})"
    g = f"(SELECT * FROM groups{where})"
    surveys = f"(SELECT s.* FROM income_surveys AS s JOIN {h} AS hh USING (household_id))"
    attendance = f"(SELECT a.* FROM attendance AS a JOIN {h} AS hh USING (household_id))"
    pivot = sql(
        "households",
        villages=v,
        households=h,
        surveys=surveys,
        trainers=t,
        training_days=d,
        attendance=attendance,
    )
    # each village's first training day, for its households' state at its cohort months
    days = fill("SELECT village_code, {day_pivot} FROM " + d + " GROUP BY village_code")
    first_days = f"(SELECT village_code, {FIRST_DAY} AS first_day FROM ({days}))"
    households = household_months(
        households=household_facts(pivot=f"({pivot})", as_of="NULL::DATE"), first_days=first_days
    )
    links = f"(SELECT l.*, gg.village_code, gg.founded_on FROM network_links AS l JOIN {g} AS gg USING (group_id))"
    village_pivot = sql(
        "villages", villages=v, trainers=t, households=h, training_days=d, groups=g, links=links
    )
    rounds = f"(SELECT * FROM fact_households{where})"
    villages = village_months(
        villages=village_facts(pivot=f"({village_pivot})", rounds=rounds, as_of="NULL::DATE"), rounds=rounds
    )
    # the newest dated row behind the village's facts: an as-of date on or after it changes
    # nothing, so the stored state still applies (metrics/sql/scope.sql)
    dates = ", ".join(f"day_{d}_date" for d in DAYS)
    last = (
        f"SELECT f.*, greatest({dates}, list_max(group_dates), list_max(link_dates), s.d) AS last_dated "
        f"FROM ({villages}) AS f LEFT JOIN (SELECT village_code, max(last_survey_date) AS d FROM {rounds} "
        "GROUP BY village_code) AS s USING (village_code)"
    )
    return households, last


def create(con: Any) -> None:
    """Create the (empty) fact tables if missing, their columns as the facts SQL gives them.

    Written out as column definitions from ``DESCRIBE``, not ``CREATE TABLE ... AS ... LIMIT 0``:
    in DuckDB 2.0 a table made that way inside a transaction shows none of the rows inserted
    later in the same transaction (the villages' facts read the households' facts so).
    """
    for table, select in zip(FACT_TABLES, _selects(""), strict=True):
        columns = con.execute(f"DESCRIBE {select}").fetchall()
        definition = ", ".join(f'"{name}" {kind}' for name, kind, *_ in columns)
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({definition})")


def refresh(con: Any, villages: str | None = None) -> None:
    """Recompute the facts of ``villages`` (a SELECT of village codes; ``None``: every village)
    from the stored tables, in the caller's transaction.

    Every fact is about one village and rows of that village only, so refreshing the villages
    an import covers leaves the others' facts exact.
    """
    create(con)
    where = "" if villages is None else f" WHERE village_code IN ({villages})"
    for table in FACT_TABLES:
        con.execute(f"DELETE FROM {table}{where}")
    households, village_rows = _selects(where)
    # In year and village order, so a year's, a province's or a district's households lie in
    # a few row groups and DuckDB's zone maps skip the others (the pages read them by area).
    con.execute(
        f"INSERT INTO fact_households BY NAME SELECT * FROM ({households}) ORDER BY {HOUSEHOLD_ORDER}"
    )
    con.execute(f"INSERT INTO fact_villages BY NAME {village_rows}")


def rebuild(con: Any) -> None:
    """Drop the fact tables and compute them anew for every village (a layout change)."""
    for table in FACT_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    refresh(con)


def refresh_after_import(con: Any, covered: str) -> None:
    """Refresh the facts an import changed: those of the villages in the table ``covered``, or
    all of them when it covers half the store or more (one pass over whole tables is then
    cheaper than filtering each by village; both give the same facts)."""
    part, whole = con.execute(
        f"SELECT (SELECT count(*) FROM {covered}), (SELECT count(*) FROM villages)"
    ).fetchall()[0]
    if 2 * part >= whole:
        refresh(con)
    else:
        refresh(con, f"SELECT village_code FROM {covered}")
