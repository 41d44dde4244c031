"""The empty Excel template officers fill in.

A first sheet of instructions (Thai, then English), then one sheet per table with Thai sheet
names and headers, one example row each and drop-down lists for coded values (data
validation). The example rows are fictional and belong together (one village, its officer, a
trainer, a household, ...): province code 99 does not exist, so they can never match, and so
never replace, a real village's rows. The loader refuses them unchanged
(:func:`is_template_example`). No example holds personal data: the national ID and the phone
number are shown masked.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from common.formats import BE_OFFSET
from data_loaders.contract.schema import DOMAINS, NO_WORDS, TABLES, YES_WORDS, Column, Table

INSTRUCTIONS_SHEET = "คำแนะนำ"
# Province 99 does not exist (DOPA codes end at 96), so this village code matches no village.
TEMPLATE_EXAMPLE_VILLAGE = "99010101"
TEMPLATE_EXAMPLE_DISTRICT = TEMPLATE_EXAMPLE_VILLAGE[:4]
VALIDATION_ROWS = 2_000  # rows below the header that get the drop-down lists

_V = TEMPLATE_EXAMPLE_VILLAGE
EXAMPLES: dict[str, dict[str, str]] = {
    "officers": {
        "officer_id": "EX-O1",
        "name": "ตัวอย่าง พัฒนากร",
        "position": "นักวิชาการพัฒนาชุมชน",
        "district_code": TEMPLATE_EXAMPLE_DISTRICT,
    },
    "villages": {
        "village_code": _V,
        "village_name": "บ้านตัวอย่าง",
        "moo": "1",
        "tambon_name": "ตำบลตัวอย่าง",
        "district_name": "อำเภอตัวอย่าง",
        "province_name": "จังหวัดตัวอย่าง",
        "lat": "15.00000",
        "lon": "102.00000",
        "fiscal_year": "2560",
        "officer_id": "EX-O1",
    },
    "trainers": {
        "trainer_id": "EX-T1",
        "name": "ตัวอย่าง ปราชญ์",
        "village_code": _V,
        "role": "lead",
        "skills": "จักสาน; ทอผ้า",
        "phone": "08x-xxx-xxxx",
    },
    "households": {
        "household_id": "EX-H1",
        "village_code": _V,
        "head_name": "ตัวอย่าง ครัวเรือน",
        "national_id": "x-xxxx-xxxxx-xx-x",
        "members": "4",
        "occupation": "จักสาน",
    },
    "income_surveys": {
        "household_id": "EX-H1",
        "round": "baseline",
        "survey_date": "2017-04-17",
        "household_income": "72000",
        "occupation_income": "",
        "practising": "",
    },
    "training_days": {"village_code": _V, "day": "1", "date": "2017-05-01", "activity": "knowledge"},
    "attendance": {"village_code": _V, "day": "1", "household_id": "EX-H1", "attended": "yes"},
    "groups": {
        "group_id": "EX-G1",
        "village_code": _V,
        "group_name": "กลุ่มจักสานบ้านตัวอย่าง",
        "occupation": "จักสาน",
        "founded_on": "2017-06-16",
        "has_committee": "yes",
        "has_rules": "yes",
        "fund_baht": "41000",
        "has_activities": "yes",
    },
    "group_members": {"group_id": "EX-G1", "household_id": "EX-H1"},
    "network_links": {
        "link_id": "EX-L1",
        "group_id": "EX-G1",
        "network": "otop",
        "partner_name": "ภาคีตัวอย่าง",
        "since": "2017-09-10",
        "sales_baht": "12000",
    },
    "plans": {"village_code": _V, "stage": "team", "due_date": "2017-01-12"},
    "reports": {
        "report_id": "EX-R1",
        "officer_id": "EX-O1",
        "village_code": _V,
        "reported_on": "2017-02-01",
        "channel": "line",
        "note": "ตัวอย่างหมายเหตุ",
    },
    "roster": {
        "village_code": _V,
        "roster_year": "2560",
        "household_id": "EX-H1",
        "members": "4",
        "annual_income": "72000",
    },
}

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("แบบฟอร์มนำเข้าข้อมูลสัมมาชีพชุมชน", "Sammachip Chumchon import template"),
    ("", ""),
    (
        "1. ลบแถวตัวอย่าง (แถวที่ 2 ของทุกชีต) ก่อนกรอกข้อมูลจริง แถวตัวอย่างใช้รหัสจังหวัด 99 ซึ่งไม่มีอยู่จริง "
        "ระบบจะไม่นำเข้าแถวเหล่านี้",
        "1. Delete the example rows (row 2 of every sheet) before entering real data. They use the "
        "province code 99, which does not exist, and are refused on import.",
    ),
    (
        "2. ห้ามเปลี่ยนชื่อชีตหรือหัวคอลัมน์ ชีตที่ชื่อไม่ตรงจะถูกข้ามไป",
        "2. Do not rename sheets or column headers; a sheet with another name is skipped.",
    ),
    (
        "3. คอลัมน์ที่มีรายการให้เลือก (ลูกศรในเซลล์) ให้เลือกจากรายการ",
        "3. Where a cell has a drop-down arrow, pick a value from its list.",
    ),
    (
        "4. รหัสหมู่บ้าน 8 หลัก (จังหวัด อำเภอ ตำบล หมู่) วันที่เป็น วว/ดด/ปปปป พ.ศ. เช่น 01/05/2560",
        "4. Village codes have 8 digits (province, district, tambon, village); dates are dd/mm/yyyy "
        "in the Buddhist era, e.g. 01/05/2560.",
    ),
    (
        "5. ชีตที่ไม่ได้ส่ง ข้อมูลของตารางนั้นในระบบจะไม่เปลี่ยน ชีตที่ส่ง จะแทนที่ข้อมูลของหมู่บ้านในไฟล์ทั้งหมด",
        "5. A table without a sheet is not changed; a sheet that is sent replaces that table's rows "
        "for the villages in the file.",
    ),
    (
        "6. เลขบัตรประชาชนและโทรศัพท์เป็นข้อมูลส่วนบุคคล ระบบแสดงแบบปิดบังเสมอ (ตัวอย่างในแบบฟอร์มปิดบังไว้แล้ว)",
        "6. National ID and phone numbers are personal data and are always shown masked (the examples "
        "here are masked).",
    ),
    (
        "7. บันทึกเป็น .xlsx จาก Excel (ไม่ใส่รหัสผ่าน) หรือส่งเป็น ZIP ของไฟล์ CSV UTF-8 หนึ่งไฟล์ต่อชีต",
        "7. Save as .xlsx from Excel (no password), or send a ZIP of CSV UTF-8 files, one per sheet.",
    ),
)


def is_template_example(village_code: object) -> bool:
    """Whether a village code is the template's fictional example village."""
    return isinstance(village_code, str) and village_code.strip() == TEMPLATE_EXAMPLE_VILLAGE


def is_template_example_district(district_code: object) -> bool:
    """Whether a district code is the template example officer's fictional district."""
    return isinstance(district_code, str) and district_code.strip() == TEMPLATE_EXAMPLE_DISTRICT


def template_example_message() -> str:
    return (
        f"แถวตัวอย่างของแม่แบบ (รหัส {TEMPLATE_EXAMPLE_VILLAGE} จังหวัด 99 ไม่มีอยู่จริง) ลบออกก่อนนำเข้า / "
        f"these are the template's example rows (code {TEMPLATE_EXAMPLE_VILLAGE}, province 99 does not exist); "
        f"delete them before importing"
    )


def _officer_style(table: Table, row: dict[str, str]) -> list[Any]:
    """The example as an officer would type it: Thai coded words, ใช่/ไม่ใช่, BE dates. The
    examples are written in the stored form (codes, ``yes``, ISO dates), so no parser is
    needed here; a test checks that the checker reads the template's rows back."""
    out: list[Any] = []
    for column in table.columns:
        raw = row.get(column.name, "")
        if column.kind in ("national_id", "phone"):
            out.append(raw or None)  # masked on purpose: not a parseable value
            continue
        if not raw:
            out.append(None)
        elif column.kind == "enum" and column.domain:
            out.append(DOMAINS[column.domain][raw][0])
        elif column.kind == "bool":
            out.append(YES_WORDS[0] if raw in YES_WORDS else NO_WORDS[0])
        elif column.kind == "date":
            day = dt.date.fromisoformat(raw)
            out.append(f"{day.day:02d}/{day.month:02d}/{day.year + BE_OFFSET}")
        else:
            out.append(raw)
    return out


def choices(column: Column) -> tuple[str, ...]:
    """The values a drop-down list offers for a coded column (empty: no list)."""
    if column.kind == "enum" and column.domain:
        return tuple(words[0] for words in DOMAINS[column.domain].values())
    if column.kind == "bool":
        return (YES_WORDS[0], NO_WORDS[0])
    return ()


def build_template() -> bytes:
    """The template workbook as .xlsx bytes."""
    import openpyxl  # deferred: openpyxl takes 0.4 s to import
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    guide = book.active
    guide.title = INSTRUCTIONS_SHEET
    for thai, english in INSTRUCTIONS:
        guide.append([thai, english])
    guide["A1"].font = guide["B1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = guide.column_dimensions["B"].width = 80
    for row in guide.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    example_fill = PatternFill("solid", fgColor="FFF2CC")
    for table in TABLES:
        sheet = book.create_sheet(table.sheet_aliases[0])
        sheet.append([c.label_th for c in table.columns])
        sheet.append(_officer_style(table, EXAMPLES[table.name]))
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font, cell.fill = bold, fill
            sheet.column_dimensions[cell.column_letter].width = max(14, len(column.label_th) + 6)
            example = sheet.cell(row=2, column=index)
            example.fill = example_fill
            if column.kind in ("id", "village_code", "district_code", "national_id", "phone"):
                example.number_format = "@"  # keep leading zeros
            options = choices(column)
            if options:
                letter = cell.column_letter
                rule = DataValidation(
                    type="list",
                    formula1='"' + ",".join(options) + '"',
                    allow_blank=not column.required,
                    errorStyle="warning",  # the codes and other accepted words still pass
                    showErrorMessage=True,
                    errorTitle="ค่าไม่อยู่ในรายการ / not in the list",
                    error="เลือกจากรายการ / pick a value from the list",
                )
                rule.add(f"{letter}2:{letter}{VALIDATION_ROWS + 1}")
                sheet.add_data_validation(rule)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
