"""AppTest: every page on the sample data and on an empty store, filters, URL parameters,
and uploads through the Data page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from data_loaders.store.store import ensure_schema
from tests.builders import set_cell, tiny, write_csv_folder, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = [
    "pages/overview.py",
    "pages/progress.py",
    "pages/income.py",
    "pages/trainers.py",
    "pages/groups.py",
    "pages/indicators.py",
    "pages/data.py",
]


def app(db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_first_start_builds_the_store_from_sample_data(tmp_path, monkeypatch):
    db = tmp_path / "new.duckdb"
    at = app(db, monkeypatch).run()
    assert not at.exception
    assert db.exists()
    # 705/760 in the sample data: FY2560 542/580, FY2561 163/180 (households whose latest survey
    # after baseline says practising, of those with one)
    assert metric(at, "ครัวเรือนที่ยังประกอบอาชีพ") == "92.8%"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample_data(sample_store, monkeypatch, page):
    at = app(sample_store, monkeypatch).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value  # every page has a title


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_store(tmp_path, monkeypatch, page):
    db = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(db))
    ensure_schema(con)
    con.close()
    at = app(db, monkeypatch).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    if page != "pages/data.py":
        assert any("ไม่มีข้อมูลในขอบเขตที่เลือก" in i.value for i in at.info)


def test_each_filter_changes_the_numbers(sample_store, monkeypatch):
    at = app(sample_store, monkeypatch).run()
    label = "ครัวเรือนที่ยังประกอบอาชีพ"
    everything = metric(at, label)
    at.selectbox(key="f_district").select("3414").run()
    district = metric(at, label)
    assert district != everything
    assert at.query_params["district"] == "3414"
    tambon = at.selectbox(key="f_tambon")
    muang_sam_sip = {
        "ม่วงสามสิบ",
        "เหล่าบก",
        "ดุมใหญ่",
        "หนองช้างใหญ่",
        "หนองเมือง",
        "เตย",
        "ยางสักกระโพหลุ่ม",
        "หนองไข่นก",
        "หนองเหล่า",
        "หนองฮาง",
        "ยางโยภาพ",
        "ไผ่ใหญ่",
        "นาเลิง",
        "โพนแพง",
    }
    assert set(tambon.options[1:]) <= muang_sam_sip  # the cascade offers only that district's tambons
    first_tambon = (
        duckdb.connect(str(sample_store), read_only=True)
        .execute("SELECT min(tambon_code) FROM villages WHERE district_code = '3414'")
        .fetchone()[0]
    )
    tambon.select(first_tambon).run()
    assert metric(at, label) != district
    at.selectbox(key="f_tambon").select("__all__").run()
    at.selectbox(key="f_district").select("__all__").run()
    at.selectbox(key="f_occupation").select("มะขามหวาน").run()
    assert metric(at, label) != everything
    at.selectbox(key="f_occupation").select("__all__").run()
    at.text_input(key="f_as_of").input("1/6/2560").run()  # BE, day first
    assert at.query_params["as_of"] == "2017-06-01"  # the date itself, CE
    assert metric(at, label) != everything  # later rounds after 1 Jun 2017 drop out
    at.text_input(key="f_as_of").input("").run()
    at.selectbox(key="f_fy").select("2560").run()
    assert metric(at, label) == "93.4%"  # FY2560 alone: 542/580 (everything is 705/760)
    at.selectbox(key="f_fy").select("2561").run()
    assert metric(at, label) == "90.6%"  # FY2561 alone: 163/180


def test_query_parameters_restore_the_filters(sample_store, monkeypatch):
    at = app(sample_store, monkeypatch, district="3414", occupation="มะขามหวาน", lang="en").run()
    assert not at.exception
    assert at.selectbox(key="f_district").value == "3414"
    assert at.selectbox(key="f_occupation").value == "มะขามหวาน"
    assert at.title[0].value == "Overview"
    fresh = app(sample_store, monkeypatch).run()
    assert metric(at, "Households practising") != metric(fresh, "ครัวเรือนที่ยังประกอบอาชีพ")


def test_an_invalid_url_filter_falls_back_to_all(sample_store, monkeypatch):
    at = app(sample_store, monkeypatch, district="9999", as_of="not a date").run()
    assert not at.exception
    assert at.selectbox(key="f_district").value == "__all__"
    assert [w.value.replace("\\", "") for w in at.warning] == [  # said, never silently
        "ไม่พบรหัสอำเภอ 9999 — แสดงทุกพื้นที่ / district 9999 not found — showing all areas",
        "อ่านวันที่ not a date ไม่ได้ — ใช้วันที่ล่าสุดของข้อมูล / could not read the date not a date — using the latest date in the data",
    ]


def test_an_unreadable_typed_date_is_said(sample_store, monkeypatch):
    at = app(sample_store, monkeypatch).run()
    at.text_input(key="f_as_of").input("2560-01-" * 5).run()
    assert not at.exception
    # the default shown is the latest date in the data; what was typed is quoted, escaped
    warning = at.sidebar.warning[0].value.replace("\\", "")
    assert warning.startswith("อ่านวันที่ “2560-01-2560-01-2560-01-2560-01-2560-01-” ไม่ได้ ใช้ "), warning
    assert warning.endswith(" แทน"), warning


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _data_page(db: Path, monkeypatch) -> AppTest:
    at = app(db, monkeypatch).run()
    return at.switch_page("pages/data.py").run()


def test_broken_upload_shows_its_errors_and_imports_nothing(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    before = db.read_bytes()
    bad = tiny("households")
    set_cell(bad, "households", 3, "members", "สอง")
    book = write_xlsx(tmp_path / "bad.xlsx", bad, sheet_names={"households": "ครัวเรือน"})
    at = _data_page(db, monkeypatch)
    at.file_uploader[0].set_value(("bad.xlsx", book.read_bytes(), XLSX))
    at.run()
    assert not at.exception
    report = at.dataframe[0].value
    errors = report[report["ระดับ"] == "ข้อผิดพลาด"]
    assert list(errors["แถว"]) == ["3"]
    # The column as the officer's workbook heads it in Thai (schema: members, "จำนวนสมาชิก").
    assert list(errors["คอลัมน์"]) == ["จำนวนสมาชิก"]
    assert "members must be a whole number" in errors["ข้อความ"].iloc[0]
    assert any("ต้องแก้ไขก่อนนำเข้า" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "นำเข้าข้อมูล"]  # no way to import a broken file
    assert db.read_bytes() == before


def test_good_upload_imports_only_after_confirmation(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    new = tiny("officers")
    new["officers"].append(["O2", "สมใจ ทดสอบ", "", "3017"])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("officers.csv", "\n".join(",".join(r) for r in new["officers"]))
    at = _data_page(db, monkeypatch)
    at.file_uploader[0].set_value(("officers.zip", archive.getvalue(), "application/zip"))
    at.run()
    assert not at.exception
    import_button = next(b for b in at.button if b.label == "นำเข้าข้อมูล")
    assert import_button.disabled  # not before the explicit confirmation
    before = db.read_bytes()
    at.checkbox(key="confirm_import").check().run()
    next(b for b in at.button if b.label == "นำเข้าข้อมูล").click().run()
    assert not at.exception
    assert any("นำเข้าแล้ว" in s.value for s in at.success)
    assert db.read_bytes() != before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM officers").fetchone()[0] == 2  # O1 + O2
    con.close()
    changes = at.dataframe[-2].value  # rows before/after, above "what the database holds now"
    assert list(changes.iloc[0, 1:]) == [2, 1, 2]  # in file 2, before 1, after 2
    # The page is back at its start, not left armed: an empty uploader, no confirmation, no button.
    assert at.file_uploader[0].value is None
    assert not [c for c in at.checkbox if c.key == "confirm_import"]
    assert not [b for b in at.button if b.label == "นำเข้าข้อมูล"]
    # What was imported stays on the page across reruns (a download's click reruns it) until
    # another file is uploaded.
    at.run()
    assert any("นำเข้าแล้ว" in s.value for s in at.success)
    at.file_uploader[0].set_value(("officers.zip", archive.getvalue(), "application/zip")).run()
    assert not any("นำเข้าแล้ว" in s.value for s in at.success)


def test_template_download_is_refused_unchanged(monkeypatch, sample_store):
    """The example rows (row 2 of each sheet) are fictional and refused as they are: each sheet
    with a village or district code says so, and nothing outside row 2 is wrong."""
    from data_loaders.contract.template import build_template, template_example_message
    from data_loaders.read.readers import read_upload
    from data_loaders.store.importer import check_raw

    result = check_raw(
        read_upload("template.xlsx", build_template()), sample_store.parent / "never.duckdb", commit=False
    )
    errors = result.dataset.errors
    assert {p.row for p in errors} == {2}, [p.line() for p in errors]
    flagged = {p.sheet for p in errors if p.message == template_example_message()}
    # the 10 sheets with a village or district code: officers, villages, trainers, households,
    # training days, attendance, groups, plans, reports, roster
    assert len(flagged) == 10, flagged
