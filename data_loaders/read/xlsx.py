"""Read an officer's workbook (.xlsx) without trusting it.

What is refused, each with a Thai/English message naming the file (never a traceback):

- a password-protected workbook (Excel saves it as an OLE compound file, ``D0 CF 11 E0``,
  holding ``EncryptedPackage``) and an old binary ``.xls`` (the same container, ``Workbook``);
- a file that is not a ZIP at all (a CSV, a PDF, ... renamed to .xlsx), a ZIP that is not a
  workbook (a .docx, a ZIP of CSVs renamed), a damaged ZIP;
- XML with a DTD (``<!DOCTYPE``/``<!ENTITY``): the "billion laughs" entity bomb. It is found
  by looking at the start of every XML part before openpyxl runs; openpyxl also parses with
  defusedxml, which refuses DTDs, as a second line;
- more parts, more uncompressed bytes or a higher compression ratio than the limits allow, and
  more rows than ``max_rows_per_table``.

What is reported as data (:class:`XlsxSheet`), for the caller to turn into report lines:
sheet state (hidden and "very hidden" sheets), hidden rows (``<row hidden="1">``) and formulas
without a saved value. Rows and formulas are found by a linear byte scan of the sheet XML
(``_scan_sheet_xml``), and values are read in one streaming pass with the saved formula results
(``data_only``); only when a formula cell carries no ``r=`` reference does the reader fall back
to reading cell objects twice (``_read_cells``, hidden rows then via defusedxml's ``iterparse``).

Bounded work: worksheets are read in openpyxl's read-only (streaming) mode with the stored
dimensions ignored (a forged ``A1:XFD1048576`` would make it pad every row to 16,384 cells and
fill a million empty rows), at most ``MAX_COLUMNS`` columns of each row and Excel's own
``EXCEL_MAX_ROWS`` rows (a row numbered beyond it would make openpyxl fill the gap).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.read.archive import open_checked
from data_loaders.read.inputs import InputError

SheetState = Literal["visible", "hidden", "veryHidden"]
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
MAX_COLUMNS = 256  # columns read per row; the contract's widest table has 10
EXCEL_MAX_ROWS = 1_048_576
XLSX_MAX_PARTS = 1_000  # a workbook of 12 sheets has about 30 parts
DTD_SCAN_BYTES = 64 * 1024  # a DTD must come before the root element: the start of a part


@dataclass(slots=True)
class XlsxSheet:
    """One worksheet as read: row 1 is the header; row numbers are the ones Excel shows."""

    title: str
    state: SheetState
    header: list[Any]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # non-blank rows below the header
    hidden_rows: list[int] = field(default_factory=list)
    formula_without_value: list[tuple[int, int]] = field(default_factory=list)  # (row, column from 1)


def _error(message: str) -> Exception:
    return InputError(message)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- what kind of file is it ---------------------------------------------------------------


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _not_zip_message(data: bytes, name: str) -> str:
    """Name what the file really is, when it is recognisably something else."""
    if data.startswith(CFB_SIGNATURE):
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            return (
                f"{name}: ไฟล์มีรหัสผ่าน อ่านไม่ได้ ให้เปิดใน Excel แล้วเอารหัสผ่านออก "
                f"(ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน > ลบรหัส) แล้วบันทึกใหม่ / "
                f"{name}: the workbook is password-protected: save it without a password "
                f"(File > Info > Protect Workbook > Encrypt with Password > clear it)"
            )
        if _utf16("Workbook") in data or _utf16("Book") in data:
            return (
                f"{name}: เป็นไฟล์ Excel รุ่นเก่า (.xls) ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx / "
                f"{name}: this is an old Excel file (.xls); open it in Excel and save it as .xlsx"
            )
        return (
            f"{name}: เป็นไฟล์เอกสาร Office รุ่นเก่า ไม่ใช่ .xlsx / "
            f"{name}: this is an old Office document, not an .xlsx workbook"
        )
    if not data:
        return f"{name}: ไฟล์ว่างเปล่า (0 ไบต์) / {name}: the file is empty (0 bytes)"
    if data.startswith(b"%PDF"):
        return f"{name}: เป็นไฟล์ PDF ไม่ใช่ Excel / {name}: this is a PDF file, not an Excel workbook"
    head = data[:4096]
    if b"\0" not in head and (b"," in head or b"\t" in head or b";" in head):
        return (
            f"{name}: เป็นไฟล์ข้อความ (CSV) ที่ตั้งนามสกุลเป็น .xlsx ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx "
            f"หรือส่งเป็น ZIP ของไฟล์ CSV / "
            f"{name}: this is a text (CSV) file named .xlsx; open it in Excel and save it as .xlsx, "
            f"or upload a ZIP of CSV files"
        )
    return (
        f"{name}: ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสีย ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่ / "
        f"{name}: not an Excel workbook (.xlsx) or a damaged one; open it in Excel and save it as .xlsx again"
    )


def _not_workbook(name: str, names: set[str]) -> str:
    if "word/document.xml" in names:
        what_th, what_en = "เป็นไฟล์ Word", "this is a Word document"
    elif "ppt/presentation.xml" in names:
        what_th, what_en = "เป็นไฟล์ PowerPoint", "this is a PowerPoint file"
    elif any(n.lower().endswith(".csv") for n in names):
        what_th, what_en = "เป็น ZIP ของไฟล์ CSV ที่ตั้งชื่อเป็น .xlsx", "this is a ZIP of CSV files named .xlsx"
    else:
        what_th, what_en = "ไม่มีส่วนประกอบของเวิร์กบุ๊ก", "it has no workbook parts"
    return f"{name}: ไม่ใช่ไฟล์ Excel (.xlsx): {what_th} / {name}: not an Excel workbook (.xlsx): {what_en}"


def damaged_message(name: str, exc: BaseException) -> str:
    """The bilingual refusal of a workbook the reader cannot open, with the cause in one line."""
    detail = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:200]
    return (
        f"{name}: ไฟล์ Excel เสีย อ่านไม่ได้ ({detail}) ให้เปิดใน Excel แล้วบันทึกใหม่ / "
        f"{name}: the workbook is damaged and cannot be read ({detail}); open it in Excel and save it again"
    )


def _xml_attack(name: str, part: str) -> str:
    return (
        f"{name}: ส่วน {part} ในไฟล์มีการประกาศ DTD/ENTITY ซึ่ง Excel ไม่สร้าง อาจเป็นไฟล์อันตราย "
        f"(XML entity bomb) จึงไม่เปิด ให้บันทึกใหม่จาก Excel / "
        f"{name}: the part {part} declares a DTD or entities, which Excel never writes; it may be an "
        f"XML entity bomb and was not opened; save the workbook again from Excel"
    )


def _defused(exc: BaseException) -> bool:
    """Whether defusedxml refused a DTD or entity somewhere down the exception chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, DefusedXmlException):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def check_parts(archive: zipfile.ZipFile, *, name: str, limits: Limits) -> None:
    """Total size, then the start of every XML part for a DTD, before openpyxl sees anything."""
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.xlsx_max_total_bytes:
        raise _error(limits.workbook_too_large(file=name, size=total))
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
        raise _error(_not_workbook(name, names))
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as handle:
                start = handle.read(DTD_SCAN_BYTES).upper()
        except Exception as exc:  # zipfile raises many kinds on a hostile archive
            raise _error(damaged_message(name, exc)) from None
        if any(m in start for m in (b"<!DOCTYPE", b"<!ENTITY", _utf16("<!DOCTYPE"), _utf16("<!ENTITY"))):
            raise _error(_xml_attack(name, info.filename))


# --- reading -------------------------------------------------------------------------------


def _hidden_rows(archive: zipfile.ZipFile, path: str | None, *, name: str) -> list[int]:
    """Row numbers with ``hidden="1"`` in a worksheet's XML.

    Streamed: each finished row is removed from ``sheetData``, so memory does not grow with the
    number of rows.
    """
    if not path:
        return []

    path = path.lstrip("/")
    hidden: list[int] = []
    try:
        with archive.open(path) as handle:
            sheet_data = None
            for event, element in iterparse(handle, events=("start", "end")):
                local = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if local == "sheetData":
                        sheet_data = element
                    continue
                if local == "row":
                    if element.get("hidden") in ("1", "true") and (r := element.get("r", "")).isdigit():
                        hidden.append(int(r))
                    element.clear()
                    if sheet_data is not None:
                        sheet_data.remove(element)
                elif local == "sheetData":
                    break
    except KeyError:
        return []
    except DefusedXmlException:
        raise _error(_xml_attack(name, path)) from None
    except Exception as exc:  # expat errors on hostile XML
        raise _error(damaged_message(name, exc)) from None
    return hidden


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f\b")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*>")
_ROW_NUMBER = re.compile(rb'\br="(\d{1,7})"')
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
SCAN_CONTEXT = 4096  # scanned bytes kept from the previous chunk, to look back to a cell's tag
CHUNK_BYTES = 1024 * 1024
MAX_TAG_BYTES = 16 * 1024 * 1024


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index


def _scan_sheet_xml(
    archive: zipfile.ZipFile, path: str, *, name: str
) -> tuple[list[int], set[tuple[int, int]] | None]:
    """Hidden rows and formula cells (row, column from 1) of a worksheet, from its bytes.

    Linear scans of the raw XML in chunks (C-speed ``re`` on bytes, single quantifiers), far
    cheaper than a second XML parse; openpyxl parses the same part with defusedxml. Formulas
    are found as ``<f`` elements and placed by the ``r="B2"`` of the cell tag just before;
    ``None`` when a formula's cell has no reference (the caller then reads cell by cell).
    """
    hidden: set[int] = set()
    formulas: set[tuple[int, int]] = set()
    placed = True
    context = b""  # already scanned bytes kept for looking back to an enclosing tag
    carry = b""  # bytes after the last ">" of the previous buffer, not scanned yet
    try:
        with archive.open(path.lstrip("/")) as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                buffer = context + carry + chunk
                begin = len(context)
                end = len(buffer) if not chunk else buffer.rfind(b">") + 1
                if chunk and end <= begin:  # no complete tag yet
                    carry = buffer[begin:]
                    if len(carry) > MAX_TAG_BYTES:
                        raise ValueError("a tag longer than 16 MB")
                    continue
                for match in _HIDDEN.finditer(buffer, begin, end):
                    tag = _ROW_TAG.match(buffer, buffer.rfind(b"<", 0, match.start()))
                    if tag and tag.end() >= match.end() and (number := _ROW_NUMBER.search(tag.group())):
                        hidden.add(int(number.group(1)))
                for match in _FORMULA.finditer(buffer, begin, end):
                    cell = _CELL_TAG.match(buffer, buffer.rfind(b"<", 0, match.start()))
                    ref = _CELL_REF.search(cell.group()) if cell else None
                    if ref is None:
                        placed = False
                    else:
                        formulas.add((int(ref.group(2)), _column_index(ref.group(1))))
                if not chunk:
                    break
                context = buffer[max(begin, end - SCAN_CONTEXT) : end]
                carry = buffer[end:]
    except KeyError:
        return [], None
    except Exception as exc:  # zipfile errors on a damaged part
        raise _error(damaged_message(name, exc)) from None
    return sorted(hidden), (formulas if placed else None)


def _read_sheet_cells(
    ws: Any, *, name: str, limits: Limits
) -> tuple[list[Any], list[tuple[int, list[Any]]], set[tuple[int, int]]]:
    """Header, non-blank rows and formula cells (row, column from 1) of a read-only worksheet."""
    ws.reset_dimensions()  # never trust the stored dimension (see the module docstring)
    header: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    formulas: set[tuple[int, int]] = set()
    for number, cells in enumerate(ws.iter_rows(min_row=1, max_row=EXCEL_MAX_ROWS), start=1):
        if not cells:  # a row missing from the XML: openpyxl fills the gap with empty rows
            continue
        values: list[Any] = []
        for index, cell in enumerate(islice(cells, MAX_COLUMNS), start=1):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                formulas.add((number, index))
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        if number == 1:
            header = values
        elif not all(_blank(v) for v in values):
            rows.append((number, values))
            if len(rows) > limits.max_rows_per_table:
                raise _error(limits.too_many_rows(file=name, sheet=ws.title, rows=len(rows)))
    return header, rows, formulas


def _cached_values(ws: Any, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    """The saved results of the formula cells ``wanted`` (a second streaming pass)."""
    ws.reset_dimensions()
    columns_by_row: dict[int, list[int]] = {}
    for row, column in wanted:
        columns_by_row.setdefault(row, []).append(column)
    found: dict[tuple[int, int], Any] = {}
    for number, values in enumerate(
        ws.iter_rows(min_row=1, max_row=max(columns_by_row), values_only=True), start=1
    ):
        for column in columns_by_row.get(number, ()):
            if column <= len(values):
                found[(number, column)] = values[column - 1]
    return found


def _state(ws: Any) -> SheetState:
    state = getattr(ws, "sheet_state", "visible")
    return state if state in ("visible", "hidden", "veryHidden") else "visible"


def read_workbook(data: bytes, *, name: str, limits: Limits = LIMITS) -> list[XlsxSheet]:
    """Every worksheet of an .xlsx held in memory; raises ``InputError`` when it cannot be read.

    Formula cells carry their saved value; cells whose formula has no saved value (the file was
    written by a program that does not calculate) are listed in ``formula_without_value`` and
    read as None.
    """
    if len(data) > limits.max_upload_bytes:
        raise _error(limits.upload_too_large(file=name, size=len(data)))
    if not data.startswith(ZIP_SIGNATURES):
        raise _error(_not_zip_message(data, name))
    archive = open_checked(
        data, name=name, limits=limits, max_entries=XLSX_MAX_PARTS, damaged=damaged_message
    )
    with archive:
        check_parts(archive, name=name, limits=limits)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            return _read(data, archive, name=name, limits=limits)


def _read(data: bytes, archive: zipfile.ZipFile, *, name: str, limits: Limits) -> list[XlsxSheet]:
    """One streaming pass of saved values per sheet, plus a byte scan for hidden rows and formulas."""
    import openpyxl  # deferred: openpyxl takes 0.4 s to import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises almost anything on a damaged or hostile file
        raise _error(
            _xml_attack(name, "xl/worksheets") if _defused(exc) else damaged_message(name, exc)
        ) from None
    sheets: list[XlsxSheet] = []
    try:
        for ws in book.worksheets:
            path = getattr(ws, "_worksheet_path", None)
            hidden, formulas = _scan_sheet_xml(archive, path, name=name) if path else ([], None)
            if formulas is None:  # a formula the scan cannot place: read this workbook cell by cell
                book.close()
                return _read_cells(data, archive, name=name, limits=limits)
            header, rows = _read_sheet_values(ws, name=name, limits=limits)
            sheet = XlsxSheet(ws.title, _state(ws), header, rows, hidden_rows=hidden)
            if formulas:
                by_row = dict(rows)
                for row, column in sorted(formulas):
                    values = header if row == 1 else by_row.get(row)
                    if values is None or column > len(values) or values[column - 1] is None:
                        sheet.formula_without_value.append((row, column))
            sheets.append(sheet)
    except InputError:
        raise
    except Exception as exc:  # openpyxl wraps defusedxml's refusal in a ValueError
        raise _error(
            _xml_attack(name, "xl/worksheets") if _defused(exc) else damaged_message(name, exc)
        ) from None
    finally:
        book.close()
    return sheets


def _read_sheet_values(
    ws: Any, *, name: str, limits: Limits
) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and non-blank rows of a read-only worksheet, values only (no cell objects)."""
    ws.reset_dimensions()  # never trust the stored dimension (see the module docstring)
    header: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(
        ws.iter_rows(min_row=1, max_row=EXCEL_MAX_ROWS, values_only=True), start=1
    ):
        if not cells:  # a row missing from the XML: openpyxl fills the gap with empty rows
            continue
        values = list(islice(cells, MAX_COLUMNS))
        while values and values[-1] is None:
            values.pop()
        if number == 1:
            header = values
        elif not all(_blank(v) for v in values):
            rows.append((number, values))
            if len(rows) > limits.max_rows_per_table:
                raise _error(limits.too_many_rows(file=name, sheet=ws.title, rows=len(rows)))
    return header, rows


def _read_cells(data: bytes, archive: zipfile.ZipFile, *, name: str, limits: Limits) -> list[XlsxSheet]:
    """The slow way, cell objects and two passes: for sheets whose XML the scan cannot place."""
    import openpyxl  # deferred: openpyxl takes 0.4 s to import

    sheets: list[XlsxSheet] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises almost anything on a damaged or hostile file
        raise _error(
            _xml_attack(name, "xl/worksheets") if _defused(exc) else damaged_message(name, exc)
        ) from None
    formulas_by_sheet: dict[str, set[tuple[int, int]]] = {}
    try:
        for ws in book.worksheets:
            header, rows, formulas = _read_sheet_cells(ws, name=name, limits=limits)
            sheet = XlsxSheet(ws.title, _state(ws), header, rows)
            sheet.hidden_rows = _hidden_rows(archive, getattr(ws, "_worksheet_path", None), name=name)
            sheets.append(sheet)
            if formulas:
                formulas_by_sheet[ws.title] = formulas
    except InputError:
        raise
    except Exception as exc:  # openpyxl wraps defusedxml's refusal in a ValueError
        raise _error(
            _xml_attack(name, "xl/worksheets") if _defused(exc) else damaged_message(name, exc)
        ) from None
    finally:
        book.close()
    if formulas_by_sheet:
        _fill_cached(data, sheets, formulas_by_sheet, name=name)
    return sheets


def _fill_cached(
    data: bytes, sheets: list[XlsxSheet], formulas_by_sheet: dict[str, set[tuple[int, int]]], *, name: str
) -> None:
    """Replace formula text by saved values; list the formulas without one."""
    import openpyxl  # deferred: openpyxl takes 0.4 s to import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise _error(damaged_message(name, exc)) from None
    try:
        by_title = {s.title: s for s in sheets}
        for title, wanted in formulas_by_sheet.items():
            sheet = by_title[title]
            cached = _cached_values(book[title], wanted)
            rows = dict(sheet.rows)
            for row, column in sorted(wanted):
                value = cached.get((row, column))
                target = sheet.header if row == 1 else rows.get(row)
                if target is not None and column <= len(target):
                    target[column - 1] = value
                if value is None:
                    sheet.formula_without_value.append((row, column))
    except Exception as exc:
        raise _error(damaged_message(name, exc)) from None
    finally:
        book.close()
