"""Read an officer's workbook (.xlsx) or a folder of CSV files into raw sheets.

Nothing is interpreted here beyond finding rows: every cell comes back as the reader gave it,
with the row number a spreadsheet program would show (header = row 1, blank rows counted).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_loaders.limits import LIMITS
from data_loaders.normalise import is_blank
from data_loaders.reader_checks import ReaderProblem, cell_problems, sheet_problems, too_many_rows


class InputError(Exception):
    """The input cannot be read at all (missing, not a workbook, no CSV files): exit code 2."""


@dataclass(slots=True)
class RawSheet:
    """One sheet or CSV file: its header cells and its non-blank rows with their row numbers."""

    file: str  # file name as shown in problem lines
    sheet: str | None  # sheet name for a workbook, None for a CSV file
    name: str  # what identifies the table: the sheet name, or the CSV file stem
    header: list[Any]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


@dataclass(slots=True)
class RawInput:
    """Everything read from one path, with its sha256 for the import log."""

    name: str
    sha256: str
    sheets: list[RawSheet]
    problems: list[ReaderProblem] = field(default_factory=list)  # found while reading


def read_input(path: Path) -> RawInput:
    """Read an ``.xlsx`` workbook or a folder of ``.csv`` files."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        msg = f"ไม่พบไฟล์ / file not found: {path}"
        raise InputError(msg)
    if path.suffix.lower() == ".zip":
        return read_upload(path.name, _read_bounded(path, LIMITS.max_upload_bytes))
    if path.suffix.lower() == ".csv":
        msg = f"ให้ระบุโฟลเดอร์ที่มีไฟล์ CSV ไม่ใช่ไฟล์เดียว / give the folder of CSV files, not one file: {path}"
        raise InputError(msg)
    return read_xlsx(path)


def _sheet_rows(cells_by_row: Any) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Split rows into the header (row 1) and the non-blank rows below it, numbered from 2."""
    header: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(cells_by_row, start=1):
        values = list(cells)
        if number == 1:
            header = values
        elif not all(is_blank(v) for v in values):
            rows.append((number, values))
    return header, rows


def read_xlsx(path: Path) -> RawInput:
    """Read every sheet of a workbook; cached formula results are used, not formulas."""
    return read_xlsx_bytes(path.name, _read_bounded(path, LIMITS.max_upload_bytes))


def _read_bounded(path: Path, limit: int, *, csv_file: bool = False) -> bytes:
    """The bytes of a file, refused before reading when larger than ``limit``."""
    size = path.stat().st_size
    if size > limit:
        too_big = LIMITS.csv_too_large if csv_file else LIMITS.upload_too_large
        raise InputError(too_big(file=path.name, size=size))
    return path.read_bytes()


def read_xlsx_bytes(name: str, data: bytes) -> RawInput:
    """Read a workbook held in memory (an upload); see :mod:`data_loaders.xlsx`."""
    from data_loaders.template import INSTRUCTIONS_SHEET
    from data_loaders.xlsx import read_workbook

    book = [s for s in read_workbook(data, name=name) if s.title != INSTRUCTIONS_SHEET]
    sheets = [RawSheet(name, s.title, s.title, s.header, s.rows) for s in book]
    problems = sheet_problems(name, book, unknown_sheets=False)
    for sheet in book:
        problems += cell_problems(name, sheet.title, sheet.header, sheet.rows)
    return RawInput(
        name, hashlib.sha256(data).hexdigest(), sheets, [p for p in problems if p.level != "note"]
    )


def decode_csv(data: bytes, name: str = "file.csv") -> str:
    """Text of a CSV file, decoded strictly; see :mod:`data_loaders.encoding`."""
    from data_loaders.encoding import decode_bytes

    return decode_bytes(data, file_name=name)[0]


def read_csv_text(text: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and numbered rows of CSV text; a record spanning lines is still one row."""
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _sheet_rows(reader)
    except csv.Error as exc:  # say where: a cell longer than csv's field limit, a stray quote
        msg = f"line {reader.line_num}: {exc}"
        raise csv.Error(msg) from exc


def read_csv_folder(folder: Path) -> RawInput:
    """Read every ``*.csv`` in a folder; the sha256 covers sorted names and contents."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        msg = f"ไม่พบไฟล์ .csv ในโฟลเดอร์ / no .csv files in the folder {folder}"
        raise InputError(msg)
    return read_csv_files(
        folder.name, [(f.name, _read_bounded(f, LIMITS.max_csv_bytes, csv_file=True)) for f in files]
    )


def read_csv_files(name: str, files: list[tuple[str, bytes]]) -> RawInput:
    """Read named CSV contents; the sha256 covers the sorted file names and contents."""
    digest = hashlib.sha256()
    sheets = []
    problems: list[ReaderProblem] = []
    for file_name, data in sorted(files):
        digest.update(file_name.encode("utf-8") + b"\0" + data + b"\0")
        try:
            text = decode_csv(data, file_name)
            if not text.strip():
                msg = f"{file_name}: ไฟล์ว่างเปล่า ไม่มีแม้แต่หัวคอลัมน์ / {file_name}: the file is empty, not even a header row"
                raise InputError(msg)
            header, rows = read_csv_text(text)
        except csv.Error as exc:
            msg = (
                f"{file_name}: อ่านไฟล์ CSV ไม่ได้ ({exc}) เซลล์อาจยาวเกิน {LIMITS.max_cell_chars:,} ตัวอักษร "
                f"หรือมีเครื่องหมายคำพูดไม่ครบคู่ / {file_name}: cannot read the CSV file ({exc}); a cell may be "
                f"longer than {LIMITS.max_cell_chars:,} characters or a quote may be unbalanced"
            )
            raise InputError(msg) from exc
        if (too_many := too_many_rows(file_name, None, len(rows))) is not None:
            raise InputError(too_many.message)
        problems += cell_problems(file_name, None, header, rows)
        sheets.append(RawSheet(file_name, None, Path(file_name).stem, header, rows))
    return RawInput(name, digest.hexdigest(), sheets, problems)


def read_upload(name: str, data: bytes) -> RawInput:
    """An uploaded ``.xlsx`` workbook, or a ``.zip`` of CSV files (folders inside are ignored)."""
    if len(data) > LIMITS.max_upload_bytes:
        raise InputError(LIMITS.upload_too_large(file=name, size=len(data)))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx_bytes(name, data)
    if lower.endswith(".zip"):
        from data_loaders.archive import read_zip_members

        return read_csv_files(name, read_zip_members(data, name=name))
    msg = f"รับเฉพาะ .xlsx หรือ .zip ของไฟล์ CSV / only .xlsx or a .zip of CSV files is accepted (found {name})"
    raise InputError(msg)
