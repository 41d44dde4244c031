"""Cells that leave the dashboard: every export (CSV, XLSX, the failing-rows file, the command
line's ``--csv``, the meeting pack) passes its values through :func:`neutralise`.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
spreadsheet programs as a formula (OWASP "CSV injection"). Such text gets a leading apostrophe,
which Excel and LibreOffice show as nothing and treat as "this is text". Numbers, dates and
booleans are not text and stay as they are, so ``-1200`` as a number is still a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: formula-like text gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and text header) neutralised; numbers untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def _cell(value: Any) -> Any:
    """A value openpyxl can write: numbers, booleans and dates as themselves (numpy scalars as
    Python ones, time zones dropped), missing as an empty cell, everything else neutralised text."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
        return value
    if isinstance(value, list | tuple | np.ndarray):
        value = "; ".join(str(v) for v in value)
    return neutralise(str(value))


def cell_for_excel(value: Any) -> Any:
    """``value`` as a spreadsheet cell takes it (:func:`_cell`), for writers of their own (the
    evaluators' workbook writes row by row in openpyxl's write-only mode)."""
    return _cell(value)


# Characters Excel refuses in a sheet name, and its 31-character limit.
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_title(name: str) -> str:
    """A sheet title Excel accepts for a name of ours: neutralised like a cell, each of
    ``[]:*?/\\`` as ``_``, at most 31 characters, ``sheet`` when nothing is left."""
    return str(neutralise(str(name))).translate(_SHEET_FORBIDDEN)[:31] or "sheet"


def csv_bytes(frame: pd.DataFrame, *, preamble: Sequence[tuple[str, str]] | None = None) -> bytes:
    """CSV with a UTF-8 BOM (so Thai opens correctly in Excel), every text cell neutralised: the
    one CSV writer. With ``preamble`` ("label, value" rows: the scope in words), those rows and
    a blank row come first, then the table."""
    # CRLF, as RFC 4180 and Excel expect; it also makes the writer quote a lone CR inside a cell.
    text = safe_frame(frame).to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    if preamble is not None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for label, value in preamble:
            writer.writerow([neutralise(label), neutralise(value)])
        writer.writerow([])
        text = buffer.getvalue() + text
    return text.encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame, written cell by cell with openpyxl.

    Text is always a text cell (``data_type`` ``"s"``), never a formula: formula-like text gets
    its apostrophe first, then the cell type is set to text. Numbers stay numbers.
    """
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=sheet_title(name))
        sheet.append([_cell(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
