"""Import warnings follow the scope like every number (the Indicators page's list, the follow-up
list and the pack read the same narrowed lines), are listed once however often a file is
imported, and a follow-up line names the village and the (masked) household, not a file row.

The store is the four-village fixture (tests/metrics_fixture.py): A 30170101 and B 30170201 in
district 3017 (province 30), C 34140101 and D 34140201 in district 3414 (province 34). Its
warnings, worked out by hand from the fixture and the rules of docs/DATA.md 6.3 (a village needs
20 target households and 5 trainers including a lead; a blank occupation or coordinates warn):

- A: 3 households (H1-H3) < 20; H3 has no occupation (households.csv row 4);
- B: 1 household < 20; 0 trainers and no lead;
- C: 1 household < 20; 5 trainers but no lead; no coordinates;
- D: 0 households < 20; 1 trainer (the lead) < 5.
"""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from data_loaders.store.importer import check_path
from metrics.access_scope import narrow
from metrics.followups import followups
from metrics.monitoring import validation_warnings, warnings_follow_scope
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D
from ui.meeting import followup_table

AS_OF = dt.date(2018, 6, 1)
# (village, household, what the Thai message starts with), by hand from the list above
IN_3017 = {
    (A, None, "หมู่บ้าน 30170101 มีครัวเรือนเป้าหมาย 3 ครัวเรือน"),
    (A, "H3", "ยังไม่ระบุอาชีพที่เลือก"),
    (B, None, "หมู่บ้าน 30170201 มีครัวเรือนเป้าหมาย 1 ครัวเรือน"),
    (B, None, "หมู่บ้าน 30170201 มีวิทยากร 0 คน"),
}
IN_3414 = {
    (C, None, "หมู่บ้าน 34140101 มีครัวเรือนเป้าหมาย 1 ครัวเรือน"),
    (C, None, "หมู่บ้าน 34140101 มีวิทยากร 5 คน"),
    (C, None, "หมู่บ้านไม่มีพิกัด"),
    (D, None, "หมู่บ้าน 34140201 มีครัวเรือนเป้าหมาย 0 ครัวเรือน"),
    (D, None, "หมู่บ้าน 34140201 มีวิทยากร 1 คน"),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warnings")
    path = folder / "w.duckdb"
    assert check_path(write_csv_folder(folder / "fixture", METRICS_INPUT), path, commit=True).committed
    return path


@pytest.fixture
def con(db):
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def _lines(frame) -> set[tuple[str, str | None, str]]:
    """(village, household, message start) of each data-quality line, the start long enough
    to tell the lines above apart."""
    out = set()
    for row in frame.to_dict("records"):
        if row.get("kind", "data_quality") != "data_quality":
            continue
        text = row["item"] if "item" in row else row["message"]
        start = next(s for _v, _h, s in IN_3017 | IN_3414 if text.startswith(s))
        household = row["household_id"] if isinstance(row["household_id"], str) else None
        out.add((row["village_code"], household, start))
    return out


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(district="3017"), IN_3017),
        (Scope(district="3414"), IN_3414),
        (Scope(tambon="301702"), {x for x in IN_3017 if x[0] == B}),  # B's tambon ประสุข
        (Scope(), IN_3017 | IN_3414),
        # an officer granted 3017, asking for all areas
        (Scope(allowed=("3017",)), IN_3017),
        # a manager of province 34 asking for district 3017 is shown their own province
        (narrow(Scope(district="3017"), ("34",))[0], IN_3414),
    ],
)
def test_data_quality_follow_ups_follow_the_scope(con, scope, expected):
    got = followups(con, scope, as_of=AS_OF)
    assert _lines(got) == expected
    assert len(got[got["kind"] == "data_quality"]) == len(expected)  # each once
    assert _lines(validation_warnings(con, scope)) == expected  # the Indicators page: the same


def test_a_warning_about_no_village_shows_only_at_all_areas_to_who_sees_everything(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as rw:
        rw.execute(
            "INSERT INTO import_problems (import_id, level, file, sheet, row_number, column_name, "
            "table_name, message) VALUES (1, 'warning', 'officers.csv', NULL, 3, 'district_code', "
            "'officers', 'w-officer')"
        )
    con = duckdb.connect(str(copy), read_only=True)

    def store_wide(scope: Scope) -> bool:
        return "w-officer" in set(validation_warnings(con, scope)["message"]) | set(
            followups(con, scope, as_of=AS_OF)["item"]
        )

    assert store_wide(Scope())  # all areas, unrestricted
    assert not store_wide(Scope(district="3414"))  # a place filter: only that place's villages
    assert not store_wide(Scope(allowed=("34",)))  # a grant: never
    con.close()


def test_warnings_are_listed_once_after_importing_the_same_files_again(tmp_path):
    path = tmp_path / "twice.duckdb"
    folder = write_csv_folder(tmp_path / "fixture", METRICS_INPUT)
    assert check_path(folder, path, commit=True).committed
    assert check_path(folder, path, commit=True).committed  # the same file name again
    # the same rows under another name (an upload of the same data)
    assert check_path(write_csv_folder(tmp_path / "again", METRICS_INPUT), path, commit=True).committed
    con = duckdb.connect(str(path), read_only=True)
    # 9 warnings (the list in the docstring) stored by each of the 3 imports
    assert con.execute("SELECT count(*) FROM import_problems").fetchone()[0] == 27
    assert _lines(validation_warnings(con, Scope())) == IN_3017 | IN_3414
    assert len(validation_warnings(con, Scope())) == 9
    assert len(validation_warnings(con)) == 9  # store-wide: the same definition
    everything = followups(con, Scope(), as_of=AS_OF)
    assert (everything["kind"] == "data_quality").sum() == 9
    con.close()


def test_a_follow_up_line_names_the_village_and_the_masked_household(con):
    frame = followups(con, Scope(district="3017"), as_of=AS_OF)
    quality = frame[(frame["kind"] == "data_quality") & (frame["household_id"] == "H3")]
    th = followup_table(quality, lang="th").iloc[0]
    assert th["หมู่บ้าน"] == "บ้านสมมุติเอ (30170101)"
    # H3's head สมปอง ใจเย็น, masked as every name is; the file row stays for the fix
    assert th["รายการ"] == ("ครัวเรือน H3 (สมปอง ใ***): ยังไม่ระบุอาชีพที่เลือก (ข้อมูลไม่ครบ) · households.csv แถว 4")
    en = followup_table(quality, lang="en").iloc[0]
    assert en["Item"] == (
        "household H3 (สมปอง ใ***): occupation is blank: the household is incomplete · households.csv row 4"
    )
    assert "ใจเย็น" not in frame.to_csv()
    whole_village = frame[(frame["kind"] == "data_quality") & (frame["village_code"] == B)]
    lines = followup_table(whole_village, lang="en")
    assert set(lines["Village"]) == {"บ้านสมมุติบี (30170201)"}
    assert "village 30170201 has 0 trainers (target 5) and no lead (ปราชญ์) · villages.csv row 3" in set(
        lines["Item"]
    )


def test_a_store_that_does_not_record_warning_villages_shows_no_warnings(db, tmp_path):
    copy = tmp_path / "old.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as rw:  # layout 1 (before migration): no village per warning
        rw.execute("ALTER TABLE import_problems DROP COLUMN village_code")
    con = duckdb.connect(str(copy), read_only=True)
    assert not warnings_follow_scope(con)
    assert validation_warnings(con).empty  # they could name any area: none, never all
    assert validation_warnings(con, Scope(district="3017")).empty
    con.close()


def test_an_import_message_names_no_stored_village_outside_the_grant(db, tmp_path):
    # An officer of 3017 sends village A's households with H5, which the store holds for
    # village C (34140101, district 3414): the key conflict is an error, located at the row,
    # but it does not say which village of the other district holds H5.
    households = [
        ["household_id", "village_code", "head_name", "national_id", "members", "occupation"],
        ["H5", A, "ทดสอบ ชื่อ", "", "1", "ทอผ้า"],
    ]
    folder = write_csv_folder(tmp_path / "in", {"households": households})
    store = tmp_path / "s.duckdb"
    shutil.copy(db, store)

    def conflict(areas):
        result = check_path(folder, store, commit=False, areas=areas)
        return next(p for p in result.dataset.errors if p.message.startswith("รหัส household_id=H5"))

    officer = conflict(("3017",))
    assert (officer.file, officer.row, officer.column) == ("households.csv", 2, "household_id")
    assert C not in officer.message
    assert "a village outside your areas" in officer.message
    assert C in conflict(None).message  # whoever sees every area is told which village


def test_a_refused_import_names_no_village_it_found_through_the_store(db, tmp_path):
    # A survey of H5 (stored for village C, 34140101) sent by an officer of 3017: the file
    # covers C through the stored household, so it is refused, without naming C.
    surveys = [
        ["household_id", "round", "survey_date", "household_income", "occupation_income", "practising"],
        ["H5", "baseline", "2017-01-20", "40000", "", ""],
    ]
    folder = write_csv_folder(tmp_path / "in", {"income_surveys": surveys})
    store = tmp_path / "s.duckdb"
    shutil.copy(db, store)
    result = check_path(folder, store, commit=False, areas=("3017",))
    assert result.outside == [C]  # for the audit log (administrators only)
    text = " ".join(p.message for p in result.dataset.errors)
    assert "outside your areas (3017)" in text
    assert C not in text
