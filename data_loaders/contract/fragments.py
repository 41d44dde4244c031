"""The contract's rules as SQL fragments, shared by the import's checks
(:mod:`data_loaders.check.integrity`), the stored facts (:mod:`data_loaders.store.facts`) and the
semantic layer (:mod:`metrics.model`): the round order, the round and day pivots, and the
team-size and household-count rules. :func:`fill` puts them into an SQL text, so no SQL file
writes a round list or a target rule of its own.
"""

from __future__ import annotations

from data_loaders.contract.schema import DAY, ROUND_ORDER

# The contract's rounds in time order, as a DuckDB list literal: list_position() over it ranks
# rounds (follow_12m > follow_6m > post > baseline). Every query that orders rounds uses it.
ROUND_ORDER_SQL = "[" + ", ".join(f"'{r}'" for r in ROUND_ORDER) + "]"

# A survey round's columns in the household's row (r_<round>_<field>) and the survey column
# each comes from.
ROUND_FIELDS: tuple[tuple[str, str], ...] = (
    ("date", "survey_date"),
    ("income", "household_income"),
    ("occupation_income", "occupation_income"),
    ("practising", "practising"),
)

# The training days of the contract (1-5).
DAYS: tuple[int, ...] = tuple(range(int(DAY.min_value or 1), int(DAY.max_value or 5) + 1))

# The two stages the settings' targets decide, as SQL over a village's counts (trainers, leads,
# households) with the targets as parameters: the stage rules (metrics/model.py) and the
# import's whole-village warnings (sql/village_warnings.sql) read these, {team_done} and
# {households_done}, so the team-size rule is written once.
TEAM_DONE = "trainers >= $trainers_target AND leads > 0"
HOUSEHOLDS_DONE = "households >= $households_target"


def _pivots() -> dict[str, str]:
    return {
        "round_pivot": ",\n           ".join(
            f"any_value({source}) FILTER (WHERE round = '{r}') AS r_{r}_{field}"
            for r in ROUND_ORDER
            for field, source in ROUND_FIELDS
        ),
        "attended_pivot": ",\n           ".join(
            f"any_value(d.date) FILTER (WHERE day = {d}) AS attended_{d}" for d in DAYS
        ),
        "day_pivot": ",\n           ".join(
            f"any_value(date) FILTER (WHERE day = {d}) AS day_{d}_date" for d in DAYS
        ),
    }


def fill(text: str, **sources: str) -> str:
    """``text`` with ``{round_order}``, the generated pivots, the target rules
    (``{team_done}``, ``{households_done}``) and each ``{name}`` of ``sources`` put in. Plain
    replacement, not ``str.format``: the SQL has struct literals in braces."""
    text = text.replace("{round_order}", ROUND_ORDER_SQL)
    rules = {"team_done": TEAM_DONE, "households_done": HOUSEHOLDS_DONE}
    for name, source in {**_pivots(), **rules, **sources}.items():
        text = text.replace("{" + name + "}", source)
    return text
