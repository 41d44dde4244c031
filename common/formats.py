"""Values shown by their unit: the one formatter every page, export, report and command line uses.

A unit is a named token, as in Evidence's value formats, declared once here:

========  =========================================  ====================  ====================
token     what the value is                          Thai                  English
========  =========================================  ====================  ====================
text      any text                                   as is                 as is
count     a whole number of things                   1,234                 1,234
share     a share 0–1                                12.3%                 12.3%
change    a change as a share of a base (0.034)      +3.4%                 +3.4%
points    a difference of two shares (0.006)         +0.6 จุด              +0.6 pts
baht      an amount of money                         12,500 บาท            12,500 baht
days      a number of days                           12 วัน                12 days
ratio     a ratio (households per trainer)           4.1                   4.1
date      a date                                     25 มี.ค. 2560         25 Mar 2017
yes_no    a yes/no flag                              ใช่ / ไม่ใช่           Yes / No
========  =========================================  ====================  ====================

Numbers are rounded halves away from zero (56.25 → 56.3), as Excel's number formats show them
in the meeting pack's workbook. A value judged against a target (a :class:`Judged` value, as
:func:`metrics.indicators.compute` returns them, or ``target=`` and ``direction=``) shows as many
more decimals as it takes for the number to read on the same side of the target as its verdict:
380 households / 94 trainers = 4.0426 against "≤ 4" fails and shows "4.04", never "4.0"; a share
0.8499 against "≥ 85%" shows "84.99%", never "85.0%". A missing value (None, NaN, NA, NaT) is "—" everywhere. In a table whose header names the unit
("รายได้ (บาท/ปี)") a cell is written ``bare``: the number without its unit word.

:func:`cell_value` is the same rounding for spreadsheet cells, where numbers stay numbers (a
share 0.1234 becomes 12.3 under a "(%)" header). No Streamlit here: the language is an
argument, so the pages (through ``ui.i18n``), the reports and the command line share it.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import pandas as pd
from pythainlp.util import thai_strftime

__all__ = [
    "EXCEL_FORMATS",
    "MISSING",
    "MOST_DIGITS",
    "UNITS",
    "Judged",
    "Unit",
    "be_iso",
    "cell_value",
    "excel_format",
    "fmt_baht",
    "fmt_count",
    "fmt_date",
    "fmt_month",
    "fmt_share",
    "fmt_target",
    "format_value",
    "half_up",
    "header_unit",
    "honest_digits",
    "missing",
]

Unit = Literal["text", "count", "share", "change", "points", "baht", "days", "ratio", "date", "yes_no"]
UNITS: tuple[str, ...] = (
    "text",
    "count",
    "share",
    "change",
    "points",
    "baht",
    "days",
    "ratio",
    "date",
    "yes_no",
)
MISSING = "—"

# Thai dates count years in the Buddhist era: BE = CE + 543 (2560 BE is 2017 CE). The one
# declaration: every reader, writer and format adds or takes away this.
BE_OFFSET = 543

# Official place codes (DOPA): how many digits each level's code has. A code begins with its
# parents' codes: village 30170101 is in tambon 301701, district 3017, province 30. The one table
# of these lengths: the readers, the URL, the command line and the grants all read it.
PLACE_CODE_DIGITS: dict[str, int] = {"province": 2, "district": 4, "tambon": 6, "village": 8}

# Words the formats add, (Thai, English).
_WORDS: dict[str, tuple[str, str]] = {
    "baht": ("บาท", "baht"),
    "days": ("วัน", "days"),
    "day": ("วัน", "day"),
    "points": ("จุด", "pts"),
    "yes": ("ใช่", "Yes"),
    "no": ("ไม่ใช่", "No"),
}
# The unit a table header carries for a bare column ("ความก้าวหน้า (%)").
_HEADER_UNITS: dict[str, tuple[str, str]] = {
    "share": ("(%)", "(%)"),
    "change": ("(%)", "(%)"),
    "points": ("(จุด)", "(pts)"),
    "baht": ("(บาท)", "(baht)"),
    "days": ("(วัน)", "(days)"),
}
# Excel number formats for the units whose cells stay numbers (the meeting pack's workbook
# writes shares as fractions with a percent format; points as percentage points).
EXCEL_FORMATS: dict[str, str] = {
    "count": "#,##0",
    "baht": "#,##0",
    "days": "#,##0",
    "share": "0.0%",
    "change": "+0.0%;-0.0%;0.0%",
    "ratio": "0.0",
    "points": "+0.0;-0.0;0.0",
}


def excel_format(value: Any, fmt: str) -> str:
    """The Excel number format for ``value`` shown as ``fmt`` (:data:`EXCEL_FORMATS`); a
    :class:`Judged` share or ratio gets the decimals its verdict needs, as on the screen
    (0.8499 against ≥ 85%: "0.00%", so Excel shows 84.99%, not 85.0%)."""
    base = EXCEL_FORMATS[fmt]
    if not isinstance(value, Judged) or fmt not in ("share", "ratio"):
        return base
    digits = honest_digits(value, fmt, value.target, value.direction)
    decimals = "0." + "0" * digits if digits else "0"
    return decimals + ("%" if fmt == "share" else "")


MOST_DIGITS = 6  # decimals a judged value shows at most (a share: of its percentage)
Direction = Literal["at_least", "at_most"]


class Judged(float):
    """A number judged against a target: a float that also carries its ``target`` and
    ``direction`` ("at_least" or "at_most"), so that every path that shows it (the pages, the
    meeting pack's slides and PDF, the command line) rounds it honestly through
    :func:`format_value` without passing the target along. Arithmetic gives plain floats."""

    __slots__ = ("direction", "target")
    target: float
    direction: Direction

    def __new__(cls, value: float, target: float, direction: Direction) -> Judged:
        judged = super().__new__(cls, value)
        judged.target = float(target)
        judged.direction = direction
        return judged

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by st.cache_data, copied by asdict
        return (Judged, (float(self), self.target, self.direction))


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "at_least" else value <= target


def honest_digits(value: float, unit: str, target: float, direction: str, *, digits: int = 1) -> int:
    """The decimals to show ``value`` with (at least ``digits``, at most ``MOST_DIGITS``) so
    that the number shown meets ``target`` exactly when ``value`` does.

    ``unit`` is "share" (compared as percentages, the way they are shown) or "ratio".
    4.0426 against at most 4 fails; at one decimal it shows 4.0, which reads as meeting it, so
    two: 4.04. 0.8499 against at least 0.85: 85.0% would read as met, so 84.99%. A passing
    value rounded onto the failing side (85.44% against at least 85.44%: 85.4%) gets more
    decimals too. Values that already read right keep ``digits``.
    """
    scale = 100 if unit in ("share", "change") else 1
    met = _meets(float(value), float(target), direction)
    goal = half_up(float(target) * scale, 10)  # 0.07 × 100 is 7.000000000000001
    for shown_digits in range(digits, MOST_DIGITS + 1):
        if _meets(half_up(float(value) * scale, shown_digits), goal, direction) == met:
            return shown_digits
    return MOST_DIGITS


def half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded to ``digits`` decimals, halves away from zero, as a person (and Excel's
    number formats) round: 56.25 → 56.3, 2.5 → 3 (Python's round() gives 56.2 and 2). Rounds
    the shortest decimal form of the float, the one a person sees."""
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)) + 0.0


def _word(key: str, lang: str) -> str:
    th, en = _WORDS[key]
    return en if lang == "en" else th


def missing(value: Any) -> bool:
    """Whether ``value`` is missing: None, NaN, pandas NA or NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def fmt_count(value: Any, lang: str = "th") -> str:
    """A whole number with thousands separators: 1234567 → "1,234,567"; "—" when missing."""
    return MISSING if missing(value) else f"{half_up(value):,.0f}"


def fmt_baht(value: Any, lang: str = "th", *, bare: bool = False) -> str:
    """Baht, whole: 12500 → "12,500 บาท" / "12,500 baht" ("12,500" when ``bare``)."""
    if missing(value):
        return MISSING
    number = f"{half_up(value):,.0f}"
    return number if bare else f"{number} {_word('baht', lang)}"


def fmt_share(value: Any, lang: str = "th", *, digits: int = 1, signed: bool = False) -> str:
    """A share 0–1 as a percentage: 0.034 → "3.4%" (signed: "+3.4%"); "—" when missing; a
    :class:`Judged` share with the decimals its verdict needs (0.8499 against ≥ 85%: "84.99%")."""
    if missing(value):
        return MISSING
    if isinstance(value, Judged):  # a share judged against its target: enough decimals
        digits = honest_digits(value, "share", value.target, value.direction, digits=digits)
    percent = half_up(float(value) * 100, digits) + 0.0  # + 0.0: never "-0.0%"
    return f"{percent:+.{digits}f}%" if signed else f"{percent:.{digits}f}%"


def fmt_date(value: Any, lang: str = "th", *, long: bool = False) -> str:
    """A date: "25 มี.ค. 2560" in Thai (Buddhist era), "25 Mar 2017" in English; with ``long``
    the month in full: "31 พฤษภาคม 2560" / "31 May 2017". "—" when missing."""
    if missing(value):
        return MISSING
    value = _as_date(value)
    if lang != "en":
        return thai_strftime(
            dt.datetime(value.year, value.month, value.day), "%-d %B %Y" if long else "%-d %b %Y"
        )
    return f"{value.day} {value.strftime('%B %Y' if long else '%b %Y')}"


def fmt_month(value: Any, lang: str = "th") -> str:
    """A month: "มี.ค. 2560" / "Mar 2017"."""
    if missing(value):
        return MISSING
    value = _as_date(value)
    if lang != "en":
        return thai_strftime(dt.datetime(value.year, value.month, 1), "%b %Y")
    return value.strftime("%b %Y")


def be_iso(value: Any) -> str:
    """A date as YYYY-MM-DD with the Buddhist-era year (2560-05-31), for file names."""
    value = _as_date(value)
    return f"{value.year + BE_OFFSET:04d}-{value.month:02d}-{value.day:02d}"


def _judged_digits(value: Any, unit: str, digits: int, target: Any, direction: str | None) -> int:
    """``digits``, or more for a value judged against a target (:func:`honest_digits`)."""
    if target is None and isinstance(value, Judged):
        target, direction = value.target, value.direction
    if unit not in ("share", "ratio") or missing(target) or direction is None:
        return digits
    return honest_digits(value, unit, target, direction, digits=digits)


def format_value(
    value: Any,
    unit: str,
    lang: str = "th",
    *,
    bare: bool = False,
    digits: int = 1,
    target: float | None = None,
    direction: str | None = None,
) -> str:
    """``value`` as text by its ``unit`` token, in ``lang`` ("th" or "en"); "—" when missing.

    ``bare`` leaves out the unit word (baht, days, points) where a table header already says it;
    ``digits`` are the decimals of a share, change, points or ratio value. A share or ratio
    judged against a ``target`` (in ``direction``; a :class:`Judged` value carries its own)
    shows more decimals where ``digits`` would round it onto the other side of the target.
    """
    if unit not in UNITS:
        msg = f"unknown unit {unit!r}: use one of {', '.join(UNITS)}"
        raise ValueError(msg)
    if unit != "yes_no" and missing(value):
        return MISSING
    if unit in ("share", "ratio"):
        digits = _judged_digits(value, unit, digits, target, direction)
    if unit == "count":
        return fmt_count(value, lang)
    if unit == "share":
        return fmt_share(value, lang, digits=digits)
    if unit == "change":
        return fmt_share(value, lang, digits=digits, signed=True)
    if unit == "points":
        shown = f"{half_up(float(value) * 100, digits) + 0.0:+.{digits}f}"
        return shown if bare else f"{shown} {_word('points', lang)}"
    if unit == "baht":
        return fmt_baht(value, lang, bare=bare)
    if unit == "days":
        number = fmt_count(value, lang)
        if bare:
            return number
        return f"{number} {_word('day' if number == '1' else 'days', lang)}"
    if unit == "ratio":
        return f"{half_up(value, digits):,.{digits}f}"
    if unit == "date":
        return fmt_date(value, lang)
    if unit == "yes_no":
        return MISSING if missing(value) else _word("yes" if bool(value) else "no", lang)
    return str(value)


def fmt_target(target: Any, unit: str, direction: str, lang: str = "th") -> str:
    """An indicator's target with its direction: ("share", 0.85, at_least) → "≥ 85%",
    ("ratio", 4, at_most) → "≤ 4"; "—" when there is none. Written exactly (a target of 0.855
    is "≥ 85.5%", not a rounded "≥ 86%"), so a value can be read against it."""
    if missing(target):
        return MISSING
    sign = "≥" if direction == "at_least" else "≤"
    shown = f"{half_up(float(target) * 100, 6):g}%" if unit == "share" else f"{float(target):g}"
    return f"{sign} {shown}"


def header_unit(header: str, unit: str, lang: str = "th") -> str:
    """A column header with its unit for bare cells: ("ความก้าวหน้า", "share") → "ความก้าวหน้า (%)";
    unchanged when the header already names the unit ("รายได้ (บาท/ปี)") or it needs no word."""
    words = _HEADER_UNITS.get(unit)
    if words is None:
        return header
    word = words[1] if lang == "en" else words[0]
    named = any(w.rstrip(")") in header for w in words)  # "(บาท" is in "รายได้ (บาท/ปี)"
    return header if named else f"{header} {word}"


def cell_value(value: Any, unit: str, lang: str = "th") -> Any:
    """One spreadsheet cell: numbers stay numbers, rounded as :func:`format_value` shows them
    (share and change 0.1234 → 12.3 under a "(%)" header, points 0.006 → 0.6, baht, count and
    days whole, ratio one decimal; a :class:`Judged` share or ratio with the decimals it shows
    with, 84.99 not 85.0); dates and yes/no as text; missing → None (an empty cell)."""
    if unit not in UNITS:
        msg = f"unknown unit {unit!r}: use one of {', '.join(UNITS)}"
        raise ValueError(msg)
    if missing(value):
        return None
    digits = _judged_digits(value, unit, 1, None, None)
    if unit in ("share", "change", "points"):
        return half_up(float(value) * 100, digits)
    if unit == "ratio":
        return half_up(value, digits)
    if unit in ("baht", "count", "days"):
        return int(half_up(value))
    if unit in ("date", "yes_no"):
        return format_value(value, unit, lang)
    return str(value)
