"""Import semantics: all or nothing, replace by village, upserts, the log, and readers.

Every expected count below is worked out from tests/builders.py::TINY by hand.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from pathlib import Path

import duckdb

from data_loaders.store.importer import check_path, ensure_database
from data_loaders.store.store import DATA_TABLES, open_read_only, table_checksums
from tests.builders import A, B, set_cell, tiny, write_csv_folder, write_xlsx


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def checksums(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return table_checksums(con, (*DATA_TABLES, "import_log", "import_problems"))
    finally:
        con.close()


def load(tmp_path: Path, db: Path, tables, name: str = "next"):
    return check_path(write_csv_folder(tmp_path / name, tables), db, commit=True)


def test_tiny_loads_with_the_hand_counted_rows(loaded):
    counts = dict(
        query(
            loaded,
            "SELECT 'villages', count(*) FROM villages UNION ALL SELECT 'households', count(*) FROM households UNION ALL SELECT 'income_surveys', count(*) FROM income_surveys UNION ALL SELECT 'trainers', count(*) FROM trainers",
        )
    )
    assert counts == {"villages": 2, "households": 3, "income_surveys": 5, "trainers": 6}
    # Derived codes and official English names come from the village code.
    assert query(
        loaded,
        "SELECT province_code, district_code, tambon_code, tambon_name_en FROM villages WHERE village_code = ?",
        [A],
    ) == [("30", "3017", "301701", "Chum Phuang")]


def test_failed_import_leaves_the_store_byte_for_byte_unchanged(tmp_path, loaded):
    before_file, before_tables = sha256(loaded), checksums(loaded)
    bad = tiny()
    set_cell(bad, "households", 2, "members", "สอง")  # one bad cell blocks everything
    set_cell(bad, "villages", 2, "village_name", "ชื่อใหม่")  # ...including this good change
    result = load(tmp_path, loaded, bad, "bad")
    assert not result.committed
    assert [p.line() for p in result.dataset.errors] == [
        'households.csv:2:members: error: จำนวนสมาชิกต้องเป็นจำนวนเต็ม ≥ 1 / members must be a whole number ≥ 1 (found "สอง")'
    ]
    assert sha256(loaded) == before_file
    assert checksums(loaded) == before_tables
    assert not list(loaded.parent.glob(".*importing*"))  # no working file left behind


def test_failed_first_import_creates_no_store(tmp_path):
    db = tmp_path / "new.duckdb"
    bad = tiny()
    set_cell(bad, "villages", 2, "lat", "45.0")  # outside Thailand
    assert not load(tmp_path, db, bad).committed
    assert not db.exists()


def test_import_replaces_only_the_covered_villages_rows(tmp_path, loaded):
    # The file covers village A only (its villages sheet), with trainers and households.
    new = tiny("villages", "trainers", "households")
    del new["villages"][2]  # drop B's row: B is not covered
    set_cell(new, "villages", 2, "village_name", "บ้านสมมุติหนึ่งใหม่")
    new["trainers"] = new["trainers"][:6]  # T1..T5 of A (T6 is B's)
    set_cell(new, "trainers", 6, "name", "วิทยากร ห้า ใหม่")
    new["households"] = new["households"][:3]  # H1, H2 (H3 is B's)
    set_cell(new, "households", 3, "members", "5")  # H2: 2 -> 5
    result = load(tmp_path, loaded, new)
    assert result.committed, [p.line() for p in result.dataset.errors]
    assert result.covered_villages == [A]
    assert query(loaded, "SELECT village_code, village_name FROM villages ORDER BY 1") == [
        (A, "บ้านสมมุติหนึ่งใหม่"),
        (B, "บ้านสมมุติสอง"),  # untouched
    ]
    assert query(loaded, "SELECT trainer_id FROM trainers ORDER BY 1") == [
        ("T1",),
        ("T2",),
        ("T3",),
        ("T4",),
        ("T5",),
        ("T6",),
    ]
    assert query(loaded, "SELECT name FROM trainers WHERE trainer_id = 'T5'") == [("วิทยากร ห้า ใหม่",)]
    assert query(loaded, "SELECT household_id, members FROM households ORDER BY 1") == [
        ("H1", 4),
        ("H2", 5),
        ("H3", 3),
    ]
    # Tables absent from the file are untouched: 5 surveys, 3 attendance rows, 1 group.
    assert query(
        loaded,
        "SELECT (SELECT count(*) FROM income_surveys), (SELECT count(*) FROM attendance), (SELECT count(*) FROM groups)",
    ) == [(5, 3, 1)]


def test_a_child_table_alone_replaces_its_villages_rows(tmp_path, loaded):
    # No villages sheet: the file covers the villages its rows refer to. H1 is in A, so all of
    # A's surveys (H1 x2, H2 x2) are replaced by these two; B's one survey (H3) stays.
    new = {
        "income_surveys": [
            tiny()["income_surveys"][0],
            ["H1", "baseline", "2017-01-20", "61000", "", ""],
            ["H1", "post", "2017-05-01", "70000", "", "yes"],
        ]
    }
    result = load(tmp_path, loaded, new)
    assert result.committed
    assert result.covered_villages == [A]
    assert query(
        loaded, "SELECT household_id, round, household_income FROM income_surveys ORDER BY 1, 2"
    ) == [
        ("H1", "baseline", 61000.0),
        ("H1", "post", 70000.0),
        ("H3", "baseline", 80000.0),
    ]


def test_officers_are_upserted_and_village_less_reports_upserted_by_id(tmp_path, loaded):
    new = tiny("officers", "reports")
    set_cell(new, "officers", 2, "name", "สมหญิง ทดสอบใหม่")
    new["officers"].append(["O2", "สมใจ ทดสอบ", "", "3017"])
    new["reports"] = [
        new["reports"][0],
        ["R2", "O1", "", "2017-02-28", "meeting", "แก้ไข"],
        ["R3", "O2", "", "2017-03-31", "document", ""],
    ]
    result = load(tmp_path, loaded, new)
    assert result.committed, [p.line() for p in result.dataset.errors]
    assert query(loaded, "SELECT officer_id, name FROM officers ORDER BY 1") == [
        ("O1", "สมหญิง ทดสอบใหม่"),
        ("O2", "สมใจ ทดสอบ"),
    ]
    # R1 (village A) is not covered by a file whose reports name no village: it stays.
    assert query(loaded, "SELECT report_id, note FROM reports ORDER BY 1") == [
        ("R1", "อบรมครบ"),
        ("R2", "แก้ไข"),
        ("R3", None),
    ]


def test_an_import_that_would_leave_rows_dangling_is_refused(tmp_path, loaded):
    before = checksums(loaded)
    new = tiny("villages", "households")
    del new["households"][2]  # drop H2, whose surveys, attendance and membership stay in the db
    result = load(tmp_path, loaded, new, "drop_h2")
    assert not result.committed
    lines = [p.line() for p in result.dataset.errors]
    # H2 has 2 surveys, 1 attendance row and 1 group membership in the database.
    assert len(lines) == 4
    assert all(line.startswith("drop_h2:-:-:household_id: error: ") for line in lines)
    assert sum("H2" in line and "income_surveys" in line for line in lines) == 2
    assert checksums(loaded) == before


def test_reimporting_the_same_file_changes_no_data_but_logs(tmp_path, loaded):
    before = checksums(loaded)
    again = check_path(tmp_path / "tiny", loaded, commit=True)
    assert again.committed
    after = checksums(loaded)
    assert {t: after[t] for t in DATA_TABLES} == {t: before[t] for t in DATA_TABLES}
    assert query(loaded, "SELECT import_id, file_name FROM import_log ORDER BY 1") == [
        (1, "tiny"),
        (2, "tiny"),
    ]


def test_import_log_records_hash_rows_and_warnings(tmp_path):
    db = tmp_path / "s.duckdb"
    book = write_xlsx(tmp_path / "book.xlsx", tiny())
    result = check_path(book, db, commit=True)
    assert result.committed
    ((name, digest, rows_json, warnings),) = query(
        db, "SELECT file_name, sha256, rows_json, warnings FROM import_log"
    )
    assert name == "book.xlsx"
    assert digest == sha256(book)
    assert json.loads(rows_json)["households"] == 3
    # Warnings of tiny: A has 2 households (< 20); B has 1 household and 1 trainer (< 5).
    # So A: 1 warning, B: 2 warnings -> 3, each stored for drill-down.
    assert warnings == 3
    assert query(db, "SELECT count(*) FROM import_problems WHERE level = 'warning'") == [(3,)]


def test_csv_folder_hash_covers_names_and_contents(tmp_path):
    a = write_csv_folder(tmp_path / "a", tiny("officers"))
    b = write_csv_folder(tmp_path / "b", tiny("officers"), names={"officers": "พัฒนากร"})
    db = tmp_path / "s.duckdb"
    ha = check_path(a, db, commit=False).dataset.sha256
    hb = check_path(b, db, commit=False).dataset.sha256
    expected = hashlib.sha256(b"officers.csv\0" + (a / "officers.csv").read_bytes() + b"\0").hexdigest()
    assert ha == expected
    assert hb != ha  # same content, other file name


def test_validate_never_writes(tmp_path, loaded):
    before = sha256(loaded)
    changed = tiny()
    set_cell(changed, "villages", 2, "village_name", "อื่น")
    result = check_path(write_csv_folder(tmp_path / "v", changed), loaded, commit=False)
    assert result.ok and not result.committed
    assert sha256(loaded) == before


def test_readers_keep_their_snapshot_and_new_readers_see_the_import(tmp_path, loaded):
    old = open_read_only(loaded)
    new = tiny("villages")
    set_cell(new, "villages", 2, "village_name", "ชื่อใหม่")
    assert load(tmp_path, loaded, new).committed  # the load is not blocked by the open reader
    assert old.execute("SELECT village_name FROM villages WHERE village_code = ?", [A]).fetchone() == (
        "บ้านสมมุติหนึ่ง",
    )
    fresh = open_read_only(loaded)
    assert fresh.execute("SELECT village_name FROM villages WHERE village_code = ?", [A]).fetchone() == (
        "ชื่อใหม่",
    )
    old.close()
    fresh.close()


def _load_in_child(folder: str, db: str) -> bool:
    return check_path(Path(folder), Path(db), commit=True).committed


def test_concurrent_loads_from_two_processes_both_land(tmp_path, loaded):
    first, second = tiny("officers"), tiny("officers")
    first["officers"].append(["O2", "คนที่ สอง", "", "3017"])
    second["officers"].append(["O3", "คนที่ สาม", "", "3017"])
    f1 = write_csv_folder(tmp_path / "p1", first)
    f2 = write_csv_folder(tmp_path / "p2", second)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_load_in_child, [(str(f1), str(loaded)), (str(f2), str(loaded))])
    assert results == [True, True]
    # The lock serialises the two: neither overwrites the other's officer.
    assert query(loaded, "SELECT officer_id FROM officers ORDER BY 1") == [("O1",), ("O2",), ("O3",)]


def test_ensure_database_builds_once(tmp_path):
    db = tmp_path / "first.duckdb"
    sample = write_csv_folder(tmp_path / "sample", tiny())
    assert ensure_database(db, sample_dir=sample) is True
    assert ensure_database(db, sample_dir=sample) is False
    assert query(db, "SELECT count(*) FROM import_log") == [(1,)]


def test_in_file_duplicate_is_reported_once_not_as_a_database_conflict(tmp_path):
    # Found in review: an in-file duplicate also looked like a key held in the database.
    dup = tiny()
    dup["households"].append(["H1", A, "ซ้ำ", "", "2", "เพาะเห็ด"])  # row 5 repeats H1 of row 2
    result = check_path(write_csv_folder(tmp_path / "dup", dup), tmp_path / "empty.duckdb", commit=False)
    assert [p.line().split(" / ")[0] for p in result.dataset.errors] == [
        "households.csv:5:household_id: error: รหัสซ้ำกับแถว 2 (household_id=H1)"
    ]


def test_replacing_rows_warns_about_rows_that_will_be_gone(tmp_path, loaded):
    # Only H1's surveys are sent for village A: H2's two surveys in the db will be removed.
    new = {"income_surveys": [tiny()["income_surveys"][0], ["H1", "baseline", "2017-01-20", "60000", "", ""]]}
    result = check_path(write_csv_folder(tmp_path / "h1only", new), loaded, commit=False)
    # Removed: H1 post + H2 baseline + H2 post = 3 rows that the file does not send again.
    assert [p.line() for p in result.dataset.warnings if p.table == "income_surveys"] == [
        "h1only:-:-:household_id: warning: การนำเข้านี้จะลบการสำรวจรายได้ 3 แถวที่มีในฐานข้อมูลแต่ไม่มีในไฟล์ (หมู่บ้านที่ไฟล์ครอบคลุม) / "
        "this import removes 3 income_surveys rows that are in the database but not in the file (for the villages the file covers)"
    ]


def test_targets_are_a_setting(tmp_path, monkeypatch):
    # With a target of 2 households, village A (2 households) no longer warns; B (1) still does.
    monkeypatch.setenv("SAMMACHIP_TARGET_HOUSEHOLDS", "2")
    result = check_path(write_csv_folder(tmp_path / "t", tiny()), tmp_path / "s.duckdb", commit=False)
    households_warnings = [p.line() for p in result.dataset.warnings if "target households" in p.message]
    assert households_warnings == [
        "villages.csv:3:village_code: warning: หมู่บ้าน 30170201 มีครัวเรือนเป้าหมาย 1 ครัวเรือน น้อยกว่าเป้า 2 / "
        "village 30170201 has 1 target households, fewer than the target of 2"
    ]


def test_invalid_coordinates_are_an_error_not_also_a_missing_warning(tmp_path):
    bad = tiny()
    set_cell(bad, "villages", 2, "lat", "45")
    result = check_path(write_csv_folder(tmp_path / "c", bad), tmp_path / "s.duckdb", commit=False)
    assert [(p.level, p.row, p.column) for p in result.dataset.problems if p.column in ("lat", "lon")] == [
        ("error", 2, "lat")
    ]


def test_matching_place_names_are_stored_in_their_official_form(tmp_path):
    t = tiny("officers", "villages")
    set_cell(t, "villages", 2, "district_name", "อ.ชุมพวง")
    set_cell(t, "villages", 2, "province_name", "Nakhon Ratchasima")
    set_cell(t, "villages", 3, "tambon_name", "โคราช")  # not Prasuk's name: warned, kept as typed
    db = tmp_path / "s.duckdb"
    result = check_path(write_csv_folder(tmp_path / "names", t), db, commit=True)
    assert result.committed
    assert query(
        db, "SELECT village_code, tambon_name, district_name, province_name FROM villages ORDER BY 1"
    ) == [
        (A, "ชุมพวง", "ชุมพวง", "นครราชสีมา"),
        (B, "โคราช", "ชุมพวง", "นครราชสีมา"),
    ]
    assert [(p.row, p.column) for p in result.dataset.warnings if "official" in p.message] == [
        (3, "tambon_name")
    ]
