"""The Indicators page's measures read the stored facts (fact_households, fact_villages) in one
set-based query each (issue 18 part 4): they must give exactly what the queries they replaced
gave, which derived each household's state again from the survey rows.

The queries as they were are kept in ``tests/unit/before/`` (each with its ``{scope}`` and the
semantic layer's fragments put in by the same filler), run beside the new functions on the
sample and on a small generated national set, for the whole store, a district, an as-of date
that cuts the stored state, an occupation and a grant.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data_loaders.contract.settings import SAMPLE_DIR
from data_loaders.reference import cpi
from data_loaders.store.importer import check_path
from metrics import evaluation, monitoring
from metrics.model import fill
from metrics.scope import Scope, all_params, bind, scope_sql, sql_text, variant
from sample import national

BEFORE = Path(__file__).resolve().parent / "before"
FOLLOW = "['" + "', '".join(evaluation.FOLLOW_ROUNDS) + "']"


def _before(con: duckdb.DuckDBPyConnection, name: str, scope: Scope, **extra: object) -> pd.DataFrame:
    """The query ``name`` as it was, over ``scope`` (``extra``: its own parameters)."""
    text = fill(_before_text(name)).replace("{scope}", scope_sql(variant(scope, con)))
    return con.execute(text, bind(text, {**all_params(scope, None), **extra})).df()


def _before_text(name: str) -> str:
    """``name``.sql as it was, its ``{sql:other}`` includes put in from the old files where kept
    (else today's, unchanged)."""
    old = BEFORE / f"{name}.sql"
    if not old.exists():
        return sql_text(name)
    return re.sub(r"\{sql:(\w+)\}", lambda m: _before_text(m[1]), old.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_con(tmp_path_factory):
    db = tmp_path_factory.mktemp("indicators-page") / "sample.duckdb"
    assert check_path(SAMPLE_DIR, db, commit=True).committed
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def national_con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("indicators-page-national")
    national.generate(folder / "input", years=1, villages=60, seed=7)
    db = folder / "national.duckdb"
    assert check_path(folder / "input", db, commit=True).committed
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _scopes(con: duckdb.DuckDBPyConnection) -> list[Scope]:
    """The whole store, its first district, an as-of date halfway through its surveys (it cuts
    the stored state of the villages surveyed later), its most common occupation, a grant of its
    first province, and a grant of nothing."""
    district, province = con.execute("SELECT min(district_code), min(province_code) FROM villages").fetchone()
    first, last = con.execute("SELECT min(survey_date), max(survey_date) FROM income_surveys").fetchone()
    middle = first + (last - first) / 2
    occupation = con.execute(
        "SELECT occupation FROM households WHERE occupation IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone()[0]
    return [
        Scope(),
        Scope(district=district),
        Scope(as_of=middle),
        Scope(occupation=occupation),
        Scope(allowed=(province,)),
        Scope(allowed=()),
    ]


def _con(request: pytest.FixtureRequest, which: str) -> duckdb.DuckDBPyConnection:
    return request.getfixturevalue(f"{which}_con")


STORES = ("sample", "national")


@pytest.mark.parametrize("which", STORES)
@pytest.mark.parametrize("by", ["scope", "district", "village"])
def test_attrition_from_the_facts_equals_the_survey_rows(request, monkeypatch, which, by):
    con = _con(request, which)

    def before_sql(name: str, scope: Scope, con: duckdb.DuckDBPyConnection) -> str:
        text = fill((BEFORE / f"{name}.sql").read_text(encoding="utf-8"))
        text = text.replace("{scope}", scope_sql(variant(scope, con))).replace("$rounds::VARCHAR[]", FOLLOW)
        return f"SELECT *, false AS is_whole FROM (\n{text}\n)"  # the column the new query adds

    for scope in _scopes(con):
        with monkeypatch.context() as patch:
            patch.setattr(evaluation, "sql", before_sql)
            before = evaluation.attrition(con, scope, by=by)
        after = evaluation.attrition(con, scope, by=by)
        pd.testing.assert_frame_equal(after, before, rtol=1e-12)
        if by == "scope" and scope.allowed != ():
            assert after["target"].sum() > 0  # a scope with households: the test compares something


@pytest.mark.parametrize("which", STORES)
@pytest.mark.parametrize("by", ["scope", "district", "village"])
def test_attrition_with_its_breakdown_in_one_pass_equals_each_alone(request, which, by):
    con = _con(request, which)
    for scope in _scopes(con):
        whole, parts = evaluation.attrition_parts(con, scope, by=by)
        pd.testing.assert_frame_equal(whole, evaluation.attrition(con, scope), rtol=1e-12)
        alone = evaluation.attrition(con, scope, by=by)
        # an empty breakdown (a grant of nothing) may type its text columns either way
        pd.testing.assert_frame_equal(parts, alone, rtol=1e-12, check_dtype=not alone.empty)


@pytest.mark.parametrize("which", STORES)
def test_completeness_from_the_facts_equals_the_survey_rows(request, which):
    con = _con(request, which)
    failing: set[str] = set()
    for scope in _scopes(con):
        before = _before(con, "completeness", scope)
        failing |= set(before["check_id"])
        pd.testing.assert_frame_equal(monitoring.completeness(con, scope), before)
        # the counts: every check, 0 where none fails, as the rows counted before
        counted = before.groupby("check_id").size()
        expected = [int(counted.get(c, 0)) for c in monitoring.CHECKS]
        assert monitoring.completeness_counts(con, scope)["records"].tolist() == expected
        for check in monitoring.CHECKS:
            rows = monitoring.completeness(con, scope, check=check, limit=7)
            first = before[before["check_id"] == check].sort_values(["village_code", "record_key"]).head(7)
            assert rows.to_dict("records") == first.to_dict("records")
    assert len(failing) >= 2  # failing records of two checks or more compared


@pytest.mark.parametrize("which", STORES)
@pytest.mark.parametrize("cut", [False, True])
def test_real_income_in_one_pass_equals_the_two_queries(request, monkeypatch, which, cut):
    """The sums and the years the index lacks, read together, as the two queries read them;
    ``cut``: an index that ends before the store's last survey year, so real income is refused."""
    con = _con(request, which)
    series = cpi.series()
    if cut:
        last = con.execute("SELECT max(year(survey_date)) FROM income_surveys").fetchone()[0]
        series = tuple((y, v) for y, v in series if y < last)
        monkeypatch.setattr(cpi, "series", lambda: series)
    years, values = [y for y, _ in series], [v for _, v in series]
    refused = []
    for scope in _scopes(con):
        extra = {"cpi_years": years, "cpi_values": values}
        missing = _before(con, "evaluation_cpi_missing", scope, **extra)["year"].astype(int).tolist()
        row = _before(con, "evaluation_real_income", scope, **extra).iloc[0]
        after = evaluation.real_income(con, scope, refuse=False)
        assert after.missing_years == tuple(missing)
        assert after.households == int(row["households"])
        assert after.nominal_increase == _number(row["nominal_increase"])
        assert after.real_increase == (None if missing else _number(row["real_increase"]))
        refused.append(bool(missing))
    assert any(refused) == cut  # the whole store has surveys in its last year


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


@pytest.mark.parametrize("which", STORES)
def test_officers_and_reports_in_one_pass_equal_the_included_queries(request, which):
    con = _con(request, which)
    for scope in [*_scopes(con), Scope(as_of=dt.date(2017, 9, 30))]:
        before = _before(con, "officer_rollup", scope)
        for column in ("villages", "complete", "overdue", "households", "reports", "months_reported"):
            before[column] = before[column].astype(int)
        pd.testing.assert_frame_equal(monitoring.officer_rollup(con, scope, reveal=True), before, rtol=1e-12)
        pd.testing.assert_frame_equal(
            monitoring.reports_by_month(con, scope), _before(con, "reports_by_month", scope)
        )
        reports = monitoring.reports(con, scope, reveal=True)
        pd.testing.assert_frame_equal(reports, _before(con, "reports", scope))
    assert len(reports) > 0  # the last scope (an early date) still has reports to compare


@pytest.mark.parametrize("which", STORES)
def test_the_completeness_overview_equals_the_counts_and_the_first_rows(request, which):
    con = _con(request, which)
    for scope in _scopes(con):
        counts, first = monitoring.completeness_overview(con, scope, limit=7)
        pd.testing.assert_frame_equal(counts, monitoring.completeness_counts(con, scope))
        for check in monitoring.CHECKS:
            rows = monitoring.completeness(con, scope, check=check, limit=7)
            assert first[check].to_dict("records") == rows.to_dict("records")
