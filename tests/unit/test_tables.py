"""Meeting-ready table files (metrics/tables.py): formats, units, scope in words, BE file names,
formula neutralising. Expected values worked out by hand."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from common.export import csv_bytes, xlsx_bytes
from metrics import tables

FRAME = pd.DataFrame(
    {
        "name": ["=HYPERLINK(1)", "บ้านสมมุติ", None],
        "share": [0.123456789, None, 1.0],
        "baht": [1234.56, -1200.0, None],
        "ratio": [4 / 3, 0.0, None],
        "due": [dt.date(2017, 5, 31), None, "2018-01-15"],
    }
)
COLUMNS = [
    ("name", "หมู่บ้าน", "text"),
    ("share", "ยังประกอบอาชีพ", "share"),
    ("baht", "รายได้", "baht"),
    ("ratio", "ครัวเรือนต่อวิทยากร", "ratio"),
    ("due", "กำหนด", "date"),
]


def test_shape_formats_values_and_adds_units():
    got = tables.shape(FRAME, COLUMNS, lang="th")
    assert list(got.columns) == ["หมู่บ้าน", "ยังประกอบอาชีพ (%)", "รายได้ (บาท)", "ครัวเรือนต่อวิทยากร", "กำหนด"]
    # 0.123456789 -> 12.3 (percent, one decimal), 1.0 -> 100.0; 1234.56 -> 1235; 4/3 -> 1.3 (a ratio to one decimal, as the dashboard and the pack show it).
    assert got.iloc[0].tolist() == ["'=HYPERLINK(1)", 12.3, 1235, 1.3, "31 พ.ค. 2560"]
    assert got.iloc[1, 2] == -1200  # a negative number stays a number
    assert pd.isna(got.iloc[1, 1]) and pd.isna(got.iloc[2, 2])
    assert got.iloc[2, 4] == "15 ม.ค. 2561"


def test_shape_in_english():
    got = tables.shape(FRAME, COLUMNS, lang="en")
    assert list(got.columns)[1:3] == ["ยังประกอบอาชีพ (%)", "รายได้ (baht)"]
    assert got.iloc[0, 4] == "31 May 2017"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(dt.date(2017, 7, 31), "progress_31-07-2560.xlsx"), (dt.date(2018, 1, 5), "progress_05-01-2561.xlsx")],
)
def test_file_names_carry_the_be_date(as_of, expected):
    assert tables.file_name("progress", as_of, "xlsx") == expected


SCOPE = [("ขอบเขต", "อำเภอชุมพวง · ข้อมูล ณ วันที่ 31 ก.ค. 2560"), ("ประชุมครั้งก่อน", "=30 มิ.ย. 2560")]


def test_csv_has_the_scope_in_words_first():
    text = csv_bytes(tables.shape(FRAME, COLUMNS), preamble=SCOPE).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "ขอบเขต,อำเภอชุมพวง · ข้อมูล ณ วันที่ 31 ก.ค. 2560"
    assert lines[1] == "ประชุมครั้งก่อน,'=30 มิ.ย. 2560"  # neutralised
    assert lines[2] == ""
    assert lines[3].startswith("หมู่บ้าน,ยังประกอบอาชีพ (%)")
    assert lines[4] == "'=HYPERLINK(1),12.3,1235,1.3,31 พ.ค. 2560"
    assert "{" not in text  # no JSON


def test_xlsx_has_a_scope_sheet_and_no_formula():
    data = xlsx_bytes({"ความก้าวหน้า": tables.shape(FRAME, COLUMNS)}, preamble=SCOPE, preamble_sheet="ขอบเขต")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["ความก้าวหน้า", "ขอบเขต"]
    sheet = book["ความก้าวหน้า"]
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value == 12.3 and sheet["C3"].value == -1200  # numbers stay numbers
    assert book["ขอบเขต"]["B1"].value == SCOPE[0][1]
    assert book["ขอบเขต"]["B2"].value == "'=30 มิ.ย. 2560"


def _two_villages() -> pd.DataFrame:
    """Two villages of one district: A has stages team and households done (2 of 8) and
    network overdue; B has all eight done."""
    columns = (
        "team",
        "households_stage",
        "knowledge",
        "study_visit",
        "practice",
        "group_stage",
        "network",
        "follow_up",
    )
    return pd.DataFrame(
        {
            "village_code": ["30170101", "30170201"],
            "district_code": ["3017", "3017"],
            "village_name": ["บ้านเอ", "บ้านบี"],
            "district_name": ["ชุมพวง", "ชุมพวง"],
            "district_name_en": ["Chum Phuang", None],
            "tambon_name": ["ชุมพวง", "ประสุข"],
            "tambon_name_en": ["Chum Phuang", "Prasuk"],
            "status": ["overdue", "complete"],
            "stages_done": [2, 8],
            "progress": [0.25, 1.0],
            "overdue_stages": [["network"], []],
            **{c: [c in ("team", "households_stage"), True] for c in columns},
        }
    )


def test_progress_rows_are_the_one_progress_table_in_words():
    # The page, the download and the pack read these rows.
    progress = _two_villages()
    rows = tables.progress_rows(progress, lang="en")
    assert list(rows["label"]) == ["บ้านเอ (30170101)", "บ้านบี (30170201)"]
    assert list(rows["district"]) == ["Chum Phuang", "ชุมพวง"]  # no English name: the Thai one
    assert list(rows["done"]) == ["2/8", "8/8"]
    assert list(rows["overdue"]) == ["Network", ""]
    assert list(rows["status_text"]) == ["Overdue: Network", "Complete"]
    assert list(rows["s_team"]) == [tables.DONE, tables.DONE]
    assert list(rows["s_network"]) == [tables.LATE, tables.DONE]
    assert list(rows["s_group"]) == ["", tables.DONE]


def test_progress_screen_numbers_the_stages_and_names_the_district_only_when_several():
    # one district: no district column; the eight stages as "1".."8" (stage 7 is the network)
    screen = tables.progress_screen(_two_villages(), lang="en")
    assert list(screen.columns) == ["Village", "Tambon", "Status", "Done", *"12345678"]
    assert list(screen["Done"]) == ["2/8", "8/8"]
    assert list(screen["7"]) == [tables.LATE, tables.DONE]
    two = _two_villages().assign(district_code=["3017", "3018"])
    assert "District" in tables.progress_screen(two, lang="en").columns


def test_household_table_names_rounds_long_in_the_download_short_on_screen():
    # a household followed to 12 months (+10%: 0.1 × 100) and one with only a baseline (no round)
    households = pd.DataFrame(
        {
            "household_id": ["H1", "H2"],
            "village_name": ["บ้านเอ", "บ้านเอ"],
            "head_name": ["สม•••", "มา•••"],
            "occupation": ["เพาะเห็ด", None],
            "baseline_income": [50_000, 40_000],
            "latest_income": [55_000, None],
            "change_pct": [0.1, None],
            "latest_round": ["follow_12m", None],
            "practising": [True, False],
        }
    )
    download = tables.household_table(households, lang="th")
    assert list(download["รอบ"]) == ["ติดตาม 12 เดือน", ""]
    assert download["เปลี่ยน (%)"].iloc[0] == pytest.approx(10.0)
    screen = tables.household_table(households, lang="th", screen=True)
    assert list(screen["รอบ"]) == ["12 เดือน", ""]
    assert list(screen.columns) == list(download.columns)


def test_trainer_table_words_the_trainer_list_for_both_pages():
    # one lead with two skills and a team member with none (skills NULL): roles in words, skills
    # joined, the village column only where several villages are listed
    team = pd.DataFrame(
        {
            "village_name": ["บ้านเอ", "บ้านเอ"],
            "name": ["ปร•••• เอ", "วิ•••• เอสอง"],
            "role": ["lead", "team"],
            "skills": [["เพาะเห็ด", "จักสาน"], None],
            "phone": ["081•••1111", ""],
        }
    )
    table = tables.trainer_table(team, lang="th")
    assert list(table.columns) == ["หมู่บ้าน", "ชื่อ", "บทบาท", "ความเชี่ยวชาญ", "โทรศัพท์"]
    assert list(table["บทบาท"]) == ["ปราชญ์", "วิทยากร"]
    assert list(table["ความเชี่ยวชาญ"]) == ["เพาะเห็ด, จักสาน", ""]
    assert "หมู่บ้าน" not in tables.trainer_table(team, lang="th", village=False).columns


def test_indicator_rows_word_the_catalogue_for_the_page_and_its_download():
    # two computed indicators by hand: practising 4 of 5 households = 0.8 against ≥ 70% (met);
    # households per trainer 9 ÷ 2 = 4.5 against ≤ 4 (not met)
    from metrics.indicators import IndicatorValue

    values = [
        IndicatorValue("practising_share", "ปฏิบัติ", "Practising", "share", 0.8, 0.7, "at_least", True, 4, 5),
        IndicatorValue(
            "households_per_trainer", "ครัวเรือนต่อวิทยากร", "HPT", "ratio", 4.5, 4.0, "at_most", False, 9, 2
        ),
    ]
    rows = tables.indicator_rows(values, lang="en")
    assert list(rows["indicator"]) == ["Practising", "HPT"]
    assert list(rows["target"]) == ["≥ 70%", "≤ 4"]
    assert list(rows["met"]) == ["✓", "✗"]
    assert list(rows["value_number"]) == [80.0, 4.5]  # a share as a percentage, a ratio as is
    assert list(rows["unit"]) == ["%", "Households per trainer"]
    download = tables.indicator_download(rows, lang="en")
    assert list(download.columns)[:2] == ["Indicator", "Value"]
    assert list(download.iloc[:, 5]) == [4, 9]  # the numerators stay numbers


def test_worded_names_each_header_by_its_key():
    # "col.village" is "หมู่บ้าน" / "Village"; "col.households" a count, so the header gains
    # no unit and the value stays a whole number
    frame = pd.DataFrame({"village_name": ["บ้านเอ"], "households": [12]})
    columns = (("village_name", "village", "text"), ("households", "households", "count"))
    assert list(tables.worded(frame, columns, lang="en").columns) == ["Village", "Households"]
    assert tables.worded(frame, columns, lang="th").iloc[0].tolist() == ["บ้านเอ", 12]


def test_place_columns_name_each_level_by_its_name_column():
    # village -> the column village_name, headed col.village, text; in the order asked for
    assert tables.place_columns("village", "tambon") == (
        ("village_name", "village", "text"),
        ("tambon_name", "tambon", "text"),
    )
    # the groups' download: id, name, then village and district, then the scores (as declared
    # before the place columns were named once)
    assert tables.GROUP_SCORE_COLUMNS[:5] == (
        ("group_id", "group", "text"),
        ("group_name", "name", "text"),
        ("village_name", "village", "text"),
        ("district_name", "district", "text"),
        ("occupation", "occupation", "text"),
    )
    assert [c[0] for c in tables.TRAINER_COVERAGE_COLUMNS[:5]] == [
        "village_code",
        "village_name",
        "district_name",
        "tambon_name",
        "trainers",
    ]


def test_without_lead_table_names_the_tambon_in_the_reader_language():
    # one village with no English tambon name (the Thai one stands in) and one with it
    missing = pd.DataFrame(
        {
            "village_code": ["30170101", "30170201"],
            "village_name": ["บ้านเอ", "บ้านบี"],
            "tambon_name": ["ชุมพวง", "ประสุข"],
            "tambon_name_en": [None, "Prasuk"],
            "trainers": [2, 0],
        }
    )
    table = tables.without_lead_table(missing, lang="en")
    assert list(table.columns) == ["Village code", "Village", "Tambon", "Trainers"]
    assert list(table["Tambon"]) == ["ชุมพวง", "Prasuk"]
    assert list(table["Trainers"]) == [2, 0]
