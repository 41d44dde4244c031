"""Read an officer's workbook (.xlsx), a folder of CSV files or an uploaded zip into raw sheets.

Nothing is interpreted here beyond finding rows. A sheet comes back either as a UTF-8 CSV file
on disk that DuckDB reads as text in one pass (:attr:`RawSheet.csv_path`, the fast path for
large files), or as rows already in memory (:attr:`RawSheet.rows`, for workbooks and for CSV
files whose layout DuckDB's reader cannot number exactly). Row numbers are what a spreadsheet
program shows: header = row 1, blank rows counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHUNK = 1 << 20  # bytes read at a time when scanning or copying a CSV file


class InputError(Exception):
    """The input cannot be read at all (missing, not a workbook, no CSV files): exit code 2."""


@dataclass(slots=True)
class RawSheet:
    """One sheet or CSV file: its header cells and where its rows are.

    Exactly one of ``rows`` (numbered rows in memory, blank rows already skipped) and
    ``csv_path`` (a UTF-8 file whose first line is the header and whose n-th record is
    spreadsheet row n + 1, blank rows included) is set.
    """

    file: str  # file name as shown in problem lines
    sheet: str | None  # sheet name for a workbook, None for a CSV file
    name: str  # what identifies the table: the sheet name, or the CSV file stem
    header: list[Any]
    rows: list[tuple[int, list[Any]]] | None = field(default_factory=list)
    csv_path: Path | None = None
    delimiter: str = ","
    hidden: bool = False


@dataclass(slots=True)
class RawInput:
    """Everything read from one path, with its sha256 for the import log.

    ``workdir`` holds transcoded copies of CSV files; it is removed by :meth:`close` (or when
    the object is garbage-collected).
    """

    name: str
    sha256: str
    sheets: list[RawSheet]
    workdir: tempfile.TemporaryDirectory[str] | None = None

    def close(self) -> None:
        if self.workdir is not None:
            self.workdir.cleanup()
            self.workdir = None

    def __enter__(self) -> RawInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_input(path: Path) -> RawInput:
    """Read an ``.xlsx`` workbook or a folder of ``.csv`` files."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        msg = f"ไม่พบไฟล์ / file not found: {path.name}"
        raise InputError(msg)
    if path.suffix.lower() == ".csv":
        msg = f"ให้ระบุโฟลเดอร์ที่มีไฟล์ CSV ไม่ใช่ไฟล์เดียว / give the folder of CSV files, not one file: {path.name}"
        raise InputError(msg)
    return read_xlsx(path)


def is_blank_cell(value: Any) -> bool:
    """Empty cell, spaces only, or a dash officers type for "nothing" (as normalise.is_blank)."""
    from data_loaders.normalise import is_blank

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
            hidden = getattr(ws, "sheet_state", "visible") != "visible"
            sheets.append(RawSheet(name, ws.title, ws.title, header, rows, hidden=hidden))
    finally:
        book.close()
    return RawInput(name, hashlib.sha256(data).hexdigest(), sheets)


# --- CSV ---------------------------------------------------------------------------------------


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


def _delimiter(sample: str) -> str:
    return "\t" if sample.count("\t") > sample.count(",") else ","


def read_csv_text(text: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and numbered rows of CSV text; a record spanning lines is still one row."""
    return _sheet_rows(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:4096])))


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


def _header_of(path: Path) -> tuple[list[Any], str]:
    """The header cells (first record) and the delimiter of a UTF-8 CSV file."""
    with open(path, encoding="utf-8", newline="") as handle:
        sample = handle.read(65536)
    delimiter = _delimiter(sample[:4096])
    first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
    return first, delimiter


def _utf8_file(file_name: str, data: bytes | None, source: Path | None, workdir: Path) -> Path:
    """A UTF-8 copy (or the file itself) of a CSV file, decoded by :func:`decode_csv`'s rules."""
    if source is not None and data is None:
        with open(source, "rb") as handle:
            head = handle.read(4)
        if not head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and _valid_utf8(
            source
        ):
            return source
        data = source.read_bytes()
    assert data is not None
    out = workdir / f"{len(list(workdir.iterdir()))}.csv"
    out.write_text(decode_csv(data), encoding="utf-8", newline="")
    return out


def _valid_utf8(path: Path) -> bool:
    """Whether the whole file decodes as strict UTF-8 (streamed, constant memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _csv_sheet(file_name: str, path: Path) -> RawSheet:
    header, delimiter = _header_of(path)
    return RawSheet(file_name, None, Path(file_name).stem, header, None, csv_path=path, delimiter=delimiter)


def rows_of_csv_file(sheet: RawSheet) -> list[tuple[int, list[Any]]]:
    """The slow path: every record of ``sheet.csv_path`` read by Python's csv module."""
    assert sheet.csv_path is not None
    with open(sheet.csv_path, encoding="utf-8", newline="") as handle:
        try:
            _, rows = _sheet_rows(csv.reader(handle, delimiter=sheet.delimiter))
        except csv.Error as exc:
            msg = f"อ่านไฟล์ CSV ไม่ได้ / cannot read the CSV file {sheet.file}: {exc}"
            raise InputError(msg) from exc
    return rows


def csv_layout_is_plain(sheet: RawSheet) -> tuple[bool, int]:
    """(whether DuckDB may number the records of the file, its line count)."""
    assert sheet.csv_path is not None
    layout = _scan_lines(sheet.csv_path)
    return layout.plain, layout.lines


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
    workdir = tempfile.TemporaryDirectory(prefix="sammachip-csv-")
    try:
        sheets = [_csv_sheet(p.name, _utf8_file(p.name, None, p, Path(workdir.name))) for p in files]
    except BaseException:
        workdir.cleanup()
        raise
    return RawInput(folder.name, digest.hexdigest(), sheets, workdir)


def read_csv_files(name: str, files: list[tuple[str, bytes]]) -> RawInput:
    """Read named CSV contents; the sha256 covers the sorted file names and contents."""
    digest = hashlib.sha256()
    workdir = tempfile.TemporaryDirectory(prefix="sammachip-csv-")
    sheets = []
    try:
        for file_name, data in sorted(files):
            digest.update(file_name.encode("utf-8") + b"\0" + data + b"\0")
            sheets.append(_csv_sheet(file_name, _utf8_file(file_name, data, None, Path(workdir.name))))
    except BaseException:
        workdir.cleanup()
        raise
    return RawInput(name, digest.hexdigest(), sheets, workdir)


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
