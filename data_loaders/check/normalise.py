"""Turn cells as officers type them into clean values.

Officers type Thai digits (๐–๙), thousands separators, a trailing "บาท", Buddhist-era years,
Thai month names and Thai yes/no words. Every parser here takes one raw cell (a string from a
CSV, or whatever openpyxl returns: str, int, float, bool, datetime, None) and returns a clean
value, or raises :class:`CellError` with a Thai and English message saying what was expected.
Nothing else may escape: the property tests feed these functions arbitrary text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from pythainlp.util import thai_digit_to_arabic_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

from common.formats import BE_OFFSET, PLACE_CODE_DIGITS
from data_loaders.contract.privacy import mask_national_id, mask_phone
from data_loaders.contract.schema import DOMAINS, LAT_RANGE, LON_RANGE, NO_WORDS, YES_WORDS, Column, fold
from data_loaders.read.cellcheck import is_blank

BE_THRESHOLD = 2400  # a year of 2400 or more is Buddhist era
# Plausible CE years for programme records; outside this a date is almost surely mistyped.
YEAR_RANGE = (1990, 2100)
INT_LIMIT = 2**31 - 1  # whole numbers are stored as DuckDB INTEGER


class CellError(ValueError):
    """A cell that does not fit its column. ``message`` is ready for the problem report."""

    def __init__(self, th: str, en: str, found: Any) -> None:
        self.th = th
        self.en = en
        self.found = found
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f'{self.th} / {self.en} (found "{show(self.found)}")'


def show(raw: Any) -> str:
    """A raw cell as a person would read it in a message."""
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def arabic(text: str) -> str:
    """Thai digits ๐–๙ folded to 0–9 (pythainlp), other characters kept."""
    return thai_digit_to_arabic_digit(text)


def _text(raw: Any) -> str:
    """A non-blank cell as trimmed text with Arabic digits; whole floats lose their ``.0``."""
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()
    return arabic(str(raw)).strip()


# --- identifiers and codes -------------------------------------------------------------------


def parse_id(raw: Any) -> str:
    """An identifier such as ``HH-30170101-01``: trimmed, Thai digits folded, zeros kept."""
    text = " ".join(_text(raw).split())
    if not text:
        raise CellError("ต้องมีรหัส", "an identifier is required", raw)
    return text


def _digits_code(raw: Any, length: int, th: str, en: str) -> str:
    text = re.sub(r"[\s\-]", "", _text(raw))
    if not (text.isascii() and text.isdigit() and len(text) == length):
        raise CellError(th, en, raw)
    return text


def parse_village_code(raw: Any) -> str:
    """Village code, 8 digits CCAATTMM (province, district, tambon, หมู่ที่)."""
    n = PLACE_CODE_DIGITS["village"]
    return _digits_code(
        raw,
        n,
        f"รหัสหมู่บ้านต้องเป็นตัวเลข {n} หลัก (จังหวัด อำเภอ ตำบล หมู่ที่)",
        f"village_code must be {n} digits CCAATTMM",
    )


def parse_district_code(raw: Any) -> str:
    """District (อำเภอ) code, 4 digits CCAA."""
    n = PLACE_CODE_DIGITS["district"]
    return _digits_code(raw, n, f"รหัสอำเภอต้องเป็นตัวเลข {n} หลัก", f"district_code must be {n} digits CCAA")


def national_id_checksum_ok(digits: str) -> bool:
    """DOPA check digit: (11 − Σ_{i=1..12} d_i·(14−i) mod 11) mod 10; first digit not 0 or 9."""
    if len(digits) != 13 or not (digits.isascii() and digits.isdigit()) or digits[0] in "09":
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def parse_national_id(raw: Any) -> str:
    """Thai national ID, 13 digits (dashes and spaces allowed), checked with its check digit."""
    text = re.sub(r"[\s\-]", "", _text(raw))
    if not national_id_checksum_ok(text):
        raise CellError(
            "เลขบัตรประชาชนต้องมี 13 หลักและเลขตรวจสอบถูกต้อง",
            "national_id must be 13 digits with a valid check digit",
            mask_national_id(_text(raw)),  # personal data: never echoed in full
        )
    return text


def parse_phone(raw: Any) -> str:
    """Phone number: digits and an optional leading +; dashes and spaces dropped."""
    text = re.sub(r"[\s\-().]", "", _text(raw))
    if not re.fullmatch(r"\+?\d{6,15}", text):
        raise CellError("โทรศัพท์ต้องเป็นตัวเลข 6–15 หลัก", "phone must be 6–15 digits", mask_phone(_text(raw)))
    return text


# --- numbers ---------------------------------------------------------------------------------


def parse_number(raw: Any) -> float:
    """A number, with thousands separators, a trailing บาท or ฿, and Thai digits allowed."""
    if isinstance(raw, bool):
        raise CellError("ต้องเป็นตัวเลข", "a number is expected", raw)
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = _text(raw).replace(",", "").replace(" ", "").replace("\u00a0", "")
        text = re.sub(r"(บาท|฿)$", "", text).lstrip("฿")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise CellError("ต้องเป็นตัวเลข", "a number is expected", raw)
        value = float(text)
    if not math.isfinite(value):
        raise CellError("ต้องเป็นตัวเลข", "a number is expected", raw)
    return value


def parse_int(raw: Any) -> int:
    """A whole number (``3``, ``๓``, ``3.0`` from Excel)."""
    try:
        value = parse_number(raw)
    except CellError:
        raise CellError("ต้องเป็นจำนวนเต็ม", "a whole number is expected", raw) from None
    if not value.is_integer() or abs(value) > INT_LIMIT:
        raise CellError("ต้องเป็นจำนวนเต็ม", "a whole number is expected", raw)
    return int(value)


def parse_money(raw: Any) -> float:
    """An amount in baht, not negative (``12,500``, ``12,500 บาท``, ``๑๒,๕๐๐``)."""
    try:
        value = parse_number(raw)
    except CellError:
        raise CellError(
            "ต้องเป็นจำนวนเงิน (บาท) ไม่ติดลบ", "an amount in baht, not negative, is expected", raw
        ) from None
    if value < 0:
        raise CellError("จำนวนเงินต้องไม่ติดลบ", "an amount must not be negative", raw)
    return value


def parse_coordinate(raw: Any, *, axis: str) -> float:
    """Latitude or longitude in decimal degrees, inside Thailand."""
    low, high = LAT_RANGE if axis == "lat" else LON_RANGE
    th_axis = "ละติจูด" if axis == "lat" else "ลองจิจูด"
    th = f"{th_axis}ต้องอยู่ในประเทศไทย ({low}–{high})"
    en = f"{axis} must lie in Thailand ({low}–{high})"
    try:
        value = parse_number(raw)
    except CellError:
        raise CellError(th, en, raw) from None
    if not low <= value <= high:
        raise CellError(th, en, raw)
    return value


def parse_fiscal_year(raw: Any, name: str = "fiscal_year") -> int:
    """Fiscal year, BE (2560) or CE (2017); returned as BE. ``name``: the column, for the message
    (another year column of that kind, such as ``roster.roster_year``, is a year, not a fiscal year)."""
    th, en = "ปีงบประมาณต้องเป็น พ.ศ. หรือ ค.ศ. 4 หลัก", "fiscal_year must be a 4-digit BE or CE year"
    if name != "fiscal_year":
        th, en = "ปีต้องเป็น พ.ศ. หรือ ค.ศ. 4 หลัก", f"{name} must be a 4-digit BE or CE year"
    try:
        year = parse_int(raw)
    except CellError:
        raise CellError(th, en, raw) from None
    if year < BE_THRESHOLD:
        year += BE_OFFSET
    if not YEAR_RANGE[0] + BE_OFFSET <= year <= YEAR_RANGE[1] + BE_OFFSET:
        raise CellError(th, en, raw)
    return year


# --- dates -----------------------------------------------------------------------------------

_DATE_TH = "วันที่ต้องเป็น วว/ดด/ปปปป, ปปปป-ดด-วว หรือ 25 มี.ค. 2560"
_DATE_EN = "a date is expected as dd/mm/yyyy, yyyy-mm-dd or 25 มี.ค. 2560"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
# Linear: the month is one or two words of non-digits split by single spaces (text is already
# squeezed), so no two quantifiers can share characters; typed text is capped before matching.
_THAI = re.compile(r"(\d{1,2}) ?([^\d ]+(?: [^\d ]+)?) ?(\d{2}|\d{4})")
DATE_MAX_CHARS = 40  # longer is never a date ("วันที่ 25 กันยายน พ.ศ. 2560" is 26)
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Words that may surround a Thai date: "วันที่ 25 มีนาคม พ.ศ. 2560".
_THAI_NOISE = re.compile(r"^วันที่\s*|พ\.\s?ศ\.|ค\.\s?ศ\.")


def _month_names() -> dict[str, str]:
    """Every accepted spelling of a Thai month (full, abbreviated, without dots) -> full name."""
    names: dict[str, str] = {}
    for full, abbr in zip(thai_full_months, thai_abbr_months, strict=True):
        for spelling in (full, abbr, abbr.replace(".", "")):
            names[spelling] = full
    return names


_MONTHS = _month_names()


def _ce_year(year: int, *, two_digits: bool = False) -> int:
    """CE year from what was typed: two digits are BE (๖๐ → 2560), 2400 or more is BE."""
    if two_digits:
        year += 2500
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


class ImpossibleDate(CellError):
    """A real day and month that never meet ("31 February"): named as such, nothing to echo."""

    @property
    def message(self) -> str:
        return f"{self.th} / {self.en}"


def _make_date(year: int, month: int, day: int, raw: Any) -> dt.date:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise CellError(_DATE_TH, _DATE_EN, raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 1 <= day <= 31:
            be = year + BE_OFFSET
            raise ImpossibleDate(
                f"ไม่มีวันที่ {day} {thai_full_months[month - 1]} {be}",
                f"there is no {day} {_EN_MONTHS[month - 1]} {be}",
                raw,
            ) from None
        raise CellError(_DATE_TH, _DATE_EN, raw) from None


def parse_date(raw: Any) -> dt.date:
    """A date in any form officers use; BE years become CE before the date is built.

    Accepts real Excel date cells (BE years included), ``yyyy-mm-dd``, ``dd/mm/yyyy`` and Thai
    month names full or abbreviated (``25 มีนาคม 2560``, ``25 มี.ค. 2560``, ``๒๕ มี.ค. ๖๐``).
    """
    if isinstance(raw, dt.datetime | dt.date):
        return _make_date(_ce_year(raw.year), raw.month, raw.day, raw)
    if isinstance(raw, bool | int | float):
        raise CellError(_DATE_TH, _DATE_EN, raw)
    text = " ".join(_text(raw).split())
    if len(text) > DATE_MAX_CHARS:
        raise CellError(_DATE_TH, _DATE_EN, text[:DATE_MAX_CHARS] + "…")
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        return _make_date(_ce_year(year), month, day, raw)
    if m := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
        return _make_date(_ce_year(year), month, day, raw)
    return _parse_thai_date(" ".join(_THAI_NOISE.sub(" ", text).split()), raw)


def _parse_thai_date(text: str, raw: Any) -> dt.date:
    m = _THAI.fullmatch(text)
    if not m:
        raise CellError(_DATE_TH, _DATE_EN, raw)
    day_text, month_text, year_text = m.groups()
    month = _MONTHS.get(month_text.replace(" ", ""))
    if month is None:
        raise CellError(_DATE_TH, _DATE_EN, raw)
    year = _ce_year(int(year_text), two_digits=len(year_text) == 2)
    return _make_date(year, thai_full_months.index(month) + 1, int(day_text), raw)


# --- yes/no, coded values, lists -------------------------------------------------------------

_YES = frozenset(fold(w) for w in YES_WORDS)
_NO = frozenset(fold(w) for w in NO_WORDS)


def parse_bool(raw: Any) -> bool:
    """Yes/no: ใช่ มี yes y true 1 ✓ / ไม่ใช่ ไม่มี no n false 0 (Excel TRUE/FALSE too)."""
    if isinstance(raw, bool):
        return raw
    key = fold(_text(raw))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError("ต้องเป็น ใช่/ไม่ใช่ (มี/ไม่มี)", "yes/no is expected (ใช่/ไม่ใช่, yes/no, 1/0)", raw)


def _domain_lookup(domain: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, words in DOMAINS[domain].items():
        for word in (code, *words):
            lookup[fold(arabic(word))] = code
    return lookup


_LOOKUPS = {domain: _domain_lookup(domain) for domain in DOMAINS}


def lookup_words(domain: str) -> dict[str, str]:
    """Every accepted spelling (folded, Arabic digits) of a domain's codes -> the code."""
    return dict(_LOOKUPS[domain])


def parse_enum(raw: Any, domain: str) -> str:
    """A coded value: the English code or one of its Thai words, any case, spaces ignored."""
    code = _LOOKUPS[domain].get(fold(_text(raw)))
    if code is None:
        words = ", ".join("/".join(w) for w in DOMAINS[domain].values())
        codes = ", ".join(DOMAINS[domain])
        raise CellError(f"ไม่รู้จักค่านี้ ใช้ได้: {words}", f"unknown value; expected one of {codes}", raw)
    return code


def parse_list(raw: Any) -> list[str]:
    """A list separated by ``;`` or ``,`` (also the Thai-keyboard ``、``), blanks dropped."""
    items = [" ".join(part.split()) for part in re.split(r"[;,、]", str(raw))]
    return [item for item in items if item]


def parse_text(raw: Any) -> str:
    """Names and notes, trimmed, inner runs of spaces collapsed, digits kept as typed."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return " ".join(str(raw).split())


# --- one entry point -------------------------------------------------------------------------


def parse_cell(column: Column, raw: Any) -> Any:
    """The clean value of ``raw`` for ``column``; ``None`` for a blank cell.

    Checks the column's own range (``min_value``/``max_value``) but not whether a required
    cell is blank: the caller knows the row and reports that.
    """
    if is_blank(raw):
        return None
    bounds = _bounds(column)
    if bounds is None:
        return _PARSERS[column.kind](raw, column)
    th = f"{column.label_th}ต้องเป็นจำนวนเต็ม {bounds}"
    en = f"{column.name} must be a whole number {bounds}"
    try:
        value = _PARSERS[column.kind](raw, column)
    except CellError:
        raise CellError(th, en, raw) from None
    low, high = column.min_value, column.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        raise CellError(th, en, raw)
    return value


def _bounds(column: Column) -> str | None:
    """``1–5``, ``≥ 1`` or ``≤ 9`` for a column with a range, else ``None``."""
    low, high = column.min_value, column.max_value
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"≥ {low:g}"
    if high is not None:
        return f"≤ {high:g}"
    return None


_PARSERS: dict[str, Any] = {
    "id": lambda raw, col: parse_id(raw),
    "village_code": lambda raw, col: parse_village_code(raw),
    "district_code": lambda raw, col: parse_district_code(raw),
    "text": lambda raw, col: parse_text(raw),
    "int": lambda raw, col: parse_int(raw),
    "money": lambda raw, col: parse_money(raw),
    "lat": lambda raw, col: parse_coordinate(raw, axis="lat"),
    "lon": lambda raw, col: parse_coordinate(raw, axis="lon"),
    "date": lambda raw, col: parse_date(raw),
    "bool": lambda raw, col: parse_bool(raw),
    "enum": lambda raw, col: parse_enum(raw, col.domain),
    "list": lambda raw, col: parse_list(raw),
    "fiscal_year": lambda raw, col: parse_fiscal_year(raw, col.name),
    "national_id": lambda raw, col: parse_national_id(raw),
    "phone": lambda raw, col: parse_phone(raw),
}
