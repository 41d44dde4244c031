"""The area roll-ups (metrics/rollups.py, built by metrics/rollup_build.py at every import).

Two kinds of test: the roll-up rows of the four-village fixture worked out by hand, and every
function that reads the roll-ups giving the same result as over the facts (the roll-ups
switched off), for many scopes, on the sample, on a small generated national store and on the
"since last meeting" fixture. Scopes the roll-ups cannot hold must fall back to the facts.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
from dataclasses import replace
from pathlib import Path
from unittest import mock

import duckdb
import pandas as pd
import pytest

from data_loaders.reference import cpi
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from data_loaders.store.store import open_read_only
from metrics import comparisons, evaluation, income, indicators, monitoring, overview, rollups, rows
from metrics.changes import changes, default_as_of, previous_meeting
from metrics.maps import map_marks
from metrics.progress import village_progress
from metrics.scope import Scope
from metrics.settings import current
from sample import national
from tests.builders import write_csv_folder
from tests.metrics_fixture import CHANGES_INPUT, METRICS_INPUT, D

ROOT = Path(__file__).resolve().parents[2]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _store(folder: Path, rows: dict) -> Path:
    path = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", rows), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("rollups_fixture"), METRICS_INPUT)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rollups_sample") / "sample.duckdb"
    assert check_path(ROOT / "sample_data", path, commit=True).committed
    return path


@pytest.fixture(scope="module")
def national_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rollups_national")
    national.generate(folder / "data", years=2, villages=40)
    path = folder / "national.duckdb"
    assert check_path(folder / "data", path, commit=True).committed
    return path


def test_the_fixture_rolls_up_as_worked_by_hand(fixture_db):
    """METRICS_INPUT (tests/metrics_fixture.py). Its latest dated row is H4's follow_12m survey
    on 15 Jan 2018, so the default as-of date is 2018-01-15 and its previous meeting 2017-12-31
    (the end of the month before). Fiscal year 2560's latest is the same date (H4 is in B, 2560);
    2561 (village D) has no dated row, so nothing is built for it alone.

    District 3017 (A, B) on 2018-01-15: villages 2; trainers 5 (A) + 0 (B) = 5; households H1,
    H2, H3, H4 = 4; trained (attended a day) H1, H2 (A day 1), H4 (B day 1) = 3; in a group H1,
    H2 (G1) = 2, linked (G1 has OTOP and BAAC links) = 2; with both rounds H1 60,000 → 66,000,
    H2 0 → 12,000, H4 100,000 → 98,000 (its last round, follow_12m) = 3, Σ baseline 160,000,
    Σ latest 176,000; surveyed after baseline 3, practising (latest round says yes) 3.
    District 3414 (C, D): villages 2; trainers 5 + 1 = 6; households H5 = 1; trained (C day 5)
    1; in a group (G3) 1, linked (G3 to a market, 15 Jul 2017) 1; with both rounds H5 40,000 →
    44,000 = 1. National: 4 villages, 5 households, Σ baseline 200,000, Σ latest 220,000.
    """
    con = open_read_only(fixture_db)
    try:
        dates = con.execute("SELECT as_of, fiscal_year, previous FROM rollup_dates ORDER BY 1").fetchall()
        assert dates == [
            (dt.date(2017, 12, 31), None, None),
            (dt.date(2018, 1, 15), None, dt.date(2017, 12, 31)),
        ]
        columns = (
            "villages, trainers, households, trained, in_group, linked, households_with_change, "
            "baseline_total, latest_total, surveyed_after, practising"
        )
        rows = con.execute(
            f"SELECT district_code, {columns} FROM rollup_areas WHERE as_of = DATE '2018-01-15' "
            "AND level = 'district' ORDER BY district_code"
        ).fetchall()
        assert {r[0] for r in rows} == {"3017", "3414"}
        # one row per fiscal year and district: 3414 has C (2560) and D (2561)
        sums = {
            code: tuple(sum(r[i] or 0 for r in rows if r[0] == code) for i in range(1, 12))
            for code in ("3017", "3414")
        }
        assert sums["3017"] == (2, 5, 4, 3, 2, 2, 3, 160_000, 176_000, 3, 3)
        assert sums["3414"] == (2, 6, 1, 1, 1, 1, 1, 40_000, 44_000, 1, 1)
        assert len(rows) == 3  # 3017 in 2560; 3414 in 2560 and in 2561
        national_row = con.execute(
            "SELECT sum(villages), sum(households), sum(baseline_total), sum(latest_total) FROM rollup_areas "
            "WHERE as_of = DATE '2018-01-15' AND level = 'national'"
        ).fetchone()
        assert national_row == (4, 5, 200_000, 220_000)
    finally:
        con.close()


def test_a_fiscal_year_with_a_date_of_its_own_is_built_for_its_villages(tmp_path):
    """METRICS_INPUT with a training day in D (fiscal year 2561, the only village of that year)
    on 20 Nov 2017. The store's dates stay 2018-01-15 and its previous meeting 2017-12-31 (all
    four villages); 2561's own default date is 20 Nov 2017, its previous meeting 31 Oct 2017:
    both are built for D alone, so a page filtered by 2561 opens on the roll-ups too. 2560's
    own date is the store's (H4's survey on 15 Jan 2018), which the store-wide rows hold."""
    data = copy.deepcopy(METRICS_INPUT)
    data["training_days"].append([D, "1", "2017-11-20", "knowledge"])
    db = _store(tmp_path, data)
    con = open_read_only(db)
    try:
        dates = con.execute("SELECT as_of, fiscal_year, previous FROM rollup_dates ORDER BY 1").fetchall()
        assert dates == [
            (dt.date(2017, 10, 31), 2561, None),
            (dt.date(2017, 11, 20), 2561, dt.date(2017, 10, 31)),
            (dt.date(2017, 12, 31), None, None),
            (dt.date(2018, 1, 15), None, dt.date(2017, 12, 31)),
        ]
        # each of 2561's dates holds D only: 1 village, its 1 trainer, no household
        for day in ("2017-10-31", "2017-11-20"):
            assert con.execute(
                "SELECT fiscal_year, sum(villages), sum(trainers), sum(households) FROM rollup_areas "
                f"WHERE as_of = DATE '{day}' AND level = 'national' GROUP BY ALL"
            ).fetchall() == [(2561, 1, 1, 0)]
        own = Scope(fiscal_year=2561, as_of=dt.date(2017, 11, 20))
        assert rollups.serves(con, own)
        assert rollups.serves(con, own, previous=dt.date(2017, 10, 31))
        assert not rollups.serves(con, replace(own, fiscal_year=None))  # D alone is not every village
        assert not rollups.serves(con, replace(own, fiscal_year=2560))
        for scope in (own, replace(own, district="3414"), replace(own, as_of=dt.date(2017, 10, 31))):
            for name in ("indicators", "funnel", "district_comparison", "village_progress", "changes"):
                read = READERS[name]
                _same(read(con, scope), _live(lambda read=read, scope=scope: read(con, scope)))
    finally:
        con.close()


def test_the_fixture_keeps_attrition_and_real_income_as_worked_by_hand(fixture_db):
    """District 3017 (A, B) on 2018-01-15 (METRICS_INPUT): target households H1-H4 = 4.
    post (round 0): surveyed H1, H2, H4 = 3, their baselines 60,000 + 0 + 100,000 = 160,000;
    lost H3, 50,000. follow_6m (1) and follow_12m (2, H4's on 15 Jan 2018, the as-of date):
    surveyed H4 = 1, retained 100,000; lost H1, H2, H3 = 110,000 over 3.
    Real income (price index 2017 111.29, 2018 112.47): H1 66,000 and H2 12,000 (both surveyed
    in 2017, their baseline year); H4 98,000 in 2018 × 111.29 / 112.47 = 96,971.81;
    Σ = 174,971.81 over Σ baseline 160,000: +9.357%, nominal (176,000 − 160,000) / 160,000 = +10%.
    """
    con = open_read_only(fixture_db)
    try:
        names = ", ".join(
            f"sum(attrition_{c}_{i})"
            for i in range(3)
            for c in ("surveyed", "retained_sum", "retained_n", "lost_sum", "lost_n")
        )
        row = con.execute(
            f"SELECT sum(attrition_target), {names}, sum(real_latest_total), sum(real_unpriced) FROM rollup_areas "
            "WHERE as_of = DATE '2018-01-15' AND level = 'district' AND district_code = '3017'"
        ).fetchone()
        assert row[:16] == (
            4,
            *(3, 160_000, 3, 50_000, 1),
            *(1, 100_000, 1, 110_000, 3),
            *(1, 100_000, 1, 110_000, 3),
        )
        assert row[16] == pytest.approx(66_000 + 12_000 + 98_000 * 111.29 / 112.47)
        assert row[17] == 0
        real = evaluation.real_income(con, Scope(as_of=dt.date(2018, 1, 15), district="3017"))
        assert (real.households, real.missing_years) == (3, ())
        assert real.nominal_increase == pytest.approx(0.10)
        assert real.real_increase == pytest.approx((174_971.81 - 160_000) / 160_000, abs=1e-7)
    finally:
        con.close()


def test_the_fixture_indicators_read_from_the_roll_ups(fixture_db):
    """The income increase over the whole fixture: (220,000 − 200,000) / 200,000 = 10%, read
    from the roll-ups (the scope is the default as-of date); the same over the facts."""
    con = open_read_only(fixture_db)
    try:
        scope = Scope(as_of=dt.date(2018, 1, 15))
        assert rollups.serves(con, scope)
        values = {v.id: v for v in indicators.compute(con, scope)}
        assert (values["income_increase_pct"].numerator, values["income_increase_pct"].denominator) == (
            20_000,
            200_000,
        )
        assert values["income_increase_pct"].value == pytest.approx(0.10)
    finally:
        con.close()


def _live(fn):
    with mock.patch.object(rollups, "serves", return_value=False):
        return fn()


def _same(stored, live) -> None:
    if isinstance(stored, tuple):  # several results read together (attrition_parts, rows_page)
        assert len(stored) == len(live)
        for one, other in zip(stored, live, strict=True):
            _same(one, other)
    elif isinstance(stored, evaluation.RealIncome):
        assert (stored.households, stored.missing_years) == (live.households, live.missing_years)
        for value, expected in (
            (stored.nominal_increase, live.nominal_increase),
            (stored.real_increase, live.real_increase),
        ):
            assert value == (None if expected is None else pytest.approx(expected, rel=1e-9))
    elif isinstance(stored, pd.DataFrame):
        pd.testing.assert_frame_equal(stored, live, check_exact=False, rtol=1e-9)
    elif isinstance(stored, list):  # IndicatorValue
        assert [(v.id, v.numerator, v.denominator) for v in stored] == [
            (v.id, pytest.approx(v.numerator, rel=1e-12), pytest.approx(v.denominator, rel=1e-12))
            for v in live
        ]
    elif hasattr(stored, "frame"):  # MapMarks
        pd.testing.assert_frame_equal(stored.frame, live.frame, check_exact=False, rtol=1e-9)
        assert (stored.level, stored.villages, stored.at_tambon, stored.unplaced, stored.statuses) == (
            live.level,
            live.villages,
            live.at_tambon,
            live.unplaced,
            live.statuses,
        )
    elif isinstance(stored, dict) and stored and isinstance(next(iter(stored.values())), income.Interval):
        assert stored.keys() == live.keys()
        for key, interval in stored.items():
            assert (interval.low, interval.high) == (
                pytest.approx(live[key].low, rel=1e-9),
                pytest.approx(live[key].high, rel=1e-9),
            )
    else:
        assert stored == live


READERS = {
    "indicators": lambda con, s: indicators.compute(con, s),
    "coverage": lambda con, s: indicators.coverage(con, s),
    "funnel": lambda con, s: overview.funnel(con, s),
    "district_comparison": lambda con, s: overview.district_comparison(con, s),
    "province_measures": lambda con, s: comparisons.place_measures(con, s, "province"),
    "district_measures": lambda con, s: comparisons.place_measures(con, s, "district"),
    "ranking": lambda con, s: comparisons.district_ranking(con, s, "practising_share"),
    "ranking_income": lambda con, s: comparisons.district_ranking(con, s, "income_increase_pct"),
    "income_province": lambda con, s: income.income_rollup(con, s, "province"),
    "income_district": lambda con, s: income.income_rollup(con, s, "district"),
    "income_tambon": lambda con, s: income.income_rollup(con, s, "tambon"),
    "household_count": lambda con, s: income.household_count(con, s),
    "sustainability": lambda con, s: income.sustainability(con, s),
    "interval": lambda con, s: income.increase_interval(con, s),
    "district_intervals": lambda con, s: income.district_increase_intervals(con, s),
    "village_progress": lambda con, s: village_progress(con, s),
    "village_progress_first": lambda con, s: village_progress(con, s, limit=7),
    "map": lambda con, s: map_marks(con, s),
    "map_aggregated": lambda con, s: map_marks(con, s, village_threshold=2, max_objects=6),
    "changes": lambda con, s: changes(con, s, as_of=s.as_of),
    "attrition": lambda con, s: evaluation.attrition(con, s),
    "attrition_district": lambda con, s: evaluation.attrition_parts(con, s, by="district"),
    "attrition_village": lambda con, s: evaluation.attrition_parts(con, s, by="village"),
    "real_income": lambda con, s: evaluation.real_income(con, s, refuse=False),
    "officers": lambda con, s: monitoring.officer_rollup(con, s, reveal=True),
    # the first rows and the count of an indicator of each unit set, for each audience
    **{
        f"rows_{ind_id}_{who}": (
            lambda con, s, ind_id=ind_id, who=who: rows.rows_page(
                con, s, ind_id, limit=7, offset=2, audience=who, salt="s" if who == "pseudonymous" else ""
            )
        )
        for ind_id in ("income_increase_pct", "full_team_share", "five_k_complete_share")
        for who in ("masked", "pseudonymous")
    },
}


def _scopes(con, province: str, district: str, tambon: str) -> list[Scope]:
    """The scopes a page asks for at the store's default dates: all areas, a province, a
    district, a tambon, a grant, each fiscal year, and the previous meeting."""
    latest = default_as_of(con)
    scopes = [
        Scope(as_of=latest),
        Scope(as_of=latest, province=province),
        Scope(as_of=latest, district=district),
        Scope(as_of=latest, tambon=tambon),
        Scope(as_of=latest, allowed=(district,)),
        Scope(as_of=latest, province=province, allowed=(province,)),
        Scope(as_of=previous_meeting(latest)),
    ]
    years = [r[0] for r in con.execute("SELECT DISTINCT fiscal_year FROM villages ORDER BY 1").fetchall()]
    for year in years:  # a fiscal year at the store's dates, at its own and its previous meeting
        own = default_as_of(con, year)
        scopes += [
            Scope(fiscal_year=year, as_of=latest),
            Scope(fiscal_year=year, as_of=latest, district=district),
            Scope(fiscal_year=year, as_of=own),
            Scope(fiscal_year=year, as_of=own, province=province),
            Scope(fiscal_year=year, as_of=own, district=district),
            Scope(fiscal_year=year, as_of=previous_meeting(own)),
        ]
    return scopes


def _check_all(db: Path, province: str, district: str, tambon: str) -> int:
    con = open_read_only(db)
    served = 0
    try:
        for scope in _scopes(con, province, district, tambon):
            assert rollups.serves(con, scope), scope  # the default dates are all built
            for name, read in READERS.items():
                if name == "changes" and not rollups.serves(
                    con, scope, previous=previous_meeting(scope.as_of)
                ):
                    continue
                try:
                    _same(read(con, scope), _live(lambda read=read, scope=scope: read(con, scope)))
                except AssertionError as exc:
                    raise AssertionError(f"{name} at {scope}: {exc}") from exc
                served += 1
    finally:
        con.close()
    return served


def test_stored_equals_live_on_the_sample(sample_db):
    """Every reader, every scope the pages ask for at the default dates (the sample has
    districts 3017 and 3414 in provinces 30 and 34)."""
    assert _check_all(sample_db, "34", "3017", "301701") > 100


def test_stored_equals_live_on_a_generated_national_store(national_db):
    """Two fiscal years of 40 villages from the national generator: the busiest province,
    district and tambon."""
    con = open_read_only(national_db)
    try:
        province, district, tambon = con.execute(
            "SELECT province_code, district_code, tambon_code FROM villages "
            "GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert _check_all(national_db, province, district, tambon) > 100


def test_since_last_meeting_stored_equals_live_with_changes_in_it(tmp_path):
    """CHANGES_INPUT has stages completed, plans newly overdue, a new group and a new link
    between some pair of dates; the pair the roll-ups keep gives what the facts give."""
    db = _store(tmp_path, CHANGES_INPUT)
    con = open_read_only(db)
    try:
        latest = default_as_of(con)
        for scope in (
            Scope(as_of=latest),
            Scope(as_of=latest, district="3414"),
            Scope(as_of=latest, allowed=("3017",)),
        ):
            previous = previous_meeting(latest)
            assert rollups.serves(con, scope, previous=previous)
            _same(
                changes(con, scope, as_of=latest),
                _live(lambda scope=scope: changes(con, scope, as_of=latest)),
            )
    finally:
        con.close()


def test_scopes_the_roll_ups_do_not_hold_fall_back_to_the_facts(sample_db, tmp_path):
    con = open_read_only(sample_db)
    try:
        latest = default_as_of(con)
        whole = Scope(as_of=latest)
        assert rollups.serves(con, whole)
        for scope in (
            replace(whole, occupation="ทอผ้า"),  # an occupation narrows the households
            replace(whole, villages=("30170101",)),  # a list of villages
            replace(whole, as_of=latest - dt.timedelta(days=3)),  # a date not built
            replace(whole, as_of=None),  # no date: overdue is judged against today
        ):
            assert not rollups.serves(con, scope), scope
        other = replace(current(), households_target=25)
        assert not rollups.serves(con, whole, other)  # other settings
        assert not rollups.serves(con, whole, previous=latest - dt.timedelta(days=40))  # another pair
        # and the readers then give the facts' answer (the funnel of an occupation)
        narrowed = replace(whole, occupation="ทอผ้า")
        _same(overview.funnel(con, narrowed), _live(lambda: overview.funnel(con, narrowed)))
    finally:
        con.close()


def test_a_store_without_roll_ups_or_an_earlier_version_falls_back(sample_db, tmp_path):
    """A store whose roll-ups are gone reads the facts; a data version before the latest import
    (open_store(db, version)) does not read the latest import's roll-ups."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(sample_db.read_bytes())
    with duckdb.connect(str(copy)) as con:
        con.execute("DROP TABLE rollup_dates")
    con = open_read_only(copy)
    try:
        scope = Scope(as_of=default_as_of(con))
        assert not rollups.serves(con, scope)
        assert overview.funnel(con, scope)["count"].tolist()[0] == 42  # the sample's villages
    finally:
        con.close()

    again = tmp_path / "again.duckdb"
    again.write_bytes(sample_db.read_bytes())
    assert check_path(ROOT / "sample_data", again, commit=True).committed  # import 2
    latest = open_read_only(again)
    try:
        assert rollups.serves(latest, Scope(as_of=default_as_of(latest)))  # rebuilt for import 2
        built_for = latest.execute("SELECT DISTINCT built_for FROM rollup_dates").fetchall()
        assert built_for == [(2,)]
    finally:
        latest.close()
    earlier = open_store(again, 1)
    try:
        assert not rollups.serves(earlier, Scope(as_of=default_as_of(earlier)))
    finally:
        earlier.close()


def test_real_income_under_an_index_without_the_last_years(tmp_path, monkeypatch):
    """An index that ends before the sample's last survey year: the roll-ups built under it
    list the years it lacks per village, so real income is refused with the same years as over
    the facts; under another index (the full one) they do not serve real income at all."""
    last = max(int(row["survey_date"][:4]) for row in _csv_rows(ROOT / "sample_data" / "income_surveys.csv"))
    cut = tuple((y, v) for y, v in cpi.series() if y < last)
    monkeypatch.setattr(cpi, "series", lambda: cut)
    db = tmp_path / "cut.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    con = open_read_only(db)
    try:
        scope = Scope(as_of=default_as_of(con))
        assert rollups.serves(con, scope, prices=True)
        stored = evaluation.real_income(con, scope, refuse=False)
        live = _live(lambda: evaluation.real_income(con, scope, refuse=False))
        assert stored.missing_years and stored.real_increase is None
        _same(stored, live)
        with pytest.raises(evaluation.MissingPriceIndex) as refused:
            evaluation.real_income(con, scope)
        assert refused.value.years == list(live.missing_years)
        monkeypatch.undo()  # the full index: the deflated sums were built under another one
        assert rollups.serves(con, scope) and not rollups.serves(con, scope, prices=True)
    finally:
        con.close()
