"""Write the bad-input corpus into ``tests/bad_inputs/files/`` (deterministic; run from anywhere).

    python tests/bad_inputs/make_corpus.py          # the committed, small files
    python tests/bad_inputs/make_corpus.py --big DIR  # the large ones, which tests make at run time

Every case starts from ``tests.builders.tiny()`` (the store the tests validate against holds
the same data), changes one thing, and is written as a CSV folder, a ZIP or a workbook. What each
case must produce is in ``expected.toml`` beside this script.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import shutil
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from tests.builders import Tables, set_cell, thai_sheet_names, tiny  # noqa: E402

FILES = Path(__file__).resolve().parent / "files"
FIXED_TIME = (2017, 1, 1, 0, 0, 0)  # ZIP entry dates, so the bytes never change


# --- writers ---------------------------------------------------------------------------------


def csv_text(rows: list[list[Any]], *, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def folder(name: str, files: dict[str, bytes]) -> None:
    """A case that is a folder of CSV files."""
    target = FILES / name
    target.mkdir(parents=True, exist_ok=True)
    for file_name, data in files.items():
        (target / file_name).write_bytes(data)


def zip_bytes(
    members: list[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED, flag_bits: int = 0
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=FIXED_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def workbook(
    tables: Tables, *, sheet_names: dict[str, str] | None = None, edit: Callable[[Any], None] | None = None
) -> bytes:
    """A workbook with Thai sheet names; ``edit`` may change the openpyxl book before saving."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    names = {**thai_sheet_names(tables), **(sheet_names or {})}
    for table, rows in tables.items():
        sheet = book.create_sheet(names[table])
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes, replace: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same archive with fixed dates (openpyxl stamps the time) and parts edited."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if replace and info.filename in replace:
                content = replace[info.filename](content)
            if info.filename == "docProps/core.xml":
                content = b'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()


def sheet_xml(edit: Callable[[str], str]) -> Callable[[bytes], bytes]:
    return lambda data: edit(data.decode("utf-8")).encode("utf-8")


def cfb(*stream_names: str) -> bytes:
    """A minimal OLE compound-file header whose directory names the given streams (UTF-16)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = b"".join(
        n.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for n in ("Root Entry", *stream_names)
    )
    return header + directory.ljust(1024, b"\0")


def households(tables: Tables | None = None) -> bytes:
    return csv_text((tables or tiny("households"))["households"]).encode("utf-8")


# --- the cases -------------------------------------------------------------------------------


def csv_cases() -> None:
    rows = tiny("households")["households"]
    text = csv_text(rows)
    utf8 = text.encode("utf-8")

    # A stray byte inside a Thai name: byte 0xFF never occurs in UTF-8 or Windows-874.
    at = utf8.index("สมศรี".encode())
    folder("csv_stray_byte", {"households.csv": utf8[: at + 3] + b"\xff" + utf8[at + 3 :]})
    # Names whose UTF-8 bytes are all defined in Windows-874 (letters U+0E21-U+0E3F), plus one
    # stray byte 0xA1: Windows-874 reads the whole file, as mojibake; it must still be refused.
    plain = tiny("households")
    for row, name in ((2, "สมร รมย"), (3, "มยุรี ศรี"), (4, "รมย ยศ")):
        set_cell(plain, "households", row, "head_name", name)
    data = csv_text(plain["households"]).encode("utf-8")
    at = data.index("มยุรี".encode())
    folder("csv_stray_byte_cp874_valid", {"households.csv": data[:at] + b"\xa1" + data[at:]})
    folder(
        "csv_shift_jis",
        {
            "households.csv": "household_id,village_code,head_name,members\r\nH1,30170101,山田 太郎,4\r\n".encode(
                "shift_jis"
            )
        },
    )
    folder("csv_utf32", {"households.csv": text.encode("utf-32-le")})
    folder("csv_utf16_no_bom", {"households.csv": text.encode("utf-16-le")})
    folder("csv_utf16_bom", {"households.csv": codecs.BOM_UTF16_LE + text.encode("utf-16-le")})
    folder("csv_utf16_be_bom", {"households.csv": codecs.BOM_UTF16_BE + text.encode("utf-16-be")})
    folder("csv_cp874", {"households.csv": text.encode("cp874")})
    folder("csv_utf8_bom", {"households.csv": codecs.BOM_UTF8 + utf8})
    folder("csv_tab_delimited", {"households.csv": csv_text(rows, delimiter="\t").encode("utf-8")})
    # UTF-8 text that was once read as Windows-874 and saved again as UTF-8.
    folder("csv_mojibake", {"households.csv": utf8.decode("cp874", errors="ignore").encode("utf-8")})
    folder("csv_empty_file", {"households.csv": b""})

    def one(name: str, table: str, row: int, column: str, value: Any) -> None:
        tables = tiny(table)
        set_cell(tables, table, row, column, value)
        folder(name, {f"{table}.csv": csv_text(tables[table]).encode("utf-8")})

    one("csv_control_char", "households", 3, "head_name", "สมศรี\x07ใจงาม")
    one("csv_bidi_override", "households", 3, "head_name", "สมศรี \u202eงามใจ")
    one("csv_bidi_isolate", "households", 4, "occupation", "ทอผ้า\u2066")
    one("csv_replacement_char", "households", 2, "head_name", "สมชาย \ufffdใจดี")
    one("csv_long_cell", "households", 4, "occupation", "ท" * 1001)
    one("csv_wrong_type", "households", 3, "members", "สองคน")
    one("csv_unknown_code", "trainers", 3, "role", "boss")
    one("csv_coords_outside", "villages", 2, "lat", "40.5")
    one("csv_negative_income", "income_surveys", 3, "household_income", "-500")
    one("csv_bad_id_checksum", "households", 2, "national_id", "3100600445636")
    one("csv_impossible_date", "income_surveys", 2, "survey_date", "31/02/2560")
    one("csv_orphan", "attendance", 3, "household_id", "H9")
    one(
        "csv_markdown_names",
        "households",
        2,
        "head_name",
        "[คลิก](http://example.com) ![x](http://example.com/x.png)",
    )
    one(
        "csv_html_names",
        "households",
        3,
        "head_name",
        '<img src="http://example.com/x.png"><script>alert(1)</script>',
    )
    one("csv_formula_names", "households", 4, "head_name", '=HYPERLINK("http://example.com","คลิก")')

    # A column shifted left by one: the national ID lands in "members", which quotes it.
    shifted = tiny("households")
    row = shifted["households"][1]
    row[4], row[3] = row[3], ""
    folder("csv_shifted_id", {"households.csv": csv_text(shifted["households"]).encode("utf-8")})
    # The phone number lands in "role", which quotes it.
    trainers = tiny("trainers")
    set_cell(trainers, "trainers", 2, "role", "0811111111")
    folder("csv_shifted_phone", {"trainers.csv": csv_text(trainers["trainers"]).encode("utf-8")})

    duplicate = tiny("households")
    duplicate["households"].append(list(duplicate["households"][2]))
    folder("csv_duplicate_key", {"households.csv": csv_text(duplicate["households"]).encode("utf-8")})
    missing = tiny("households")
    for r in missing["households"]:
        del r[4]  # members
    folder("csv_missing_column", {"households.csv": csv_text(missing["households"]).encode("utf-8")})
    renamed = tiny("households")
    renamed["households"][0][2] = "ชื่อ"
    folder("csv_renamed_column", {"households.csv": csv_text(renamed["households"]).encode("utf-8")})
    folder(
        "csv_unknown_file",
        {
            "households.csv": utf8,
            "รายได้2560.csv": csv_text(tiny("income_surveys")["income_surveys"]).encode("utf-8"),
        },
    )
    folder("csv_no_known_table", {"data.csv": utf8})


def zip_cases() -> None:
    good = households()
    write = lambda name, data: (FILES / name).write_bytes(data)  # noqa: E731
    write("zip_bzip2.zip", zip_bytes([("households.csv", good)], method=zipfile.ZIP_BZIP2))
    write("zip_lzma.zip", zip_bytes([("households.csv", good)], method=zipfile.ZIP_LZMA))
    write("zip_parent_path.zip", zip_bytes([("../households.csv", good)]))
    write("zip_absolute_path.zip", zip_bytes([("/tmp/households.csv", good)]))
    write("zip_backslash_path.zip", zip_bytes([("..\\households.csv", good)]))
    # zipfile cannot encrypt: set the "encrypted" flag in the local and central headers.
    encrypted = bytearray(zip_bytes([("households.csv", good)]))
    encrypted[6] |= 0x1
    encrypted[encrypted.index(b"PK\x01\x02") + 8] |= 0x1
    write("zip_encrypted.zip", bytes(encrypted))
    whole = zip_bytes([("households.csv", good)])
    write("zip_truncated.zip", whole[: len(whole) // 2])
    write(
        "zip_too_many_entries.zip",
        zip_bytes([(f"notes/{i:03d}.txt", b"x") for i in range(60)] + [("households.csv", good)]),
    )
    write("zip_no_csv.zip", zip_bytes([("readme.txt", "อ่านก่อน".encode())]))
    write(
        "zip_macosx.zip",
        zip_bytes([("ข้อมูล/households.csv", good), ("__MACOSX/ข้อมูล/._households.csv", b"\0\x05\x16\x07junk")]),
    )
    write("zip_duplicate_names.zip", zip_bytes([("a/households.csv", good), ("b/households.csv", good)]))
    # The central directory and local header declare 10 bytes for a member that holds more.
    lying = bytearray(zip_bytes([("households.csv", good)], method=zipfile.ZIP_STORED))
    struct.pack_into("<I", lying, 22, 10)  # local header: uncompressed size
    central = lying.index(b"PK\x01\x02")
    struct.pack_into("<I", lying, central + 24, 10)  # central directory: uncompressed size
    write("zip_lying_size.zip", bytes(lying))


def xlsx_cases() -> None:
    write = lambda name, data: (FILES / name).write_bytes(data)  # noqa: E731
    base = tiny("households")
    good = workbook(base)

    write("xlsx_encrypted.xlsx", cfb("EncryptionInfo", "EncryptedPackage"))
    write("old_format.xls", cfb("Workbook", "SummaryInformation"))
    write("xlsx_truncated.xlsx", good[: len(good) // 2])
    write("xlsx_empty.xlsx", b"")
    write("csv_named_xlsx.xlsx", households())
    write(
        "pdf_named_xlsx.xlsx",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    )
    write(
        "docx_named_xlsx.xlsx",
        zip_bytes([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]),
    )
    write("zip_named_xlsx.xlsx", zip_bytes([("households.csv", households())]))

    bomb_dtd = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
        )
        + "]>"
    )
    sheet = "xl/worksheets/sheet1.xml"

    def with_dtd(dtd: str, *, pad: int = 0) -> Callable[[str], str]:
        def edit(xml: str) -> str:
            prolog = '<?xml version="1.0" encoding="UTF-8"?>' + ("<!--" + " " * pad + "-->" if pad else "")
            return prolog + dtd + xml.replace(">H1<", ">&lol9;<", 1)

        return edit

    write("xlsx_entity_bomb.xlsx", normalise_zip(good, {sheet: sheet_xml(with_dtd(bomb_dtd))}))
    # The DTD after 70 kB of comment: past the quick scan, so defusedxml must refuse it.
    write(
        "xlsx_entity_bomb_padded.xlsx",
        normalise_zip(good, {sheet: sheet_xml(with_dtd(bomb_dtd, pad=70_000))}),
    )
    xxe = '<!DOCTYPE x [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'
    write("xlsx_external_entity.xlsx", normalise_zip(good, {sheet: sheet_xml(with_dtd(xxe))}))

    both = tiny("villages", "households")
    write("xlsx_renamed_sheet.xlsx", workbook(both, sheet_names={"households": "ครัวเรือน2560"}))

    def hide(state: str) -> Callable[[Any], None]:
        def edit(book: Any) -> None:
            book["ครัวเรือน"].sheet_state = state

        return edit

    write("xlsx_hidden_sheet.xlsx", workbook(both, edit=hide("hidden")))
    write("xlsx_very_hidden_sheet.xlsx", workbook(both, edit=hide("veryHidden")))

    def hide_rows(book: Any) -> None:
        book["ครัวเรือน"].row_dimensions[3].hidden = True
        book["ครัวเรือน"].row_dimensions[4].hidden = True

    write("xlsx_hidden_rows.xlsx", workbook(base, edit=hide_rows))
    formula = tiny("households")
    set_cell(formula, "households", 3, "members", "=1+1")
    write("xlsx_formula_no_value.xlsx", workbook(formula))
    write(
        "xlsx_formula_with_value.xlsx",
        normalise_zip(
            workbook(formula),
            {sheet: sheet_xml(lambda x: x.replace("<f>1+1</f><v></v>", "<f>1+1</f><v>2</v>"))},
        ),
    )
    bidi = tiny("households")
    set_cell(bidi, "households", 2, "head_name", "สมชาย \u202eดีใจ")
    write("xlsx_bidi_override.xlsx", workbook(bidi))
    long_cell = tiny("households")
    set_cell(long_cell, "households", 3, "occupation", "จ" * 1001)
    write("xlsx_long_cell.xlsx", workbook(long_cell))
    write("xlsx_no_known_sheet.xlsx", workbook(base, sheet_names={"households": "Sheet1"}))
    missing = tiny("households")
    for r in missing["households"]:
        del r[2]  # head_name
    write("xlsx_missing_column.xlsx", workbook(missing))
    write(
        "xlsx_forged_dimension.xlsx",
        normalise_zip(
            good,
            {
                sheet: sheet_xml(
                    lambda x: x.replace('<dimension ref="A1:F4"/>', '<dimension ref="A1:XFD1048576"/>')
                )
            },
        ),
    )

    def far_row(book: Any) -> None:
        book["ครัวเรือน"].cell(row=1_048_576, column=1, value=" ")

    write("xlsx_far_row.xlsx", workbook(base, edit=far_row))

    from data_loaders.contract.template import build_template

    write("template_unchanged.xlsx", normalise_zip(build_template()))


def grouped_cases() -> None:
    """Issue 9: one bad key and the rows that follow from it, reported as one group."""
    duplicate = tiny()
    duplicate["households"].append(list(duplicate["households"][2]))  # H2 again, at row 5
    folder(
        "csv_duplicate_with_dependants",
        {f"{t}.csv": csv_text(rows).encode("utf-8") for t, rows in duplicate.items()},
    )
    (FILES / "xlsx_duplicate_with_dependants.xlsx").write_bytes(workbook(duplicate))
    orphans = tiny("income_surveys")
    set_cell(orphans, "income_surveys", 2, "household_id", "H9")  # (H9, baseline)
    set_cell(orphans, "income_surveys", 3, "household_id", "H9")  # (H9, post)
    folder(
        "csv_orphans_of_one_household",
        {"income_surveys.csv": csv_text(orphans["income_surveys"]).encode("utf-8")},
    )
    wrong = tiny()
    for rows in wrong.values():
        if "village_code" in rows[0]:
            at = rows[0].index("village_code")
            for row in rows[1:]:
                row[at] = "99990201" if row[at] == "30170201" else row[at]
    folder(
        "csv_wrong_village_code", {f"{t}.csv": csv_text(rows).encode("utf-8") for t, rows in wrong.items()}
    )


def db_cases() -> None:
    folder("db_good_input", {"households.csv": households()})
    (FILES / "not_a_store.duckdb").write_text("รายชื่อครัวเรือน\nH1,สมชาย\n", encoding="utf-8")
    store_folder = FILES / "store_folder.duckdb"
    store_folder.mkdir(exist_ok=True)
    (store_folder / ".keep").write_text("a --db that is a folder\n", encoding="utf-8")


# --- large files, made at test time ------------------------------------------------------------


def big_cases(target: Path) -> dict[str, Path]:
    """The large cases (never committed): a zip bomb and a 1 MB cell."""
    target.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    zeros = b"0" * (300 * 1024 * 1024)
    paths["zip_bomb.zip"] = target / "zip_bomb.zip"
    paths["zip_bomb.zip"].write_bytes(zip_bytes([("households.csv", zeros)]))
    del zeros
    big = tiny("households")
    set_cell(big, "households", 3, "occupation", "ก" * (1024 * 1024))
    paths["csv_1mb_cell"] = target / "csv_1mb_cell"
    paths["csv_1mb_cell"].mkdir(exist_ok=True)
    (paths["csv_1mb_cell"] / "households.csv").write_bytes(csv_text(big["households"]).encode("utf-8"))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=Path, help="write only the large cases into this folder")
    args = parser.parse_args()
    if args.big:
        for path in big_cases(args.big).values():
            print(path)
        return
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir(parents=True)
    csv_cases()
    zip_cases()
    xlsx_cases()
    grouped_cases()
    db_cases()
    print(f"{sum(1 for _ in FILES.iterdir())} cases in {FILES}")


if __name__ == "__main__":
    main()
