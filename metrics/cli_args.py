"""Argument types shared by the command lines of ``metrics`` and ``reports``: a place code of a
fixed length, the as-of date and the fiscal year, each read by the same parser as the dashboard
and the import, and each refused with argparse's usage error (exit code 2).

They live here rather than in ``common`` because the fiscal year and the place codes are read
by :mod:`data_loaders.check.normalise`, which ``common`` may not import."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from common.params import parse_as_of
from common.safe_text import clip
from data_loaders.check.normalise import CellError, arabic, parse_fiscal_year


def place_code(length: int, name: str) -> Callable[[str], str]:
    """The type of option ``name``: a place code of ``length`` digits (Thai digits accepted)."""

    def parse(text: str) -> str:
        value = arabic(text).strip()
        if not (value.isdigit() and len(value) == length):
            msg = f"{name} must be {length} digits (found {text!r})"
            raise argparse.ArgumentTypeError(msg)
        return value

    return parse


def as_of(text: str) -> dt.date:
    """The as-of date, read by the same linear-time parser as the dashboard's URL and text box."""
    value = parse_as_of(text)
    if value is None:
        msg = f"อ่านวันที่ไม่ได้ / not a date: {clip(text)!r} (e.g. 2560-05-15, 15/5/2560, 15 พ.ค. 2560)"
        raise argparse.ArgumentTypeError(msg)
    return value


def fiscal_year(text: str) -> int:
    """The fiscal year, BE (2560) or CE (2017), returned as BE."""
    try:
        return parse_fiscal_year(text)
    except CellError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def data_version(text: str) -> int:
    """A data version: a whole number from 1 (``python -m metrics versions`` lists them)."""
    value = arabic(text).strip()
    if not (value.isdigit() and int(value) >= 1):
        msg = f"--version ต้องเป็นเลขรุ่น 1, 2, 3… / must be a data version 1, 2, 3… (found {clip(text)!r})"
        raise argparse.ArgumentTypeError(msg)
    return int(value)


def add_version(cmd: argparse.ArgumentParser) -> None:
    """``--version N``: the data as it was when import N was the latest
    (``data_loaders.store.layout.open_store(db, version)``); the one option every command adds."""
    cmd.add_argument(
        "--version",
        type=data_version,
        default=None,
        help="ข้อมูลรุ่นที่ N (ตามที่เคยรายงาน) / the data as it was when version N was the latest "
        "(see python -m metrics versions); default: the latest",
    )
