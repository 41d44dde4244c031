"""The session's language, and thin wrappers over :mod:`common.strings` (labels) and
:mod:`common.formats` (values by unit) that fill it in.

Pages never write literal labels: they call :func:`t` with a key from :data:`STRINGS` (the
table lives in ``common/strings.toml`` so the reports share it), and never format a number
themselves: they call :func:`fmt` (or one of the ``fmt_*`` shorthands).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from common import formats, strings
from common.strings import LANGS, STRINGS

__all__ = [
    "LANGS",
    "STRINGS",
    "code_label",
    "fmt",
    "fmt_baht",
    "fmt_date",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_target",
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


def fmt(value: Any, unit: str, *, bare: bool = False, digits: int = 1) -> str:
    """``value`` by its unit token (:func:`common.formats.format_value`) in the session's language."""
    return formats.format_value(value, unit, lang(), bare=bare, digits=digits)


def fmt_target(target: Any, unit: str, direction: str) -> str:
    """An indicator's target with its direction: "≥ 85%", "≤ 4"."""
    return formats.fmt_target(target, unit, direction, lang())


def fmt_int(value: Any) -> str:
    """1,234 (thousands separators); — when missing."""
    return formats.fmt_count(value, lang())


def fmt_baht(value: Any) -> str:
    """12,500 บาท / 12,500 baht."""
    return formats.fmt_baht(value, lang())


def fmt_pct(value: Any, *, digits: int = 1, signed: bool = False) -> str:
    """A share 0–1 as a percentage: 0.123 → 12.3% (+12.3% when ``signed``)."""
    return formats.fmt_share(value, lang(), digits=digits, signed=signed)


def fmt_date(value: Any, *, long: bool = False) -> str:
    """A date: "25 มี.ค. 2560" in Thai (Buddhist era), "25 Mar 2017" in English."""
    return formats.fmt_date(value, lang(), long=long)


def fmt_month(value: Any) -> str:
    """A month: "มี.ค. 2560" / "Mar 2017"."""
    return formats.fmt_month(value, lang())
