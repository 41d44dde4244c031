"""Issue 9: the officer's own workbook back, every problem cell filled and commented.

The fixtures are the hand-made inputs of ``test_report_groups`` checked against a store holding
``tests.builders.tiny()``; the cells and comments expected are worked out beside each test.
Fill colours: errors FFC7CE (light red), warnings FFEB9C (light yellow), notes DDEBF7 (light
blue). A problem without a row (a whole-village warning when the file has no villages sheet)
marks A1 of the first sheet.
"""

from __future__ import annotations

import gc
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

import data_loaders.check.annotate as annotate_module
from data_loaders.check.annotate import annotate, annotate_path
from data_loaders.check.validation_report import ValidationReport
from data_loaders.contract.limits import Limits
from data_loaders.read.inputs import InputError, RawInput, RawSheet
from data_loaders.read.readers import read_input, read_upload
from data_loaders.store.importer import check_raw
from tests.builders import set_cell, tiny, write_csv_folder, write_xlsx
from tests.report_fixtures import HH, duplicate_household

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bad_inputs" / "files"
RED, YELLOW, BLUE = "FFC7CE", "FFEB9C", "DDEBF7"
NATIONAL_ID = re.compile(r"(?<!\d)\d(?:[ -]?\d){12}(?!\d)")
PHONE = re.compile(r"(?<!\d)0\d{1,2}[ -]?\d{3}[ -]?\d{3,4}(?!\d)")

# The duplicate-household fixture: households A1 (the whole-village warning, no villages sheet),
# households A4 (the repeated H2, the root), attendance C3, C4, C5 (the rows referring to H2).
DUPLICATE_MARKS = {
    ("households", "A1"): YELLOW,
    ("households", "A4"): RED,
    ("attendance", "C3"): BLUE,
    ("attendance", "C4"): BLUE,
    ("attendance", "C5"): BLUE,
}
ROOT_COMMENT = (
    "ข้อผิดพลาด / error: รหัสซ้ำกับแถว 3 (household_id=H2) / duplicate key household_id=H2, first in row 3\n"
    "[1] รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้ / one duplicate household ID (H2), "
    "and 3 rows that depend on it (ต้นเหตุ / root)\n"
    "วิธีแก้ / how to fix: ให้รหัสครัวเรือนใหม่กับแถวที่ซ้ำ แล้วแก้แถวที่อ้างถึง H2 ให้ชี้ไปยังแถวที่ถูกต้อง / "
    "give one of the repeated rows a new household ID, then make each row that refers to H2 point to the right one"
)
WARNING_COMMENT = (
    "คำเตือน / warning: หมู่บ้าน 30170101 มีครัวเรือนเป้าหมาย 3 ครัวเรือน น้อยกว่าเป้า 20 / "
    "village 30170101 has 3 target households, fewer than the target of 20\n"
    "วิธีแก้ / how to fix: ตรวจดูว่าถูกต้อง คำเตือนไม่ขวางการนำเข้า / check that it is right; "
    "a warning does not block the import"
)


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("annotate_store")
    db = folder / "db.duckdb"
    with read_input(write_csv_folder(folder / "tiny", tiny())) as raw:
        assert check_raw(raw, db, commit=True).committed
    return db


def check(raw: RawInput, store: Path, tmp_path: Path) -> ValidationReport:
    db = tmp_path / "db.duckdb"
    shutil.copyfile(store, db)
    return check_raw(raw, db, commit=False).report


def marks(data: bytes) -> dict[tuple[str, str], str]:
    """Every filled cell of a workbook: (sheet, cell) -> fill colour (RGB)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fill_type == "solid":
                    out[(ws.title, cell.coordinate)] = cell.fill.fgColor.rgb[-6:]
    return out


def comments(data: bytes) -> dict[tuple[str, str], str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        (ws.title, cell.coordinate): cell.comment.text
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.comment is not None
    }


@pytest.fixture(params=["same workbook", "rebuilt"])
def copy_mode(request, monkeypatch) -> str:
    """Both ways an .xlsx comes back: loaded whole, or rebuilt from values (a big workbook)."""
    if request.param == "rebuilt":
        monkeypatch.setattr(annotate_module, "FULL_COPY_BYTES", 0)
    return request.param


def test_duplicate_household_marks_exactly_its_cells(tmp_path, tiny_store, copy_mode):
    book = write_xlsx(tmp_path / "dup.xlsx", duplicate_household())
    data = book.read_bytes()
    with read_upload("dup.xlsx", data) as raw:
        out = annotate(raw, check(raw, tiny_store, tmp_path), workbook=data)
    assert marks(out) == DUPLICATE_MARKS
    found = comments(out)
    assert set(found) == set(DUPLICATE_MARKS)  # a comment on every marked cell, none elsewhere
    assert found[("households", "A4")] == ROOT_COMMENT
    assert found[("households", "A1")] == WARNING_COMMENT
    assert found[("attendance", "C3")].startswith(
        "หมายเหตุ / note: อ้างถึงรหัสครัวเรือน H2 ซึ่งซ้ำกันในชีต households (แถว 3, 4)"
    )
    assert "(ผลตามมา / follows from the root)" in found[("attendance", "C3")]


def test_the_annotated_workbook_reads_back_as_the_same_data(tmp_path, tiny_store, copy_mode):
    """Fixed or not, the copy holds the officer's values: checked again, it finds the same."""
    data = write_xlsx(tmp_path / "dup.xlsx", duplicate_household()).read_bytes()
    with read_upload("dup.xlsx", data) as raw:
        first = check(raw, tiny_store, tmp_path)
        out = annotate(raw, first, workbook=data)
    with read_upload("dup.xlsx", out) as again:
        second = check(again, tiny_store, tmp_path)
    assert [p.line() for p in second.problems] == [p.line() for p in first.problems]


def test_a_csv_folder_becomes_a_workbook_with_the_same_marks(tmp_path, tiny_store):
    folder = write_csv_folder(tmp_path / "dup", duplicate_household())
    with read_input(folder) as raw:
        out = annotate_path(raw, check(raw, tiny_store, tmp_path), folder)
    # CSV problems name the file ("households.csv"); the sheet is the file's stem. The folder-
    # level warning ("dup:-") goes to A1 of the first sheet (attendance, first by name).
    assert marks(out) == {
        ("attendance", "A1"): YELLOW,
        ("households", "A4"): RED,
        ("attendance", "C3"): BLUE,
        ("attendance", "C4"): BLUE,
        ("attendance", "C5"): BLUE,
    }
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["households"]["E2"].value == "4"  # text as typed, never turned into a number
    assert book["households"]["A4"].value == "H2"


def text_workbook(path: Path) -> Path:
    """tiny's households with formula-looking text typed as text (not a formula): a head_name
    of ``=HYPERLINK(…)`` at C4 and an occupation of ``-`` (a blank) at F2."""
    tables = tiny("households")
    set_cell(tables, "households", 4, "head_name", '=HYPERLINK("http://example.com","คลิก")')
    set_cell(tables, "households", 2, "occupation", "-")
    book = openpyxl.load_workbook(write_xlsx(path, tables))
    book["households"]["C4"].data_type = "s"  # as Excel stores text typed after an apostrophe
    book.save(path)
    return path


def test_no_formula_survives_and_formula_text_stays_text(tmp_path, tiny_store, copy_mode):
    for source in (CORPUS / "xlsx_formula_with_value.xlsx", text_workbook(tmp_path / "f.xlsx")):
        data = source.read_bytes()
        with read_upload(source.name, data) as raw:
            out = annotate(raw, check(raw, tiny_store, tmp_path), workbook=data)
        with zipfile.ZipFile(io.BytesIO(out)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
            assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
        book = openpyxl.load_workbook(io.BytesIO(out))
        ws = book.worksheets[0]
        if source.name == "f.xlsx":
            cell = ws["C4"]
            assert cell.value == '=HYPERLINK("http://example.com","คลิก")'  # the officer's text, kept
            assert cell.data_type == "s" and cell.quotePrefix  # shown and edited as text
            assert ws["F2"].value == "-" and ws["F2"].quotePrefix
        else:
            assert ws["E3"].value == 2  # the saved result of =1+1, not the formula


def test_comments_never_hold_a_national_id_or_phone_number(tmp_path, tiny_store, copy_mode):
    # The column shifted left: national ID 3100600445635 lands in "members", a phone in "role".
    tables = tiny("households", "trainers")
    row = tables["households"][1]
    row[4], row[3] = row[3], ""
    set_cell(tables, "trainers", 2, "role", "0811111111")
    data = write_xlsx(tmp_path / "shifted.xlsx", tables).read_bytes()
    with read_upload("shifted.xlsx", data) as raw:
        out = annotate(raw, check(raw, tiny_store, tmp_path), workbook=data)
    found = comments(out)
    assert ("households", "E2") in found and ("trainers", "D2") in found
    for text in found.values():
        assert NATIONAL_ID.search(text) is None and PHONE.search(text) is None, text
    assert 'found "x-xxxx-xxxxx-63-5"' in found[("households", "E2")]
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["households"]["E2"].value == "3100600445635"  # the cell is the officer's own


def test_comments_are_capped_but_every_cell_is_filled(tmp_path, tiny_store, copy_mode):
    data = write_xlsx(tmp_path / "dup.xlsx", duplicate_household()).read_bytes()
    with read_upload("dup.xlsx", data) as raw:
        out = annotate(
            raw, check(raw, tiny_store, tmp_path), workbook=data, limits=Limits(annotate_max_comments=2)
        )
    assert marks(out) == DUPLICATE_MARKS
    assert len(comments(out)) == 2


def test_a_sheet_longer_than_excel_is_refused_with_a_message():
    sheet = RawSheet("big.csv", None, "households", HH, [(2, ["H1"]), (1_048_577, ["H2"])])
    raw = RawInput("big", "0" * 64, [sheet])
    with pytest.raises(InputError, match="1,048,576"):
        annotate(raw, ValidationReport((), ()))
    gc.collect()  # the half-written workbook was closed: nothing fails when it is collected
