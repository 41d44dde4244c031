"""Masking of personal data (PDPA): names, national IDs and phone numbers.

Every metric output that lists people masks them unless the caller passes ``reveal=True``.
"""

from __future__ import annotations

import re

import pandas as pd

MASK = "***"
PERSONAL_COLUMNS = {
    "head_name": "name",
    "name": "name",
    "officer_name": "name",
    "national_id": "national_id",
    "phone": "phone",
}


def mask_name(name: str | None) -> str | None:
    """``สมชาย ใจดี`` → ``สมชาย ใ***``: the first name stays, the rest keeps one letter."""
    if name is None or not str(name).strip():
        return name
    first, *rest = str(name).split()
    if not rest:
        return first[0] + MASK
    return f"{first} {rest[0][0]}{MASK}"


def mask_national_id(value: str | None) -> str | None:
    """``3100600445635`` → ``x-xxxx-xxxxx-63-5``: only the last three digits show."""
    if value is None or not str(value).strip():
        return value
    digits = re.sub(r"\D", "", str(value))
    if len(digits) != 13:
        return "x" * len(digits)
    return f"x-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"


def mask_phone(value: str | None) -> str | None:
    """``0811111111`` → ``xxx-xxx-1111``: only the last four digits show."""
    if value is None or not str(value).strip():
        return value
    digits = re.sub(r"\D", "", str(value))
    return f"xxx-xxx-{digits[-4:]}" if len(digits) > 4 else "x" * len(digits)


_MASKERS = {"name": mask_name, "national_id": mask_national_id, "phone": mask_phone}


def mask_frame(frame: pd.DataFrame, *, reveal: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` with its personal columns masked (unchanged if ``reveal``)."""
    if reveal:
        return frame
    out = frame.copy()
    for column, kind in PERSONAL_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(_MASKERS[kind], na_action="ignore")
    return out
