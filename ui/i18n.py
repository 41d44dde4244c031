"""The session's language, and thin wrappers over :mod:`figures.strings` that fill it in.

Pages never write literal labels: they call :func:`t` with a key from :data:`STRINGS` (the
table lives in ``figures/strings.py`` so the reports share it).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from figures import strings
from figures.strings import LANGS, STRINGS

__all__ = [
    "LANGS",
    "STRINGS",
    "code_label",
    "fmt_baht",
    "fmt_date",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "lang",
    "place",
    "t",
]


def lang() -> str:
    """The current language: ``th`` unless the user switched to English."""
    value = st.session_state.get("lang", "th")
    return value if value in LANGS else "th"


def t(key: str, **values: Any) -> str:
    """The label ``key`` in the current language, with ``{placeholders}`` filled in."""
    return strings.text(key, lang(), **values)


def code_label(prefix: str, code: str | None) -> str:
    """A coded value's label (``status.overdue`` → เลยกำหนด); the code itself if unknown."""
    return strings.code_label(prefix, code, lang())


def place(row: Any, level: str) -> str:
    """A place name in the current language from a row with ``<level>_name``/``_name_en``."""
    return strings.place(row, level, lang())


def fmt_int(value: Any) -> str:
    """1,234 (thousands separators); — when missing."""
    return strings.fmt_int(value, lang())


def fmt_baht(value: Any) -> str:
    """12,500 บาท / 12,500 baht."""
    return strings.fmt_baht(value, lang())


def fmt_pct(value: Any, *, digits: int = 1, signed: bool = False) -> str:
    """A share 0–1 as a percentage: 0.123 → 12.3% (+12.3% when ``signed``)."""
    return strings.fmt_pct(value, lang(), digits=digits, signed=signed)


def fmt_date(value: Any, *, long: bool = False) -> str:
    """A date: "25 มี.ค. 2560" in Thai (Buddhist era), "25 Mar 2017" in English."""
    return strings.fmt_date(value, lang(), long=long)


def fmt_month(value: Any) -> str:
    """A month: "มี.ค. 2560" / "Mar 2017"."""
    return strings.fmt_month(value, lang())
