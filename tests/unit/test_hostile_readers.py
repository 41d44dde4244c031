"""The hostile-file readers: encodings, ZIP archives, workbooks, cell checks, the template.

Expected values are worked out by hand beside each test.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from data_loaders.check.normalise import parse_cell
from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.contract.privacy import mask_personal_numbers
from data_loaders.contract.schema import TABLES
from data_loaders.contract.template import (
    EXAMPLES,
    INSTRUCTIONS_SHEET,
    TEMPLATE_EXAMPLE_VILLAGE,
    build_template,
    is_template_example,
)
from data_loaders.read import encoding
from data_loaders.read.archive import read_zip_members, unsafe_name
from data_loaders.read.cellcheck import SQL_BAD_CHARS, cell_problem, first_bad_char, row_has_problem
from data_loaders.read.encoding import decode_bytes, transcode_to_utf8, utf16_without_bom
from data_loaders.read.inputs import InputError
from data_loaders.read.reader_checks import cell_problems, column_letter, sheet_problems
from data_loaders.read.xlsx import read_workbook

THAI = "รหัสครัวเรือน,ชื่อ\r\nH1,สมชาย ใจดี\r\nH2,สมศรี ใจงาม\r\n"


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (THAI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + THAI.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + THAI.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + THAI.encode("utf-16-be"), "utf-16"),
        (THAI.encode("utf-16-le"), "utf-16-le"),
        (THAI.encode("utf-16-be"), "utf-16-be"),
        (THAI.encode("cp874"), "cp874"),
        (THAI.encode("tis-620"), "cp874"),
        (b"a,b\r\n1,2\r\n", "utf-8"),
        (b"", "utf-8"),
    ],
)
def test_accepted_encodings_decode_to_the_same_text(data, expected):
    text, found = decode_bytes(data, file_name="x.csv")
    assert found == expected
    assert text == (THAI if "H1" in text else text)
    assert "\ufffd" not in text


def test_a_short_windows_874_file_is_accepted_although_the_detector_guesses_otherwise():
    # charset-normalizer names cp932 (Japanese) for these 22 Thai letters; the rule is sure:
    # every non-ASCII character is a Thai letter and no mark stands alone.
    short = "รหัสกลุ่ม,รหัสครัวเรือน\r\nG1,H1\r\n"
    assert decode_bytes(short.encode("cp874"), file_name="g.csv") == (short, "cp874")


def test_a_stray_byte_is_located_by_line_offset_and_bytes():
    data = THAI.encode("utf-8")
    # Line 1 is "รหัสครัวเรือน,ชื่อ\r\n": 13 + 4 Thai letters × 3 bytes + ",\r\n" = 17×3 + 3 = 54 bytes.
    # Line 2 starts at byte 54: "H1," is 3 bytes, so the stray 0xFF inserted there is at byte 57.
    bad = data[:57] + b"\xff" + data[57:]
    with pytest.raises(InputError) as caught:
        decode_bytes(bad, file_name="บ้าน.csv")
    message = str(caught.value)
    assert message.startswith("บ้าน.csv: อ่านข้อความไม่ได้")
    assert "ที่บรรทัด 2 ไบต์ที่ 57 (พบไบต์ ff e0 b8 aa)" in message  # ส is E0 B8 AA
    assert "at line 2, byte offset 57 (found bytes ff e0 b8 aa); save as CSV UTF-8" in message
    assert "บันทึกเป็น CSV UTF-8" in message


@pytest.mark.parametrize(
    "data",
    [
        "café,naïve\r\n".encode("latin-1"),  # reads as Thai marks after Latin letters: implausible
        "テスト,データ\r\n".encode("shift_jis"),
        THAI.encode("utf-32-le"),  # NUL bytes
        THAI.encode("utf-8").decode("cp874", errors="ignore").encode("utf-8"),  # mojibake saved as UTF-8
    ],
    ids=["latin-1", "shift-jis", "utf-32", "mojibake"],
)
def test_other_encodings_and_mojibake_are_refused(data):
    with pytest.raises(InputError, match=r"^x\.csv: "):
        decode_bytes(data, file_name="x.csv")


def test_a_windows_874_file_with_an_undefined_byte_is_located_where_it_is():
    data = THAI.encode("cp874")
    # Line 1 is 17 Thai letters + ",\r\n" = 20 bytes; line 2 "H1," puts the byte at 23. 0xFF is
    # undefined in Windows-874; strict UTF-8 stopped already at byte 0 (the first Thai letter).
    bad = data[:23] + b"\xff" + data[23:]
    with pytest.raises(InputError, match="ที่บรรทัด 2 ไบต์ที่ 23 "):
        decode_bytes(bad, file_name="x.csv")


def test_utf16_without_bom_is_recognised_from_nul_bytes():
    assert utf16_without_bom("a,b\r\n".encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom("a,b\r\n".encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(THAI.encode("utf-8")) is None
    assert utf16_without_bom(b"a") is None


def test_transcode_streams_across_chunk_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK", 7)  # every 3-byte Thai letter gets split somewhere
    text = THAI * 50
    src = tmp_path / "in.csv"
    src.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = transcode_to_utf8(src, tmp_path / "out.csv", file_name="in.csv")
    assert result == ("utf-16", tmp_path / "out.csv")
    assert result.path.read_bytes() == text.encode("utf-8")


def test_transcode_uses_plain_utf8_as_is(tmp_path, monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK", 5)
    src = tmp_path / "in.csv"
    src.write_bytes((THAI * 20).encode("utf-8"))
    result = transcode_to_utf8(src, tmp_path / "out.csv", file_name="in.csv")
    assert result == ("utf-8", src)
    assert not (tmp_path / "out.csv").exists()


def test_transcode_locates_a_bad_byte_in_a_later_chunk_and_removes_dst(tmp_path, monkeypatch):
    monkeypatch.setattr(encoding, "CHUNK", 16)
    line = "H1,สมชาย\r\n".encode()  # 3 + 5×3 + 2 = 20 bytes
    src = tmp_path / "in.csv"
    src.write_bytes(line * 10 + b"\xff" + line)  # the stray byte is at 200, on line 11
    with pytest.raises(InputError, match="ที่บรรทัด 11 ไบต์ที่ 200 "):
        transcode_to_utf8(src, tmp_path / "out.csv", file_name="in.csv")
    assert not (tmp_path / "out.csv").exists()


def test_transcode_refuses_a_file_over_the_limit(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"a,b\r\n" * 10)  # 50 bytes
    with pytest.raises(InputError, match="larger than"):
        transcode_to_utf8(src, tmp_path / "o.csv", file_name="in.csv", limits=Limits(max_csv_bytes=49))


# --- ZIP archives ----------------------------------------------------------------------------


def zipped(*members: tuple[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_members_come_back_without_folders_and_macos_junk():
    data = zipped(
        ("ข้อมูล/households.csv", b"a\r\n"), ("__MACOSX/ข้อมูล/._households.csv", b"x"), ("readme.txt", b"r")
    )
    assert read_zip_members(data, name="u.zip") == [("households.csv", b"a\r\n")]


@pytest.mark.parametrize(
    ("name", "unsafe"),
    [
        ("households.csv", False),
        ("folder/households.csv", False),
        ("../households.csv", True),
        ("a/../../households.csv", True),
        ("/etc/households.csv", True),
        ("..\\households.csv", True),
        ("C:households.csv", True),
        ("", True),
    ],
)
def test_unsafe_member_names(name, unsafe):
    assert unsafe_name(name) is unsafe


def test_zip_limits_are_checked_before_extracting():
    # 3 members of 2,000 bytes: 6,000 bytes in all, each compressing about 2000/20 = 100 times.
    members = [(f"t{i}.csv", b"a" * 2000) for i in range(3)]
    data = zipped(*members)
    with pytest.raises(InputError, match="3 entries, more than 2"):
        read_zip_members(data, name="u.zip", limits=Limits(zip_max_entries=2))
    with pytest.raises(InputError, match="expands to"):
        read_zip_members(data, name="u.zip", limits=Limits(zip_max_total_bytes=5_999))
    assert len(read_zip_members(data, name="u.zip", limits=Limits(zip_max_total_bytes=6_000))) == 3
    with pytest.raises(InputError, match="larger than"):
        read_zip_members(data, name="u.zip", limits=Limits(max_upload_bytes=len(data) - 1))


def test_a_zip_bomb_is_refused_from_its_directory(monkeypatch):
    import data_loaders.read.archive as archive

    monkeypatch.setattr(archive, "RATIO_FROM_BYTES", 0)
    data = zipped(("t.csv", b"0" * 100_000))  # 100 kB of one byte deflates to about 100 bytes
    with pytest.raises(InputError, match="zip bomb"):
        read_zip_members(data, name="u.zip")


# --- workbooks -------------------------------------------------------------------------------


def book_bytes(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_workbook_rows_hidden_rows_states_and_formulas():
    def build(book):
        ws = book.active
        ws.title = "ครัวเรือน"
        ws.append(["household_id", "members"])  # row 1
        ws.append(["H1", "=2+2"])  # row 2: a formula openpyxl saves without a value
        ws.append([None, None])  # row 3: blank, skipped but counted
        ws.append(["H2", 3])  # row 4, hidden
        ws.row_dimensions[4].hidden = True
        hidden = book.create_sheet("แผ่นลับ")
        hidden.sheet_state = "veryHidden"

    sheets = read_workbook(book_bytes(build), name="b.xlsx")
    assert [(s.title, s.state) for s in sheets] == [("ครัวเรือน", "visible"), ("แผ่นลับ", "veryHidden")]
    first = sheets[0]
    assert first.header == ["household_id", "members"]
    # The formula without a saved value reads as None, and trailing blank cells are dropped.
    assert first.rows == [(2, ["H1"]), (4, ["H2", 3])]
    assert first.hidden_rows == [4]
    assert first.formula_without_value == [(2, 2)]
    problems = sheet_problems("b.xlsx", sheets)
    lines = [(p.level, p.sheet, p.row, p.column) for p in problems if p.level != "note"]
    assert ("error", "ครัวเรือน", 2, "members") in lines
    assert ("warning", "ครัวเรือน", 4, None) in lines  # hidden row 4
    assert ("warning", "แผ่นลับ", None, None) in lines  # unknown sheet and very hidden
    notes = [p for p in problems if p.level == "note"]
    assert len(notes) == 12  # 13 tables (the optional roster too), one sheet (households) present


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"a,b\n1,2\n", "a text (CSV) file named .xlsx"),
        (b"%PDF-1.4 ...", "a PDF file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "old Excel file (.xls)"),
        (b"PK\x03\x04 broken", "damaged"),
        (zipped(("word/document.xml", b"<w/>")), "Word document"),
    ],
)
def test_what_is_not_a_workbook_is_named(data, expected):
    with pytest.raises(InputError, match=r"^b\.xlsx: ") as caught:
        read_workbook(data, name="b.xlsx")
    assert expected in str(caught.value)


def test_a_forged_dimension_and_a_far_row_are_read_quickly():
    def build(book):
        ws = book.active
        ws.append(["a"])
        ws.cell(row=1_048_576, column=1, value="last")

    # Row 1,048,576 is Excel's last: the gap before it is skipped, not filled cell by cell (the
    # corpus file xlsx_forged_dimension.xlsx covers a forged A1:XFD1048576 dimension).
    sheets = read_workbook(book_bytes(build), name="b.xlsx")
    assert sheets[0].rows == [(1_048_576, ["last"])]


def test_too_many_rows_are_refused():
    def build(book):
        for i in range(5):
            book.active.append([f"r{i}"])  # header + 4 rows

    with pytest.raises(InputError, match="more than 3 rows"):
        read_workbook(book_bytes(build), name="b.xlsx", limits=Limits(max_rows_per_table=3))


# --- cell checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("สมชาย ใจดี", None),
        ("สอง\tบรรทัด\r\nต่อ", None),  # tab and line ends are allowed
        ("a\x00b", (2, "\x00")),
        ("ab\x07", (3, "\x07")),
        ("\x7f", (1, "\x7f")),
        ("ชื่อ\u202eกลับ", (5, "\u202e")),
        ("\u2066x", (1, "\u2066")),
        ("x\u2069", (2, "\u2069")),
        ("x\ufffd", (2, "\ufffd")),
        ("\u200bzero width", None),  # not a bidi control: allowed
    ],
)
def test_first_bad_char(value, found):
    assert first_bad_char(value) == found


def test_cell_problem_length_first_then_characters():
    assert cell_problem("ก" * 1000) is None
    assert cell_problem("ก" * 1001) == LIMITS.cell_too_long(length=1001)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE ที่ตัวอักษรที่ 2" in (cell_problem("a\u202e") or "")
    assert cell_problem(12345) is None
    assert not row_has_problem(["a", 1, None])
    assert row_has_problem(["a", "b\x01"])


def test_cell_problems_are_located_and_the_sql_pattern_agrees():
    import duckdb

    problems = cell_problems("f.csv", None, ["name", "note"], [(2, ["ok", "fine"]), (5, ["x\u202e", "y"])])
    assert [(p.row, p.column) for p in problems] == [(5, "name")]
    for value in ("ok", "a\u202e", "a\x01", "tab\there", "x\ufffd"):
        sql = duckdb.execute("SELECT regexp_matches($v, $p)", {"v": value, "p": SQL_BAD_CHARS}).fetchone()[0]
        assert sql is (first_bad_char(value) is not None), value


def test_pathological_cells_are_checked_in_linear_time():
    value = "\u0e01" * 200_000 + "\x01"
    assert first_bad_char(value) == (200_001, "\x01")
    assert cell_problem(value) is not None


@pytest.mark.parametrize(("index", "letter"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA")])
def test_column_letter(index, letter):
    assert column_letter(index) == letter


# --- personal data in messages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('found "3100600445635"', 'found "x-xxxx-xxxxx-63-5"'),
        ("3-1006-00445-63-5", "x-xxxx-xxxxx-63-5"),
        ("โทร 081-111-1111", "โทร xxx-xxx-1111"),
        ("0811111111", "xxx-xxx-1111"),
        ("02 123 4567", "xxx-xxx-4567"),  # Bangkok landline: 9 digits
        ("village 30170101, 2017-02-06, 1,000,000 baht", "village 30170101, 2017-02-06, 1,000,000 baht"),
        ("123456789", "123456789"),  # 9 digits not starting with 0: not a phone
    ],
)
def test_mask_personal_numbers(text, masked):
    assert mask_personal_numbers(text) == masked


# --- the template ----------------------------------------------------------------------------


def test_template_is_safe_and_helpful():
    book = openpyxl.load_workbook(io.BytesIO(build_template()))
    assert book.sheetnames[0] == INSTRUCTIONS_SHEET
    assert "ลบแถวตัวอย่าง" in str(book[INSTRUCTIONS_SHEET]["A3"].value)
    households = book["ครัวเรือน"]
    assert households["B2"].value == TEMPLATE_EXAMPLE_VILLAGE
    assert households["D2"].value == "x-xxxx-xxxxx-xx-x"  # the national ID, masked
    assert book["วิทยากร"]["F2"].value == "08x-xxx-xxxx"
    roles = [dv for dv in book["วิทยากร"].data_validations.dataValidation if "ปราชญ์" in (dv.formula1 or "")]
    assert roles and roles[0].formula1 == '"ปราชญ์,วิทยากร"'  # the Thai word for lead, then team
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and mask_personal_numbers(v) != v for v in row)
    assert is_template_example("99010101")
    assert is_template_example(" 99010101 ")
    assert not is_template_example("30170101")
    assert not is_template_example(None)


def test_the_template_examples_read_back_as_the_values_they_stand_for():
    # Each example cell as the template writes it (Thai coded words, ใช่, BE dates such as
    # 17/04/2560) reads back, through the checker's parser, to the value of its stored form
    # ("baseline", "yes", 2017-04-17): the template writes them without the parser.
    book = openpyxl.load_workbook(io.BytesIO(build_template()))
    checked = 0
    for table in TABLES:
        sheet = book[table.sheet_aliases[0]]
        for index, column in enumerate(table.columns, start=1):
            stored = EXAMPLES[table.name].get(column.name, "")
            if not stored or column.kind in ("national_id", "phone"):  # masked on purpose
                continue
            assert parse_cell(column, sheet.cell(row=2, column=index).value) == parse_cell(column, stored)
            checked += 1
    assert checked > 40  # every table's example row, not a few cells


def test_province_99_is_not_a_real_province():
    from data_loaders.reference import geo

    assert geo.tambon(TEMPLATE_EXAMPLE_VILLAGE[:6]) is None
    assert geo.district_status(TEMPLATE_EXAMPLE_VILLAGE[:4]) is None


def test_upload_limit_matches_streamlit_config():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit/config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == LIMITS.max_upload_bytes


def test_a_workbook_expanding_past_the_limit_is_refused_before_reading():
    data = book_bytes(lambda book: book.active.append(["a"]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(i.file_size for i in archive.infolist())
    with pytest.raises(InputError, match="the workbook expands to"):
        read_workbook(data, name="b.xlsx", limits=Limits(xlsx_max_total_bytes=total - 1))
    assert read_workbook(data, name="b.xlsx", limits=Limits(xlsx_max_total_bytes=total))[0].header == ["a"]


def test_saved_formula_values_are_used_and_the_byte_scan_places_formulas():
    # A formula with a saved value (as Excel writes it): B2 = 2+2 saved as 4. openpyxl writes
    # <f>2+2</f><v></v>; the saved value is put in by hand.
    def build(book):
        book.active.append(["a", "b"])
        book.active.append(["x", "=2+2"])
        book.active.append(["y", "=1+1"])

    data = book_bytes(build)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"<f>2+2</f><v></v>", b"<f>2+2</f><v>4</v>")
            dst.writestr(info, part)
    sheet = read_workbook(out.getvalue(), name="b.xlsx")[0]
    assert sheet.rows == [(2, ["x", 4]), (3, ["y"])]
    assert sheet.formula_without_value == [(3, 2)]  # B3 has no saved value


def test_a_formula_cell_without_a_reference_falls_back_to_reading_cells():
    def build(book):
        book.active.append(["a", "b"])
        book.active.append(["x", "=2+2"])

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book_bytes(build))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b'<c r="B2">', b"<c>")  # position implied by order: B2
            dst.writestr(info, part)
    sheet = read_workbook(out.getvalue(), name="b.xlsx")[0]
    assert sheet.formula_without_value == [(2, 2)]
