"""Facts materialised at import (data_loaders/store/facts.py) and the scope SQL that reads them.

Expected values are worked out by hand from tests/builders.py::TINY (written beside each
assertion); the equivalence tests check the stored-facts path against the same SQL run over
the rows in scope (an as-of date far in the future keeps every row, so both must agree).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from data_loaders.store.importer import check_path
from data_loaders.store.store import facts, open_read_only, table_checksums
from metrics import income, progress
from metrics.changes import latest_date
from metrics.indicators import compute, coverage
from metrics.overview import funnel
from metrics.scope import Scope, variant
from metrics.trainers import skill_matrix
from tests.builders import A, B, tiny, write_csv_folder

FAR = dt.date(2600, 1, 1)  # after every date in any test data: keeps every row


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_household_facts_are_worked_out_at_import(loaded):
    got = rows(
        loaded,
        "SELECT household_id, village_code, fiscal_year, members, has_baseline, baseline_income, "
        "latest_round, latest_income, latest_occupation_income, latest_practising, skill_matched, "
        "trained FROM fact_households ORDER BY household_id",
    )
    assert got == [
        # H1: baseline 60,000, post 66,000 (occupation 6,000, practising); เพาะเห็ด is T1's skill;
        # attended day 1
        ("H1", A, 2560, 4, True, 60000.0, "post", 66000.0, 6000.0, True, True, True),
        # H2: baseline 0, post 12,000; จักสาน is T1's second skill ("เพาะเห็ด;จักสาน"); its only
        # attendance row says no
        ("H2", A, 2560, 2, True, 0.0, "post", 12000.0, 12000.0, True, True, False),
        # H3: baseline only, so no latest later round; ทอผ้า is T6's skill in village B; attended
        ("H3", B, 2560, 3, True, 80000.0, None, None, None, None, True, True),
    ]


def test_village_facts_are_worked_out_at_import(loaded):
    got = rows(
        loaded,
        "SELECT village_code, trainers, leads, households, days, knowledge, study_visit, practice, "
        '"groups", links, followed_up, attended FROM fact_villages ORDER BY village_code',
    )
    assert got == [
        # A: T1-T5 (T1 the lead), H1 H2, days 1-5, G1 with link L1, both households surveyed
        # after baseline, attendance: H1 yes, H2 no on day 1
        (A, 5, 1, 2, 5, True, True, True, 1, 1, 2, 1),
        # B: T6 (lead), H3, day 1 only, no group, H3 has no later survey, H3 attended day 1
        (B, 1, 1, 1, 1, False, False, False, 0, 0, 0, 1),
    ]


def test_replacing_one_village_refreshes_its_facts_and_keeps_the_others(tmp_path, loaded):
    # Village B sent again, H3 now with a post survey of 88,000 baht.
    tables = tiny()
    keep_b = {
        "villages": lambda r: r[0] == B,
        "trainers": lambda r: r[2] == B,
        "households": lambda r: r[1] == B,
        "income_surveys": lambda r: r[0] == "H3",
        "training_days": lambda r: r[0] == B,
        "attendance": lambda r: r[0] == B,
        "plans": lambda r: r[0] == B,
    }
    only_b = {name: [tables[name][0], *filter(keep, tables[name][1:])] for name, keep in keep_b.items()}
    only_b["income_surveys"].append(["H3", "post", "2017-05-02", "88000", "8000", "yes"])
    before_a = rows(loaded, f"SELECT * FROM fact_villages WHERE village_code = '{A}'")
    result = check_path(write_csv_folder(tmp_path / "b", only_b), loaded, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    assert rows(
        loaded, "SELECT latest_round, latest_income FROM fact_households WHERE household_id = 'H3'"
    ) == [("post", 88000.0)]
    assert rows(loaded, f"SELECT followed_up FROM fact_villages WHERE village_code = '{B}'") == [(1,)]
    assert rows(loaded, f"SELECT * FROM fact_villages WHERE village_code = '{A}'") == before_a
    # and the refreshed facts are exactly what a full recomputation gives
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, copy)
    con = duckdb.connect(str(copy))
    try:
        stored = table_checksums(con, facts.FACT_TABLES)
        facts.refresh(con)
        assert table_checksums(con, facts.FACT_TABLES) == stored
    finally:
        con.close()


def test_which_facts_a_scope_may_read(loaded):
    # (cut, narrowed, missing): cut when an as-of date comes before a village's newest row in
    # scope; missing when a village in scope has no stored facts
    con = open_read_only(loaded)
    try:
        assert variant(Scope(), con) == (False, False, False)
        assert variant(Scope(occupation="เพาะเห็ด"), con) == (False, True, False)  # village counts run live
        assert variant(Scope(as_of=FAR), con) == (False, False, False)  # after every row: narrows nothing
        # A's newest row is 2017-05-01, B's 2017-02-13 (see the next test)
        assert variant(Scope(as_of=dt.date(2017, 3, 1)), con) == (True, False, False)
        assert variant(Scope(as_of=dt.date(2017, 3, 1), villages=(B,)), con) == (False, False, False)
        assert variant(Scope(), None) == (True, False, True)  # no store to look at: every way
        assert variant(Scope(as_of=dt.date(2017, 3, 1)), None) == (True, False, True)
        assert variant(None) == (True, True, True)
    finally:
        con.close()


def test_a_village_without_facts_is_found_in_its_scope_only(tmp_path, loaded):
    # B's facts deleted: 2 villages, 1 fact row, so the store may miss some; only a scope
    # holding B misses one (A's facts are there)
    db = tmp_path / "b_missing.duckdb"
    shutil.copy(loaded, db)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM fact_villages WHERE village_code = ?", [B])
    try:
        assert variant(Scope(), con) == (False, False, True)
        assert variant(Scope(villages=(B,)), con) == (False, False, True)
        assert variant(Scope(villages=(A,)), con) == (False, False, False)
    finally:
        con.close()


def test_last_dated_is_the_newest_row_behind_a_village(loaded):
    assert rows(loaded, "SELECT village_code, last_dated FROM fact_villages ORDER BY 1") == [
        # A: surveys 2017-05-01 (post), days to 2017-02-10, group 2017-03-01, link 2017-04-01
        (A, dt.date(2017, 5, 1)),
        # B: H3's baseline 2017-01-21, day 1 on 2017-02-13
        (B, dt.date(2017, 2, 13)),
    ]


def _without_facts(tmp_path: Path, db: Path) -> Path:
    """A copy of ``db`` whose fact tables are empty: every village is computed live."""
    copy = tmp_path / "nofacts.duckdb"
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    try:
        for table in facts.FACT_TABLES:
            con.execute(f"DELETE FROM {table}")
    finally:
        con.close()
    return copy


def _same_results(a: Path, b: Path, scopes: list[Scope]) -> None:
    today = dt.date(2017, 6, 1)
    ca, cb = open_read_only(a), open_read_only(b)
    try:
        for scope in scopes:
            got = [(v.id, v.numerator, v.denominator) for v in compute(ca, scope, today=today)]
            assert got == [(v.id, v.numerator, v.denominator) for v in compute(cb, scope, today=today)], scope
            assert coverage(ca, scope) == coverage(cb, scope)
            pa = progress.village_progress(ca, scope, today=today)
            pb = progress.village_progress(cb, scope, today=today)
            assert pa.equals(pb), scope
            assert income.household_income(ca, scope).equals(income.household_income(cb, scope))
            assert latest_date(ca, scope) == latest_date(cb, scope)
            assert funnel(ca, scope).equals(funnel(cb, scope))
            assert income.sustainability(ca, scope).equals(income.sustainability(cb, scope))
            assert skill_matrix(ca, scope).equals(skill_matrix(cb, scope))
    finally:
        ca.close()
        cb.close()


def test_stored_facts_and_the_live_sql_agree(tmp_path, loaded):
    scopes = [
        Scope(),
        Scope(occupation="เพาะเห็ด"),
        Scope(as_of=FAR),
        # B's newest row is 2017-02-13, A's 2017-05-01: A is cut (computed live), B stored
        Scope(as_of=dt.date(2017, 3, 1)),
        Scope(as_of=dt.date(2017, 2, 1)),  # both cut: no training day yet in either
        Scope(as_of=dt.date(2017, 3, 1), occupation="เพาะเห็ด"),
    ]
    bare = _without_facts(tmp_path, loaded)
    con = open_read_only(bare)
    try:  # no stored facts: every village runs over its rows in scope
        assert variant(Scope(), con) == (False, False, True)
        assert variant(Scope(as_of=dt.date(2017, 3, 1)), con) == (False, False, True)
    finally:
        con.close()
    _same_results(loaded, bare, scopes)


def test_an_as_of_date_between_rows_is_exact(loaded):
    # On 1 March 2017 A has no post surveys yet (both on 1 May): nobody is followed up, and
    # B keeps its one training day. Hand count: follow_up_share = 0 of 3 households.
    con = open_read_only(loaded)
    try:
        values = {v.id: v for v in compute(con, Scope(as_of=dt.date(2017, 3, 1)))}
    finally:
        con.close()
    assert (values["follow_up_share"].numerator, values["follow_up_share"].denominator) == (0, 3)
    # training_complete_share: A has days 1-5 by 10 Feb, B only day 1 → 1 of 2 villages
    assert (values["training_complete_share"].numerator, values["training_complete_share"].denominator) == (
        1,
        2,
    )


def _state_on(db: Path, day: dt.date) -> tuple[list[tuple], list[tuple]]:
    """Every household's and village's state on ``day``, derived from the stored rows."""
    as_of = f"DATE '{day.isoformat()}'"
    households = facts.household_facts(
        pivot=facts.stored("fact_households", "true", facts.HOUSEHOLD_STATE), as_of=as_of
    )
    rounds = f"({households})"
    villages = facts.village_facts(
        pivot=facts.stored("fact_villages", "true", facts.VILLAGE_STATE), rounds=rounds, as_of=as_of
    )
    return (
        rows(
            db,
            "SELECT household_id, has_baseline, baseline_income, latest_round, latest_income, "
            f"rounds_present, last_survey_date, attended_days, trained FROM ({households}) ORDER BY 1",
        ),
        rows(
            db,
            'SELECT village_code, days, knowledge, study_visit, practice, "groups", links, followed_up, '
            f"attended FROM ({villages}) ORDER BY 1",
        ),
    )


def test_the_state_on_an_earlier_date_comes_from_the_stored_rows(loaded):
    # 8 Feb 2017: baselines on 20-21 Jan are in, no post survey yet (1 May); A has held days
    # 1-3 (6-8 Feb), B none yet (13 Feb); H1 attended day 1 on 6 Feb, H2 said no, H3's day is
    # to come. G1 is founded on 1 Mar, L1 on 1 Apr.
    households, villages = _state_on(loaded, dt.date(2017, 2, 8))
    assert households == [
        ("H1", True, 60000.0, None, None, 1, dt.date(2017, 1, 20), 1, True),
        ("H2", True, 0.0, None, None, 1, dt.date(2017, 1, 20), 0, False),
        ("H3", True, 80000.0, None, None, 1, dt.date(2017, 1, 21), 0, False),
    ]
    assert villages == [
        (A, 3, True, False, False, 0, 0, 0, 1),  # knowledge (days 1-3) done; attended: H1 once
        (B, 0, False, False, False, 0, 0, 0, 0),
    ]
    # 15 Mar: A has all five days and G1 (1 Mar), not yet L1; B has its day 1, H3 attended it
    households, villages = _state_on(loaded, dt.date(2017, 3, 15))
    assert [h[-2:] for h in households] == [(1, True), (0, False), (1, True)]
    assert villages == [
        (A, 5, True, True, True, 1, 0, 0, 1),
        (B, 1, False, False, False, 0, 0, 0, 1),
    ]
    # 1 May: the post surveys (66,000 and 12,000) are the latest later round; L1 has begun
    households, villages = _state_on(loaded, dt.date(2017, 5, 1))
    assert [(h[0], h[3], h[4], h[5], h[6]) for h in households] == [
        ("H1", "post", 66000.0, 2, dt.date(2017, 5, 1)),
        ("H2", "post", 12000.0, 2, dt.date(2017, 5, 1)),
        ("H3", None, None, 1, dt.date(2017, 1, 21)),
    ]
    assert [v[:1] + v[5:8] for v in villages] == [(A, 1, 1, 2), (B, 0, 0, 0)]
    # and 1 May is A's newest date: the state derived then is the state stored at import
    stored = rows(
        loaded,
        "SELECT household_id, has_baseline, baseline_income, latest_round, latest_income, "
        "rounds_present, last_survey_date, attended_days, trained FROM fact_households ORDER BY 1",
    )
    assert households == stored


def test_the_sample_store_agrees_both_ways(tmp_path):
    # The committed sample: 32 villages, every kind of row; as-of dates that cut some villages.
    from data_loaders.contract.settings import SAMPLE_DIR

    db = tmp_path / "sample.duckdb"
    assert check_path(SAMPLE_DIR, db, commit=True).committed
    scopes = [
        Scope(),
        Scope(district="3017"),
        Scope(as_of=dt.date(2017, 6, 30)),
        Scope(as_of=dt.date(2018, 1, 31)),
    ]
    _same_results(db, _without_facts(tmp_path, db), scopes)


def test_the_targets_the_environment_sets_reach_the_metrics(loaded, monkeypatch):
    # full_team_share: A has 5 trainers with a lead, B has 1. Default target 5 → 1 of 2 villages;
    # SAMMACHIP_TARGET_TRAINERS=6 → 0 of 2; SAMMACHIP_TARGET_HOUSEHOLDS=2 → A (2 households)
    # has its households stage done, B (1) not: stages_done_share numerator moves accordingly.
    con = open_read_only(loaded)
    try:

        def value(ind: str) -> tuple[float, float]:
            v = {x.id: x for x in compute(con, Scope())}[ind]
            return v.numerator, v.denominator

        assert value("full_team_share") == (1, 2)
        monkeypatch.setenv("SAMMACHIP_TARGET_TRAINERS", "6")
        assert value("full_team_share") == (0, 2)
        monkeypatch.delenv("SAMMACHIP_TARGET_TRAINERS")
        # stages done with the default 20 households: A team, knowledge, study visit, practice,
        # group, network, follow-up = 7; B team (1 trainer < 5: no) ... B: none = 0 → 7 of 16
        assert value("stages_done_share") == (7, 16)
        monkeypatch.setenv("SAMMACHIP_TARGET_HOUSEHOLDS", "2")
        assert value("stages_done_share") == (8, 16)  # A's households stage is now done too
    finally:
        con.close()


def test_refreshing_some_villages_gives_what_a_full_refresh_gives(loaded):
    # An import covering few villages refreshes only theirs (data_loaders/store/facts.py); here H1's
    # post survey goes, then village A alone is refreshed.
    con = duckdb.connect(str(loaded))
    try:
        con.execute("DELETE FROM income_surveys WHERE household_id = 'H1' AND round = 'post'")
        facts.refresh(con, f"SELECT '{A}'")
        # hand: H1 keeps only its baseline, so no later round; A's followed-up drops from 2 to 1
        assert con.execute(
            "SELECT latest_round FROM fact_households WHERE household_id = 'H1'"
        ).fetchall() == [(None,)]
        assert con.execute(
            f"SELECT followed_up FROM fact_villages WHERE village_code = '{A}'"
        ).fetchall() == [(1,)]
        partial = table_checksums(con, facts.FACT_TABLES)
        facts.refresh(con)
        assert table_checksums(con, facts.FACT_TABLES) == partial
    finally:
        con.close()


def test_household_facts_are_stored_in_village_order(tmp_path):
    # The households' file lists village B's H3 first, then A's H2 and H1 (all of fiscal year
    # 2560): whatever order a file (or DuckDB's grouping) gives, the facts are written in fiscal
    # year, village, household order, so a year's or a district's households lie together and
    # DuckDB's zone maps skip the rest.
    data = tiny()
    header, *body = data["households"]
    data["households"] = [header, *reversed(body)]
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "in", data), db, commit=True).committed
    stored = rows(db, "SELECT fiscal_year, village_code, household_id FROM fact_households ORDER BY rowid")
    assert stored == [(2560, A, "H1"), (2560, A, "H2"), (2560, B, "H3")]
