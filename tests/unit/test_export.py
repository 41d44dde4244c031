"""Every export neutralises formula-like text and keeps numbers as numbers: the page CSV and XLSX
(common.export.csv_bytes / xlsx_bytes, used by ui.page) and ``python -m metrics ... --csv``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from common.export import csv_bytes, neutralise, sheet_title, xlsx_bytes
from data_loaders.store.importer import check_path
from tests.builders import tiny, write_csv_folder

ROOT = Path(__file__).resolve().parents[2]
LINK = '=HYPERLINK("http://example.invalid/?x","click")'


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [LINK, "+66 81", "-เหนือ", "@SUM(A1)", "\tx", "\rx", "บ้านหนองบัว", None],
            "amount": [-1200, 0, 5, 7, 1, 2, 3, 4],  # int64
            "share": [-0.5, 0.25, np.nan, 1.0, 0.0, 0.0, 0.0, 0.0],  # float64 with a gap
        }
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1200", "'-1200"),  # text that looks like a number is still text
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        (-1200, -1200),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_text_and_keeps_numbers():
    data = csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Thai correctly
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "amount", "share"]
    assert [r[0] for r in rows[1:]] == [
        "'" + LINK,
        "'+66 81",
        "'-เหนือ",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "บ้านหนองบัว",
        "",
    ]
    assert rows[1][1] == "-1200"  # a number: no apostrophe
    assert rows[1][2] == "-0.5"


def test_csv_neutralises_a_formula_header():
    rows = list(csv.reader(io.StringIO(csv_bytes(pd.DataFrame({"=x": [1]})).decode("utf-8-sig"))))
    assert rows == [["'=x"], ["1"]]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers():
    frame = _frame()
    frame["when"] = pd.Timestamp("2017-03-25")
    frame["stamp"] = pd.Timestamp("2017-03-25 10:00", tz="UTC")
    frame["skills"] = [["เพาะเห็ด", "จักสาน"]] * len(frame)
    book = load_workbook(io.BytesIO(xlsx_bytes({"=bad/name:[x]": frame, "two": frame.head(1)})))
    # Excel's forbidden characters replaced; no apostrophe added (Excel refuses a title that
    # begins with one, and a sheet title is never read as a formula)
    assert book.sheetnames == ["=bad_name__x_", "two"]
    sheet = book["=bad_name__x_"]
    link = sheet["A2"]
    assert link.data_type == "s"
    assert link.value.startswith("'")
    assert link.value == "'" + LINK
    for row in range(2, 8):  # every formula-like name is a text cell with its apostrophe
        assert sheet.cell(row, 1).data_type == "s"
        assert sheet.cell(row, 1).value.startswith("'")
    assert sheet["A8"].value == "บ้านหนองบัว"
    assert sheet["A9"].value is None  # missing stays empty
    amount = sheet["B2"]
    assert amount.data_type == "n"
    assert amount.value == -1200
    assert sheet["C2"].value == -0.5
    assert sheet["C4"].value is None  # NaN is an empty cell, not the text "nan"
    assert sheet["D2"].value == dt.datetime(2017, 3, 25)
    assert sheet["E2"].value == dt.datetime(2017, 3, 25, 10, 0)  # time zone dropped for Excel
    assert sheet["F2"].value == "เพาะเห็ด; จักสาน"
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_command_line_csv_neutralises_names(tmp_path):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "in", tiny()), db, commit=True).committed
    con = duckdb.connect(str(db))
    con.execute("UPDATE villages SET village_name = ?", [LINK])
    con.close()
    out = subprocess.run(
        [sys.executable, "-m", "metrics", "villages", "--csv", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["village_name"] for r in rows] == ["'" + LINK] * len(rows)
    assert rows
    assert all(not r["households"].startswith("'") for r in rows)  # counts stay numbers


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ตัวชี้วัดทั้งหมด", "ตัวชี้วัดทั้งหมด"),  # 16 code points: kept
        # ":" and "/" as "_", then cut at 31: "Trainer skills × occupations_ 2" is 31 characters
        ("Trainer skills × occupations: 2560/61", "Trainer skills × occupations_ 2"),
        ("'quoted'", "quoted"),  # Excel refuses edge apostrophes
        ("x" * 30 + "'y", "x" * 30),  # the cut leaves an apostrophe at the end: it goes too
        ("''", "Sheet"),
        ("", "Sheet"),
    ],
)
def test_sheet_titles_excel_accepts(title, expected):
    assert sheet_title(title) == expected


def test_a_taken_sheet_title_gets_a_number_within_31_characters():
    taken: set[str] = set()
    assert sheet_title("Progress", taken=taken) == "Progress"
    assert sheet_title("Progress", taken=taken) == "Progress_2"
    assert sheet_title("progress", taken=taken) == "progress_3"  # Excel compares without case
    assert sheet_title("A" * 40, taken=taken) == "A" * 31
    assert sheet_title("A" * 40, taken=taken) == "A" * 29 + "_2"  # 29 + 2 = 31


def test_xlsx_preamble_is_a_last_sheet_without_header():
    data = xlsx_bytes({"t": pd.DataFrame({"a": [1]})}, preamble=[("ขอบเขต", "=x")], preamble_sheet="scope")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["t", "scope"]
    assert book["scope"]["A1"].value == "ขอบเขต"
    assert book["scope"]["B1"].value == "'=x"  # neutralised
