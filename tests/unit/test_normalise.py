"""Every normalising rule: Thai digits, numbers, each date form, BE/CE, yes/no, codes, encodings.

Expected values are worked out by hand: BE = CE + 543, so 2560 → 2017 and 2563 → 2020.
"""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from data_loaders.check.normalise import (
    CellError,
    national_id_checksum_ok,
    parse_bool,
    parse_cell,
    parse_coordinate,
    parse_date,
    parse_enum,
    parse_fiscal_year,
    parse_id,
    parse_int,
    parse_list,
    parse_money,
    parse_national_id,
    parse_village_code,
)
from data_loaders.contract.schema import TABLES_BY_NAME
from data_loaders.read.cellcheck import is_blank
from data_loaders.read.readers import decode_csv, read_csv_text

D = dt.date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017-03-25", D(2017, 3, 25)),  # ISO, CE
        ("2560-03-25", D(2017, 3, 25)),  # ISO, BE: 2560 - 543 = 2017
        ("2017-03-25 00:00:00", D(2017, 3, 25)),  # what pandas writes
        ("25/03/2560", D(2017, 3, 25)),  # dd/mm/yyyy BE
        ("25/3/2017", D(2017, 3, 25)),  # dd/mm/yyyy CE, one-digit month
        ("5/3/2560", D(2017, 3, 5)),  # day first, not month first
        ("๒๕/๐๓/๒๕๖๐", D(2017, 3, 25)),  # Thai digits
        ("25 มีนาคม 2560", D(2017, 3, 25)),  # full Thai month
        ("25 มี.ค. 2560", D(2017, 3, 25)),  # abbreviated
        ("25 มีค 2560", D(2017, 3, 25)),  # abbreviated without dots
        ("25 มี.ค. 60", D(2017, 3, 25)),  # two-digit BE year: 2500 + 60 = 2560
        ("๒๕ มี.ค. ๒๕๖๐", D(2017, 3, 25)),
        ("วันที่ 25 มีนาคม พ.ศ. 2560", D(2017, 3, 25)),
        ("1 ธ.ค. 2559", D(2016, 12, 1)),  # FY2560 starts in Dec 2559 BE = 2016
        ("29/02/2563", D(2020, 2, 29)),  # BE leap day: must convert the year before building the date
        (dt.datetime(2560, 3, 25), D(2017, 3, 25)),  # Excel date cell typed with a BE year
        (dt.datetime(2017, 3, 25, 14, 30), D(2017, 3, 25)),  # Excel date cell, CE
        (dt.date(2017, 3, 25), D(2017, 3, 25)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["25 foo 2560", "2017-13-01", "yesterday", "25/03/17", 42819, "1/1/1800", "0 มี.ค. 2560"],
)
def test_bad_dates(raw):
    with pytest.raises(CellError) as info:
        parse_date(raw)
    assert "dd/mm/yyyy" in info.value.message
    assert "found" in info.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A real day and month that never meet is named as such (the year shown in BE).
        ("31/02/2560", "ไม่มีวันที่ 31 กุมภาพันธ์ 2560 / there is no 31 February 2560"),
        ("2017-04-31", "ไม่มีวันที่ 31 เมษายน 2560 / there is no 31 April 2560"),
        ("29 ก.พ. 2561", "ไม่มีวันที่ 29 กุมภาพันธ์ 2561 / there is no 29 February 2561"),  # 2018: not leap
    ],
)
def test_impossible_dates_are_named(raw, expected):
    with pytest.raises(CellError) as info:
        parse_date(raw)
    assert info.value.message == expected


def test_a_long_date_cell_is_refused_without_scanning_it():
    with pytest.raises(CellError) as info:
        parse_date("1 " + "ก ข" * 100_000 + " 2560")  # the old pattern backtracked on such text
    assert "dd/mm/yyyy" in info.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,500", 12500.0),
        ("12,500 บาท", 12500.0),
        ("12500บาท", 12500.0),
        ("๑๒,๕๐๐", 12500.0),
        ("฿1,000.50", 1000.5),
        (12500, 12500.0),
        (12500.75, 12500.75),
        ("0", 0.0),
    ],
)
def test_money(raw, expected):
    assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["-100", "สองพัน", "1,2,3.4.5", "nan", "inf", True])
def test_bad_money(raw):
    with pytest.raises(CellError):
        parse_money(raw)


def test_negative_money_message_says_not_negative():
    with pytest.raises(CellError) as info:
        parse_money("-5")
    assert info.value.message == 'จำนวนเงินต้องไม่ติดลบ / an amount must not be negative (found "-5")'


@pytest.mark.parametrize(("raw", "expected"), [("4", 4), ("๔", 4), (4.0, 4), (" 12 ", 12), ("1,200", 1200)])
def test_int(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["2.5", 2.5, "สอง", "4 คน"])
def test_bad_int(raw):
    with pytest.raises(CellError):
        parse_int(raw)


def test_members_message_matches_the_contract_example():
    members = TABLES_BY_NAME["households"].column("members")
    with pytest.raises(CellError) as info:
        parse_cell(members, "สอง")
    assert info.value.message == (
        'จำนวนสมาชิกต้องเป็นจำนวนเต็ม ≥ 1 / members must be a whole number ≥ 1 (found "สอง")'
    )


@pytest.mark.parametrize(("raw", "ok"), [(0, False), (1, True), ("๖", True)])
def test_members_at_least_one(raw, ok):
    members = TABLES_BY_NAME["households"].column("members")
    if ok:
        assert parse_cell(members, raw) >= 1
    else:
        with pytest.raises(CellError):
            parse_cell(members, raw)


@pytest.mark.parametrize(("raw", "ok"), [("0", False), ("1", True), ("5", True), ("6", False), ("๓", True)])
def test_training_day_range(raw, ok):
    day = TABLES_BY_NAME["training_days"].column("day")
    if ok:
        assert 1 <= parse_cell(day, raw) <= 5
    else:
        with pytest.raises(CellError, match="1–5"):
            parse_cell(day, raw)


@pytest.mark.parametrize(("raw", "expected"), [(2560, 2560), ("2017", 2560), ("๒๕๖๐", 2560), (2017.0, 2560)])
def test_fiscal_year_is_stored_be(raw, expected):
    assert parse_fiscal_year(raw) == expected


@pytest.mark.parametrize("raw", ["60", "abc", 1000])
def test_bad_fiscal_year(raw):
    with pytest.raises(CellError):
        parse_fiscal_year(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ใช่", True),
        ("มี", True),
        ("YES", True),
        (" y ", True),
        ("True", True),
        ("1", True),
        ("✓", True),
        (True, True),
        (1, True),
        (1.0, True),
        ("ไม่ใช่", False),
        ("ไม่มี", False),
        ("No", False),
        ("n", False),
        ("FALSE", False),
        ("0", False),
        (False, False),
        (0, False),
        ("๑", True),
        ("๐", False),
    ],
)
def test_yes_no(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "ไม่แน่ใจ", "2"])
def test_bad_yes_no(raw):
    with pytest.raises(CellError):
        parse_bool(raw)


@pytest.mark.parametrize(
    ("domain", "raw", "code"),
    [
        ("channel", "LINE", "line"),
        ("channel", "line", "line"),
        ("channel", " ไลน์ ", "line"),
        ("channel", "ลงพื้นที่", "visit"),
        ("role", "ปราชญ์สัมมาชีพ", "lead"),
        ("role", "หัวหน้าทีม", "lead"),
        ("role", "วิทยากร", "team"),
        ("round", "ก่อนเข้าร่วม", "baseline"),
        ("round", "ติดตาม 6 เดือน", "follow_6m"),
        ("round", "ติดตาม ๑๒ เดือน", "follow_12m"),  # Thai digits inside a coded word
        ("round", "ติดตาม  6  เดือน", "follow_6m"),  # extra inner spaces
        ("network", "โอทอป", "otop"),
        ("network", "OTOP", "otop"),
        ("network", "ธ.ก.ส.", "baac"),
        ("network", "ธกส", "baac"),
        ("network", "อปท.", "local_gov"),
        ("activity", "ศึกษาดูงาน", "study_visit"),
        ("stage", "จัดตั้งกลุ่ม", "group"),
        ("stage", "FOLLOW_UP", "follow_up"),
    ],
)
def test_coded_values(domain, raw, code):
    assert parse_enum(raw, domain) == code


def test_unknown_code_lists_what_is_accepted():
    with pytest.raises(CellError) as info:
        parse_enum("แฟกซ์", "channel")
    assert "document, photo, line, visit, meeting" in info.value.message
    assert 'found "แฟกซ์"' in info.value.message


def test_codes_keep_leading_zeros_and_fold_thai_digits():
    assert parse_id("007") == "007"
    assert parse_id("HH-๐๑") == "HH-01"
    assert parse_id(30170101.0) == "30170101"  # an Excel number cell loses no digits
    assert parse_village_code("๓๐๑๗๐๑๐๑") == "30170101"
    assert parse_village_code("30-17-01-01") == "30170101"
    with pytest.raises(CellError):
        parse_village_code("3017011")  # 7 digits


def test_national_id_checksum():
    # 3100600445635 (the 13th digit checks the first 12): Σ d_i·(14−i) for i=1..12 =
    # 3·13+1·12+0·11+0·10+6·9+0·8+0·7+4·6+4·5+5·4+6·3+3·2 = 193; 193 mod 11 = 6; (11−6) mod 10 = 5 ✓
    assert national_id_checksum_ok("3100600445635")
    assert not national_id_checksum_ok("3100600445636")  # wrong check digit
    assert not national_id_checksum_ok("0100600445635")  # may not start with 0
    assert not national_id_checksum_ok("310060044563")  # 12 digits
    assert parse_national_id("3-1006-00445-63-5") == "3100600445635"
    assert parse_national_id("๓๑๐๐๖๐๐๔๔๕๖๓๕") == "3100600445635"


@pytest.mark.parametrize(
    ("axis", "raw", "ok"),
    [("lat", "15.344", True), ("lat", "25.0", False), ("lon", "๑๐๒.๗๕", True), ("lon", "90", False)],
)
def test_coordinates_inside_thailand(axis, raw, ok):
    if ok:
        assert parse_coordinate(raw, axis=axis) > 0
    else:
        with pytest.raises(CellError, match="Thailand"):
            parse_coordinate(raw, axis=axis)


def test_skills_list():
    assert parse_list("เพาะเห็ด; จักสาน,ทอผ้า ;") == ["เพาะเห็ด", "จักสาน", "ทอผ้า"]


@pytest.mark.parametrize(
    ("raw", "blank"), [(None, True), ("", True), ("   ", True), ("-", True), ("0", False), (0, False)]
)
def test_blank_cells(raw, blank):
    assert is_blank(raw) is blank


def test_blank_cell_parses_to_none():
    assert parse_cell(TABLES_BY_NAME["households"].column("members"), "  ") is None


THAI_CSV = "รหัสครัวเรือน,ชื่อหัวหน้าครัวเรือน\r\nH1,สมชาย ใจดี\r\n"


@pytest.mark.parametrize(
    "data",
    [
        THAI_CSV.encode("utf-8"),
        codecs.BOM_UTF8 + THAI_CSV.encode("utf-8"),
        THAI_CSV.encode("cp874"),  # what Thai Excel saves as "CSV"
        THAI_CSV.encode("tis-620"),
        codecs.BOM_UTF16_LE + THAI_CSV.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "windows-874", "tis-620", "utf16"],
)
def test_csv_encodings_are_detected(data):
    header, rows = read_csv_text(decode_csv(data))
    assert header == ["รหัสครัวเรือน", "ชื่อหัวหน้าครัวเรือน"]
    assert rows == [(2, ["H1", "สมชาย ใจดี"])]


def test_csv_rows_are_numbered_like_a_spreadsheet():
    # header = row 1; a blank line is row 3 and is skipped but still counted; a quoted
    # value spanning two lines is one row (4); the next record is row 5.
    text = 'a,b\r\n1,x\r\n\r\n2,"two\r\nlines"\r\n3,y\r\n'
    header, rows = read_csv_text(text)
    assert header == ["a", "b"]
    assert [n for n, _ in rows] == [2, 4, 5]


def test_whole_numbers_beyond_the_stored_range_are_reported():
    # Found by the property test: 2,147,483,648 does not fit DuckDB's INTEGER.
    with pytest.raises(CellError):
        parse_int("2147483648")
    assert parse_int("2147483647") == 2147483647
