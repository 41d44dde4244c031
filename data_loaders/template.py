"""The empty Excel template officers fill in: Thai sheet names and headers, one example row per
sheet. The example rows come from the bundled sample data and belong together (one village, its
officer, a trainer, a household, ...), so the template itself validates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from data_loaders.normalise import parse_cell
from data_loaders.schema import DOMAINS, TABLES, Table
from data_loaders.settings import SAMPLE_DIR


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _first(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    for row in rows:
        if all(row.get(k) == v for k, v in match.items()):
            return row
    return rows[0]


def example_rows(folder: Path = SAMPLE_DIR) -> dict[str, dict[str, str]]:
    """One related example row per table, taken from the sample data."""
    leads = {r["village_code"] for r in _rows(folder, "trainers") if r["role"] == "lead"}
    linked = {r["group_id"] for r in _rows(folder, "network_links")}
    groups = [g for g in _rows(folder, "groups") if g["group_id"] in linked and g["village_code"] in leads]
    group = groups[0]
    code = group["village_code"]
    village = _first(_rows(folder, "villages"), village_code=code)
    member = _first(_rows(folder, "group_members"), group_id=group["group_id"])
    household = _first(_rows(folder, "households"), household_id=member["household_id"])
    return {
        "officers": _first(_rows(folder, "officers"), officer_id=village["officer_id"]),
        "villages": village,
        "trainers": _first(_rows(folder, "trainers"), village_code=code, role="lead"),
        "households": household,
        "income_surveys": _first(_rows(folder, "income_surveys"), household_id=household["household_id"]),
        "training_days": _first(_rows(folder, "training_days"), village_code=code),
        "attendance": _first(
            _rows(folder, "attendance"), village_code=code, household_id=household["household_id"]
        ),
        "groups": group,
        "group_members": member,
        "network_links": _first(_rows(folder, "network_links"), group_id=group["group_id"]),
        "plans": _first(_rows(folder, "plans"), village_code=code),
        "reports": _first(_rows(folder, "reports"), village_code=code),
    }


def _officer_style(table: Table, row: dict[str, str]) -> list[Any]:
    """The example as an officer would type it: Thai coded words, ใช่/ไม่ใช่, BE dates."""
    out: list[Any] = []
    for column in table.columns:
        raw = row.get(column.name, "")
        value = parse_cell(column, raw) if raw else None
        if value is None:
            out.append(None)
        elif column.kind == "enum" and column.domain:
            out.append(DOMAINS[column.domain][value][0])
        elif column.kind == "bool":
            out.append("ใช่" if value else "ไม่ใช่")
        elif column.kind == "date" and isinstance(value, dt.date):
            out.append(f"{value.day:02d}/{value.month:02d}/{value.year + 543}")
        elif column.kind == "list":
            out.append("; ".join(value))
        else:
            out.append(raw)
    return out


def build_template(folder: Path = SAMPLE_DIR) -> bytes:
    """The template workbook as .xlsx bytes."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    examples = example_rows(folder)
    book = openpyxl.Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for table in TABLES:
        sheet = book.create_sheet(table.sheet_aliases[0])
        sheet.append([c.label_th for c in table.columns])
        sheet.append(_officer_style(table, examples[table.name]))
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font, cell.fill = bold, fill
            sheet.column_dimensions[cell.column_letter].width = max(14, len(column.label_th) + 6)
            if column.kind in ("id", "village_code", "district_code", "national_id", "phone"):
                sheet.cell(row=2, column=index).number_format = "@"  # keep leading zeros
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
