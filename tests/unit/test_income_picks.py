"""The income page's household table and chart draw pick their households before computing
income (issue 18 part 4): ``household_income(limit=...)`` and ``income_chart_rows`` give the same
rows, order, values and masking as the queries they replace, and the roll-up by occupation (over
the households without the join to their villages) the same as over the joined rows. Those
queries are kept below as the oracle; they are checked against the new ones on the committed sample (all areas, an as-of
date that cuts the stored facts, an occupation, the grant of district 3017), on a small
generated national store, and on a copy of it without stored facts (every village live).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data_loaders.store import facts
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from metrics import income
from metrics.privacy import mask_frame
from metrics.scope import Scope, all_params, bind, scope_sql, sql_text, variant
from sample import national
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT

ROOT = Path(__file__).resolve().parents[2]

# The household table's query before the picks: s_income for every household in scope, joined
# to its village's names, sorted, then cut by LIMIT (household_income with a limit), or narrowed
# by {where} (the chart draw below).
OLD_HOUSEHOLD_INCOME_SQL = """
WITH {scope}
SELECT i.household_id, i.village_code, v.village_name, v.tambon_code, v.tambon_name,
       v.tambon_name_en, v.district_code, v.district_name, v.district_name_en,
       v.province_code, v.province_name, v.province_name_en, v.fiscal_year,
       i.head_name, i.national_id, i.members, i.occupation,
       i.baseline_income, i.baseline_date, i.latest_round, i.latest_income, i.latest_date,
       i.change_baht, i.change_pct, i.baseline_per_person, i.latest_per_person, i.jpt_line,
       i.baseline_above_jpt, i.latest_above_jpt, i.latest_practising AS practising,
       i.latest_occupation_income AS occupation_income
FROM s_income AS i
JOIN s_villages AS v USING (village_code)
{where}
ORDER BY i.village_code, i.household_id
"""
# The chart draw before: households with both rounds, in village order when the scope has at
# most $size households ($n, household_count), else by the hash of their id and $seed.
OLD_CHART_PICK_SQL = """
WHERE i.household_id IN (SELECT household_id FROM s_income
WHERE has_both
ORDER BY CASE WHEN $n <= $size THEN 0 ELSE hash(household_id, $seed) END, village_code, household_id
LIMIT $size)
"""


def _old_sql(con, scope: Scope, where: str) -> str:
    return OLD_HOUSEHOLD_INCOME_SQL.replace("{scope}", scope_sql(variant(scope, con))).replace(
        "{where}", where
    )


def old_household_income(con, scope: Scope, *, limit: int, reveal: bool = False) -> pd.DataFrame:
    text = _old_sql(con, scope, "") + "\nLIMIT $limit"
    return mask_frame(
        con.execute(text, bind(text, {**all_params(scope, None), "limit": limit})).df(), reveal=reveal
    )


def old_chart_rows(con, scope: Scope, *, size: int = income.CHART_SAMPLE, seed: int = 2560) -> pd.DataFrame:
    """The old draw, cut to the columns the charts draw (the new call returns only those)."""
    text = _old_sql(con, scope, OLD_CHART_PICK_SQL)
    n = income.household_count(con, scope)
    params = {**all_params(scope, None), "n": n, "size": size, "seed": seed}
    drawn = con.execute(text, bind(text, params)).df()
    return drawn[["household_id", "village_code", *income.CHART_COLUMNS]]


def old_occupation_rollup(con, scope: Scope) -> pd.DataFrame:
    """income_rollup by occupation as it was: over the household rows joined to their villages."""
    text = (
        sql_text("income_rollup")
        .replace("{scope}", scope_sql(variant(scope, con)))
        .replace("{group_columns}", "occupation")
        .replace("{rows}", "rows")
    )
    return con.execute(text, bind(text, all_params(scope, None))).df()


def assert_same_as_before(con, scope: Scope, *, limits=(0, 1, 7, 300), sizes=(income.CHART_SAMPLE, 100, 5)):
    """The new calls equal the old queries in ``scope``: every column, value, dtype and row order."""
    assert income.household_count(con, scope) > 0  # a scope with households: nothing vacuous
    for limit in limits:
        for reveal in (False, True):
            pd.testing.assert_frame_equal(
                income.household_income(con, scope, limit=limit, reveal=reveal),
                old_household_income(con, scope, limit=limit, reveal=reveal),
            )
    # the one tricky size: no more households with both rounds than the draw, but more
    # households in all (the old draw ordered by hash then; all are drawn either way)
    both = len(old_chart_rows(con, scope, size=10**9))
    tricky = (both,) if both < income.household_count(con, scope) else ()
    for size in (*sizes, *tricky):
        pd.testing.assert_frame_equal(
            income.income_chart_rows(con, scope, size=size), old_chart_rows(con, scope, size=size)
        )
    pd.testing.assert_frame_equal(
        income.income_chart_rows(con, scope, size=5, seed=7), old_chart_rows(con, scope, size=5, seed=7)
    )
    occupations = income.income_rollup(con, scope, "occupation")
    assert len(occupations) > 0
    pd.testing.assert_frame_equal(occupations, old_occupation_rollup(con, scope))


# ---- hand-worked, on tests/metrics_fixture.py -------------------------------------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("income_picks")
    db = folder / "m.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True).committed
    con = open_store(db)
    yield con
    con.close()


def test_the_first_rows_are_picked_in_village_then_household_order(tiny):
    # H1, H2, H3 in village A (30170101), H4 in B (30170201), H5 in C (34140101)
    first = income.household_income(tiny, Scope(), limit=3)
    assert list(first["household_id"]) == ["H1", "H2", "H3"]
    assert list(income.household_income(tiny, Scope(), limit=0)["household_id"]) == []


def test_a_draw_as_large_as_the_households_with_both_rounds_takes_them_all(tiny):
    # 5 households, 4 with a baseline and a later survey (H3 has no later one): a draw of 4 is
    # all four, in village then household order (A: H1, H2; B: H4; C: H5), although there are
    # more than 4 households
    rows = income.income_chart_rows(tiny, Scope(), size=4)
    assert list(rows["household_id"]) == ["H1", "H2", "H4", "H5"]
    # only what the charts draw: no name or national ID leaves the store for a chart
    assert list(rows.columns) == [
        "household_id",
        "village_code",
        "change_pct",
        "baseline_per_person",
        "latest_per_person",
    ]
    h1 = rows.iloc[0]  # H1: 2 members, 60,000 -> 66,000 baht a year
    assert h1["change_pct"] == pytest.approx(0.10)  # 6,000 / 60,000
    assert (h1["baseline_per_person"], h1["latest_per_person"]) == (30_000, 33_000)
    assert pd.isna(rows.iloc[1]["change_pct"])  # H2's baseline is 0: no share of it


# ---- the old queries against the new ones -----------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The committed sample (districts 3017 and 3414, 840 households) in a store of its own."""
    db = tmp_path_factory.mktemp("income_picks_sample") / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    con = open_store(db)
    yield con
    con.close()


CUT = dt.date(2018, 1, 15)  # before the newest row of some villages: their state is derived


@pytest.mark.parametrize(
    "scope",
    [
        Scope(),
        Scope(as_of=CUT),
        Scope(occupation="จักสาน"),
        Scope(allowed=("3017",)),
        Scope(fiscal_year=2561, district="3414", as_of=CUT),
    ],
    ids=["all", "as_of", "occupation", "grant_3017", "year_district_as_of"],
)
def test_the_sample_gives_the_same_rows_as_before(sample, scope):
    assert_same_as_before(sample, scope)


def test_the_as_of_date_cuts_the_stored_facts_of_the_sample(sample):
    # the equivalence above covers the stored state derived at a date, not only the stored one
    assert variant(Scope(as_of=CUT), sample) == (True, False, False)


@pytest.fixture(scope="module")
def small_national(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("income_picks_national")
    national.generate(folder / "csv", years=1, villages=60)
    db = folder / "national.duckdb"
    assert check_path(folder / "csv", db, commit=True).committed
    return db


def test_a_small_national_store_gives_the_same_rows_as_before(small_national):
    con = open_store(small_national)
    try:
        province = con.execute("SELECT min(province_code) FROM villages").fetchone()[0]
        for scope in (Scope(), Scope(province=province), Scope(occupation="จักสาน")):
            assert_same_as_before(con, scope)
    finally:
        con.close()


def test_villages_without_stored_facts_give_the_same_rows_as_before(small_national, tmp_path):
    copy = tmp_path / "nofacts.duckdb"
    shutil.copyfile(small_national, copy)
    with duckdb.connect(str(copy)) as con:
        for table in facts.FACT_TABLES:
            con.execute(f"DELETE FROM {table}")
    con = open_store(copy)
    try:
        assert variant(Scope(), con) == (False, False, True)  # every village computed live
        assert_same_as_before(con, Scope(), limits=(0, 7), sizes=(100,))
    finally:
        con.close()
