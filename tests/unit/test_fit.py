"""Fitting text to a 1280-pixel screen (figures/fit.py): estimated widths, table column widths,
chart labels on two lines. Expected values worked out by hand from the per-character widths
(Thai letter 0.64 em, Thai marks above and below 0, lower-case Latin 0.53 em, upper case 0.64
em, narrow marks 0.3 em; bold × 1.05; a cell adds 20 px of padding)."""

from __future__ import annotations

import pytest

from figures.fit import MIN_COLUMN, column_widths, text_width, wrap_label


def test_thai_marks_take_no_width():
    # ก (0.64) + ่ (0) + า (0.64) = 1.28 em = 17.92 px at 14 px
    assert text_width("ก่า") == pytest.approx(17.92)
    # ความก้าวหน้า: 10 letters + one tone mark = 6.4 em = 89.6 px (Chromium measures 85)
    assert text_width("ความก้าวหน้า") == pytest.approx(89.6)
    assert text_width("Ab") == pytest.approx((0.64 + 0.53) * 14)
    assert text_width("Ab", bold=True) == pytest.approx((0.64 + 0.53) * 14 * 1.05)


def test_a_table_that_fits_keeps_every_column_whole():
    widths = column_widths({"สถานะ": ["เลยกำหนด"], "n": ["7/8"]}, budget=900)
    # สถานะ header: 4 letters + a mark = 2.56 em bold = 37.6 px + 20 = 57.6; cells เลยกำหนด:
    # 8 letters (ำ is a letter of its own width) = 5.12 em = 71.7 + 20 = 91.7 -> 92.
    # n: header 0.53 em bold = 7.8 + 20 = 27.8, cell "7/8" = 1.59 em = 22.3 + 20 = 42.3 -> 43.
    assert widths == {"สถานะ": 92, "n": 43}


def test_the_longest_column_gives_way_and_no_header_is_cut():
    columns = {"n": ["1"], "text": ["a" * 100]}
    # n needs MIN_COLUMN (36); text needs 100 × 0.53 × 14 + 20 = 762. Budget 300: text gets
    # 300 - 36 = 264, its header ("text", 2.12 em bold = 31.2 + 20 = 51.2) still whole.
    assert column_widths(columns, budget=300) == {"n": MIN_COLUMN, "text": 264}
    # A fixed width counts against the budget: 300 - 50 = 250 left for text.
    assert column_widths(columns, budget=300, fixed={"n": 50}) == {"n": 50, "text": 250}


def test_a_whole_column_keeps_its_longest_text():
    columns = {"name": ["บ้านสมมุติขามสว่าง (30170111)"], "note": ["a" * 100]}
    # name: 14 Thai letters (4 marks) 8.96 em + " (" 0.6 + 8 digits 4.24 + ")" 0.3 = 14.1 em
    # = 197.4 + 20 = 217.4 -> 218, kept whole; note gets the rest, 300 - 218 = 82.
    assert column_widths(columns, budget=300, whole=["name"]) == {"name": 218, "note": 82}
    # Without it both give way to the same cap: 150 + 150 = 300, and the name is cut.
    assert column_widths(columns, budget=300) == {"name": 150, "note": 150}
    # Kept whole only where the other headers still fit beside it: with 250 px, 218 + "note"'s
    # header (2.12 em bold = 31.2 + 20 = 51.2) is 269.2 > 250, so both give way: 125 + 125.
    assert column_widths(columns, budget=250, whole=["name"]) == {"name": 125, "note": 125}


def test_headers_wider_than_the_budget_keep_their_width():
    columns = {"ความก้าวหน้า": ["1"], "ครัวเรือนเป้าหมาย": ["2"]}
    widths = column_widths(columns, budget=100)
    # 89.6 × 1.05 + 20 = 114.1 -> 115; ครัวเรือนเป้าหมาย: 14 letters + 2 marks = 8.96 em bold
    # = 131.7 + 20 = 151.7 -> 152. Wider than the budget: the headers are shortened instead.
    assert widths == {"ความก้าวหน้า": 115, "ครัวเรือนเป้าหมาย": 152}


@pytest.mark.parametrize(
    ("label", "width", "expected"),
    [
        ("ติดตาม 12 เดือน", 70, "ติดตาม<br>12 เดือน"),  # the number stays with its unit
        ("Savings group", 60, "Savings<br>group"),
        ("เครือข่ายสตรี", 60, "เครือข่าย<br>สตรี"),  # at a Thai word boundary (pythainlp)
        ("OTOP", 60, "OTOP"),
        ("รอบฐาน", 80, "รอบฐาน"),
    ],
)
def test_wrap_label(label, width, expected):
    assert wrap_label(label, width) == expected
