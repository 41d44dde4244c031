"""The one formatter (metrics/formats.py): each unit token in Thai and English, missing values,
the unit a table header carries, spreadsheet cells, and targets. Every expected string is
written out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics.formats import (
    EXCEL_FORMATS,
    UNITS,
    be_iso,
    cell_value,
    fmt_date,
    fmt_month,
    fmt_target,
    format_value,
    header_unit,
)


@pytest.mark.parametrize(
    ("value", "unit", "th", "en"),
    [
        (0.034, "share", "3.4%", "3.4%"),  # 0.034 × 100 = 3.4
        (0.1234, "share", "12.3%", "12.3%"),
        (1.0, "share", "100.0%", "100.0%"),
        (0.034, "change", "+3.4%", "+3.4%"),
        (-0.0816, "change", "-8.2%", "-8.2%"),  # -8.16 rounds to -8.2
        (-0.0004, "change", "+0.0%", "+0.0%"),  # -0.04 rounds to 0.0: never "-0.0%"
        (0.006, "points", "+0.6 จุด", "+0.6 pts"),  # 0.6 percentage points
        (-0.02, "points", "-2.0 จุด", "-2.0 pts"),
        (12500, "baht", "12,500 บาท", "12,500 baht"),
        (6763200.4, "baht", "6,763,200 บาท", "6,763,200 baht"),  # whole baht
        (1234567, "count", "1,234,567", "1,234,567"),
        (12, "days", "12 วัน", "12 days"),
        (1, "days", "1 วัน", "1 day"),
        (4 / 3, "ratio", "1.3", "1.3"),  # 1.333… to one decimal
        (dt.date(2017, 3, 25), "date", "25 มี.ค. 2560", "25 Mar 2017"),  # 2017 + 543 = 2560
        ("2016-12-01", "date", "1 ธ.ค. 2559", "1 Dec 2016"),
        (True, "yes_no", "ใช่", "Yes"),
        (False, "yes_no", "ไม่ใช่", "No"),
        ("บ้านสมมุติ", "text", "บ้านสมมุติ", "บ้านสมมุติ"),
    ],
)
def test_each_unit_in_thai_and_english(value, unit, th, en):
    assert format_value(value, unit, "th") == th
    assert format_value(value, unit, "en") == en


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
@pytest.mark.parametrize("unit", UNITS)
def test_missing_is_a_dash_in_every_unit(missing, unit):
    assert format_value(missing, unit, "th") == "—"
    assert format_value(missing, unit, "en") == "—"


def test_bare_leaves_the_unit_word_to_the_header():
    assert format_value(12500, "baht", "th", bare=True) == "12,500"
    assert format_value(12, "days", "en", bare=True) == "12"
    assert format_value(0.006, "points", "en", bare=True) == "+0.6"
    assert format_value(0.034, "share", "th", bare=True) == "3.4%"  # a percent sign always shows


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (0.5625, "share", "56.3%"),  # 9 of 16 stages: 56.25 -> 56.3 (round() would give 56.2)
        (2.5, "count", "3"),  # (round() would give 2)
        (12500.5, "baht", "12,501 บาท"),
        (0.25, "ratio", "0.3"),
        (-0.00125, "change", "-0.1%"),  # -0.125 -> -0.1: away from zero at the half only
        (0.00375, "points", "+0.4 จุด"),
    ],
)
def test_halves_round_away_from_zero_as_people_and_excel_do(value, unit, expected):
    assert format_value(value, unit, "th") == expected


def test_spreadsheet_cells_round_halves_the_same_way():
    assert cell_value(0.5625, "share") == 56.3
    assert cell_value(2.5, "baht") == 3
    assert cell_value(0.25, "ratio") == 0.3


def test_digits():
    assert format_value(0.85, "share", "th", digits=0) == "85%"
    assert format_value(0.03, "change", "en", digits=0) == "+3%"


def test_an_unknown_unit_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown unit 'percent'"):
        format_value(0.1, "percent", "th")


@pytest.mark.parametrize(
    ("header", "unit", "lang", "expected"),
    [
        ("ความก้าวหน้า", "share", "th", "ความก้าวหน้า (%)"),
        ("รายได้", "baht", "th", "รายได้ (บาท)"),
        ("Income", "baht", "en", "Income (baht)"),
        ("รายได้รอบฐาน (บาท/ปี)", "baht", "th", "รายได้รอบฐาน (บาท/ปี)"),  # already says baht
        ("Sales (baht/year)", "baht", "en", "Sales (baht/year)"),
        ("ล่าช้า (วัน)", "days", "th", "ล่าช้า (วัน)"),
        ("เปลี่ยน", "points", "th", "เปลี่ยน (จุด)"),
        ("Change", "points", "en", "Change (pts)"),
        ("หมู่บ้าน", "count", "th", "หมู่บ้าน"),  # counts carry no unit word
    ],
)
def test_header_units(header, unit, lang, expected):
    assert header_unit(header, unit, lang) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (0.123456789, "share", 12.3),
        (-0.0816, "change", -8.2),
        (0.006, "points", 0.6),
        (1234.56, "baht", 1235),
        (4 / 3, "ratio", 1.3),
        (12.0, "days", 12),
        (dt.date(2017, 5, 31), "date", "31 พ.ค. 2560"),
        (True, "yes_no", "ใช่"),
        (None, "share", None),
        (math.nan, "baht", None),
    ],
)
def test_spreadsheet_cells_stay_numbers_rounded_as_shown(value, unit, expected):
    assert cell_value(value, unit, "th") == expected


def test_targets():
    assert fmt_target(0.85, "share", "at_least", "th") == "≥ 85%"
    assert fmt_target(4, "ratio", "at_most", "en") == "≤ 4"
    assert fmt_target(None, "share", "at_least", "th") == "—"


def test_dates_and_months():
    assert fmt_date(dt.date(2017, 5, 31), "th", long=True) == "31 พฤษภาคม 2560"
    assert fmt_date(dt.datetime(2017, 5, 31, 23, 59), "en", long=True) == "31 May 2017"
    assert fmt_month(dt.date(2017, 3, 25), "th") == "มี.ค. 2560"
    assert fmt_month("2017-03-25", "en") == "Mar 2017"
    assert be_iso(dt.date(2017, 5, 31)) == "2560-05-31"


def test_excel_formats_cover_the_numeric_units():
    assert set(EXCEL_FORMATS) == {"count", "baht", "days", "share", "change", "ratio", "points"}
