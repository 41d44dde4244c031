"""Problems the readers find, returned as data for the report: nothing about a file is silent.

Each :class:`ReaderProblem` names the file, and the sheet, row and column where there is one;
the caller turns it into a report line. Levels: ``error`` (the import is refused), ``warning``
(imported, but the officer should know) and ``note`` (information, e.g. a table that will not
change because the workbook has no sheet for it).

``column`` is the header as typed in the file, or the column letter when the header is blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.contract.schema import TABLES, expected_sheet_names, table_for_sheet
from data_loaders.read.cellcheck import cell_problem, row_has_problem
from data_loaders.read.inputs import ReaderProblem

SHOWN_ROWS = 20  # hidden rows listed by number before "and N more"


def column_letter(index: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA`` (index from 1)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_name(header: list[Any], index: int) -> str:
    """The header text of a column (index from 1), or its letter when the header is blank."""
    cell = header[index - 1] if index <= len(header) else None
    text = "" if cell is None else " ".join(str(cell).split())
    return text[:60] if text and cell_problem(text) is None else column_letter(index)


def unknown_sheet_message(sheet: str) -> str:
    names = expected_sheet_names()
    return (
        f'ไม่รู้จักชีต "{sheet}" จึงข้ามไป ข้อมูลในชีตนี้จะไม่ถูกนำเข้า ชื่อชีตที่รู้จัก: {names} / '
        f'sheet "{sheet}" is not a known table and was skipped, so none of its rows are imported; '
        f"known sheet names: {names}"
    )


def sheet_problems(file: str, sheets: Iterable[Any], *, unknown_sheets: bool = True) -> list[ReaderProblem]:
    """Unknown, hidden and missing sheets, hidden rows and formulas without a saved value.

    ``sheets`` are :class:`data_loaders.read.xlsx.XlsxSheet` objects (anything with ``title``,
    ``state``, ``header``, ``hidden_rows`` and ``formula_without_value``). ``unknown_sheets=False``
    leaves unknown sheets to the caller (today's ``validate`` reports them itself).
    """
    out: list[ReaderProblem] = []
    present: set[str] = set()
    for sheet in sheets:
        table = table_for_sheet(sheet.title)
        if table is None and unknown_sheets:
            out.append(
                ReaderProblem("warning", file, sheet.title, None, None, unknown_sheet_message(sheet.title))
            )
        elif table is not None:
            present.add(table.name)
        if sheet.state != "visible":
            how_th = "ซ่อนอยู่" if sheet.state == "hidden" else "ซ่อนแบบพิเศษ (veryHidden) ซึ่งเปิดจาก Excel ไม่เห็น"
            out.append(
                ReaderProblem(
                    "warning",
                    file,
                    sheet.title,
                    None,
                    None,
                    f'ชีต "{sheet.title}" {how_th} แต่ยังอ่านข้อมูลในชีตนี้ ให้ตรวจว่าตั้งใจส่ง / '
                    f'sheet "{sheet.title}" is {sheet.state}, and its rows are still read; check that you meant to send it',
                )
            )
        if sheet.hidden_rows:
            rows = sorted(sheet.hidden_rows)
            shown = ", ".join(map(str, rows[:SHOWN_ROWS]))
            more_th = f" และอีก {len(rows) - SHOWN_ROWS} แถว" if len(rows) > SHOWN_ROWS else ""
            more_en = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
            out.append(
                ReaderProblem(
                    "warning",
                    file,
                    sheet.title,
                    rows[0],
                    None,
                    f"มีแถวที่ซ่อนอยู่ {len(rows)} แถว (แถว {shown}{more_th}) ซึ่งยังถูกอ่านด้วย / "
                    f"{len(rows)} hidden rows (rows {shown}{more_en}) are still read",
                )
            )
        for row, column in sheet.formula_without_value:
            out.append(
                ReaderProblem(
                    "error",
                    file,
                    sheet.title,
                    row,
                    column_name(sheet.header, column),
                    "สูตรในเซลล์นี้ไม่มีค่าที่บันทึกไว้ (ไฟล์ไม่ได้สร้างจาก Excel) เปิดไฟล์ใน Excel แล้วบันทึกใหม่ / "
                    "the formula in this cell has no saved value (the file was not saved by Excel); "
                    "open and save the file in Excel",
                )
            )
    if present:
        for table in TABLES:
            if table.name not in present:
                out.append(
                    ReaderProblem(
                        "note",
                        file,
                        None,
                        None,
                        None,
                        f"ไม่มีชีต {table.sheet_aliases[0]} ข้อมูล{table.label_th}ในฐานข้อมูลจะไม่เปลี่ยนแปลง / "
                        f"no sheet for {table.name}: that table will not change",
                    )
                )
    return out


def cell_problems(
    file: str,
    sheet: str | None,
    header: list[Any],
    rows: Iterable[tuple[int, list[Any]]],
    *,
    limits: Limits = LIMITS,
) -> list[ReaderProblem]:
    """Located errors for header and body cells that are too long or hold refused characters.

    One join and one search per row; cells are looked at one by one only in rows that fail.
    """
    out: list[ReaderProblem] = []
    for number, values in ((1, header), *rows):
        if not row_has_problem(values, limits=limits):
            continue
        for index, value in enumerate(values, start=1):
            message = cell_problem(value, limits=limits)
            if message is not None:
                column = column_letter(index) if number == 1 else column_name(header, index)
                out.append(ReaderProblem("error", file, sheet, number, column, message))
    return out


def too_many_rows(
    file: str, sheet: str | None, count: int, *, limits: Limits = LIMITS
) -> ReaderProblem | None:
    """An error when a CSV file has more rows than the limit (the .xlsx reader stops by itself)."""
    if count <= limits.max_rows_per_table:
        return None
    return ReaderProblem(
        "error", file, sheet, None, None, limits.too_many_rows(file=file, sheet=sheet, rows=count)
    )
