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
SHEET_CHARS = 31


def sheet_title(name: str, *, taken: set[str] | None = None) -> str:
    """A sheet title Excel accepts for a name of ours: the one sheet-name cleaner. Each of
    ``[]:*?/\\`` becomes ``_``; edge spaces and apostrophes go (Excel refuses a title that
    begins or ends with ``'``); at most 31 characters; ``Sheet`` when nothing is left. With
    ``taken`` (the titles already in the workbook, folded to lower case: Excel compares them
    so), a taken title gets ``_2``, ``_3`` … within the 31 characters, and is added to it."""
    base = _edges(str(name).translate(_SHEET_FORBIDDEN))[:SHEET_CHARS]
    base = _edges(base) or "Sheet"
    if taken is None:
        return base
    title, n = base, 1
    while title.casefold() in taken:
        n += 1
        title = f"{base[: SHEET_CHARS - len(str(n)) - 1]}_{n}"
    taken.add(title.casefold())
    return title


def _edges(title: str) -> str:
    return title.strip().strip("'").strip()


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


def xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
    *,
    preamble: Sequence[tuple[str, str]] | None = None,
    preamble_sheet: str = "scope",
) -> bytes:
    """An Excel workbook with one sheet per frame, written cell by cell with openpyxl: the one
    XLSX writer of tables. With ``preamble`` ("label, value" rows: the scope in words), a last
    sheet ``preamble_sheet`` holds them, without a header. Columns are sized to their text.

    Text is always a text cell (``data_type`` ``"s"``), never a formula: formula-like text gets
    its apostrophe first, then the cell type is set to text. Numbers stay numbers.
    """
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=sheet_title(name, taken=taken))
        sheet.append([_cell(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_cell(v) for v in row])
    if preamble is not None:
        sheet = book.create_sheet(title=sheet_title(preamble_sheet, taken=taken))
        for label, value in preamble:
            sheet.append([_cell(label), _cell(value)])
    for sheet in book.worksheets:
        for column in sheet.iter_cols():
            for cell in column:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
