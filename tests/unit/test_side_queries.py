"""The sidebar's and the Trainers and Groups pages' faster queries give what the former ones
gave (issue 18, part 4): the former queries are kept here as the reference and run on the
sample, on a small generated national store (two fiscal years) and on the hand-made fixture.

The former queries derived everything from the scope CTEs (metrics/sql/scope.sql); the new ones
read the stored facts (fact_villages), count in SQL, and cut before joining names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics import changes, networks, trainers
from metrics.overview import occupations, place_choices
from metrics.scope import Scope, all_params, bind, query, sql
from metrics.settings import DEFAULT_SETTINGS
from sample import national
from tests.builders import write_csv_folder
from tests.metrics_fixture import CHANGES_INPUT, A, C, D

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("side")
    sample_db = folder / "sample.duckdb"
    assert check_path(ROOT / "sample_data", sample_db, commit=True).committed
    national.generate(folder / "national", years=2, villages=30, seed=11)
    national_db = folder / "national.duckdb"
    assert check_path(folder / "national", national_db, commit=True).committed
    return {"sample": sample_db, "national": national_db}


@pytest.fixture(params=["sample", "national"])
def con(request, stores):
    connection = open_read_only(stores[request.param])
    yield connection
    connection.close()


def _scopes(con) -> list[Scope]:
    """Every kind of scope a page asks with, from the store's own codes: all areas, each fiscal
    year, a province, a district, a tambon, one village, an occupation, an as-of date in the
    middle of the data, a district grant, and a place with nothing in it."""
    years = [r[0] for r in con.execute("SELECT DISTINCT fiscal_year FROM villages ORDER BY 1").fetchall()]
    village, tambon, district, province = con.execute(
        "SELECT village_code, tambon_code, district_code, province_code FROM villages ORDER BY 1 LIMIT 1"
    ).fetchone()
    occupation = con.execute("SELECT min(occupation) FROM households").fetchone()[0]
    first, last = con.execute("SELECT min(date), max(date) FROM training_days").fetchone()
    middle = first + (last - first) / 2
    return [
        Scope(),
        *(Scope(fiscal_year=y) for y in years),
        Scope(province=province),
        Scope(district=district),
        Scope(tambon=tambon),
        Scope(villages=(village,)),
        Scope(occupation=occupation),
        Scope(as_of=middle),
        Scope(as_of=middle, occupation=occupation, fiscal_year=years[-1]),
        Scope(allowed=(district,)),
        Scope(province="99"),
    ]


# --------------------------------------------------------------------------- the sidebar


def test_default_as_of_is_the_latest_date_of_every_fiscal_year(con, monkeypatch):
    years = [r[0] for r in con.execute("SELECT DISTINCT fiscal_year FROM villages").fetchall()]
    for probe in (changes.REPORT_PROBE, 1):  # 1: the newest report seldom counts, so all are read
        monkeypatch.setattr(changes, "REPORT_PROBE", probe)
        for year in (None, *years, 2600):
            assert changes.default_as_of(con, year) == changes.latest_date(con, Scope(fiscal_year=year))


# The former occupations query: every CTE of the scope, only the villages used.
FORMER_OCCUPATIONS = """
WITH {scope}
SELECT DISTINCT occupation FROM (
    SELECT h.occupation FROM households AS h JOIN s_villages USING (village_code)
    UNION ALL
    SELECT g.occupation FROM groups AS g JOIN s_villages USING (village_code)
)
WHERE occupation IS NOT NULL AND trim(occupation) <> ''
ORDER BY occupation
"""


def test_occupations_are_those_of_the_villages_in_scope(con):
    for scope in (None, *_scopes(con)):
        plain = replace(scope or Scope(), occupation=None, as_of=None)
        text = FORMER_OCCUPATIONS.replace("{scope}", sql("scope"))
        former = [r[0] for r in con.execute(text, bind(text, all_params(plain, DEFAULT_SETTINGS))).fetchall()]
        assert occupations(con, scope) == former, scope


def test_village_choices_are_the_grouped_choices(con):
    for scope in _scopes(con):
        for limit in (100_000, 3):
            text = sql("place_choices")  # the query of every level, grouped by code
            params = {**scope.params(), "level": "village", "limit": limit}
            former = [tuple(r) for r in con.execute(text, bind(text, params)).fetchall()]
            assert place_choices(con, scope, "village", limit) == former, scope


# --------------------------------------------------------------------------- Trainers and Groups


def _same(got: pd.DataFrame, former: pd.DataFrame) -> None:
    """The same rows, columns and types; two empty frames need only the same columns (pandas
    types the columns of an empty merge or group-by its own way, and the pages ask ``.empty``)."""
    if got.empty and former.empty:
        assert list(got.columns) == list(former.columns)
    else:
        pd.testing.assert_frame_equal(got, former)


def _former_without_lead(con, scope: Scope) -> pd.DataFrame:
    coverage = trainers.trainer_coverage(con, scope)
    missing = coverage.loc[
        ~coverage["has_lead"], ["village_code", "village_name", "tambon_name", "district_name", "trainers"]
    ].reset_index(drop=True)
    english = con.execute(
        "SELECT village_code, tambon_name_en, district_name_en FROM villages "
        "WHERE list_contains($codes, village_code)",
        {"codes": list(missing["village_code"])},
    ).df()
    columns = ["village_code", "village_name", "tambon_name", "tambon_name_en"]
    columns += ["district_name", "district_name_en", "trainers"]
    return missing.merge(english, on="village_code", how="left")[columns]


def _former_by_network(con, scope: Scope) -> pd.DataFrame:
    frame = networks.links(con, scope)
    if frame.empty:
        return pd.DataFrame(columns=["network", "links", "groups", "sales_baht"])
    out = frame.groupby("network", as_index=False).agg(
        links=("link_id", "count"), groups=("group_id", "nunique"), sales_baht=("sales_baht", "sum")
    )
    return out.sort_values(["links", "network"], ascending=[False, True]).reset_index(drop=True)


FORMER_TRAINERS = """
WITH {scope}
SELECT t.trainer_id, t.name, t.village_code, v.village_name, t.role, t.skills, t.phone
FROM s_trainers AS t JOIN s_villages AS v USING (village_code)
ORDER BY t.village_code, t.role, t.trainer_id
"""

FORMER_SKILL_MATRIX = """
WITH {scope},
village_skills AS (
    SELECT DISTINCT village_code, trim(skill) AS skill
    FROM (SELECT village_code, unnest(skills) AS skill FROM s_trainers)
    WHERE trim(skill) <> ''
),
occupations AS (
    SELECT village_code, occupation, count(*) AS n
    FROM s_households
    WHERE occupation IS NOT NULL AND trim(occupation) <> ''
    GROUP BY village_code, occupation
)
SELECT o.occupation, vs.skill, sum(o.n)::BIGINT AS households,
       lower(trim(o.occupation)) = lower(vs.skill) AS is_match
FROM occupations AS o
JOIN village_skills AS vs USING (village_code)
GROUP BY ALL
ORDER BY o.occupation, vs.skill
"""


def _former(con, text: str, scope: Scope) -> pd.DataFrame:
    text = text.replace("{scope}", sql("scope", scope, con))
    return con.execute(text, bind(text, all_params(scope, None))).df()


def test_trainers_page_queries_give_what_they_gave(con):
    for scope in _scopes(con):
        _same(trainers.villages_without_lead(con, scope), _former_without_lead(con, scope))
        _same(trainers.skill_matrix(con, scope), _former(con, FORMER_SKILL_MATRIX, scope))
        former = _former(con, FORMER_TRAINERS, scope)
        for limit in (None, 7):
            team = trainers.trainer_list(con, scope, reveal=True, limit=limit)
            expected = former if limit is None else former.head(limit)
            _same(team, expected.reset_index(drop=True))
        assert trainers.trainer_count(con, scope) == len(former)


def test_skill_matrix_past_the_skills_a_number_holds(con, monkeypatch):
    """With more skills than a village's number holds, the (village, skill) rows give the cells."""
    monkeypatch.setattr(trainers, "MASK_SKILLS", 0)
    for scope in _scopes(con):
        _same(trainers.skill_matrix(con, scope), _former(con, FORMER_SKILL_MATRIX, scope))
    assert not trainers.skill_matrix(con, Scope()).empty


def test_groups_page_queries_give_what_they_gave(con):
    for scope in _scopes(con):
        _same(networks.links_by_network(con, scope), _former_by_network(con, scope))
        groups = networks.five_k_scores(con, scope)[
            ["group_id", "group_name", "village_code", "village_name"]
        ]
        _same(query(con, "graph_groups", scope), groups)


# --------------------------------------------------------------------------- by hand


@pytest.fixture(scope="module")
def reports_db(tmp_path_factory) -> Path:
    """The "since last meeting" fixture (tests/metrics_fixture.py) with two later reports by O2,
    the officer of C (fiscal year 2560) and of D (2561): R4 about C on 1 Feb 2018, R5 about no
    village on 1 Sep 2017."""
    folder = tmp_path_factory.mktemp("reports")
    tables = {name: [list(row) for row in rows] for name, rows in CHANGES_INPUT.items()}
    tables["reports"] += [
        ["R4", "O2", C, "2018-02-01", "line", ""],
        ["R5", "O2", "", "2017-09-01", "line", ""],
    ]
    path = folder / "reports.duckdb"
    assert check_path(write_csv_folder(folder / "input", tables), path, commit=True).committed
    return path


# The newest dated rows (tests/unit/test_changes.py): all areas and 2560, H4's 12-month survey on
# 15 Jan 2018; 2561 (D alone), L4 since 31 Jul 2017. The reports then move it:
#   all areas, 2560: R4 (1 Feb 2018; O2 is C's officer, C is in 2560) is newer -> 1 Feb 2018;
#   2561: R4 names C, outside 2561, so it does not count; R5 (1 Sep 2017, no village, by D's
#         officer O2) does and is newer than L4 -> 1 Sep 2017;
#   2562: no village -> None.
@pytest.mark.parametrize("probe", [4096, 1])  # 1: R4 is looked at first and does not count for 2561
@pytest.mark.parametrize(
    ("fiscal_year", "expected"),
    [
        (None, dt.date(2018, 2, 1)),
        (2560, dt.date(2018, 2, 1)),
        (2561, dt.date(2017, 9, 1)),
        (2562, None),
    ],
)
def test_default_as_of_counts_the_reports_of_the_year(reports_db, monkeypatch, probe, fiscal_year, expected):
    monkeypatch.setattr(changes, "REPORT_PROBE", probe)
    con = open_read_only(reports_db)
    try:
        assert changes.default_as_of(con, fiscal_year) == expected
        assert changes.latest_date(con, Scope(fiscal_year=fiscal_year)) == expected
    finally:
        con.close()


def test_villages_without_lead_by_hand(reports_db):
    """D's only trainer TD1 is its lead; A has lead TA1; B has no trainer; C five without a lead."""
    con = open_read_only(reports_db)
    try:
        missing = trainers.villages_without_lead(con, Scope())
        assert list(missing["village_code"]) == ["30170201", C]  # B (0 trainers), C (5)
        assert list(missing["trainers"]) == [0, 5]
        assert D not in set(missing["village_code"]) and A not in set(missing["village_code"])
    finally:
        con.close()
