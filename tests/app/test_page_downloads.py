"""AppTest: ``ui.page.downloads``, the one pair of CSV and Excel buttons every page uses, with
its ``columns`` (worded headers), ``xlsx_rows`` (the Excel sheet cut, the CSV whole) and
``xlsx_notes`` (Excel's scope sheet only). No store is read: the scope names no place."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from ui import access


def _page() -> None:
    import datetime as dt

    import pandas as pd

    from metrics.scope import Scope
    from ui.page import downloads

    frame = pd.DataFrame({"village_code": ["30170101", "30170102", "30170103"], "trainers": [5, 2, 0]})
    downloads(
        frame,
        columns=[("village_code", "village_code", "text"), ("trainers", "trainers", "count")],
        stem="team",
        scope=Scope(as_of=dt.date(2018, 1, 15)),
        sheet="ทีม",
        key="dl_team",
        xlsx_rows=2,
        xlsx_notes=[("หมายเหตุ", "แสดง 2 แถวแรก")],
    )


def test_one_downloads_serves_worded_columns_a_cut_excel_sheet_and_excel_only_notes(monkeypatch):
    drawn: dict[str, dict] = {}

    def fake_button(label, data, *, file_name, key, **_):
        drawn[key] = {"label": label, "data": data, "file_name": file_name}

    monkeypatch.setattr(access, "download_button", fake_button)
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    assert set(drawn) == {"dl_team_csv", "dl_team_xlsx"}
    # 15 Jan 2018 is 15-01-2561 in the Buddhist era (2018 + 543)
    assert drawn["dl_team_csv"]["file_name"] == "team_15-01-2561.csv"
    assert drawn["dl_team_xlsx"]["file_name"] == "team_15-01-2561.xlsx"
    scope_row = ["ขอบเขต", "ทุกพื้นที่ · ข้อมูล ณ วันที่ 15 ม.ค. 2561"]  # no place: all areas

    # CSV: the scope, a blank row, then every one of the 3 rows under Thai headers; no note
    text = drawn["dl_team_csv"]["data"]().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        scope_row,
        [],
        ["รหัสหมู่บ้าน", "วิทยากร"],
        ["30170101", "5"],
        ["30170102", "2"],
        ["30170103", "0"],
    ]

    # Excel: the first 2 rows only; the scope sheet holds the scope and then the note
    book = load_workbook(io.BytesIO(drawn["dl_team_xlsx"]["data"]()))
    assert book.sheetnames == ["ทีม", "ขอบเขต"]
    assert [list(r) for r in book["ทีม"].iter_rows(values_only=True)] == [
        ["รหัสหมู่บ้าน", "วิทยากร"],
        ["30170101", 5],
        ["30170102", 2],
    ]
    assert [list(r) for r in book["ขอบเขต"].iter_rows(values_only=True)] == [
        scope_row,
        ["หมายเหตุ", "แสดง 2 แถวแรก"],
    ]
