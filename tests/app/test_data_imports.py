"""AppTest of the Data page's import (issue 17): the verdict before the problem table, the
notice when the same file is uploaded again, and what an import changed with the next steps.

The store holds ``tests.builders.tiny()`` (villages A = 30170101 and B = 30170201). The upload
``three.xlsx`` is a villages sheet: A as it is, and two new villages 30170102 and 30170301.
Worked out by hand: 2 villages added, 1 replaced (A); villages 3 in the file, 2 before, 4 after;
5 warnings: "few households" for A (2 households) and the two new ones (none), "few trainers"
for the two new ones (A has 5 with a lead).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.builders import set_cell, tiny, write_csv_folder, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _village(code: str, tambon: str, lat: str, lon: str) -> list[str]:
    return [
        code,
        f"บ้านทดสอบ {code[-2:]}",
        str(int(code[6:])),
        tambon,
        "ชุมพวง",
        "นครราชสีมา",
        lat,
        lon,
        "2560",
        "O1",
    ]


def _three(tmp_path: Path) -> bytes:
    rows = tiny("villages")["villages"][:2]
    rows += [
        _village("30170102", "ชุมพวง", "15.344", "102.750"),
        _village("30170301", "ท่าลาด", "15.243", "102.720"),
    ]
    return write_xlsx(tmp_path / "three.xlsx", {"villages": rows}).read_bytes()


def _page(tmp_path: Path, monkeypatch) -> AppTest:
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page("pages/data.py").run()


def _in_order(at: AppTest) -> list:
    """The main area's elements in the order they are drawn."""

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    return list(walk(at.main))


def _upload_and_import(at: AppTest, name: str, data: bytes) -> None:
    at.file_uploader[0].set_value((name, data, XLSX)).run()
    at.checkbox(key="confirm_import").check().run()
    next(b for b in at.button if b.label == "นำเข้าข้อมูล").click().run()


def test_the_verdict_comes_before_the_problem_table(tmp_path, monkeypatch):
    at = _page(tmp_path, monkeypatch)
    bad = tiny("households")
    set_cell(bad, "households", 3, "members", "สอง")
    at.file_uploader[0].set_value(
        ("bad.xlsx", write_xlsx(tmp_path / "bad.xlsx", bad).read_bytes(), XLSX)
    ).run()
    assert not at.exception
    kinds = [e.type for e in _in_order(at)]
    verdict = kinds.index("error")
    assert "ต้องแก้ไขก่อนนำเข้า" in at.error[0].value
    assert verdict < kinds.index("dataframe")  # the verdict, then the table of problems
    table = at.dataframe[0].value
    errors = table[table["ระดับ"] == "ข้อผิดพลาด"]
    assert list(errors["คอลัมน์"]) == ["จำนวนสมาชิก"]  # the officer's Thai header, not "members"
    at.button_group(key="lang").set_value("en").run()
    table = at.dataframe[0].value
    assert list(table[table["Level"] == "Error"]["Column"]) == ["members"]  # English in English


def test_a_file_with_warnings_gets_its_verdict_first_and_a_warnings_download(tmp_path, monkeypatch):
    at = _page(tmp_path, monkeypatch)
    at.file_uploader[0].set_value(("three.xlsx", _three(tmp_path), XLSX)).run()
    assert not at.exception
    kinds = [e.type for e in _in_order(at)]
    assert kinds.index("info") < kinds.index("dataframe")
    assert at.info[0].value == "ตรวจผ่าน มีคำเตือน 5 รายการ พร้อมนำเข้า"  # the 5 worked out above
    labels = [b.label for b in at.get("download_button")]
    assert "ดาวน์โหลดคำเตือนทั้งหมด (CSV)" in labels


def test_the_same_file_uploaded_again_is_flagged_before_it_is_checked(tmp_path, monkeypatch):
    at = _page(tmp_path, monkeypatch)
    data = _three(tmp_path)
    _upload_and_import(at, "three.xlsx", data)  # import #2
    assert not at.exception
    at.file_uploader[0].set_value(("three.xlsx", data, XLSX)).run()
    assert not at.exception
    (notice,) = at.warning
    assert notice.value.startswith("ไฟล์นี้เหมือนกับไฟล์ที่นำเข้าแล้วทุกไบต์: ครั้งที่ 2 เมื่อ ")
    (choice,) = at.radio
    assert choice.options == ["ไม่นำเข้า", "ตรวจและนำเข้าอีกครั้ง"] and choice.value == "skip"
    assert "ไม่ได้นำเข้าไฟล์นี้" in at.info[0].value
    assert not [b for b in at.button if b.label == "นำเข้าข้อมูล"]  # nothing to import by mistake
    assert "ผลการตรวจสอบ" not in [s.value for s in at.subheader]  # not even checked
    choice.set_value("again").run()
    assert not at.exception
    assert "ผลการตรวจสอบ" in [s.value for s in at.subheader]
    assert [b for b in at.button if b.label == "นำเข้าข้อมูล"]


def test_after_an_import_the_page_says_what_changed_and_links_onward(tmp_path, monkeypatch):
    at = _page(tmp_path, monkeypatch)
    _upload_and_import(at, "three.xlsx", _three(tmp_path))
    assert not at.exception
    assert any(s.value == "นำเข้าแล้ว (ครั้งที่ 2)" for s in at.success)
    shown = {m.label: m.value for m in at.metric}
    assert shown == {"หมู่บ้านใหม่": "2", "หมู่บ้านที่แทนที่ข้อมูลเดิม": "1", "คำเตือน": "5"}
    rows = at.dataframe[0].value  # rows per table: villages 3 in the file, 2 before, 4 after
    assert list(rows.iloc[0, 1:]) == [3, 2, 4]
    kinds = at.dataframe[1].value
    assert list(zip(kinds.iloc[:, 0], kinds.iloc[:, 1], strict=True)) == [
        ("ครัวเรือนเป้าหมายน้อยกว่าเป้า", 3),
        ("วิทยากรน้อยกว่าเป้าหรือไม่มีปราชญ์", 2),
    ]
    assert "ดาวน์โหลดคำเตือนทั้งหมด (CSV)" in [b.label for b in at.get("download_button")]
    # Both go to the Overview (the default page: its URL path is empty, as the menu's own
    # "ภาพรวม" link shows); the pack is built there.
    links = [(e.proto.label, e.proto.page) for e in at.get("page_link")]
    assert links[:2] == [("ดูภาพรวมที่ปรับแล้ว", ""), ("จัดทำเอกสารประกอบการประชุม (ที่หน้าภาพรวม)", "")]
    assert ("ภาพรวม", "") in links


def test_the_overview_counts_the_import_just_made(tmp_path, monkeypatch):
    """The imports tile of "since the last meeting" (it stayed at 0: it was bounded by the
    data's as-of date, in 2017, while imports are made today)."""
    at = _page(tmp_path, monkeypatch)
    at.switch_page("pages/overview.py").run()
    tile = next(m for m in at.metric if m.label == "การนำเข้าข้อมูล")
    assert tile.value == "1"  # import #1 built the store today, after the previous meeting (2017)
    at.switch_page("pages/data.py").run()
    _upload_and_import(at, "three.xlsx", _three(tmp_path))
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    tile = next(m for m in at.metric if m.label == "การนำเข้าข้อมูล")
    assert tile.value == "2"  # and import #2, just made on the Data page
