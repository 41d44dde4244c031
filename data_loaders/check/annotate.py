"""The officer's own file back, with every problem marked where it is: the annotated workbook.

Each cell with a problem is filled (errors light red, warnings light yellow, notes light blue)
and carries a comment in Thai and English: what is wrong, the group it belongs to
(:mod:`data_loaders.check.validation_report`) and how to fix it. A problem of a whole row marks the row's first
cell; a problem of no row (or of no sheet) marks the first cell of its sheet (or of the first
sheet).

- An uploaded ``.xlsx`` comes back as the same workbook (sheets, formatting, the instructions
  sheet), loaded with openpyxl, when it is small enough to load whole (``FULL_COPY_BYTES``
  uncompressed, a district's file many times over). A bigger one is rebuilt from the values the
  reader already holds, sheet by sheet in openpyxl's streaming writer, without formatting.
- CSV files (a folder, or a ZIP) come back as one workbook with a sheet per file, every cell as
  the text it was, so leading zeros stay.

Safe to open: no cell holds a formula. Formula cells hold the value Excel saved (none, when it
saved none; that cell is marked by its own problem); text that a spreadsheet would read as a
formula when retyped (``=``, ``+``, ``-``, ``@``, tab, CR first) is a text cell with Excel's
"quote prefix" style, the same as typing an apostrophe first, so the value itself is unchanged
and the file can be fixed and uploaded again as it is. Links to other workbooks are dropped.
Comments mask national IDs and phone numbers (:func:`data_loaders.contract.privacy.mask_personal_numbers`);
the cells are the officer's own data and stay as they were.

Bounded: only input that the readers accepted is annotated (their size and row limits hold),
a sheet longer than Excel's 1,048,576 rows is refused, and at most
``Limits.annotate_max_comments`` cells get a comment (every marked cell is still filled).
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from common.export import sheet_title
from data_loaders.check.dataset import Problem
from data_loaders.check.validation_report import Group, ValidationReport
from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.contract.privacy import mask_personal_numbers
from data_loaders.contract.schema import fold, table_for_sheet
from data_loaders.read.archive import open_checked
from data_loaders.read.inputs import InputError, RawInput, RawSheet
from data_loaders.read.xlsx import XLSX_MAX_PARTS, check_parts, damaged_message

FULL_COPY_BYTES = 16 * 1024 * 1024  # uncompressed parts; openpyxl needs about 6x this in memory
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
EXCEL_MAX_CHARS = 32_767  # one cell's text
COMMENT_MAX_CHARS = 4_000
AUTHOR = "Sammachip dashboard"
# The export convention of common/export.py (FORMULA_STARTS): text a spreadsheet reads as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "note": "DDEBF7"}  # light red, yellow, blue
SEVERITY = {"error": 0, "warning": 1, "note": 2}
LEVEL_WORDS = {"error": "ข้อผิดพลาด / error", "warning": "คำเตือน / warning", "note": "หมายเหตุ / note"}
SINGLE_FIX = {
    "error": "แก้ค่าในเซลล์นี้ตามข้อความข้างบน แล้วอัปโหลดไฟล์อีกครั้ง / correct this cell as said above, "
    "then upload the file again",
    "warning": "ตรวจดูว่าถูกต้อง คำเตือนไม่ขวางการนำเข้า / check that it is right; a warning does not block "
    "the import",
    "note": "ดูแถวต้นเหตุ / see the root row",
}
_LETTERS = re.compile(r"[A-Z]{1,3}")


@dataclass(slots=True)
class _Mark:
    """Everything found at one cell."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def level(self) -> str:
        return min((p.level for p in self.problems), key=SEVERITY.__getitem__)


Marks = dict[tuple[int, int], _Mark]  # (row, column from 1) -> mark


# --- entry points ------------------------------------------------------------------------------


def annotate(
    raw: RawInput, report: ValidationReport, *, workbook: bytes | None = None, limits: Limits = LIMITS
) -> bytes:
    """The annotated ``.xlsx`` for ``raw`` and its ``report``; raises ``InputError`` when it
    cannot be made (a sheet longer than Excel allows).

    ``workbook`` is the uploaded ``.xlsx`` itself, when the input is one: a small one is copied
    with its formatting. Without it the workbook is rebuilt from ``raw``'s values.
    """
    if workbook is not None and _expanded_size(workbook, raw.name, limits) <= FULL_COPY_BYTES:
        return _full_copy(workbook, raw, report, limits)
    return _rebuild(raw, report, limits)


def annotate_path(raw: RawInput, report: ValidationReport, path: Path, *, limits: Limits = LIMITS) -> bytes:
    """:func:`annotate` for the command line: ``path`` is what ``raw`` was read from."""
    workbook = None
    if path.is_file() and path.suffix.lower() == ".xlsx":
        size = path.stat().st_size
        if size > limits.max_upload_bytes:
            raise InputError(limits.upload_too_large(file=path.name, size=size))
        workbook = path.read_bytes()
    return annotate(raw, report, workbook=workbook, limits=limits)


# --- where each problem goes -------------------------------------------------------------------


def _header_columns(header: list[Any], sheet_name: str) -> dict[str, int]:
    """Column index (from 1) by every name a problem may use for it: the header as typed (cut
    to 60 characters, as reader problems cut it) and, for a known table, the canonical name."""
    table = table_for_sheet(sheet_name)
    canonical = {fold(h): c.name for c in table.columns for h in c.headers} if table else {}
    out: dict[str, int] = {}
    for index, cell in enumerate(header, start=1):
        if cell is None:
            continue
        text = " ".join(str(cell).split())
        if not text:
            continue
        out.setdefault(text, index)
        out.setdefault(text[:60], index)
        if (name := canonical.get(fold(text))) is not None:
            out.setdefault(name, index)
    return out


def _column_of(problem: Problem, columns: dict[str, int]) -> int:
    """The column a problem is in; its row's first cell when it names none, or one not in the
    header (a missing required column)."""
    name = problem.column
    if not name or name == "-":
        return 1
    if name in columns:
        return columns[name]
    if _LETTERS.fullmatch(name):
        index = 0
        for letter in name:
            index = index * 26 + ord(letter) - 64
        return min(index, EXCEL_MAX_COLUMNS)
    return 1


def _marks(
    report: ValidationReport, sheets: list[tuple[tuple[str, str | None], str, list[Any]]]
) -> dict[int, Marks]:
    """Problems placed on cells, per sheet position: ``sheets`` holds (the (file, sheet) its
    problems name, its title, its header) for each output sheet, in order."""
    by_key = {key: i for i, (key, _, _) in enumerate(sheets)}
    columns = [_header_columns(header, title) for _, title, header in sheets]
    out: dict[int, Marks] = {i: {} for i in range(len(sheets))}
    for problem in report.problems:
        position = by_key.get((problem.file, problem.sheet))
        if position is None or problem.row is None:
            position = 0 if position is None else position
            cell = (1, 1)
        else:
            cell = (min(problem.row, EXCEL_MAX_ROWS), _column_of(problem, columns[position]))
        if sheets:
            out[position].setdefault(cell, _Mark()).problems.append(problem)
    return out


def comment_text(mark_problems: list[Problem], report: ValidationReport) -> str:
    """The comment of one marked cell: each problem with its level, its group and its fix,
    masked, at most ``COMMENT_MAX_CHARS`` characters."""
    parts: list[str] = []
    for problem in sorted(mark_problems, key=lambda p: SEVERITY[p.level]):
        lines = [f"{LEVEL_WORDS[problem.level]}: {problem.message}"]
        group: Group | None = report.group_of(problem)
        if group is not None:
            role = "ต้นเหตุ / root" if problem.root else "ผลตามมา / follows from the root"
            lines.append(f"[{group.number}] {group.summary()} ({role})")
            lines.append(f"วิธีแก้ / how to fix: {group.fix()}")
        else:
            lines.append(f"วิธีแก้ / how to fix: {SINGLE_FIX[problem.level]}")
        parts.append("\n".join(lines))
    text = mask_personal_numbers("\n\n".join(parts))
    return text if len(text) <= COMMENT_MAX_CHARS else text[: COMMENT_MAX_CHARS - 1] + "…"


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment  # deferred: openpyxl takes 0.4 s to import

    lines = sum(max(1, math.ceil(len(line) / 48)) for line in text.split("\n"))
    return Comment(text, AUTHOR, height=min(600, 24 + 15 * lines), width=340)


def _fill(level: str) -> Any:
    from openpyxl.styles import PatternFill  # deferred: openpyxl takes 0.4 s to import

    return PatternFill("solid", fgColor=FILLS[level])


# --- cell values -------------------------------------------------------------------------------


def _text_value(value: str) -> str:
    """Text as openpyxl may write it: characters XML cannot hold shown as ``[U+0007]``, cut to
    Excel's 32,767 characters (such a cell is already marked as too long)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # deferred: openpyxl takes 0.4 s to import

    value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    return value if len(value) <= EXCEL_MAX_CHARS else value[: EXCEL_MAX_CHARS - 1] + "…"


def _make_safe(cell: Any) -> None:
    """No formula in ``cell``: text stays text (formula-like text gets the quote prefix)."""
    if cell.data_type == "f":  # never with saved values loaded, but a formula must not survive
        cell.value = _text_value(str(cell.value))
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(cell.value, str):
        text = _text_value(cell.value)
        if text != cell.value:
            cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


# --- the same workbook -------------------------------------------------------------------------


def _expanded_size(data: bytes, name: str, limits: Limits) -> int:
    """Uncompressed size of a workbook's parts, after the reader's archive checks."""
    archive = open_checked(
        data, name=name, limits=limits, max_entries=XLSX_MAX_PARTS, damaged=damaged_message
    )
    with archive:
        check_parts(archive, name=name, limits=limits)
        return sum(info.file_size for info in archive.infolist())


def _full_copy(data: bytes, raw: RawInput, report: ValidationReport, limits: Limits) -> bytes:
    import openpyxl  # deferred: openpyxl takes 0.4 s to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except Exception as exc:  # the reader opened it; a failure here is still the file's
        raise InputError(damaged_message(raw.name, exc)) from None
    sheets = [
        ((raw.name, ws.title), ws.title, [c.value for c in next(ws.iter_rows(max_row=1), ())])
        for ws in book.worksheets
    ]
    marks = _marks(report, sheets)
    for ws in book.worksheets:
        # The cells that exist, not iter_rows(): that would make every empty cell up to the
        # farthest one (a single cell at row 1,048,576 would cost millions).
        for cell in list(ws._cells.values()):
            _make_safe(cell)
    comments = limits.annotate_max_comments
    for position, ws in enumerate(book.worksheets):
        for (row, column), mark in sorted(marks[position].items()):
            cell = ws.cell(row=row, column=column)
            cell.fill = _fill(mark.level)
            if comments > 0:
                comments -= 1
                cell.comment = _comment(comment_text(mark.problems, report))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- rebuilt from the values -------------------------------------------------------------------


def _numbered_rows(sheet: RawSheet) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of a sheet from row 2: rows in memory, or the CSV file streamed."""
    if sheet.csv_path is None:
        yield from sheet.rows or ()
        return
    with open(sheet.csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=sheet.delimiter)
        try:
            for number, values in enumerate(reader, start=1):
                if number > 1:
                    yield number, values
        except csv.Error as exc:
            msg = (
                f"{sheet.file}: ทำไฟล์ที่ทำเครื่องหมายไม่ได้ (บรรทัด {reader.line_num}: {exc}) / "
                f"{sheet.file}: cannot make the annotated copy (line {reader.line_num}: {exc})"
            )
            raise InputError(msg) from None


def _rebuild(raw: RawInput, report: ValidationReport, limits: Limits) -> bytes:
    from openpyxl import Workbook  # deferred: openpyxl takes 0.4 s to import

    taken: set[str] = set()
    titles = [
        sheet_title(s.sheet if s.sheet is not None else Path(s.file).stem, taken=taken) for s in raw.sheets
    ]
    sheets = [((s.file, s.sheet), title, list(s.header)) for s, title in zip(raw.sheets, titles, strict=True)]
    marks = _marks(report, sheets)
    book = Workbook(write_only=True)
    budget = [limits.annotate_max_comments]  # comments left, shared by every sheet
    try:
        for position, (sheet, title) in enumerate(zip(raw.sheets, titles, strict=True)):
            writer = _SheetWriter(book.create_sheet(title), sheet.file, marks[position], report, budget)
            rows = chain([(1, list(sheet.header))], _numbered_rows(sheet))
            for number, values in _merged(rows, writer.marked_rows):
                writer.write(number, list(values))
    except BaseException:
        _discard(book)
        raise
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _discard(book: Any) -> None:
    """Close a streaming workbook that will not be saved, and remove its temporary files
    (left open, openpyxl's writers fail noisily when they are garbage-collected)."""
    for ws in book.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        if getattr(ws, "_writer", None) is not None:
            with contextlib.suppress(Exception):
                ws._writer.cleanup()


class _SheetWriter:
    """Appends rows to a streaming worksheet in order, filling and commenting marked cells."""

    def __init__(self, ws: Any, file: str, marks: Marks, report: ValidationReport, budget: list[int]) -> None:
        self.ws, self.file, self.report, self.budget = ws, file, report, budget
        self.by_row: dict[int, dict[int, _Mark]] = {}
        for (row, column), mark in marks.items():
            self.by_row.setdefault(row, {})[column] = mark
        self.marked_rows = sorted(self.by_row)
        self.written = 0

    def write(self, number: int, values: list[Any]) -> None:
        from openpyxl.cell import WriteOnlyCell  # deferred: openpyxl takes 0.4 s to import

        if number > EXCEL_MAX_ROWS:
            raise InputError(_too_many_rows(self.file))
        here = self.by_row.get(number, {})
        width = max(len(values), max(here, default=0))
        if width > EXCEL_MAX_COLUMNS:
            msg = (
                f"{self.file}: แถว {number} มีเกิน {EXCEL_MAX_COLUMNS:,} คอลัมน์ ทำไฟล์ Excel ไม่ได้ / "
                f"{self.file}: row {number} has more than {EXCEL_MAX_COLUMNS:,} columns, too many for Excel"
            )
            raise InputError(msg)
        for _ in range(number - self.written - 1):  # blank rows keep their numbers
            self.ws.append([])
        cells = []
        for index in range(1, width + 1):
            value = values[index - 1] if index <= len(values) else None
            cell = WriteOnlyCell(self.ws, value=_text_value(value) if isinstance(value, str) else value)
            _make_safe(cell)
            if (mark := here.get(index)) is not None:
                cell.fill = _fill(mark.level)
                if self.budget[0] > 0:
                    self.budget[0] -= 1
                    cell.comment = _comment(comment_text(mark.problems, self.report))
            cells.append(cell)
        self.ws.append(cells)
        self.written = number


def _merged(rows: Iterable[tuple[int, list[Any]]], marked: list[int]) -> Iterator[tuple[int, list[Any]]]:
    """The data rows in order, with an empty row for each marked row number that has no data
    (a problem on a blank or hidden row, or below the last row)."""
    at = 0
    for number, values in rows:
        while at < len(marked) and marked[at] < number:
            yield marked[at], []
            at += 1
        if at < len(marked) and marked[at] == number:
            at += 1
        yield number, values
    yield from ((row, []) for row in marked[at:])


def refusal_workbook(message: str) -> bytes:
    """A one-cell workbook saying why no annotated copy could be made (for a download that
    cannot show an error on the page)."""
    from openpyxl import Workbook  # deferred: openpyxl takes 0.4 s to import

    book = Workbook()
    sheet = book.active
    sheet.title = "ทำไม่ได้ - not made"
    sheet["A1"] = _text_value(mask_personal_numbers(message))
    sheet["A1"].data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _too_many_rows(file: str) -> str:
    return (
        f"{file}: มีเกิน {EXCEL_MAX_ROWS:,} แถว ซึ่งเกินที่ Excel เปิดได้ จึงทำไฟล์ที่ทำเครื่องหมายไม่ได้ "
        f"ให้แบ่งไฟล์ตามอำเภอ / {file}: more than {EXCEL_MAX_ROWS:,} rows, more than Excel opens, so no "
        f"annotated copy was made; split the file by district"
    )


__all__ = ["FULL_COPY_BYTES", "annotate", "annotate_path", "comment_text", "refusal_workbook"]
