"""Masking of personal data (PDPA): names, national IDs and phone numbers.

Lives here, at the start of the data flow, so that validation messages can mask too; the
metrics and pages use the same functions (``metrics.privacy``).
"""

from __future__ import annotations

import re

MASK = "***"


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
        return "x" * len(digits) if digits else MASK
    return f"x-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"


def mask_phone(value: str | None) -> str | None:
    """``0811111111`` → ``xxx-xxx-1111``: only the last four digits show."""
    if value is None or not str(value).strip():
        return value
    digits = re.sub(r"\D", "", str(value))
    return f"xxx-xxx-{digits[-4:]}" if len(digits) > 4 else "x" * len(digits) if digits else MASK


# A run of 9 or more digits, each optionally after one space or dash: one digit per step, so
# the match is linear (no nested or overlapping quantifiers).
_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[ -]?\d){8,}(?!\d)")


def mask_personal_numbers(text: str) -> str:
    """``text`` with every national ID (13 digits) and phone number (0 and 8 more digits, or 9)
    masked, however it is spaced or dashed: a safety net for messages and log lines that quote
    cells (``found "3100600445635"`` → ``found "x-xxxx-xxxxx-63-5"``)."""

    def mask(found: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", found.group())
        if len(digits) == 13:
            return mask_national_id(digits) or MASK
        if digits.startswith("0") and len(digits) in (9, 10):
            return mask_phone(digits) or MASK
        return found.group()

    return _DIGIT_RUN.sub(mask, text)
