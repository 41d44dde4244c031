"""The follow-up list in one query (metrics/sql/followups.sql): the first rows and how many
there are in all come together, and each household's survey rounds are read from its stored
dates (s_rounds) instead of being counted again from the survey rows.

Two kinds of test:

- hand-worked, on the four-village fixture (tests/metrics_fixture.py, METRICS_INPUT), the list
  of which tests/unit/test_changes.py and tests/unit/test_warnings_scope.py work out by hand;
- equivalence with the list as it was derived before (tests/unit/followups_from_rows.sql: the
  rounds from the survey rows, over every way of the scope, EVERYTHING), row for row and in
  order, on the sample (several dates, areas, a 3017 grant, an occupation), on the fixture (its
  warnings name households), on a small generated national set, and on a store where some
  villages have no stored facts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data_loaders.contract.settings import SAMPLE_DIR
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from metrics import model
from metrics.access_scope import narrow
from metrics.changes import default_as_of
from metrics.followups import COLUMNS, followup_count, followup_page, followups
from metrics.privacy import mask_frame
from metrics.scope import EVERYTHING, Scope, all_params, bind, scope_sql, sql_text
from sample import national
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C

FROM_ROWS = Path(__file__).resolve().parent / "followups_from_rows.sql"
AS_OF = dt.date(2018, 6, 1)


def _from_rows(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: dt.date, *, reveal: bool) -> pd.DataFrame:
    """The whole list as it was derived before, shaped as :func:`followup_page` gives it."""
    scope = replace(scope, as_of=as_of)
    text = FROM_ROWS.read_text(encoding="utf-8")
    text = model.fill(text.replace("{sql:current_warnings_scoped}", sql_text("current_warnings_scoped")))
    text = text.replace("{scope}", scope_sql(EVERYTHING))
    frame = con.execute(text, bind(text, all_params(scope, None))).df()
    frame["due"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in frame["due"]]
    for column in ("days_overdue", "households", "source_row"):
        frame[column] = frame[column].astype("Int64")
    return mask_frame(frame[list(COLUMNS)], reveal=reveal)


def _records(frame: pd.DataFrame) -> list[tuple]:
    """The rows as tuples, every empty value None (a column all empty in a few rows comes as
    objects, in the whole list as strings: the values are what the screen shows)."""
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]


def _same_as_from_rows(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: dt.date) -> int:
    """The list, its first rows and its count equal the list derived from the rows; returns
    how many items it has."""
    for reveal in (False, True):
        before = _from_rows(con, scope, as_of, reveal=reveal)
        now, total = followup_page(con, scope, as_of=as_of, reveal=reveal)
        pd.testing.assert_frame_equal(now, before)
        assert total == len(before)
        first, total = followup_page(con, scope, as_of=as_of, reveal=reveal, limit=3)
        assert list(first.columns) == list(COLUMNS)
        assert _records(first) == _records(before.head(3))
        assert total == len(before)
    return len(before)


# --- hand-worked: the fixture ------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("followups-fixture")
    path = folder / "f.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    return path


@pytest.fixture
def con(fixture_store):
    connection = open_store(fixture_store)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # 6 lines of work on 1 Jun 2018 (tests/unit/test_changes.py::test_followups_most_overdue_first:
        # B team and no lead, A follow_up, C's 6-month and A's 12-month surveys, C no lead) and the
        # 9 current warnings (tests/unit/test_warnings_scope.py: 4 in 3017, 5 in 3414): 15.
        (Scope(), 15),
        # an officer granted 3017: B team, B no lead, A follow_up, A's 12-month surveys, and the
        # 4 warnings of 3017: 8 (the card says 8 too, tests/unit/test_card.py).
        (Scope(allowed=("3017",)), 8),
        # a district with no village: nothing at all
        (Scope(district="9999"), 0),
    ],
)
def test_the_first_rows_and_the_count_come_together(con, scope, expected):
    first, total = followup_page(con, scope, as_of=AS_OF, limit=2)
    assert total == expected
    if expected:
        # the two most overdue: B's team plan due 31 Jan 2017, 486 days, then B's missing lead
        # (due at the same plan; the overdue stage sorts first on a tie)
        assert list(zip(first["kind"], first["village_code"], first["days_overdue"], strict=True)) == [
            ("overdue_stage", B, 486),
            ("no_lead", B, 486),
        ]
    else:
        assert first.empty and list(first.columns) == list(COLUMNS)
    none, again = followup_page(con, scope, as_of=AS_OF, limit=0)  # no row shown, still counted
    assert none.empty and again == expected
    everything, again = followup_page(con, scope, as_of=AS_OF)
    assert len(everything) == again == expected
    # the two functions the command lines and the pack call say the same
    assert followup_count(con, scope, as_of=AS_OF) == expected
    pd.testing.assert_frame_equal(followups(con, scope, as_of=AS_OF), everything)


def test_a_line_names_its_household_only_among_the_rows_kept(con):
    # A's household H3 has no occupation: its warning names H3 (masked head name) on the line;
    # the list cut before it (limit 4: the four dated lines of 3017) names no household.
    scope = Scope(district="3017")
    whole, total = followup_page(con, scope, as_of=AS_OF, reveal=True)
    assert total == 8
    named = whole[whole["household_id"].notna()]
    assert list(named["household_id"]) == ["H3"] and named["head_name"].notna().all()
    first, _ = followup_page(con, scope, as_of=AS_OF, limit=4)
    assert list(first["kind"]) == ["overdue_stage", "no_lead", "overdue_stage", "survey_due"]
    assert first["household_id"].isna().all()
    assert list(first["village_code"]) == [B, B, A, A]


def test_the_fixture_list_equals_the_one_from_the_rows(con):
    for scope in (Scope(), Scope(district="3017"), narrow(Scope(district="3017"), ("34",))[0]):
        for as_of in (dt.date(2017, 11, 1), AS_OF):
            _same_as_from_rows(con, scope, as_of)


# Late surveys: the fixture with H4's (village B, post 2 May 2017) 12-month survey made on
# 15 Jun 2018, after its due date (2 May 2018), and H5's (village C, post 15 Jun 2017) 6-month
# survey made on 1 Feb 2018, after its due date (15 Dec 2017). A round counts from its date on.
LATE_INPUT = {table: [list(row) for row in rows] for table, rows in METRICS_INPUT.items()}
for _row in LATE_INPUT["income_surveys"]:
    if _row[:2] == ["H4", "follow_12m"]:
        _row[2] = "2018-06-15"
LATE_INPUT["income_surveys"].append(["H5", "follow_6m", "2018-02-01", "46000", "5000", "yes"])


@pytest.fixture(scope="module")
def late_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("followups-late")
    path = folder / "late.duckdb"
    assert check_path(write_csv_folder(folder / "input", LATE_INPUT), path, commit=True).committed
    return path


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # 10 Jan 2018: A's H1, H2 (post 1 May 2017) owe the 6-month survey since 1 Nov 2017:
        # 29 + 31 + 10 = 70 days; C's H5 owes it since 15 Dec 2017 (made only on 1 Feb): 16 + 10
        # = 26 days. B's H4 made its 6-month survey on 1 Nov 2017.
        (
            dt.date(2018, 1, 10),
            [("follow_6m", A, "2017-11-01", 70, 2), ("follow_6m", C, "2017-12-15", 26, 1)],
        ),
        # 1 Jun 2018: A owes the 12-month survey since 1 May (31 days, 2 households); B's H4 since
        # 2 May (30 days: made on 15 Jun); H5 made its 6-month survey, its 12-month is due 15 Jun.
        (
            dt.date(2018, 6, 1),
            [("follow_12m", A, "2018-05-01", 31, 2), ("follow_12m", B, "2018-05-02", 30, 1)],
        ),
        # 1 Jul 2018: A 30 + 31 = 61 days; H4's survey is made; H5's 12-month since 15 Jun: 16 days.
        (
            dt.date(2018, 7, 1),
            [("follow_12m", A, "2018-05-01", 61, 2), ("follow_12m", C, "2018-06-15", 16, 1)],
        ),
    ],
)
def test_a_late_survey_counts_from_its_date_on(late_store, as_of, expected):
    con = open_store(late_store)
    try:
        got = followups(con, Scope(), as_of=as_of)
        due = got[got["kind"] == "survey_due"]
        rows = [
            (r.item, r.village_code, r.due.isoformat(), int(r.days_overdue), int(r.households))
            for r in due.itertuples(index=False)
        ]
        assert rows == expected
        _same_as_from_rows(con, Scope(), as_of)
        _same_as_from_rows(con, Scope(district="3017"), as_of)
    finally:
        con.close()


# --- equivalence: the sample, a national set, villages without facts --------------------------


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("followups-sample") / "sample.duckdb"
    assert check_path(SAMPLE_DIR, db, commit=True).committed
    return db


SAMPLE_SCOPES = (
    Scope(),
    Scope(district="3017"),
    Scope(allowed=("3017",)),  # an officer granted 3017 asking for all areas
    narrow(Scope(district="3017"), ("34",))[0],  # a manager of province 34 asking for 3017
    Scope(fiscal_year=2561),
    Scope(occupation="จักสาน"),  # narrowed: the villages' state over the households of one occupation
)


def test_the_sample_list_equals_the_one_from_the_rows(sample_store):
    con = open_store(sample_store)
    try:
        latest = default_as_of(con)
        # the latest date (the stored state), and earlier ones that cut the stored rows
        for as_of in (latest, dt.date(2018, 3, 31), dt.date(2017, 9, 30)):
            counts = {scope: _same_as_from_rows(con, scope, as_of) for scope in SAMPLE_SCOPES}
            # the grant narrows the list: all areas hold more than 3017 alone
            assert counts[Scope()] > counts[Scope(allowed=("3017",))]
        assert _same_as_from_rows(con, Scope(), latest) > 3  # more than a page of three
    finally:
        con.close()


def test_villages_without_stored_facts_list_the_same(sample_store, tmp_path):
    # Two villages whose facts are gone (as in a store whose facts miss a village): their
    # state comes from their rows in scope, and the list is the same as from the rows.
    db = tmp_path / "missing.duckdb"
    shutil.copy(sample_store, db)
    writer = duckdb.connect(str(db))
    try:
        codes = [
            r[0]
            for r in writer.execute("SELECT village_code FROM fact_villages ORDER BY 1 LIMIT 2").fetchall()
        ]
        for table in ("fact_households", "fact_villages"):
            writer.execute(f"DELETE FROM {table} WHERE village_code IN (?, ?)", codes)
    finally:
        writer.close()
    con = open_store(db)
    try:
        latest = default_as_of(con)
        for as_of in (latest, dt.date(2018, 3, 31)):
            assert _same_as_from_rows(con, Scope(), as_of) > 0
            _same_as_from_rows(con, Scope(villages=tuple(codes)), as_of)
    finally:
        con.close()


def test_a_small_national_list_equals_the_one_from_the_rows(tmp_path):
    folder = tmp_path / "national"
    national.generate(folder, years=1, villages=60)
    db = tmp_path / "national.duckdb"
    assert check_path(folder, db, commit=True).committed
    con = open_store(db)
    try:
        latest = default_as_of(con)
        province = con.execute("SELECT min(province_code) FROM villages").fetchone()[0]
        occupation = con.execute("SELECT min(occupation) FROM households").fetchone()[0]
        for as_of in (latest, latest - dt.timedelta(days=120)):
            assert _same_as_from_rows(con, Scope(), as_of) > 0
            _same_as_from_rows(con, Scope(province=province), as_of)
            _same_as_from_rows(con, Scope(occupation=occupation), as_of)
        kinds = set(followups(con, Scope(), as_of=latest)["kind"])
        assert {"survey_due", "overdue_stage"} <= kinds  # the rounds read from the stored dates count
    finally:
        con.close()
