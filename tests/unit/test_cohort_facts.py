"""The cohorts read the state the import keeps at each village's cohort months
(data_loaders/store/facts.py: ``first_day`` and ``<column>_m<months>``): those stored columns
must give exactly what deriving the state at query time gives.

"Live" here is computed from the contract's tables alone, at query time: each village's first
training day as the earliest dated of its training days (``min(date)``), its date at month m
with an ``INTERVAL``, the households' and villages' state on that date by the "as of" SQL with
a date per row (``facts.household_facts`` / ``facts.village_facts`` over the tables' own pivots,
never the fact tables), and the shares counted in pandas by the catalogue's formulas. It is
checked on the sample, on a small generated national set of two fiscal years, after an import
that refreshes some villages only, and on an earlier data version (whose facts are computed
again for the villages later imports covered).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data_loaders.contract.settings import SAMPLE_DIR
from data_loaders.store import facts
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from metrics.changes import default_as_of
from metrics.cohorts import MONTHS, STAGE_SHARES, cohorts
from metrics.scope import Scope
from metrics.settings import MetricSettings
from sample import national

SETTINGS = MetricSettings()  # the default targets, as cohorts() gets them
LINKS = "(SELECT l.*, g.village_code, g.founded_on FROM network_links AS l JOIN groups AS g USING (group_id))"


def _live_month(con: duckdb.DuckDBPyConnection, months: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every village with a dated training day, and its households, in their state on the
    village's first training day plus ``months`` months, derived from the contract's tables."""
    dates = (
        f"(SELECT village_code, (min(date) + INTERVAL {months} MONTH)::DATE AS cohort_date "
        "FROM training_days WHERE date IS NOT NULL GROUP BY village_code)"
    )
    household_rows = facts.sql(
        "households",
        villages="villages",
        households="households",
        surveys="income_surveys",
        trainers="trainers",
        training_days="training_days",
        attendance="attendance",
    )
    village_rows = facts.sql(
        "villages",
        villages="villages",
        trainers="trainers",
        households="households",
        training_days="training_days",
        groups="groups",
        links=LINKS,
    )
    households = facts.household_facts(
        pivot=f"(SELECT r.*, d.cohort_date FROM ({household_rows}) AS r JOIN {dates} AS d USING (village_code))",
        as_of="p.cohort_date",
    )
    villages = facts.village_facts(
        pivot=f"(SELECT r.*, d.cohort_date FROM ({village_rows}) AS r JOIN {dates} AS d USING (village_code))",
        rounds=f"({households})",
        as_of="p.cohort_date",
    )
    h = con.execute(
        "SELECT village_code, latest_round IS NOT NULL AS followed, latest_practising, baseline_income, "
        f"latest_income FROM ({households})"
    ).df()
    v = con.execute(
        "SELECT f.village_code, v.fiscal_year, f.cohort_date, f.trainers, f.leads, f.households, "
        f'f.knowledge, f.study_visit, f.practice, f."groups", f.links, f.followed_up FROM ({villages}) AS f '
        "JOIN villages AS v USING (village_code)"
    ).df()
    return v, h


def _share(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def _live_cohorts(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[tuple[int, int], dict]:
    """The cohort values, live, by the catalogue's formulas (see the module's docstring)."""
    out = {}
    for months in MONTHS:
        v, h = _live_month(con, months)
        v = v[pd.to_datetime(v["cohort_date"]).dt.date <= as_of]
        for year, vs in v.groupby("fiscal_year"):
            hs = h[h["village_code"].isin(vs["village_code"])]
            followed = hs[hs["followed"]]
            both = hs[hs["baseline_income"].notna() & hs["latest_income"].notna()]
            base, latest = both["baseline_income"].sum(), both["latest_income"].sum()
            stages = {
                "team": (vs["trainers"] >= SETTINGS.trainers_target) & (vs["leads"] > 0),
                "households": vs["households"] >= SETTINGS.households_target,
                "knowledge": vs["knowledge"],
                "study_visit": vs["study_visit"],
                "practice": vs["practice"],
                "group": vs["groups"] >= 1,
                "network": vs["links"] >= 1,
                "follow_up": (vs["households"] > 0) & (vs["followed_up"] == vs["households"]),
            }
            out[(int(year), months)] = {
                "villages": len(vs),
                "practising_share": _share(int((followed["latest_practising"] == True).sum()), len(followed)),  # noqa: E712
                "income_increase_pct": _share(latest - base, base),
                "villages_with_group_share": float((vs["groups"] >= 1).mean()),
                "surveyed_share": _share(len(followed), int(vs["households"].sum())),
                **{f"stage_{code}": float(done.astype(bool).mean()) for code, done in stages.items()},
            }
    return out


def _same_as_live(con: duckdb.DuckDBPyConnection, as_of: dt.date, scope: Scope | None = None) -> int:
    """cohorts() from the stored columns equals the live values, cell by cell; returns the cells."""
    stored = cohorts(con, scope or Scope(), as_of=as_of)
    live = _live_cohorts(con, as_of)
    got = {(int(r["fiscal_year"]), int(r["months"])): r for r in stored.to_dict("records")}
    assert sorted(got) == sorted(live)
    for key, expected in live.items():
        for column, value in expected.items():
            have = got[key][column]
            if value is None:
                assert pd.isna(have), (key, column)
            else:
                assert have == pytest.approx(value, rel=1e-12), (key, column)
    assert set(STAGE_SHARES) <= set(stored.columns)
    return len(got)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cohort-facts") / "sample.duckdb"
    assert check_path(SAMPLE_DIR, db, commit=True).committed
    return db


def test_the_sample_stored_cohorts_equal_the_live_ones(sample_store):
    con = open_store(sample_store)
    try:
        latest = default_as_of(con, None)
        # the sample's two fiscal years (2560, 2561), each at the months it reached
        assert _same_as_live(con, latest) >= 6
        # earlier dates: fewer months reached; the stored months are the same columns
        for day in (dt.date(2017, 9, 30), dt.date(2018, 3, 31)):
            _same_as_live(con, day)
    finally:
        con.close()


def test_a_village_without_a_training_day_keeps_no_cohort_state(sample_store):
    # A village's months are NULL when it has no dated training day (it has no clock).
    con = open_store(sample_store)
    try:
        clockless = con.execute(
            "SELECT count(*) FROM fact_villages WHERE first_day IS NULL AND knowledge_m3 IS NOT NULL"
        ).fetchone()
        assert clockless == (0,)
        # and where it has one, the first day is the earliest dated training day
        differ = con.execute(
            "SELECT count(*) FROM fact_villages AS f JOIN (SELECT village_code, min(date) AS d "
            "FROM training_days GROUP BY village_code) AS t USING (village_code) "
            "WHERE f.first_day IS DISTINCT FROM t.d"
        ).fetchone()
        assert differ == (0,)
    finally:
        con.close()


def _changed_surveys(tmp_path: Path) -> tuple[Path, str]:
    """The income surveys of the sample's first village only, each later round's income 1,000
    baht higher and dated a month later: an import that covers one village."""
    with (SAMPLE_DIR / "households.csv").open(encoding="utf-8") as f:
        households = list(csv.DictReader(f))
    village = households[0]["village_code"]
    ids = {h["household_id"] for h in households if h["village_code"] == village}
    with (SAMPLE_DIR / "income_surveys.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, [r for r in reader if r["household_id"] in ids]
    for row in rows:
        if row["round"] != "baseline" and row["household_income"]:
            row["household_income"] = str(int(float(row["household_income"])) + 1000)
            day = dt.date.fromisoformat(row["survey_date"])
            row["survey_date"] = (day + dt.timedelta(days=31)).isoformat()
    folder = tmp_path / "one-village"
    folder.mkdir()
    with (folder / "income_surveys.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return folder, village


def test_an_import_of_one_village_and_an_earlier_version_stay_equal_to_live(tmp_path):
    db = tmp_path / "store.duckdb"
    assert check_path(SAMPLE_DIR, db, commit=True).committed  # version 1
    folder, village = _changed_surveys(tmp_path)
    assert check_path(folder, db, commit=True).committed  # version 2: one village's facts refreshed
    con = open_store(db)
    try:
        latest = default_as_of(con, None)
        _same_as_live(con, latest)
        now = cohorts(con, Scope(villages=(village,)), as_of=latest)
    finally:
        con.close()
    old = open_store(db, 1)  # version 1: that village's facts computed again as they were
    try:
        _same_as_live(old, latest)
        then = cohorts(old, Scope(villages=(village,)), as_of=latest)
    finally:
        old.close()
    # the later rounds moved a month later and 1,000 baht up: the village's cohort values differ
    assert not now.equals(then)


def test_a_small_national_store_stored_cohorts_equal_the_live_ones(tmp_path):
    folder = tmp_path / "national"
    national.generate(folder, years=2, villages=12, seed=5)
    db = tmp_path / "national.duckdb"
    assert check_path(folder, db, commit=True).committed
    con = open_store(db)
    try:
        latest = default_as_of(con, None)
        assert _same_as_live(con, latest) > 0
        first = con.execute("SELECT min(first_day) FROM fact_villages").fetchone()[0]
        _same_as_live(con, first + dt.timedelta(days=200))  # some villages before some months
    finally:
        con.close()
