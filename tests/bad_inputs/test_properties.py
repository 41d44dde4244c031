"""Property tests: whatever bytes or small workbooks arrive, the readers answer with data or a
located ``InputError``, never another exception, never a replacement character."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_loaders.contract.schema import TABLES
from data_loaders.read.encoding import decode_bytes
from data_loaders.read.inputs import InputError, RawInput
from data_loaders.read.readers import read_upload, rows_of_csv_file
from data_loaders.store.importer import check_raw
from tests.builders import tiny, write_csv_folder

SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THAI_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list("0123456789 ,;\"'\t\n-=+@[]()!<>")),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def assert_read_or_located(name: str, data: bytes) -> RawInput | None:
    try:
        raw = read_upload(name, data)
    except InputError as exc:
        message = str(exc)
        assert message.strip()
        assert name in message or any(part in message for part in ("households.csv", "t.csv"))
        assert "\ufffd" not in message
        return None
    header_damaged = any(
        isinstance(value, str) and "\ufffd" in value for sheet in raw.sheets for value in sheet.header
    )
    if header_damaged:  # only from bytes EF BF BD in the file itself; always an error
        assert any(p.level == "error" and "U+FFFD" in p.message for p in raw.problems)
    body_damaged = any(
        isinstance(value, str) and "\ufffd" in value
        for sheet in raw.sheets
        for _, row in (sheet.rows if sheet.rows is not None else rows_of_csv_file(sheet))
        for value in row
    )
    if body_damaged:  # body cells are checked when staged: the import refuses them, located
        result = check_raw(raw, Path(tempfile.mkdtemp()) / "never.duckdb", commit=False)
        assert any(p.level == "error" and "U+FFFD" in p.message for p in result.dataset.problems)
    return raw


@given(data=st.binary(max_size=400))
@SLOW
def test_random_bytes_as_a_csv_decode_strictly_or_are_located(data):
    try:
        text, encoding = decode_bytes(data, file_name="t.csv")
    except InputError as exc:
        assert str(exc).startswith("t.csv: ")
        return
    assert encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp874")
    # Strict decoding only: a U+FFFD in the text was in the bytes already (EF BF BD in UTF-8).
    if "\ufffd" in text:
        assert b"\xef\xbf\xbd" in data or encoding.startswith("utf-16")


@given(data=st.binary(max_size=400))
@SLOW
def test_random_bytes_in_a_zip_of_csv_files(data):
    raw = assert_read_or_located("u.zip", zipped("households.csv", data))
    if raw is not None:
        assert [s.file for s in raw.sheets] == ["households.csv"]


@given(data=st.binary(max_size=600), prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"]))
@SLOW
def test_random_bytes_as_an_xlsx_upload(data, prefix):
    assert_read_or_located("u.xlsx", prefix + data)


def _small_book() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "ครัวเรือน"
    for row in tiny("households")["households"]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SMALL_BOOK = _small_book()


@given(
    positions=st.lists(st.integers(min_value=0, max_value=len(SMALL_BOOK) - 1), min_size=1, max_size=6),
    byte=st.integers(0, 255),
)
@SLOW
def test_a_damaged_workbook_is_read_or_refused(positions, byte):
    data = bytearray(SMALL_BOOK)
    for at in positions:
        data[at] = byte
    assert_read_or_located("u.xlsx", bytes(data))


def test_a_workbook_needing_a_newer_zip_version_is_refused():
    """Found by the property above: a central directory entry that asks for ZIP version 6.4
    (byte 64 in "version needed to extract") made zipfile raise NotImplementedError, which
    reached the caller as a traceback. Every entry of the book is marked so here."""
    data = bytearray(SMALL_BOOK)
    at = data.find(b"PK\x01\x02")
    assert at >= 0
    while at >= 0:
        data[at + 6] = 64  # version needed to extract: 6.4, past zipfile's 6.3
        at = data.find(b"PK\x01\x02", at + 4)
    assert_read_or_located("u.xlsx", bytes(data))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("props")
    result = check_raw(
        read_upload("tiny.zip", _zip_folder(write_csv_folder(base / "tiny", tiny()))),
        base / "s.duckdb",
        commit=True,
    )
    assert result.committed
    return base / "s.duckdb"


def _zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.writestr(path.name, path.read_bytes())
    return buffer.getvalue()


@given(
    table=st.sampled_from(TABLES),
    title=st.one_of(st.just(None), THAI_TEXT),
    rows=st.lists(st.lists(THAI_TEXT, max_size=8), max_size=4),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_random_small_workbooks_import_or_give_located_errors(store, table, title, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = table.sheet_aliases[0] if title is None else (_sheet_title(title) or "x")
    sheet.append(list(table.column_names))
    for row in rows:
        sheet.append([_cell_text(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    raw = assert_read_or_located("r.xlsx", buffer.getvalue())
    if raw is None:
        return
    result = check_raw(raw, store, commit=False)
    for problem in result.dataset.errors:
        assert problem.file == "r.xlsx"
        assert problem.sheet is not None or problem.row is None
        assert "\ufffd" not in problem.message


def _sheet_title(text: str) -> str:
    """Excel's rules for a sheet title: at most 31 characters, none of []:*?/\\."""
    return "".join(c for c in text if c not in "[]:*?/\\" and c.isprintable())[:31].strip("'")


def _cell_text(text: str) -> str:
    """openpyxl refuses C0 control characters in cells (XML cannot hold them)."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
