"""Read an officer's workbook (.xlsx) or a folder of CSV files into raw sheets.

Nothing is interpreted here beyond finding rows: every cell comes back as the reader gave it,
with the row number a spreadsheet program would show (header = row 1, blank rows counted).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_loaders.normalise import is_blank


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


def read_input(path: Path) -> RawInput:
    """Read an ``.xlsx`` workbook or a folder of ``.csv`` files."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        msg = f"ไม่พบไฟล์ / file not found: {path}"
        raise InputError(msg)
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
    return read_xlsx_bytes(path.name, path.read_bytes())


def read_xlsx_bytes(name: str, data: bytes) -> RawInput:
    """Read a workbook held in memory (an upload)."""
    import openpyxl  # imported here: reading CSV folders must not pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        msg = f"อ่านไฟล์ Excel ไม่ได้ / cannot read the Excel workbook {name}: {exc}"
        raise InputError(msg) from exc
    sheets = []
    try:
        for ws in book.worksheets:
            header, rows = _sheet_rows(ws.iter_rows(values_only=True))
            sheets.append(RawSheet(name, ws.title, ws.title, header, rows))
    finally:
        book.close()
    return RawInput(name, hashlib.sha256(data).hexdigest(), sheets)


def decode_csv(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-874.

    Thai Excel saves "CSV" as Windows-874 (a superset of TIS-620). Strict UTF-8 decoding
    almost never succeeds on Thai Windows-874 bytes, so trying it first is a sound detector.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="replace")


def read_csv_text(text: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and numbered rows of CSV text; a record spanning lines is still one row."""
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    return _sheet_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_csv_folder(folder: Path) -> RawInput:
    """Read every ``*.csv`` in a folder; the sha256 covers sorted names and contents."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        msg = f"ไม่พบไฟล์ .csv ในโฟลเดอร์ / no .csv files in the folder {folder}"
        raise InputError(msg)
    return read_csv_files(folder.name, [(f.name, f.read_bytes()) for f in files])


def read_csv_files(name: str, files: list[tuple[str, bytes]]) -> RawInput:
    """Read named CSV contents; the sha256 covers the sorted file names and contents."""
    digest = hashlib.sha256()
    sheets = []
    for file_name, data in sorted(files):
        digest.update(file_name.encode("utf-8") + b"\0" + data + b"\0")
        try:
            header, rows = read_csv_text(decode_csv(data))
        except csv.Error as exc:
            msg = f"อ่านไฟล์ CSV ไม่ได้ / cannot read the CSV file {file_name}: {exc}"
            raise InputError(msg) from exc
        sheets.append(RawSheet(file_name, None, Path(file_name).stem, header, rows))
    return RawInput(name, digest.hexdigest(), sheets)


def read_upload(name: str, data: bytes) -> RawInput:
    """An uploaded ``.xlsx`` workbook, or a ``.zip`` of CSV files (folders inside are ignored)."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx_bytes(name, data)
    if lower.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = [
                    (Path(info.filename).name, archive.read(info))
                    for info in archive.infolist()
                    if not info.is_dir()
                    and info.filename.lower().endswith(".csv")
                    and "__MACOSX" not in info.filename
                ]
        except (zipfile.BadZipFile, OSError) as exc:
            msg = f"อ่านไฟล์ ZIP ไม่ได้ / cannot read the ZIP file {name}: {exc}"
            raise InputError(msg) from exc
        if not files:
            msg = f"ไม่พบไฟล์ .csv ใน ZIP / no .csv files in {name}"
            raise InputError(msg)
        return read_csv_files(name, files)
    msg = f"รับเฉพาะ .xlsx หรือ .zip ของไฟล์ CSV / only .xlsx or a .zip of CSV files is accepted (found {name})"
    raise InputError(msg)
