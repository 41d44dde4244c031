""" "Since last meeting" and the follow-up list on the hand-made fixture
(tests/metrics_fixture.py, CHANGES_INPUT). Every expected value is worked out by hand below.

Stages per village (order: team, households, knowledge, study_visit, practice, group, network,
follow_up; households needs 20 target households, so no village has it):
  on 31 May 2017 (previous)            on 31 Jul 2017 (as of)
  A  team knowledge study practice     same (H3 never followed up, so no follow_up)
     group(G1 1 Mar) network(L1 1 Apr)
  B  knowledge group(G2 undated)       same
     follow_up (H4 post 2 May)
  C  knowledge study                   + practice (day 5 on 5 Jun), group (G3 1 Jul),
                                         network (L3 15 Jul), follow_up (H5 post 15 Jun)
  D  group (G4 founded 31 May)         + network (L4 since 31 Jul)
Plans (overdue = due before the date and not done):
  A team 31 Jan (done) · A follow_up 30 Jun: not due on 31 May, overdue on 31 Jul
  B team 31 Jan: overdue at both · B knowledge 31 Mar: done
  C practice 15 May: overdue on 31 May, done by 31 Jul · C network 31 Aug: not due
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics.changes import change_table, changes, default_as_of, latest_date, previous_meeting
from metrics.followups import COLUMNS, followup_count, followups
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import CHANGES_INPUT, A, B, C, D

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS = dt.date(2017, 5, 31)
AS_OF = dt.date(2017, 7, 31)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("changes")
    path = folder / "changes.duckdb"
    result = check_path(write_csv_folder(folder / "input", CHANGES_INPUT), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


# (before on 31 May, now on 31 Jul) per indicator, worked out by hand.
KPIS = {
    # later surveys by 31 May: H1 post yes, H2 post yes, H4 post no -> 2/3;
    # by 31 Jul also H5 post yes (15 Jun) -> 3/4.
    "practising_share": (2 / 3, 3 / 4),
    # 31 May: H1 60000->66000, H2 0->12000, H4 100000->90000: (168000-160000)/160000 = 0.05;
    # 31 Jul: + H5 40000->44000: (212000-200000)/200000 = 0.06.
    "income_increase_pct": (0.05, 0.06),
    # 31 May: G1 (A), G2 (B, undated), G4 (D) -> 3/4; 31 Jul: + G3 (C) -> 4/4.
    "villages_with_group_share": (3 / 4, 1.0),
    # per person vs 38000: H1 33000, H2 4000, H4 22500 -> 0/3; + H5 44000 -> 1/4.
    "above_jpt_share": (0.0, 1 / 4),
    "full_team_share": (1 / 4, 1 / 4),  # only A, at both dates
    "households_per_trainer": (5 / 11, 5 / 11),  # no dates involved
    "skill_match_share": (2 / 4, 2 / 4),  # no dates involved
    "training_complete_share": (1 / 4, 2 / 4),  # C's day 5 (5 Jun) completes C
    # 31 May: yes rows A 3 + B 1 (C's day-5 row not yet) = 4 over A 3x5 + B 1x3 + C 1x4 = 22;
    # 31 Jul: 5 over A 15 + B 3 + C 1x5 = 23.
    "attendance_rate": (4 / 22, 5 / 23),
    # 31 May: groups G1 G2 G4, G1 has OTOP (L1) -> 1/3; 31 Jul: G1..G4, G1 and G3 (market) -> 2/4.
    "groups_market_linked_share": (1 / 3, 2 / 4),
    "five_k_complete_share": (0.0, 0.0),  # no group has 5 members
    "follow_up_share": (3 / 5, 4 / 5),  # H1 H2 H4 -> + H5
    # 31 May: A 6 + B 3 + C 2 + D 1 = 12; 31 Jul: A 6 + B 3 + C 6 + D 2 = 17; over 8 x 4.
    "stages_done_share": (12 / 32, 17 / 32),
}


def test_every_list_and_delta_matches_the_hand_worked_values(con):
    got = changes(con, Scope(), as_of=AS_OF, previous=PREVIOUS)
    assert set(got) == {
        "as_of",
        "previous",
        "kpis",
        "stages_completed",
        "newly_overdue",
        "new_groups",
        "new_links",
        "surveys_added",
        "training_days_added",
        "imports",
    }
    assert (got["as_of"], got["previous"]) == ("2017-07-31", "2017-05-31")
    assert [k["id"] for k in got["kpis"]] == list(KPIS)  # catalogue order, every indicator
    for row in got["kpis"]:
        before, now = KPIS[row["id"]]
        assert set(row) == {"id", "now", "before", "delta"}
        assert row["before"] == pytest.approx(before), row["id"]
        assert row["now"] == pytest.approx(now), row["id"]
        assert row["delta"] == pytest.approx(now - before), row["id"]
    # C: practice, group, network, follow_up (stage order); D: network.
    assert got["stages_completed"] == [
        {"village_code": C, "stage": "practice"},
        {"village_code": C, "stage": "group"},
        {"village_code": C, "stage": "network"},
        {"village_code": C, "stage": "follow_up"},
        {"village_code": D, "stage": "network"},
    ]
    # A follow_up (due 30 Jun) is new; B team was already overdue; C practice was resolved.
    assert got["newly_overdue"] == [{"village_code": A, "stage": "follow_up", "due": "2017-06-30"}]
    assert got["new_groups"] == ["G3"]  # G4 was founded on the previous date itself: not new
    # L3 (15 Jul) and L4 (31 Jul, the as-of date itself: new); L1 1 Apr, L2 undated.
    assert got["new_links"] == [
        {"group_id": "G3", "partner_type": "market"},
        {"group_id": "G4", "partner_type": "village_fund"},
    ]
    assert got["surveys_added"] == 1  # H5 post on 15 Jun; the others are May or Nov
    assert got["training_days_added"] == 1  # C day 5 on 5 Jun
    # The fixture was imported today, after the previous meeting (31 May 2017): imports are
    # counted from the previous meeting up to now, whatever the as-of date (31 Jul 2017).
    assert [i["import_id"] for i in got["imports"]] == [1]


def test_change_table_names_every_change(con):
    report = changes(con, Scope(), as_of=AS_OF, previous=PREVIOUS)
    table = change_table(con, report)
    rows = [
        (r.village_code, r.change, r.stage, r.due, r.group_id, r.partner_type)
        for r in table.itertuples(index=False)
    ]
    assert rows == [
        (A, "newly_overdue", "follow_up", "2017-06-30", None, None),
        (C, "stages_completed", "practice", None, None, None),
        (C, "stages_completed", "group", None, None, None),
        (C, "stages_completed", "network", None, None, None),
        (C, "stages_completed", "follow_up", None, None, None),
        (D, "stages_completed", "network", None, None, None),
        (C, "new_groups", None, None, "G3", None),  # G3 belongs to village C
        (C, "new_links", None, None, "G3", "market"),
        (D, "new_links", None, None, "G4", "village_fund"),
    ]
    assert list(table["group_name"].iloc[-3:]) == ["กลุ่มทอสมมุติ", "กลุ่มทอสมมุติ", "กลุ่มกองทุนสมมุติ"]
    assert table["district_name"].iloc[0] == "ชุมพวง"


def test_a_narrower_scope_only_counts_its_own_villages(con):
    # District 3017 holds A and B only: nothing completed or new there; A follow_up overdue.
    got = changes(con, Scope(district="3017"), as_of=AS_OF, previous=PREVIOUS)
    assert got["stages_completed"] == []
    assert got["newly_overdue"] == [{"village_code": A, "stage": "follow_up", "due": "2017-06-30"}]
    assert (got["new_groups"], got["new_links"]) == ([], [])
    assert (got["surveys_added"], got["training_days_added"]) == (0, 0)
    kpis = {k["id"]: k for k in got["kpis"]}
    # A and B both have a group at both dates: 2/2 -> 2/2.
    assert (kpis["villages_with_group_share"]["before"], kpis["villages_with_group_share"]["now"]) == (1, 1)
    assert kpis["villages_with_group_share"]["delta"] == 0


def test_a_kpi_without_a_denominator_has_no_delta(con):
    # Before 20 Jan 2017 no survey exists: practising has no value, so no delta.
    got = changes(con, Scope(), as_of=dt.date(2017, 1, 25), previous=dt.date(2017, 1, 1))
    practising = next(k for k in got["kpis"] if k["id"] == "practising_share")
    assert practising == {"id": "practising_share", "now": None, "before": None, "delta": None}
    assert got["surveys_added"] == 5  # the five baselines of 20-22 Jan


def test_the_previous_meeting_defaults_to_the_end_of_the_month_before(con):
    assert changes(con, Scope(), as_of=AS_OF)["previous"] == "2017-06-30"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2017, 7, 31), dt.date(2017, 6, 30)),
        (dt.date(2017, 3, 1), dt.date(2017, 2, 28)),
        (dt.date(2016, 3, 15), dt.date(2016, 2, 29)),  # leap year
        (dt.date(2017, 1, 10), dt.date(2016, 12, 31)),  # across the year
    ],
)
def test_previous_meeting(as_of, expected):
    assert previous_meeting(as_of) == expected


@pytest.mark.parametrize("previous", [AS_OF, dt.date(2017, 8, 1)])
def test_the_previous_meeting_must_come_first(con, previous):
    with pytest.raises(ValueError, match="must be before the as-of date"):
        changes(con, Scope(), as_of=AS_OF, previous=previous)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(), dt.date(2018, 1, 15)),  # H4's 12-month survey is the newest row
        # C and D: L4 since 31 Jul 2017 is newer than G3 (1 Jul), R3 (1 Jul), H5 post (15 Jun).
        (Scope(district="3414"), dt.date(2017, 7, 31)),
        # The scope's own as-of date is ignored: the latest date in the data is the default.
        (Scope(district="3414", as_of=dt.date(2017, 2, 1)), dt.date(2017, 7, 31)),
        (Scope(province="99"), None),  # nothing in scope
    ],
)
def test_latest_date_in_the_data(con, scope, expected):
    assert latest_date(con, scope) == expected


# The one default of every program: the latest date in the data of all areas (H4's 12-month
# survey, 15 Jan 2018, in district 3017), whatever places are chosen. Fiscal year 2560 holds A, B
# and C, so the same date; 2561 holds D only: G4 founded 31 May 2017, L4 since 31 Jul 2017 (its
# officer O2's reports name C, outside that year) -> 31 Jul 2017; 2562 holds nothing.
@pytest.mark.parametrize(
    ("fiscal_year", "expected"),
    [
        (None, dt.date(2018, 1, 15)),
        (2560, dt.date(2018, 1, 15)),
        (2561, dt.date(2017, 7, 31)),
        (2562, None),
    ],
)
def test_the_default_as_of_date_is_store_wide(con, fiscal_year, expected):
    assert default_as_of(con, fiscal_year) == expected
    # the latest date of district 3414 alone is 31 Jul 2017 (above): the default does not follow it
    assert latest_date(con, Scope(district="3414")) == dt.date(2017, 7, 31)


def test_every_command_line_uses_the_one_default(db):
    """No --as-of: ``metrics changes`` and ``kpis`` at district 3414 use 15 Jan 2018, the
    store-wide default (not 3414's own 31 Jul 2017), and say so on stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "metrics", "changes", "--db", str(db), "--district", "3414", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(done.stdout)
    assert (got["as_of"], got["previous"]) == ("2018-01-15", "2017-12-31")
    assert done.stderr.strip() == (
        "ข้อมูล ณ 15 ม.ค. 2561 (วันที่ล่าสุดของข้อมูลทุกพื้นที่) / "
        "Data as of 15 Jan 2018 (the latest date in the data, all areas)"
    )
    kpis = _cli("kpis", "--db", str(db), "--district", "3414", "--json")
    assert kpis["scope"]["as_of"] == "2018-01-15"
    by_year = _cli("kpis", "--db", str(db), "--fiscal-year", "2560", "--json")
    assert by_year["scope"]["as_of"] == "2018-01-15"


def test_imports_since_the_previous_meeting(con):
    """Imports made after the previous meeting's date (Bangkok time) count, up to now; the
    as-of date (the date the data speaks of) does not bound them (issue 17: the tile stayed at
    0 after an import, because the data's latest date is before the import that brings it)."""
    imported = con.execute(
        "SELECT CAST(imported_at + INTERVAL 7 HOUR AS DATE), file_name FROM import_log"
    ).fetchone()
    day, name = imported  # the Bangkok date of the fixture's import (today)
    got = changes(con, Scope(), as_of=day, previous=day - dt.timedelta(days=1))
    assert [(i["import_id"], i["file_name"]) for i in got["imports"]] == [(1, name)]
    assert got["imports"][0]["warnings"] > 0  # the fixture's incomplete rows
    # An as-of date before the import (the data's own dates) still counts it.
    got = changes(con, Scope(), as_of=day - dt.timedelta(days=30), previous=day - dt.timedelta(days=60))
    assert [i["import_id"] for i in got["imports"]] == [1]
    # A previous meeting on the import's own day: the import is not after it.
    got = changes(con, Scope(), as_of=day + dt.timedelta(days=1), previous=day)
    assert got["imports"] == []


def _cli(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "metrics", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_command_line_now_and_before_equal_metrics_kpis(db):
    got = _cli("changes", "--db", str(db), "--as-of", "2017-07-31", "--previous", "2017-05-31", "--json")
    now = _cli("kpis", "--db", str(db), "--as-of", "2017-07-31", "--json")["indicators"]
    before = _cli("kpis", "--db", str(db), "--as-of", "2017-05-31", "--json")["indicators"]
    assert [k["now"] for k in got["kpis"]] == [v["value"] for v in now]
    assert [k["before"] for k in got["kpis"]] == [v["value"] for v in before]
    assert got["new_groups"] == ["G3"]
    assert got["previous"] == "2017-05-31"


def test_command_line_defaults_and_refusals(db):
    # BE year accepted; previous defaults to the end of June.
    got = _cli("changes", "--db", str(db), "--district", "3414", "--as-of", "2560-07-31", "--json")
    assert (got["as_of"], got["previous"]) == ("2017-07-31", "2017-06-30")
    assert got["new_groups"] == ["G3"]  # G3 founded 1 Jul, in C (district 3414)
    for args in (["--as-of", "2017-07-31", "--previous", "2017-08-01", "--json"],):
        done = subprocess.run(
            [sys.executable, "-m", "metrics", "changes", "--db", str(db), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr


# --- follow-ups -------------------------------------------------------------------------------


def _none(value):
    return None if value is None or value is pd.NA or pd.isna(value) else value


def _rows(frame):
    """(kind, village, item, due, days over, households) of every row but data-quality ones."""
    return [
        (
            r.kind,
            r.village_code,
            r.item,
            r.due.isoformat() if r.due else None,
            _none(r.days_overdue),
            _none(r.households),
        )
        for r in frame.itertuples(index=False)
        if r.kind != "data_quality"
    ]


def test_followups_most_overdue_first(con):
    got = followups(con, Scope(), as_of=dt.date(2018, 6, 1))
    assert list(got.columns) == list(COLUMNS)
    assert _rows(got) == [
        # B team due 31 Jan 2017: 365 days to 31 Jan 2018 + Feb 28 + Mar 31 + Apr 30 + May 31 + 1 = 486;
        # the overdue stage sorts before the missing lead on a tie (same plan date).
        ("overdue_stage", B, "team", "2017-01-31", 486, None),
        ("no_lead", B, "lead", "2017-01-31", 486, None),
        # A follow_up due 30 Jun 2017: 365 to 30 Jun 2018 - 29 = 336.
        ("overdue_stage", A, "follow_up", "2017-06-30", 336, None),
        # H5 post 15 Jun 2017 -> 6m due 15 Dec 2017 (12m due 15 Jun 2018 is later than 1 Jun):
        # 16 (to 31 Dec) + 31 + 28 + 31 + 30 + 31 + 1 = 168.
        ("survey_due", C, "follow_6m", "2017-12-15", 168, 1),
        # H1, H2 post 1 May 2017 -> 12m due 1 May 2018 (so their missing 6m is not listed): 31.
        # H4 has both follow-ups; H3 has no post survey.
        ("survey_due", A, "follow_12m", "2018-05-01", 31, 2),
        ("no_lead", C, "lead", None, None, None),  # C has no team plan: no due date, last
    ]
    quality = got[got["kind"] == "data_quality"]
    # every warning of this store is about a village (the list names it), none about no village
    assert len(quality) > 0 and quality["village_code"].notna().all()
    assert quality["days_overdue"].isna().all()
    # The responsible officer, masked (PDPA): O1 สมหญิง ทดสอบ owns A and B.
    first = got.iloc[0]
    assert (first["officer_id"], first["officer_name"]) == ("O1", "สมหญิง ท***")
    assert (first["district_name"], first["tambon_name"], first["village_name"]) == (
        "ชุมพวง",
        "ประสุข",
        "บ้านสมมุติบี",
    )
    # the screen asks for the first few, sorted and cut in SQL, and for how many in all
    first_two = followups(con, Scope(), as_of=dt.date(2018, 6, 1), limit=2)
    assert _rows(first_two) == _rows(got)[:2]
    assert followup_count(con, Scope(), as_of=dt.date(2018, 6, 1)) == len(got)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # The day before H1/H2's 6-month due date (1 Nov 2017): nothing due yet.
        (dt.date(2017, 10, 31), []),
        # On the due date itself: due, 0 days over. H4's 6m (1 Nov) is recorded that day.
        (dt.date(2017, 11, 1), [("survey_due", A, "follow_6m", "2017-11-01", 0, 2)]),
        # 1 Dec: 30 days over; H5's 6m (15 Dec) not yet due.
        (dt.date(2017, 12, 1), [("survey_due", A, "follow_6m", "2017-11-01", 30, 2)]),
    ],
)
def test_follow_up_survey_due_rules(con, as_of, expected):
    got = followups(con, Scope(), as_of=as_of)
    assert [r for r in _rows(got) if r[0] == "survey_due"] == expected


def test_followups_carry_no_personal_data(con):
    got = followups(con, Scope(), as_of=dt.date(2018, 6, 1), reveal=False)
    text = got.to_csv()
    for secret in ("สมชาย", "3100600445635", "0811111111", "สมหญิง ทดสอบ"):
        assert secret not in text
