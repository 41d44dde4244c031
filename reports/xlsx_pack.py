"""The tables behind the meeting pack as one Excel workbook, one sheet per table.

Headers are in the pack's language; numbers stay numbers with a number format (thousands,
percent, points), dates are written in the house form (Buddhist era in Thai). Every text cell
goes through :func:`common.export.neutralise` and is stored as a string, never a formula.
"""

from __future__ import annotations

import io
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from common.export import neutralise, sheet_title
from common.formats import EXCEL_FORMATS, excel_format, format_value, header_unit
from figures import fonts
from reports.data import EVALUATION_TABLES, Pack, Table, kpi_changes_table
from reports.progress import Progress, report

HEADER_FILL = PatternFill("solid", fgColor="1F6F8B")
FONT = fonts.FAMILY


def _missing(value: Any) -> bool:
    return (
        value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    )


def _write_text(cell, value: str, *, bold: bool = False, colour: str | None = None) -> None:
    cell.value = neutralise(value)
    cell.data_type = "s"
    cell.font = Font(name=FONT, bold=bold, color=colour)


def _sheet(wb: Workbook, table: Table, pack: Pack, used: set[str]) -> None:
    ws = wb.create_sheet(sheet_title(pack.t(f"sheet.{table.key}"), taken=used))
    _write_text(ws.cell(1, 1), table.title, bold=True)
    _write_text(ws.cell(2, 1), f"{pack.scope_line} {table.note}".strip())
    for j, header in enumerate(table.headers, start=1):
        cell = ws.cell(4, j)
        fmt = table.formats[j - 1]
        _write_text(
            cell,
            header_unit(header, fmt, pack.lang) if fmt == "points" else header,
            bold=True,
            colour="FFFFFF",
        )
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) + 2 for h in table.headers]
    for i, row in enumerate(table.rows, start=5):
        for j, (value, fmt) in enumerate(zip(row, table.formats, strict=True), start=1):
            cell = ws.cell(i, j)
            if _missing(value):
                continue
            shown = format_value(value, fmt, pack.lang)
            if (
                fmt in EXCEL_FORMATS
                and isinstance(value, numbers.Real)
                and not isinstance(value, bool | np.bool_)
            ):
                cell.value = (
                    float(value) * 100
                    if fmt == "points"
                    else value.item()
                    if hasattr(value, "item")
                    else value
                )
                cell.number_format = excel_format(value, fmt)
                cell.font = Font(name=FONT)
            else:
                _write_text(cell, shown)
            widths[j - 1] = max(widths[j - 1], min(len(str(shown)) + 2, 60))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(8, w)
    ws.freeze_panes = "A5"


def build_xlsx(pack: Pack, *, progress: Progress | None = None, only: tuple[str, ...] | None = None) -> bytes:
    """The workbook for ``pack`` as .xlsx bytes; ``progress`` hears each sheet (phase ``xlsx``).
    ``only``: the keys of the tables to write (``("followups",)``: the follow-up list alone)."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    tables = [pack.tables["kpis"], kpi_changes_table(pack)] + [
        pack.tables[key]
        for key in ("changes", "progress", "income", "trainers", "groups", "networks", "followups", "ranking")
    ]
    tables += [pack.tables[key] for key in EVALUATION_TABLES if key in pack.tables]
    if only is not None:
        tables = [t for t in tables if t.key in only]
    for i, table in enumerate(tables):
        report(progress, i / len(tables), "xlsx")
        _sheet(wb, table, pack, used)
    out = io.BytesIO()
    wb.save(out)
    report(progress, 1.0, "xlsx")
    return out.getvalue()
