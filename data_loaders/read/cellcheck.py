"""Checks of one text cell that need nothing else: blank or not, length and invisible characters.

Pure functions, linear in the length of the cell: one character class searched once, no
nested quantifiers. The same rule is given as a DuckDB (RE2) pattern, ``SQL_BAD_CHARS``, so the
set-based import can run it over a whole column:
``regexp_matches(cell, $bad)`` with ``{"bad": SQL_BAD_CHARS}`` and ``length(cell) > $max_chars``.

Refused characters:

- C0 control characters except tab, line feed and carriage return (U+0000–U+0008, U+000B,
  U+000C, U+000E–U+001F) and DEL (U+007F): invisible, and they break CSV and Excel exports;
- the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: they
  reorder what is shown, so "สมชาย" can be made to look like another name (Trojan Source);
- U+FFFD, the replacement character: the text was already damaged by a wrong decoding before
  it reached this file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from data_loaders.contract.limits import LIMITS, Limits

BLANKS = frozenset({"", "-", "–", "—"})
_BAD_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffd"
BAD_CHARS = re.compile(f"[{_BAD_CLASS}]")
SQL_BAD_CHARS = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\x{202A}-\x{202E}\x{2066}-\x{2069}\x{FFFD}]"

_NAMES = {
    "\x7f": "DELETE",
    "\ufffd": "REPLACEMENT CHARACTER",
}


def is_blank(raw: Any) -> bool:
    """Empty cell, spaces only, or a dash that officers type for "nothing"."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and raw.strip() in BLANKS


def char_label(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``; control characters have no Unicode name."""
    name = _NAMES.get(char) or unicodedata.name(char, "") or "CONTROL CHARACTER"
    return f"U+{ord(char):04X} {name}"


def first_bad_char(value: str) -> tuple[int, str] | None:
    """Position (from 1) and character of the first refused character, or None."""
    found = BAD_CHARS.search(value)
    return None if found is None else (found.start() + 1, found.group())


def bad_char_message(position: int, char: str) -> str:
    label = char_label(char)
    if char == "\ufffd":
        return (
            f"มีอักขระแทนที่ {label} ที่ตัวอักษรที่ {position} แสดงว่าข้อความเสียมาก่อนแล้ว "
            f"ให้พิมพ์ข้อความนี้ใหม่ / "
            f"contains the replacement character {label} at character {position}: the text was "
            f"already damaged; type it again"
        )
    return (
        f"มีอักขระควบคุมที่มองไม่เห็น {label} ที่ตัวอักษรที่ {position} ซึ่งทำให้ข้อความแสดงผิดหรือปลอมได้ "
        f"ให้ลบออก / "
        f"contains the invisible control character {label} at character {position}, which can "
        f"disguise the text; delete it"
    )


def cell_problem(value: object, *, limits: Limits = LIMITS) -> str | None:
    """The message for a text cell that is too long or holds a refused character, else None.

    Numbers, dates and blanks are never a problem here. Length is checked first: a cell of a
    megabyte gets one message about its length, not a search through it.
    """
    if not isinstance(value, str):
        return None
    if len(value) > limits.max_cell_chars:
        return limits.cell_too_long(length=len(value))
    bad = first_bad_char(value)
    return None if bad is None else bad_char_message(*bad)


def row_has_problem(values: list[object], *, limits: Limits = LIMITS) -> bool:
    """Whether any text cell of a row needs :func:`cell_problem`: one join and one search.

    The join uses a line feed, which is allowed, so it cannot create a match.
    """
    texts = [v for v in values if isinstance(v, str)]
    if not texts:
        return False
    if max(map(len, texts)) > limits.max_cell_chars:
        return True
    return BAD_CHARS.search("\n".join(texts)) is not None
