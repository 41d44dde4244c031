"""Check one input against the data contract, sheet by sheet and cell by cell.

This is the part of validation that needs only the file: sheet and column names, every cell's
type and range, required cells, official codes, and duplicate keys inside the file. Checks
that need the database too (references, keys owned by other villages, whole-village warnings)
run in :mod:`data_loaders.store` on the state the import would produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from data_loaders import geo
from data_loaders.normalise import CellError, parse_cell, show
from data_loaders.privacy import mask_personal_numbers
from data_loaders.reader_checks import unknown_sheet_message
from data_loaders.readers import RawInput, RawSheet
from data_loaders.schema import Column, Table, expected_sheet_names, fold, table_for_sheet
from data_loaders.template import is_template_example, is_template_example_district, template_example_message

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One line of the validation report.

    ``sheet`` is ``None`` for a CSV file (the line then has no sheet part); ``row`` and
    ``column`` are ``None`` where a problem has no single cell, shown as ``-``.
    """

    level: Level
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    table: str | None = None

    def line(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}:{self.sheet}"
        row = "-" if self.row is None else str(self.row)
        return f"{where}:{row}:{self.column or '-'}: {self.level}: {self.message}"


@dataclass(slots=True)
class TableData:
    """The clean rows of one table from the input; each row keeps its spreadsheet row number."""

    table: Table
    file: str
    sheet: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)  # canonical names + "_row"

    def at(self, row: int | None, column: str | None) -> tuple[str, str | None, int | None, str | None]:
        return self.file, self.sheet, row, column


@dataclass(slots=True)
class Dataset:
    """A checked input: its tables and every problem found so far."""

    name: str
    sha256: str
    tables: dict[str, TableData] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def add(
        self,
        level: Level,
        where: tuple[str, str | None, int | None, str | None],
        message: str,
        table: str | None = None,
    ) -> None:
        # A message may quote a shifted cell: never a full national ID or phone number.
        self.problems.append(Problem(level, *where, mask_personal_numbers(message), table))


def check_input(raw: RawInput) -> Dataset:
    """Recognise the tables of ``raw`` and check every header and cell."""
    data = Dataset(raw.name, raw.sha256)
    for found in raw.problems:  # from the readers: hidden sheets and rows, formulas, bad cells
        level: Level = "error" if found.level == "error" else "warning"
        data.problems.append(Problem(level, found.file, found.sheet, found.row, found.column, found.message))
    recognised: list[tuple[RawSheet, Table]] = []
    for sheet in raw.sheets:
        table = table_for_sheet(sheet.name)
        if table is None:
            continue
        if table.name in data.tables:
            first = data.tables[table.name]
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, None),
                f'ตาราง {table.label_th} มีซ้ำ (ชีต "{first.sheet or first.file}" แล้ว) รวมเป็นชีตเดียว / '
                f'table {table.name} is given twice (also "{first.sheet or first.file}"); merge them into one sheet',
                table.name,
            )
            continue
        data.tables[table.name] = TableData(table, sheet.file, sheet.sheet)
        recognised.append((sheet, table))

    if not recognised:
        first = raw.sheets[0]
        found = ", ".join(s.name for s in raw.sheets)
        data.add(
            "error",
            (first.file, first.sheet, 1, None),
            f"ไม่พบตารางที่รู้จัก (พบ: {found}) ต้องใช้ชื่อชีต: {expected_sheet_names()} / "
            f"no recognisable table (found: {found}); expected sheets named: {expected_sheet_names()}",
        )
        return data
    for sheet in raw.sheets:
        if table_for_sheet(sheet.name) is None:
            data.add(
                "warning",
                (sheet.file, sheet.sheet, 1, None),
                unknown_sheet_message(sheet.name),
            )
    for sheet, table in recognised:
        _check_sheet(data, sheet, table)
    return data


def _map_header(data: Dataset, sheet: RawSheet, table: Table) -> dict[int, Column]:
    """Which column each header cell names; reports unknown, repeated and missing columns."""
    by_header = {fold(h): c for c in table.columns for h in c.headers}
    mapped: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(sheet.header):
        if cell is None or not str(cell).strip():
            continue
        column = by_header.get(fold(str(cell)))
        where = (sheet.file, sheet.sheet, 1, str(cell).strip())
        if column is None:
            data.add(
                "warning",
                where,
                f'ไม่รู้จักคอลัมน์ "{show(cell)}" จึงข้ามไป / unknown column "{show(cell)}" ignored',
                table.name,
            )
        elif column.name in seen:
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, column.name),
                f"คอลัมน์ {column.label_th} มีซ้ำสองคอลัมน์ / column {column.name} appears twice",
                table.name,
            )
        else:
            seen[column.name] = index
            mapped[index] = column
    for column in table.columns:
        if column.required and column.name not in seen:
            accepted = ", ".join(column.headers)
            data.add(
                "error",
                (sheet.file, sheet.sheet, 1, column.name),
                f"ตาราง {table.label_th} ไม่มีคอลัมน์ {column.label_th} ที่ต้องมี (ชื่อที่รับได้: {accepted}) / "
                f"table {table.name} is missing the required column {column.name} (accepted names: {accepted})",
                table.name,
            )
    return mapped


def _check_sheet(data: Dataset, sheet: RawSheet, table: Table) -> None:
    target = data.tables[table.name]
    mapped = _map_header(data, sheet, table)
    present = {c.name for c in mapped.values()}
    first_row_of_key: dict[tuple[Any, ...], int] = {}
    for number, cells in sheet.rows:
        row: dict[str, Any] = dict.fromkeys(table.column_names)
        row["_row"] = number
        for index, column in mapped.items():
            raw = cells[index] if index < len(cells) else None
            try:
                row[column.name] = parse_cell(column, raw)
            except CellError as exc:
                data.add("error", target.at(number, column.name), exc.message, table.name)
                row.setdefault("_bad", set()).add(column.name)
                continue
            if row[column.name] is None and column.required:
                data.add(
                    "error",
                    target.at(number, column.name),
                    f"ต้องกรอก {column.label_th} / {column.name} is required (found a blank cell)",
                    table.name,
                )
        _check_row(data, target, row, present)
        _check_key(data, target, row, first_row_of_key)
        target.rows.append(row)
    if table.name == "income_surveys" and "practising" not in present and _has_later_rounds(target):
        data.add(
            "error",
            (sheet.file, sheet.sheet, 1, "practising"),
            "ไม่มีคอลัมน์ ยังประกอบอาชีพ ซึ่งต้องมีเมื่อมีรอบสำรวจหลังรอบฐาน (ชื่อที่รับได้: practising, ยังประกอบอาชีพ) / "
            "the column practising is required when there are rounds after baseline (accepted names: practising, ยังประกอบอาชีพ)",
            table.name,
        )


def _has_later_rounds(target: TableData) -> bool:
    return any(r["round"] not in (None, "baseline") for r in target.rows)


def _check_key(
    data: Dataset, target: TableData, row: dict[str, Any], first_row_of_key: dict[tuple[Any, ...], int]
) -> None:
    key = tuple(row[c] for c in target.table.key)
    if any(v is None for v in key):
        return
    if key in first_row_of_key:
        shown = ", ".join(f"{c}={v}" for c, v in zip(target.table.key, key, strict=True))
        data.add(
            "error",
            target.at(row["_row"], target.table.key[0]),
            f"รหัสซ้ำกับแถว {first_row_of_key[key]} ({shown}) / duplicate key {shown}, first in row {first_row_of_key[key]}",
            target.table.name,
        )
    else:
        first_row_of_key[key] = row["_row"]


def _check_row(data: Dataset, target: TableData, row: dict[str, Any], present: set[str]) -> None:
    """Rules that look at more than one cell of a row, or at the official code lists."""
    name = target.table.name
    number = row["_row"]
    if row.get("village_code") is not None:
        _check_village_code(data, target, row)
    if name == "villages":
        _check_village_row(data, target, row)
    elif name == "officers" and is_template_example_district(row["district_code"]):
        data.add("error", target.at(number, "district_code"), template_example_message(), name)
    elif name == "officers" and row["district_code"] is not None:
        status = geo.district_status(row["district_code"])
        if status is None:
            data.add(
                "error",
                target.at(number, "district_code"),
                f"ไม่พบรหัสอำเภอ {row['district_code']} ในทะเบียนกรมการปกครอง / "
                f"district_code {row['district_code']} is not an official DOPA district code",
                name,
            )
        elif status == "abolished":
            data.add(
                "warning",
                target.at(number, "district_code"),
                f"รหัสอำเภอ {row['district_code']} ถูกยกเลิกแล้ว / district_code {row['district_code']} has been abolished",
                name,
            )
    elif name == "households" and row["occupation"] is None:
        data.add(
            "warning",
            target.at(number, "occupation"),
            "ยังไม่ระบุอาชีพที่เลือก (ข้อมูลไม่ครบ) / occupation is blank: the household is incomplete",
            name,
        )
    elif name == "income_surveys" and row["round"] is not None:
        if row["round"] == "baseline" and row["practising"] is not None:
            data.add(
                "warning",
                target.at(number, "practising"),
                "รอบก่อนเข้าร่วมไม่ต้องกรอก ยังประกอบอาชีพ จึงไม่นำมาใช้ / practising is ignored at baseline",
                name,
            )
            row["practising"] = None
        elif row["round"] != "baseline" and row["practising"] is None and "practising" in present:
            data.add(
                "error",
                target.at(number, "practising"),
                f"รอบ {row['round']} ต้องกรอก ยังประกอบอาชีพ (ใช่/ไม่ใช่) / practising (yes/no) is required after baseline (round {row['round']})",
                name,
            )


def _check_village_code(data: Dataset, target: TableData, row: dict[str, Any]) -> None:
    code = row["village_code"]
    if is_template_example(code):
        data.add(
            "error", target.at(row["_row"], "village_code"), template_example_message(), target.table.name
        )
        row["village_code"] = None
        return
    place = geo.tambon(code[:6])
    if place is None:
        data.add(
            "error",
            target.at(row["_row"], "village_code"),
            f"ไม่พบรหัสตำบล {code[:6]} (6 หลักแรกของรหัสหมู่บ้าน) ในทะเบียนกรมการปกครอง / "
            f"the tambon code {code[:6]} (first 6 digits of village_code {code}) is not an official DOPA code",
            target.table.name,
        )
        row["village_code"] = None  # keep the bad code out of the reference checks
    elif code[6:] == "00":
        data.add(
            "error",
            target.at(row["_row"], "village_code"),
            f"หมู่ที่ในรหัสหมู่บ้าน {code} ต้องไม่เป็น 00 / the village number (last 2 digits) of {code} must not be 00",
            target.table.name,
        )


def _check_village_row(data: Dataset, target: TableData, row: dict[str, Any]) -> None:
    """Official names, abolished tambons, หมู่ที่ against the code, and coordinates."""
    number = row["_row"]
    code = row["village_code"]
    bad = row.get("_bad", set())
    if (row["lat"] is None or row["lon"] is None) and not bad & {"lat", "lon"}:
        data.add(
            "warning",
            target.at(number, "lat" if row["lat"] is None else "lon"),
            "หมู่บ้านไม่มีพิกัด จะไม่แสดงบนแผนที่ / the village has no coordinates and is left off the map",
            "villages",
        )
    if code is None:
        return
    place = geo.tambon(code[:6])
    if place is None:
        return
    row.update(
        province_code=place.province_code,
        district_code=place.district_code,
        tambon_code=place.tambon_code,
        province_name_en=place.province_en,
        district_name_en=place.district_en,
        tambon_name_en=place.tambon_en,
    )
    if place.abolished:
        data.add(
            "warning",
            target.at(number, "village_code"),
            f"รหัสตำบล {code[:6]} ({place.tambon_th}) ถูกยกเลิกแล้ว / tambon code {code[:6]} ({place.tambon_en}) has been abolished",
            "villages",
        )
    if row["moo"] is not None and row["moo"] != int(code[6:]):
        data.add(
            "warning",
            target.at(number, "moo"),
            f"หมู่ที่ {row['moo']} ไม่ตรงกับรหัสหมู่บ้าน {code} (หมู่ {int(code[6:])}) / "
            f"moo {row['moo']} does not match village_code {code} (village {int(code[6:])})",
            "villages",
        )
    for column, official_th, official_en in (
        ("tambon_name", place.tambon_th, place.tambon_en),
        ("district_name", place.district_th, place.district_en),
        ("province_name", place.province_th, place.province_en),
    ):
        typed = row[column]
        if typed is not None and (geo.same_name(typed, official_th) or geo.same_name(typed, official_en)):
            row[column] = official_th  # "อ.ชุมพวง" and "Chum Phuang" are stored as "ชุมพวง"
        elif typed is not None:
            data.add(
                "warning",
                target.at(number, column),
                f'ชื่อ "{typed}" ไม่ตรงกับรหัส {code} (ชื่อทางการ: {official_th}) / '
                f'"{typed}" does not match the code {code} (official name: {official_en})',
                "villages",
            )
