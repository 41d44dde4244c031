"""The one formatter (common/formats.py): each unit token in Thai and English, missing values,
the unit a table header carries, spreadsheet cells, and targets. Every expected string is
written out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from common.formats import (
    EXCEL_FORMATS,
    UNITS,
    Judged,
    be_iso,
    cell_value,
    fmt_date,
    fmt_month,
    fmt_share,
    fmt_target,
    format_value,
    header_unit,
    honest_digits,
)
from metrics.indicators import is_met


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
    # written exactly, so a value can be read against it: 85.5%, not a rounded 86%
    assert fmt_target(0.855, "share", "at_least", "en") == "≥ 85.5%"
    assert fmt_target(0.07, "share", "at_least", "th") == "≥ 7%"  # 0.07 × 100 is 7.000000000000001


# Near a target the number and the verdict never disagree (issue 17 item 3). One decimal is the
# normal; more only where one decimal would round the value onto the other side of its target.
@pytest.mark.parametrize(
    ("value", "unit", "target", "direction", "shown", "met"),
    [
        # households per trainer for district 3017: 380 / 94 = 4.0426; at one decimal 4.0 would
        # read as meeting "≤ 4"; at two, 4.04 > 4 reads as failing, as it does.
        (380 / 94, "ratio", 4.0, "at_most", "4.04", False),
        (4.0, "ratio", 4.0, "at_most", "4.0", True),  # exactly on the target: met, one decimal
        (3.96, "ratio", 4.0, "at_most", "4.0", True),  # rounds onto the target, still met: fine
        (4.2, "ratio", 4.0, "at_most", "4.2", False),  # clearly failing: one decimal
        (4.0004, "ratio", 4.0, "at_most", "4.0004", False),  # 4.00 and 4.000 still read as met
        # practising share against ≥ 85%: 84.99% at two decimals (85.0% would read as met)
        (0.8499, "share", 0.85, "at_least", "84.99%", False),
        (0.85, "share", 0.85, "at_least", "85.0%", True),
        (0.8501, "share", 0.85, "at_least", "85.0%", True),  # 85.01 rounds to 85.0: still met
        (0.84951, "share", 0.85, "at_least", "84.95%", False),  # 84.951 → 84.95 (not 85.0)
        # income increase against ≥ 3%: 2.99%, not 3.0%
        (0.0299, "share", 0.03, "at_least", "2.99%", False),
        (0.03, "share", 0.03, "at_least", "3.0%", True),
        # a passing value that one decimal would round below its target: 85.444% ≥ 85.44%
        # shows 85.44%, not 85.4% (which reads as failing)
        (0.85444, "share", 0.8544, "at_least", "85.44%", True),
        # a failing value that already reads as failing keeps one decimal: 85.437% < 85.44%
        (0.85437, "share", 0.8544, "at_least", "85.4%", False),
        # at most: a share of 10.04% against ≤ 10% shows 10.04%
        (0.1004, "share", 0.10, "at_most", "10.04%", False),
    ],
)
def test_a_value_near_its_target_shows_the_digits_its_verdict_needs(
    value, unit, target, direction, shown, met
):
    assert is_met(value, target, direction) is met
    for lang in ("th", "en"):  # numbers read the same in both languages
        assert format_value(value, unit, lang, target=target, direction=direction) == shown
        # a Judged value carries its target: the pack's tables and the command line pass none
        assert format_value(Judged(value, target, direction), unit, lang) == shown
    if unit == "share":
        assert fmt_share(Judged(value, target, direction), "th") == shown  # the Overview's cards
    # spreadsheet cells keep the same decimals (84.99 under a "(%)" header)
    assert cell_value(Judged(value, target, direction), unit) == float(shown.rstrip("%"))


def test_honest_digits_gives_up_at_six_decimals():
    # 4 + 1e-9 fails "≤ 4" but rounds to 4.000000 at six decimals: six is the most shown
    assert honest_digits(4 + 1e-9, "ratio", 4.0, "at_most") == 6
    assert honest_digits(4.0426, "ratio", 4.0, "at_most", digits=2) == 2  # already honest


def test_a_judged_value_is_a_float_that_keeps_its_target_when_copied_and_pickled():
    import copy
    import json
    import pickle

    value = Judged(380 / 94, 4.0, "at_most")
    assert value == 380 / 94 and isinstance(value, float)
    for copied in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value)):  # st.cache_data, asdict
        assert (copied, copied.target, copied.direction) == (value, 4.0, "at_most")
        assert format_value(copied, "ratio", "en") == "4.04"
    assert json.dumps(value) == json.dumps(380 / 94)  # --json writes the plain number
    assert type(value - 1) is float  # arithmetic gives plain floats (no verdict for a delta)
    assert format_value(value * 1, "ratio", "en") == "4.0"  # a plain float: one decimal


def test_dates_and_months():
    assert fmt_date(dt.date(2017, 5, 31), "th", long=True) == "31 พฤษภาคม 2560"
    assert fmt_date(dt.datetime(2017, 5, 31, 23, 59), "en", long=True) == "31 May 2017"
    assert fmt_month(dt.date(2017, 3, 25), "th") == "มี.ค. 2560"
    assert fmt_month("2017-03-25", "en") == "Mar 2017"
    assert be_iso(dt.date(2017, 5, 31)) == "2560-05-31"


def test_excel_formats_cover_the_numeric_units():
    assert set(EXCEL_FORMATS) == {"count", "baht", "days", "share", "change", "ratio", "points"}


def test_the_pack_and_the_command_line_show_a_judged_value_as_its_verdict_reads():
    """The meeting pack's tables (PPTX and PDF draw Table.formatted) and ``metrics kpis`` call
    format_value with the bare value: the Judged value brings its target along."""
    from reports.data import Table

    table = Table(
        key="kpis",
        title="t",
        headers=("ตัวชี้วัด", "ค่า"),
        formats=("text", "share"),
        widths=(1.0, 1.0),
        rows=(("ยังประกอบอาชีพ", Judged(0.8499, 0.85, "at_least")), ("x", Judged(0.85, 0.85, "at_least"))),
    )
    assert table.formatted("th") == [["ยังประกอบอาชีพ", "84.99%"], ["x", "85.0%"]]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        # 0.8499 against ≥ 85%: one decimal shows 85.0% (reads met), two show 84.99%
        (Judged(0.8499, 0.85, "at_least"), "share", "0.00%"),
        (Judged(0.85, 0.85, "at_least"), "share", "0.0%"),  # met, shown met at the usual digit
        # 380 / 94 = 4.0426 against ≤ 4: 4.0 reads met, 4.04 does not
        (Judged(380 / 94, 4.0, "at_most"), "ratio", "0.00"),
        (0.8499, "share", "0.0%"),  # a share without a target keeps the usual format
        (Judged(1200.0, 1000.0, "at_least"), "count", "#,##0"),  # only shares and ratios widen
    ],
)
def test_a_workbook_cell_shows_the_digits_its_verdict_needs(value, fmt, expected):
    from common.formats import excel_format

    assert excel_format(value, fmt) == expected


def test_the_packs_workbook_writes_a_judged_share_with_its_digits():
    """The XLSX pack keeps numbers as numbers; Excel then shows 84.99%, never 85.0%."""
    import io

    from openpyxl import load_workbook

    from reports.data import Table
    from reports.xlsx_pack import _sheet

    class _Pack:
        lang = "th"
        scope_line = ""

        def t(self, key: str) -> str:
            return key.split(".")[-1]

    from openpyxl import Workbook

    wb = Workbook()
    table = Table(
        key="kpis",
        title="t",
        headers=("ตัวชี้วัด", "ค่า"),
        formats=("text", "share"),
        widths=(1.0, 1.0),
        rows=(("ยังประกอบอาชีพ", Judged(0.8499, 0.85, "at_least")),),
    )
    _sheet(wb, table, _Pack(), set())
    out = io.BytesIO()
    wb.save(out)
    cell = load_workbook(io.BytesIO(out.getvalue()))["kpis"]["B5"]
    assert cell.value == pytest.approx(0.8499)
    assert cell.number_format == "0.00%"
