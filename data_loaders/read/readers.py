"""Read an officer's workbook (.xlsx), a folder of CSV files or an uploaded zip into raw sheets.

Nothing is interpreted here beyond finding rows. A sheet comes back either as a UTF-8 CSV file
on disk that DuckDB reads as text in one pass (:attr:`RawSheet.csv_path`, the fast path for
large files), or as rows already in memory (:attr:`RawSheet.rows`, for workbooks and for CSV
files whose layout DuckDB's reader cannot number exactly). Row numbers are what a spreadsheet
program shows: header = row 1, blank rows counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_loaders.contract.limits import LIMITS
from data_loaders.contract.template import INSTRUCTIONS_SHEET
from data_loaders.read.archive import read_zip_members
from data_loaders.read.cellcheck import is_blank
from data_loaders.read.encoding import decode_bytes, transcode_to_utf8
from data_loaders.read.inputs import InputError, RawInput, RawSheet, ReaderProblem
from data_loaders.read.reader_checks import cell_problems, sheet_problems
from data_loaders.read.xlsx import read_workbook

CHUNK = 1 << 20  # bytes read at a time when scanning or copying a CSV file


def read_input(path: Path) -> RawInput:
    """Read an ``.xlsx`` workbook or a folder of ``.csv`` files."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        msg = f"ไม่พบไฟล์ / file not found: {path.name}"
        raise InputError(msg)
    if path.suffix.lower() == ".zip":
        return read_upload(path.name, _read_bounded(path, LIMITS.max_upload_bytes))
    if path.suffix.lower() == ".csv":
        msg = f"ให้ระบุโฟลเดอร์ที่มีไฟล์ CSV ไม่ใช่ไฟล์เดียว / give the folder of CSV files, not one file: {path.name}"
        raise InputError(msg)
    return read_xlsx(path)


def is_blank_cell(value: Any) -> bool:
    """Empty cell, spaces only, or a dash officers type for "nothing" (as cellcheck.is_blank)."""
    return is_blank(value)


def _sheet_rows(cells_by_row: Any) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Split rows into the header (row 1) and the non-blank rows below it, numbered from 2."""
    header: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(cells_by_row, start=1):
        values = list(cells)
        if number == 1:
            header = values
        elif not all(is_blank_cell(v) for v in values):
            rows.append((number, values))
    return header, rows


# --- workbooks -------------------------------------------------------------------------------


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
    """Read a workbook held in memory (an upload); see :mod:`data_loaders.read.xlsx`.

    Hidden sheets and rows and formulas without a saved value are reported; the header cells
    are checked here, body cells in SQL once staged (:mod:`data_loaders.check.validate`).
    """
    book = [s for s in read_workbook(data, name=name) if s.title != INSTRUCTIONS_SHEET]
    sheets = [RawSheet(name, s.title, s.title, s.header, s.rows) for s in book]
    problems = sheet_problems(name, book, unknown_sheets=False)
    for sheet in book:
        problems += cell_problems(name, sheet.title, sheet.header, [])
    return RawInput(
        name, hashlib.sha256(data).hexdigest(), sheets, problems=[p for p in problems if p.level != "note"]
    )


# --- CSV ---------------------------------------------------------------------------------------


def decode_csv(data: bytes, name: str = "file.csv") -> str:
    """Text of a CSV file, decoded strictly; see :mod:`data_loaders.read.encoding`."""
    return decode_bytes(data, file_name=name)[0]


def _delimiter(sample: str) -> str:
    return "\t" if sample.count("\t") > sample.count(",") else ","


def read_csv_text(text: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and numbered rows of CSV text; a record spanning lines is still one row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:4096]))
    try:
        return _sheet_rows(reader)
    except csv.Error as exc:  # say where: a cell longer than csv's field limit, a stray quote
        msg = f"line {reader.line_num}: {exc}"
        raise csv.Error(msg) from exc


@dataclass(slots=True)
class _Layout:
    """What one pass over a UTF-8 CSV file found out about its lines."""

    lines: int = 0  # records if no record spans lines: newline count (+1 if no final newline)
    plain: bool = True  # only \n or \r\n line ends, no blank line before the last record


def _scan_lines(path: Path) -> _Layout:
    """Count lines and look for what would make DuckDB's record numbers differ from line numbers.

    DuckDB's CSV reader skips blank lines, so a file with a blank line inside it, or with
    bare ``\\r`` line ends, is read the slow way. Trailing blank lines are harmless.
    """
    layout = _Layout()
    carriage_returns = pairs = 0
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            layout.lines += chunk.count(b"\n")
            carriage_returns += chunk.count(b"\r")
            pairs += (tail[-1:] + chunk).count(b"\r\n")
            inner = (tail + chunk).rstrip(b"\r\n")  # blank lines at the very end are harmless
            if b"\n\n" in inner or b"\n\r\n" in inner:
                layout.plain = False
            tail = (tail + chunk)[-3:]
    if tail and not tail.endswith(b"\n"):
        layout.lines += 1
    layout.plain = layout.plain and carriage_returns == pairs
    return layout


def _header_of(path: Path, file_name: str) -> tuple[list[Any], str]:
    """The header cells (first record) and the delimiter of a UTF-8 CSV file."""
    with open(path, encoding="utf-8", newline="") as handle:
        sample = handle.read(65536)
    if not sample.strip():
        msg = (
            f"{file_name}: ไฟล์ว่างเปล่า ไม่มีแม้แต่หัวคอลัมน์ / {file_name}: the file is empty, not even a header row"
        )
        raise InputError(msg)
    delimiter = _delimiter(sample[:4096])
    first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
    return first, delimiter


def _utf8_file(file_name: str, data: bytes | None, source: Path | None, workdir: Path) -> Path:
    """A plain UTF-8 file with the text of a CSV file: the file itself when it already is one.

    Encodings are detected and checked strictly by :mod:`data_loaders.read.encoding` (streamed, so
    a national file of gigabytes is never held in memory); undecodable bytes are an
    ``InputError`` naming the line and byte offset.
    """
    out = workdir / f"{len(list(workdir.iterdir()))}.csv"
    if source is None:
        assert data is not None
        source = out.with_suffix(".bytes")
        source.write_bytes(data)
    elif source.stat().st_size > LIMITS.max_csv_bytes:
        raise InputError(LIMITS.csv_too_large(file=file_name, size=source.stat().st_size))
    return transcode_to_utf8(source, out, file_name=file_name).path


def _csv_sheet(file_name: str, path: Path) -> RawSheet:
    """A CSV file's sheet: its header read now, its body read by DuckDB when staged."""
    header, delimiter = _header_of(path, file_name)
    return RawSheet(file_name, None, Path(file_name).stem, header, None, csv_path=path, delimiter=delimiter)


def rows_of_csv_file(sheet: RawSheet) -> list[tuple[int, list[Any]]]:
    """The slow path: every record of ``sheet.csv_path`` read by Python's csv module."""
    assert sheet.csv_path is not None
    with open(sheet.csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=sheet.delimiter)
        try:
            _, rows = _sheet_rows(reader)
        except csv.Error as exc:  # say where: a cell longer than csv's field limit, a stray quote
            msg = (
                f"{sheet.file}: อ่านไฟล์ CSV ไม่ได้ (line {reader.line_num}: {exc}) เซลล์อาจยาวเกิน "
                f"{LIMITS.max_cell_chars:,} ตัวอักษร หรือมีเครื่องหมายคำพูดไม่ครบคู่ / {sheet.file}: cannot read "
                f"the CSV file (line {reader.line_num}: {exc}); a cell may be longer than "
                f"{LIMITS.max_cell_chars:,} characters or a quote may be unbalanced"
            )
            raise InputError(msg) from exc
    return rows


def csv_layout_is_plain(sheet: RawSheet) -> tuple[bool, int]:
    """(whether DuckDB may number the records of the file, its line count)."""
    assert sheet.csv_path is not None
    layout = _scan_lines(sheet.csv_path)
    return layout.plain, layout.lines


def _header_problems(sheets: list[RawSheet]) -> list[ReaderProblem]:
    """Header cells too long or holding invisible characters (body cells are checked in SQL)."""
    return [p for sheet in sheets for p in cell_problems(sheet.file, None, sheet.header, [])]


def read_csv_folder(folder: Path) -> RawInput:
    """Read every ``*.csv`` in a folder; the sha256 covers sorted names and contents."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        msg = f"ไม่พบไฟล์ .csv ในโฟลเดอร์ / no .csv files in the folder {folder.name}"
        raise InputError(msg)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    workdir = Path(tempfile.mkdtemp(prefix="sammachip-csv-"))
    try:
        sheets = [_csv_sheet(p.name, _utf8_file(p.name, None, p, workdir)) for p in files]
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return RawInput(folder.name, digest.hexdigest(), sheets, workdir, _header_problems(sheets))


def read_csv_files(name: str, files: list[tuple[str, bytes]]) -> RawInput:
    """Read named CSV contents; the sha256 covers the sorted file names and contents."""
    digest = hashlib.sha256()
    workdir = Path(tempfile.mkdtemp(prefix="sammachip-csv-"))
    sheets = []
    try:
        for file_name, data in sorted(files):
            digest.update(file_name.encode("utf-8") + b"\0" + data + b"\0")
            sheets.append(_csv_sheet(file_name, _utf8_file(file_name, data, None, workdir)))
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return RawInput(name, digest.hexdigest(), sheets, workdir, _header_problems(sheets))


def read_upload(name: str, data: bytes) -> RawInput:
    """An uploaded ``.xlsx`` workbook, or a ``.zip`` of CSV files (folders inside are ignored)."""
    if len(data) > LIMITS.max_upload_bytes:
        raise InputError(LIMITS.upload_too_large(file=name, size=len(data)))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx_bytes(name, data)
    if lower.endswith(".zip"):
        return read_csv_files(name, read_zip_members(data, name=name))
    msg = f"รับเฉพาะ .xlsx หรือ .zip ของไฟล์ CSV / only .xlsx or a .zip of CSV files is accepted (found {name})"
    raise InputError(msg)


def cell_text(value: Any) -> str | None:
    """A cell as the text DuckDB stages: numbers without a trailing ``.0``, dates as ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


__all__ = [
    "InputError",
    "RawInput",
    "RawSheet",
    "cell_text",
    "csv_layout_is_plain",
    "decode_csv",
    "read_csv_files",
    "read_csv_folder",
    "read_csv_text",
    "read_input",
    "read_upload",
    "read_xlsx",
    "read_xlsx_bytes",
    "rows_of_csv_file",
]
