"""Meeting-ready table files (CSV, XLSX), without Streamlit, so the pages and the reports share
them: headers in the reader's language, values formatted by named tokens (a share 0–1 becomes
a percentage rounded to 0.1, baht whole, dates in Buddhist-era form), the scope in words
(a first row in CSV, a second sheet in XLSX, never JSON), file names with the BE date, and
every cell through :func:`metrics.export.safe_frame`.

Numbers stay numbers (a spreadsheet can still sum them); only their rounding and unit change.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd
from pythainlp.util import thai_strftime

from metrics.export import neutralise, safe_frame

Format = Literal["text", "int", "share", "baht", "ratio", "date", "days"]
Lang = Literal["th", "en"]

# The unit each format adds to its header.
UNITS: dict[str, tuple[str, str]] = {
    "share": ("(%)", "(%)"),
    "baht": ("(บาท)", "(baht)"),
    "days": ("(วัน)", "(days)"),
}


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def be_date(value: Any, *, lang: Lang = "th") -> str:
    """A date as officers write it: "31 พ.ค. 2560" (Buddhist era) or "31 May 2017"; "" if missing."""
    if _missing(value):
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.date()
    if lang == "th":
        return thai_strftime(dt.datetime(value.year, value.month, value.day), "%-d %b %Y")
    return f"{value.day} {value.strftime('%b %Y')}"


def format_value(value: Any, fmt: Format, *, lang: Lang = "th") -> Any:
    """One cell in its format: share 0.1234 → 12.3, baht 1234.56 → 1235, ratio → 2 decimals,
    int/days → whole numbers, date → BE text; missing → None (an empty cell)."""
    if fmt == "date":
        return be_date(value, lang=lang) or None
    if _missing(value):
        return None
    if fmt == "share":
        return round(float(value) * 100, 1)
    if fmt == "ratio":
        return round(float(value), 2)
    if fmt in ("baht", "int", "days"):
        return round(float(value))
    return str(value)


def shape(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str, Format]], *, lang: Lang = "th"
) -> pd.DataFrame:
    """The columns of ``frame`` named in ``columns`` as (source column, header, format), with the
    header's unit added ("ความก้าวหน้า (%)") and each value formatted; cells neutralised."""
    out = {}
    for source, header, fmt in columns:
        unit = UNITS.get(fmt)
        label = f"{header} {unit[0 if lang == 'th' else 1]}" if unit and unit[0] not in header else header
        out[label] = [format_value(v, fmt, lang=lang) for v in frame[source]]
    shaped = pd.DataFrame(out, columns=list(out))
    for (_source, _header, fmt), label in zip(columns, shaped.columns, strict=True):
        if fmt in ("int", "days", "baht"):
            shaped[label] = shaped[label].astype("Int64")
        elif fmt in ("share", "ratio"):
            shaped[label] = shaped[label].astype("Float64")
    return safe_frame(shaped)


def file_name(stem: str, as_of: dt.date, extension: str) -> str:
    """``progress_31-07-2560.xlsx``: an ASCII stem and the as-of date in BE (day-month-year)."""
    return f"{stem}_{as_of.day:02d}-{as_of.month:02d}-{as_of.year + 543}.{extension}"


def csv_bytes(table: pd.DataFrame, scope_rows: Sequence[tuple[str, str]]) -> bytes:
    """CSV with a UTF-8 BOM (Thai opens correctly in Excel): the scope in words first (one
    "label, value" row each), a blank row, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in scope_rows:
        writer.writerow([neutralise(label), neutralise(value)])
    writer.writerow([])
    safe = safe_frame(table)
    writer.writerow(list(safe.columns))
    for row in safe.itertuples(index=False):
        writer.writerow(["" if _missing(v) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def sheet_name(title: str) -> str:
    """A title Excel accepts as a sheet name: no ``[]:*?/\\``, no edge apostrophes, ≤ 31 characters."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip().strip("'").strip()
    return cleaned[:31] or "Sheet"


def xlsx_bytes(
    sheets: dict[str, pd.DataFrame], scope_rows: Sequence[tuple[str, str]], *, scope_sheet: str
) -> bytes:
    """A workbook: one sheet per table (names cut to Excel's 31 characters), then a sheet
    ``scope_sheet`` with the scope in words. Columns are sized to their text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets.items():
            safe_frame(table).to_excel(writer, sheet_name=sheet_name(name), index=False)
        scope = pd.DataFrame([[label, value] for label, value in scope_rows])
        safe_frame(scope).to_excel(writer, sheet_name=sheet_name(scope_sheet), index=False, header=False)
        for sheet in writer.book.worksheets:
            for column in sheet.columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()
