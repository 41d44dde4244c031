"""Facts materialised at import: one row per household and one per village.

Pages at national scale must not recompute, on every click, each household's baseline and
latest later survey over millions of survey rows, nor each village's counts. The import (the
one writer) keeps two tables beside the contract's, refreshed in the same transaction as the
rows they summarise, for the villages the import covers:

- ``fact_households``: baseline and latest later round of each household, and whether its
  occupation matches a trainer's skill (``sql/facts/households.sql``);
- ``fact_villages``: trainers, leads, households, training days, groups, links, followed-up and
  attended counts of each village (``sql/facts/villages.sql``), and ``last_dated``, the newest
  date among the rows behind them.

Each is defined once, as SQL over named sources: the import runs it over the stored tables,
and ``metrics/sql/scope.sql`` runs the same text over the rows in scope where a filter makes the
stored facts not apply: an occupation (for the village counts), or an as-of date before a
village's ``last_dated`` (for that village only; an as-of date after all of a village's rows
narrows nothing, so its stored facts stand). Settings (targets, the จปฐ. line) are
never baked in: they are applied when a page asks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from data_loaders.schema import ROUND_ORDER

SQL_DIR = Path(__file__).resolve().parent / "sql" / "facts"

# The contract's rounds in time order, as a DuckDB list literal: list_position() over it ranks
# rounds (follow_12m > follow_6m > post > baseline). Every query that orders rounds uses it.
ROUND_ORDER_SQL = "[" + ", ".join(f"'{r}'" for r in ROUND_ORDER) + "]"

FACT_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS fact_households (
        household_id VARCHAR, village_code VARCHAR, fiscal_year INTEGER, members INTEGER,
        occupation VARCHAR, head_name VARCHAR, national_id VARCHAR, attended_days BIGINT,
        trained BOOLEAN, last_survey_date DATE, rounds_present BIGINT, has_baseline BOOLEAN,
        baseline_income DOUBLE, baseline_date DATE, latest_round VARCHAR, latest_income DOUBLE,
        latest_occupation_income DOUBLE, latest_practising BOOLEAN, latest_date DATE,
        skill_matched BOOLEAN)""",
    """CREATE TABLE IF NOT EXISTS fact_villages (
        village_code VARCHAR, trainers BIGINT, leads BIGINT, households BIGINT, days BIGINT,
        knowledge BOOLEAN, study_visit BOOLEAN, practice BOOLEAN, "groups" BIGINT, links BIGINT,
        followed_up BIGINT, attended BIGINT, last_dated DATE)""",
)
FACT_TABLES: tuple[str, ...] = ("fact_households", "fact_villages")


def fill(text: str, **sources: str) -> str:
    """``text`` with ``{round_order}`` and each ``{name}`` of ``sources`` put in.

    Plain replacement, not ``str.format``: the SQL has struct literals in braces.
    """
    text = text.replace("{round_order}", ROUND_ORDER_SQL)
    for name, source in sources.items():
        text = text.replace("{" + name + "}", source)
    return text


@cache
def _template(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def households_sql(*, villages: str, households: str, surveys: str, trainers: str, attendance: str) -> str:
    """The per-household facts over the given sources (see ``sql/facts/households.sql``)."""
    return fill(
        _template("households"),
        villages=villages,
        households=households,
        surveys=surveys,
        trainers=trainers,
        attendance=attendance,
    )


def villages_sql(
    *,
    villages: str,
    trainers: str,
    households: str,
    training_days: str,
    groups: str,
    links: str,
    rounds: str,
) -> str:
    """The per-village facts over the given sources (see ``sql/facts/villages.sql``)."""
    return fill(
        _template("villages"),
        villages=villages,
        trainers=trainers,
        households=households,
        training_days=training_days,
        groups=groups,
        links=links,
        rounds=rounds,
    )


def create(con: Any) -> None:
    """Create the (empty) fact tables if missing."""
    for ddl in FACT_DDL:
        con.execute(ddl)


def refresh(con: Any, villages: str | None = None) -> None:
    """Recompute the facts of ``villages`` (a SELECT of village codes; ``None``: every village)
    from the stored tables, in the caller's transaction.

    Every fact is about one village and rows of that village only, so refreshing the villages
    an import covers leaves the others' facts exact.
    """
    create(con)
    if villages is None:
        where, delete = "", ""
    else:
        where = f" WHERE village_code IN ({villages})"
        delete = where
    for table in FACT_TABLES:
        con.execute(f"DELETE FROM {table}{delete}")
    v = f"(SELECT * FROM villages{where})"
    h = f"(SELECT * FROM households{where})"
    t = f"(SELECT * FROM trainers{where})"
    d = f"(SELECT * FROM training_days{where})"
    g = f"(SELECT * FROM groups{where})"
    surveys = f"(SELECT s.* FROM income_surveys AS s JOIN {h} AS hh USING (household_id))"
    attendance = (
        f"(SELECT a.* FROM attendance AS a JOIN {d} AS dd USING (village_code, day) "
        f"JOIN {h} AS hh USING (household_id))"
    )
    household_facts = households_sql(
        villages=v, households=h, surveys=surveys, trainers=t, attendance=attendance
    )
    con.execute(f"INSERT INTO fact_households {household_facts}")
    links = f"(SELECT l.*, gg.village_code FROM network_links AS l JOIN {g} AS gg USING (group_id))"
    rounds = f"(SELECT * FROM fact_households{where})"
    select = villages_sql(
        villages=v, trainers=t, households=h, training_days=d, groups=g, links=links, rounds=rounds
    )
    # the newest dated row behind the village's facts: an as-of date on or after it narrows
    # nothing, so the stored facts still apply (metrics/sql/scope.sql)
    dates = (
        f"SELECT village_code, max(last_survey_date) AS d FROM {rounds} AS r GROUP BY village_code "
        f"UNION ALL SELECT village_code, max(date) FROM {d} AS d2 GROUP BY village_code "
        f"UNION ALL SELECT village_code, max(founded_on) FROM {g} AS g2 GROUP BY village_code "
        f"UNION ALL SELECT village_code, max(since) FROM {links} AS l2 GROUP BY village_code"
    )
    con.execute(
        f"INSERT INTO fact_villages SELECT f.*, m.last_dated FROM ({select}) AS f "
        f"LEFT JOIN (SELECT village_code, max(d) AS last_dated FROM ({dates}) GROUP BY village_code) AS m "
        "USING (village_code)"
    )


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
