"""URL parameters, checked before anything else touches them.

Every link can be hand-edited, so every value the dashboard reads from its URL is hostile until
it has passed :func:`check_params`: a length cap first (O(1)), then an anchored form check that
runs in linear time (fixed-length digit codes, a closed set of languages, a date read by
:func:`parse_as_of` without backtracking), then membership in the values the store knows.
A value that fails gets a Thai-first :class:`Notice` that names it (cut short, without control
or bidi characters) and says what is shown instead; it is never used, and never silently.

No Streamlit here: ``ui/filters.py`` passes the raw parameters and the known values in, and
draws the notices.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from common.formats import BE_OFFSET, PLACE_CODE_DIGITS
from common.safe_text import clip

MAX_LENGTH = 200  # characters; no parameter the dashboard writes is longer
LANGS = ("th", "en")
YEAR_RANGE = (1990, 2100)  # CE; as-of dates outside it are refused as typing mistakes


@dataclass(frozen=True, slots=True)
class Level:
    """A place level in the URL: its parameter, code length and names for messages."""

    param: str
    digits: int
    th: str
    en: str
    all_th: str
    all_en: str


LEVELS = (
    Level(
        "province", PLACE_CODE_DIGITS["province"], "จังหวัด", "province", "แสดงทุกจังหวัด", "showing all provinces"
    ),
    Level("district", PLACE_CODE_DIGITS["district"], "อำเภอ", "district", "แสดงทุกพื้นที่", "showing all areas"),
    Level("tambon", PLACE_CODE_DIGITS["tambon"], "ตำบล", "tambon", "แสดงทุกตำบล", "showing all tambons"),
    Level("village", PLACE_CODE_DIGITS["village"], "หมู่บ้าน", "village", "แสดงทุกหมู่บ้าน", "showing all villages"),
)
PARAM_NAMES = (
    "lang",
    "fy",
    "province",
    "district",
    "tambon",
    "village",
    "occupation",
    "as_of",
    "previous",
    "present",
    "version",
)


@dataclass(frozen=True, slots=True)
class Notice:
    """A URL value that was not used, and what is shown instead (Thai first, then English)."""

    param: str
    th: str
    en: str

    def text(self) -> str:
        return f"{self.th} / {self.en}"


@dataclass(frozen=True, slots=True)
class Known:
    """The values the store holds, to check codes against (empty sets: nothing is known)."""

    fiscal_years: Collection[str] = ()
    provinces: Collection[str] = ()
    districts: Collection[str] = ()
    tambons: Collection[str] = ()
    villages: Collection[str] = ()
    occupations: Collection[str] = ()

    def codes(self, level: str) -> Collection[str]:
        return {
            "province": self.provinces,
            "district": self.districts,
            "tambon": self.tambons,
            "village": self.villages,
        }[level]


@dataclass(frozen=True, slots=True)
class Checked:
    """The parameters that passed (by parameter name), and a notice for each that did not."""

    values: dict[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None
    notices: tuple[Notice, ...] = ()


def _digits(text: str, n: int) -> bool:
    """Exactly ``n`` ASCII digits (``str.isdigit`` would accept Thai and other digits)."""
    return len(text) == n and all("0" <= c <= "9" for c in text)


def _shown(value: str) -> str:
    return clip(value, limit=24) or "(ว่าง / empty)"


def check_params(raw: Mapping[str, str], *, known: Known) -> Checked:
    """Check every parameter the dashboard reads; keep the good ones, give a notice for the rest.

    ``raw`` maps parameter name to its (last) value as it came in the URL. Parameters the
    dashboard does not read are left alone. The place codes must also nest: a district is
    used only inside the province it belongs to (its first two digits), and so on down.
    """
    values: dict[str, str] = {}
    notices: list[Notice] = []
    as_of: dt.date | None = None

    def refuse(param: str, th: str, en: str) -> None:
        notices.append(Notice(param, th, en))

    for param in PARAM_NAMES:
        if param not in raw:
            continue
        value = raw[param]
        if not isinstance(value, str):
            value = str(value)
        if len(value) > MAX_LENGTH:
            refuse(
                param,
                f"ค่า {param} ยาวเกินไป ({len(value):,} ตัวอักษร) — ไม่ได้ใช้",
                f"{param} is too long ({len(value):,} characters) — ignored",
            )
            continue
        if value == "":
            continue
        if param == "lang":
            if value in LANGS:
                values[param] = value
            else:
                refuse(
                    param,
                    f"ไม่รู้จักภาษา {_shown(value)} — ใช้ภาษาไทย",
                    f"language {_shown(value)} not known — using Thai",
                )
        elif param == "fy":
            if not _digits(value, 4):
                refuse(
                    param,
                    f"ปีงบประมาณ {_shown(value)} ไม่ถูกต้อง (ต้องเป็นปี พ.ศ. 4 หลัก) — แสดงทุกปี",
                    f"fiscal year {_shown(value)} is not a 4-digit BE year — showing all years",
                )
            elif value not in known.fiscal_years:
                refuse(
                    param,
                    f"ไม่พบปีงบประมาณ {value} — แสดงทุกปี",
                    f"fiscal year {value} not found — showing all years",
                )
            else:
                values[param] = value
        elif param == "occupation":
            if value in known.occupations:
                values[param] = value
            else:
                refuse(
                    param,
                    f"ไม่พบอาชีพ {_shown(value)} — แสดงทุกอาชีพ",
                    f"occupation {_shown(value)} not found — showing all occupations",
                )
        elif param == "as_of":
            as_of = parse_as_of(value)
            if as_of is None:
                refuse(
                    param,
                    f"อ่านวันที่ {_shown(value)} ไม่ได้ — ใช้วันที่ล่าสุดของข้อมูล",
                    f"could not read the date {_shown(value)} — using the latest date in the data",
                )
            else:
                values[param] = value
        elif param == "previous":
            if parse_as_of(value) is None:
                refuse(
                    param,
                    f"อ่านวันที่ประชุมครั้งก่อน {_shown(value)} ไม่ได้ — ใช้สิ้นเดือนก่อนหน้า",
                    f"could not read the previous meeting date {_shown(value)} — using the end of the month before",
                )
            else:
                values[param] = value
        elif param == "version":  # a data version; ui/db.py checks the store has it
            if parse_version(value) is not None:
                values[param] = value
            else:
                refuse(
                    param,
                    f"รุ่นข้อมูล {_shown(value)} ไม่ถูกต้อง (ต้องเป็นเลข 1, 2, 3…) — แสดงรุ่นล่าสุด",
                    f"data version {_shown(value)} is not a number 1, 2, 3… — showing the latest",
                )
        elif param == "present":
            if value in ("0", "1"):
                values[param] = value
            else:
                refuse(
                    param,
                    f"present={_shown(value)} ไม่ถูกต้อง (ใช้ 1 หรือ 0) — ไม่ใช้โหมดนำเสนอ",
                    f"present={_shown(value)} is not 1 or 0 — projector mode off",
                )
        else:
            _check_place(param, value, known, values, refuse)
    return Checked(values=values, as_of=as_of, notices=tuple(notices))


def _instead(index: int, values: Mapping[str, str]) -> tuple[str, str]:
    """What is shown when the place at ``LEVELS[index]`` is not used: the narrowest level above
    it that was used ("แสดงทั้งจังหวัด 34" / "showing all of province 34"), else everything."""
    for parent in reversed(LEVELS[:index]):
        chosen = values.get(parent.param)
        if chosen:
            return f"แสดงทั้ง{parent.th} {chosen}", f"showing all of {parent.en} {chosen}"
    level = LEVELS[index]
    return level.all_th, level.all_en


def _check_place(param: str, value: str, known: Known, values: dict[str, str], refuse) -> None:
    index = next(i for i, lv in enumerate(LEVELS) if lv.param == param)
    level = LEVELS[index]
    # Province, district, tambon and village are checked in that order, so ``values`` already
    # holds the levels above this one that were used: the notice names what is shown instead.
    instead_th, instead_en = _instead(index, values)
    if not _digits(value, level.digits):
        refuse(
            param,
            f"รหัส{level.th} {_shown(value)} ไม่ถูกต้อง (ต้องเป็นตัวเลข {level.digits} หลัก) — {instead_th}",
            f"{level.en} {_shown(value)} is not a {level.digits}-digit code — {instead_en}",
        )
        return
    if value not in known.codes(param):
        refuse(
            param,
            f"ไม่พบรหัส{level.th} {value} — {instead_th}",
            f"{level.en} {value} not found — {instead_en}",
        )
        return
    for parent in LEVELS[:index]:
        chosen = values.get(parent.param)
        if chosen and not value.startswith(chosen):
            refuse(
                param,
                f"{level.th} {value} ไม่อยู่ใน{parent.th} {chosen} — {instead_th}",
                f"{level.en} {value} is not in {parent.en} {chosen} — {instead_en}",
            )
            return
    values[param] = value


_FILTER_NAMES = {
    "fy": ("ปีงบประมาณ", "fiscal year"),
    "occupation": ("อาชีพ", "occupation"),
    **{lv.param: (lv.th, lv.en) for lv in LEVELS},
}


def out_of_scope(param: str, value: str) -> Notice:
    """A URL value that exists but is not among the choices the other filters leave."""
    th, en = _FILTER_NAMES.get(param, (param, param))
    return Notice(
        param,
        f"{th} {_shown(value)} ไม่อยู่ในขอบเขตที่เลือก — แสดงทุก{th}ในขอบเขตนั้น",
        f"{en} {_shown(value)} is not in the selected scope — showing every {en} in it",
    )


# --- the as-of date ------------------------------------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NOISE = ("วันที่", "พ.ศ.", "พ. ศ.", "พศ", "ค.ศ.", "ค. ศ.", "คศ")
# Each pattern is anchored (fullmatch), has no nested or adjacent overlapping quantifiers, and
# is only ever run on at most MAX_DATE_LENGTH characters: linear time on any input.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_NAMED = re.compile(r"([0-9]{1,2}) ?([^0-9 ]{1,12}) ?([0-9]{4}|[0-9]{2})")
MAX_DATE_LENGTH = 40

_THAI_MONTHS = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_lookup() -> dict[str, int]:
    names: dict[str, int] = {}
    for number, (full, abbr) in enumerate(_THAI_MONTHS, start=1):
        for spelling in (full, abbr, abbr.replace(".", "")):
            names[spelling] = number
    for number, abbr in enumerate(_EN_MONTHS, start=1):
        names[abbr] = number
    for name in ("january", "february", "march", "april", "june", "july", "august", "september"):
        names[name] = _EN_MONTHS.index(name[:3]) + 1
    for name in ("october", "november", "december"):
        names[name] = _EN_MONTHS.index(name[:3]) + 1
    return names


_MONTHS = _month_lookup()


def _year(text: str) -> int:
    """CE year: two digits are BE (60 → 2560), 2400 or more is BE."""
    year = int(text)
    if len(text) == 2:
        year += 2500
    return year - BE_OFFSET if year >= 2400 else year


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_as_of(text: str) -> dt.date | None:
    """The as-of date in any form officers type, or None if it is not one.

    ``2017-03-25``, ``25/03/2560``, ``25.3.60``, ``25 มี.ค. 2560``, ``25 มีนาคม พ.ศ. 2560``,
    ``๒๕ มี.ค. ๖๐``, ``25 Mar 2017``. BE years become CE; years outside 1990–2100 CE and
    impossible days (31 February) give None. Linear in ``len(text)``: the length is capped
    before any pattern runs, and the patterns cannot backtrack.
    """
    if not isinstance(text, str) or len(text) > MAX_DATE_LENGTH * 4:
        return None
    text = " ".join(text.translate(_THAI_DIGITS).split())
    for noise in _NOISE:
        text = text.replace(noise, " ")
    text = " ".join(text.split())
    if not text or len(text) > MAX_DATE_LENGTH:
        return None
    if m := _ISO.fullmatch(text):
        return _date(_year(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        return _date(_year(m[4]), int(m[3]), int(m[1]))
    if m := _NAMED.fullmatch(text):
        month = _MONTHS.get(m[2].lower().rstrip(","))
        return None if month is None else _date(_year(m[3]), month, int(m[1]))
    return None


MAX_VERSION_DIGITS = 9


def parse_version(text: str | None) -> int | None:
    """A data version from the URL (``?version=N``): 1 to 9 ASCII digits, not 0; else None."""
    if not text or len(text) > MAX_VERSION_DIGITS or not _digits(text, len(text)):
        return None
    value = int(text)
    return value if value >= 1 else None
