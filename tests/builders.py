"""Tiny hand-made inputs for tests, written as a CSV folder or an .xlsx workbook.

``tiny()`` is a complete, valid input in canonical form. Every number in it is small enough
to check by hand; the tests that use it write their expected values next to the assertion.

Village A (30170101, ต.ชุมพวง หมู่ 1): 5 trainers incl. a lead, households H1 and H2,
  training days 1-5 (6-10 Feb 2017), group G1 (H1, H2) linked to OTOP.
Village B (30170201, ต.ประสุข หมู่ 1): 1 trainer (the lead), household H3, training day 1.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import openpyxl

from data_loaders.contract.schema import TABLES_BY_NAME

Tables = dict[str, list[list[Any]]]  # table -> [header, row, row, ...]

A, B = "30170101", "30170201"

TINY: Tables = {
    "officers": [
        ["officer_id", "name", "position", "district_code"],
        ["O1", "สมหญิง ทดสอบ", "พัฒนากร", "3017"],
    ],
    "villages": [
        [
            "village_code",
            "village_name",
            "moo",
            "tambon_name",
            "district_name",
            "province_name",
            "lat",
            "lon",
            "fiscal_year",
            "officer_id",
        ],
        [A, "บ้านสมมุติหนึ่ง", "1", "ชุมพวง", "ชุมพวง", "นครราชสีมา", "15.344", "102.750", "2560", "O1"],
        [B, "บ้านสมมุติสอง", "1", "ประสุข", "ชุมพวง", "นครราชสีมา", "15.342", "102.685", "2560", "O1"],
    ],
    "trainers": [
        ["trainer_id", "name", "village_code", "role", "skills", "phone"],
        ["T1", "ปราชญ์ หนึ่ง", A, "lead", "เพาะเห็ด;จักสาน", "0811111111"],
        ["T2", "วิทยากร สอง", A, "team", "เพาะเห็ด", ""],
        ["T3", "วิทยากร สาม", A, "team", "", ""],
        ["T4", "วิทยากร สี่", A, "team", "", ""],
        ["T5", "วิทยากร ห้า", A, "team", "", ""],
        ["T6", "ปราชญ์ หก", B, "lead", "ทอผ้า", ""],
    ],
    "households": [
        ["household_id", "village_code", "head_name", "national_id", "members", "occupation"],
        ["H1", A, "สมชาย ใจดี", "3100600445635", "4", "เพาะเห็ด"],
        ["H2", A, "สมศรี ใจงาม", "", "2", "จักสาน"],
        ["H3", B, "สมปอง ใจเย็น", "", "3", "ทอผ้า"],
    ],
    "income_surveys": [
        ["household_id", "round", "survey_date", "household_income", "occupation_income", "practising"],
        ["H1", "baseline", "2017-01-20", "60000", "", ""],
        ["H1", "post", "2017-05-01", "66000", "6000", "yes"],
        ["H2", "baseline", "2017-01-20", "0", "", ""],
        ["H2", "post", "2017-05-01", "12000", "12000", "yes"],
        ["H3", "baseline", "2017-01-21", "80000", "", ""],
    ],
    "training_days": [
        ["village_code", "day", "date", "activity"],
        [A, "1", "2017-02-06", "knowledge"],
        [A, "2", "2017-02-07", "knowledge"],
        [A, "3", "2017-02-08", "knowledge"],
        [A, "4", "2017-02-09", "study_visit"],
        [A, "5", "2017-02-10", "home_practice"],
        [B, "1", "2017-02-13", "knowledge"],
    ],
    "attendance": [
        ["village_code", "day", "household_id", "attended"],
        [A, "1", "H1", "yes"],
        [A, "1", "H2", "no"],
        [B, "1", "H3", "yes"],
    ],
    "groups": [
        [
            "group_id",
            "village_code",
            "group_name",
            "occupation",
            "founded_on",
            "has_committee",
            "has_rules",
            "fund_baht",
            "has_activities",
        ],
        ["G1", A, "กลุ่มเพาะเห็ดสมมุติ", "เพาะเห็ด", "2017-03-01", "yes", "yes", "5000", "yes"],
    ],
    "group_members": [
        ["group_id", "household_id"],
        ["G1", "H1"],
        ["G1", "H2"],
    ],
    "network_links": [
        ["link_id", "group_id", "network", "partner_name", "since", "sales_baht"],
        ["L1", "G1", "otop", "OTOP นครราชสีมา", "2017-04-01", "15000"],
    ],
    "plans": [
        ["village_code", "stage", "due_date"],
        [A, "team", "2017-01-31"],
        [B, "team", "2017-01-31"],
    ],
    "reports": [
        ["report_id", "officer_id", "village_code", "reported_on", "channel", "note"],
        ["R1", "O1", A, "2017-02-10", "line", "อบรมครบ"],
        ["R2", "O1", "", "2017-02-28", "meeting", ""],
    ],
}


def tiny(*only: str) -> Tables:
    """A deep copy of the tiny input, or only the named tables of it."""
    chosen = {k: v for k, v in TINY.items() if not only or k in only}
    return copy.deepcopy(chosen)


def set_cell(tables: Tables, table: str, row: int, column: str, value: Any) -> None:
    """Set a cell by spreadsheet row number (header = 1) and canonical column name."""
    header = tables[table][0]
    tables[table][row - 1][header.index(column)] = value


def write_csv_folder(
    folder: Path, tables: Tables, *, encoding: str = "utf-8", names: dict[str, str] | None = None
) -> Path:
    """One ``<table>.csv`` per table (or the file stem given in ``names``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        stem = (names or {}).get(table, table)
        with open(folder / f"{stem}.csv", "w", encoding=encoding, newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return folder


def write_xlsx(path: Path, tables: Tables, *, sheet_names: dict[str, str] | None = None) -> Path:
    """A workbook with one sheet per table; cells are written as given (str, int, date...)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, rows in tables.items():
        sheet = book.create_sheet((sheet_names or {}).get(table, table))
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def thai_headers(tables: Tables) -> Tables:
    """The same tables with every header replaced by its (first) Thai alias."""
    out = copy.deepcopy(tables)
    for table, rows in out.items():
        spec = TABLES_BY_NAME[table]
        rows[0] = [spec.column(h).aliases[0] for h in rows[0]]
    return out


def thai_sheet_names(tables: Tables) -> dict[str, str]:
    """Sheet names as officers type them: the first Thai name of each table."""
    return {t: TABLES_BY_NAME[t].sheet_aliases[0] for t in tables}
