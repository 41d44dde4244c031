"""AppTest of the Data page's grouped report and its downloads (issue 9).

The upload is ``tests.report_fixtures.duplicate_household``: H2 twice in households (rows 3
and 4) and three attendance rows referring to it, checked against a store holding ``tiny()``.
Worked out by hand: one group (root households:4, dependants attendance:3, 4, 5), and one
single warning (village A has 3 target households; the file has no villages sheet, so "-").
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from streamlit.testing.v1 import AppTest

from data_loaders.read.readers import read_upload
from data_loaders.store.importer import check_path
from tests.builders import tiny, write_csv_folder, write_xlsx
from tests.report_fixtures import duplicate_household
from ui.importing import annotated_name, annotated_workbook, check_upload

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(db: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    return at.switch_page("pages/data.py").run()


def test_the_report_groups_the_dependants_under_their_root(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    book = write_xlsx(tmp_path / "dup.xlsx", duplicate_household())
    at = _page(db, monkeypatch)
    at.file_uploader[0].set_value(("dup.xlsx", book.read_bytes(), XLSX))
    at.run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    assert "**ปัญหาที่มาจากสาเหตุเดียวกัน (1 กลุ่ม)**" in texts
    # The summary is escaped for Markdown (literal): punctuation carries backslashes.
    shown = [m.replace("\\", "") for m in texts]
    assert any("**[1]** รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้" in m for m in shown)
    roots, dependants, rest = (d.value for d in at.dataframe[:3])
    assert list(roots["แถว"]) == ["4"] and list(roots["ชีต"]) == ["households"]
    assert (list(dependants["แถว"]), set(dependants["ระดับ"])) == (["3", "4", "5"], {"หมายเหตุ"})
    (expander,) = at.expander
    assert expander.label == "แถวที่ตามมา 3 แถว"
    assert list(rest["ระดับ"]) == ["คำเตือน"]  # the single warning, outside any group
    labels = [b.label for b in at.get("download_button")]
    assert "ดาวน์โหลดไฟล์ที่ทำเครื่องหมายเซลล์ที่มีปัญหา (Excel)" in labels
    assert "ดาวน์โหลดรายการปัญหาทั้งหมด (CSV)" in labels
    assert not [b for b in at.button if b.label == "นำเข้าข้อมูล"]
    # The same report in English, from the sidebar's language switch.
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    shown = [m.value.replace("\\", "") for m in at.markdown]
    assert any("**[1]** one duplicate household ID (H2), and 3 rows that depend on it" in m for m in shown)
    assert at.expander[0].label == "3 rows follow from it"
    assert "Download the file with problem cells marked (Excel)" in [
        b.label for b in at.get("download_button")
    ]


def test_the_annotated_download_is_the_officers_workbook_marked(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    data = write_xlsx(tmp_path / "dup.xlsx", duplicate_household()).read_bytes()
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    with read_upload("dup.xlsx", data) as raw:
        result = check_upload(raw, commit=False, areas=None)
        out = annotated_workbook(raw, result.report, data)
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book.sheetnames == ["households", "attendance"]
    assert book["households"]["A4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert annotated_name("ชุมพวง 2560.xlsx") == "ชุมพวง 2560_ตรวจแล้ว.xlsx"
