"""What the app's downloads build, without a Streamlit session: the meeting pack in all three
formats from one gathering (:func:`reports.build_all`, which ui/pack.py calls), the village
one-pagers and a district's ZIP (ui/onepagers.py), the evaluators' raw workbook
(pages/indicators.py), and the progress each long build reports.

On the hand-made fixture (tests/metrics_fixture.py): district ชุมพวง (3017) = villages A
(30170101) and B (30170201); ม่วงสามสิบ (3414) = C and D. G2 (in B) is renamed to a formula.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from common.strings import STRINGS
from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics import raw
from metrics.scope import Scope
from reports import build_all
from reports.evaluators import evaluators_workbook
from reports.progress import PHASES, span
from reports.village import village_pdf, village_png, village_zip
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B

CHUM_PHUANG = Scope(district="3017")
EVIL = "@SUM(1+1)*cmd"  # a group name a spreadsheet would run


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tables = copy.deepcopy(METRICS_INPUT)
    for row in tables["groups"][1:]:
        if row[0] == "G2":
            row[2] = EVIL
    folder = tmp_path_factory.mktemp("app_downloads")
    path = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", tables), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


class Heard:
    """A progress callback that keeps what it hears."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, str]] = []

    def __call__(self, fraction: float, phase: str) -> None:
        self.calls.append((fraction, phase))

    def check(self) -> None:
        fractions = [f for f, _ in self.calls]
        assert fractions == sorted(fractions), "progress never goes back"
        assert all(0.0 <= f <= 1.0 for f in fractions)
        assert {p for _, p in self.calls} <= set(PHASES)
        assert self.calls[-1] == (1.0, "done")


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "page.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)  # Thai comes out with stray spaces


def pages(data: bytes, folder: Path) -> int:
    path = folder / "count.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


# --- progress --------------------------------------------------------------------------------


def test_a_part_reports_its_share_of_the_whole():
    heard = Heard()
    part = span(heard, 0.5, 0.75)
    part(0.0, "pdf")
    part(0.5, "pdf")
    part(2.0, "pdf")  # clamped to the part's end
    # 0.5 + 0.25 × (0, 0.5, 1) = 0.5, 0.625, 0.75
    assert heard.calls == [(0.5, "pdf"), (0.625, "pdf"), (0.75, "pdf")]
    assert span(None, 0.0, 1.0) is None  # the command line listens to nothing


@pytest.mark.parametrize("phase", PHASES)
def test_every_phase_has_words_in_thai_and_english(phase):
    th, en = STRINGS[f"build.phase.{phase}"]
    assert th and en and th != en


# --- the meeting pack ------------------------------------------------------------------------


def test_the_pack_offers_xlsx_built_from_the_same_gathering(con):
    heard = Heard()
    files, stem, _ = build_all(con, CHUM_PHUANG, formats=("xlsx",), lang="th", progress=heard)
    assert set(files) == {"xlsx"}
    # as of the latest row of 3017: H4's 12-month survey, 15 Jan 2018 = 2561-01-15 (BE)
    assert stem == "สัมมาชีพ-ชุมพวง-2561-01-15"
    book = load_workbook(io.BytesIO(files["xlsx"]))
    progress = book["ความก้าวหน้า"]
    villages = [row[0].value for row in progress.iter_rows(min_row=5)]
    assert sorted(villages) == ["บ้านสมมุติบี", "บ้านสมมุติเอ"]  # A and B, nothing of 3414
    heard.check()
    phases = [p for _, p in heard.calls]
    assert phases[0] == "gather" and "xlsx" in phases
    assert phases.index("xlsx") > max(i for i, p in enumerate(phases) if p == "gather")


def test_the_pack_in_three_formats_reports_every_phase(con):
    heard = Heard()
    files, _, _ = build_all(con, CHUM_PHUANG, lang="en", progress=heard)
    assert files["pptx"][:2] == b"PK" and files["xlsx"][:2] == b"PK"
    assert files["pdf"][:5] == b"%PDF-"
    heard.check()
    phases = [p for _, p in heard.calls]
    # gathering, then each file in turn (charts drawn inside the deck and the PDF), then done
    named = [p for p in phases if p != "charts"]
    order = [p for i, p in enumerate(named) if i == 0 or named[i - 1] != p]
    assert order == ["gather", "pptx", "pdf", "xlsx", "done"]
    assert "charts" in phases


# --- village one-pagers ----------------------------------------------------------------------


def test_a_village_one_pager_as_pdf_and_png_on_the_pages_date(con, tmp_path):
    as_of = dt.date(2017, 6, 1)  # the page's as-of date, not the data's latest
    pdf = village_pdf(con, Scope(villages=(A,)), as_of=as_of, lang="th")
    assert pdf[:5] == b"%PDF-"
    assert pages(pdf, tmp_path) == 1
    text = pdf_text(pdf, tmp_path)
    assert "บ้านสมมุติเอ" in text
    assert "1มิถุนายน2560" in text  # ข้อมูล ณ วันที่ 1 มิถุนายน 2560
    assert "0811111111" not in text and "สมชายใจดี" not in text  # masked as elsewhere
    png = village_png(con, Scope(villages=(A,)), as_of=as_of, lang="en")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 1080  # the LINE card's width


def test_a_districts_zip_holds_one_pdf_per_village_named_by_code(con, tmp_path):
    heard = Heard()
    data = village_zip(con, CHUM_PHUANG, as_of=dt.date(2018, 1, 15), lang="th", progress=heard)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        # 3017 has A and B; C and D are 3414's
        assert sorted(archive.namelist()) == [f"{A}.pdf", f"{B}.pdf"]
        for code, name in ((A, "บ้านสมมุติเอ"), (B, "บ้านสมมุติบี")):
            page = archive.read(f"{code}.pdf")
            assert pages(page, tmp_path) == 1
            assert name in pdf_text(page, tmp_path)
    heard.check()
    assert [p for _, p in heard.calls][:2] == ["pages", "pages"]  # one call per village
    assert (0.95, "zip") in heard.calls


# --- the evaluators' raw workbook -----------------------------------------------------------

# District 3017 as of 1 Jun 2017, counted by hand from tests/metrics_fixture.py:
EXPECTED_ROWS = {
    "villages": 2,  # A, B
    "officers": 1,  # O1 owns A and B
    "trainers": 5,  # TA1-TA5 (B has none)
    "households": 4,  # H1, H2, H3 (A), H4 (B)
    "income_surveys": 7,  # H1 b+post, H2 b+post, H3 b, H4 b+post; H4's 6m (Nov) and 12m (Jan 2018) later
    "training_days": 8,  # A days 1-5, B days 1-3
    "attendance": 5,  # A1 H1, A1 H2, A1 H3, A2 H1, B1 H4
    "groups": 2,  # G1 (founded 1 Mar 2017), G2 (no date: always counts)
    "group_members": 2,  # G1: H1, H2
    "network_links": 2,  # L1 (since 1 Apr 2017), L2 (no date)
    "plans": 4,  # A team, A follow_up, B team, B knowledge
    "reports": 2,  # R1 (A) and R2 (O1, no village); R3 is O2's, about C
}
RAW_SCOPE = Scope(district="3017", as_of=dt.date(2017, 6, 1))


def _book(con, **options) -> object:
    return load_workbook(
        io.BytesIO(evaluators_workbook(con, RAW_SCOPE, scope_words="อำเภอชุมพวง", lang="th", **options))
    )


def _rows(sheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_raw_workbook_holds_exactly_the_rows_in_scope(con):
    book = _book(con)
    assert book.sheetnames == ["อ่านก่อน", *raw.RAW_TABLES]
    for table, n in EXPECTED_ROWS.items():
        assert len(_rows(book[table])) == n, table
    assert sorted(r["household_id"] for r in _rows(book["households"])) == ["H1", "H2", "H3", "H4"]
    assert _rows(book["training_days"])[0]["date"] == dt.datetime(2017, 2, 6)  # A's day 1, a date cell
    # the read-me lists every sheet with its row count
    readme = {row[0]: row[2] for row in book["อ่านก่อน"].iter_rows(values_only=True) if row[0] in EXPECTED_ROWS}
    assert readme == EXPECTED_ROWS


def test_the_raw_workbook_masks_people_and_never_holds_a_formula(con):
    book = _book(con)
    heads = {r["household_id"]: r for r in _rows(book["households"])}
    assert heads["H1"]["head_name"] != "สมชาย ใจดี" and str(heads["H1"]["head_name"]).startswith("สมชาย")
    assert "3100600445635" not in str(heads["H1"]["national_id"])
    trainers = {r["trainer_id"]: r for r in _rows(book["trainers"])}
    assert trainers["TA1"]["phone"] != "0811111111"
    assert trainers["TA3"]["skills"] is None  # no skills: an empty cell, not "<NA>"
    groups = {r["group_id"]: r for r in _rows(book["groups"])}
    assert groups["G2"]["group_name"] == "'" + EVIL
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    shown = _book(con, reveal=True)
    assert {r["household_id"]: r["head_name"] for r in _rows(shown["households"])}["H1"] == "สมชาย ใจดี"


def test_times_are_bangkok_time_and_say_so(con):
    # 13 Mar 2018 17:30 UTC is 14 Mar 2018 00:30 in Bangkok (UTC+07:00)
    log = pd.DataFrame({"import_id": [1], "imported_at": [dt.datetime(2018, 3, 13, 17, 30)]})
    book = _book(con, summaries={"import_log": log}, now=dt.datetime(2018, 3, 13, 17, 30, tzinfo=dt.UTC))
    rows = list(book["import_log"].iter_rows(values_only=True))
    assert rows[0] == ("import_id", "imported_at (Asia/Bangkok, UTC+07:00)")
    assert rows[1] == (1, dt.datetime(2018, 3, 14, 0, 30))
    readme = {row[0]: row[1] for row in book["อ่านก่อน"].iter_rows(values_only=True)}
    assert readme["สร้างเมื่อ"] == "2018-03-14 00:30 (Asia/Bangkok, UTC+07:00)"
    assert "Asia/Bangkok" in readme["เวลา"]


def test_summaries_are_read_when_the_workbook_is_built(con):
    calls: list[int] = []

    def failing() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"record_key": ["H3"]})

    book = _book(con, summaries={"failing_rows": failing})
    assert calls == [1] and [r["record_key"] for r in _rows(book["failing_rows"])] == ["H3"]


def test_the_raw_workbook_is_bounded_and_says_so(con, monkeypatch):
    monkeypatch.setattr(raw, "MAX_ROWS", 3)
    book = _book(con)
    assert [r["household_id"] for r in _rows(book["households"])] == ["H1", "H2", "H3"]  # of 4
    notes = {row[0]: row[3] for row in book["อ่านก่อน"].iter_rows(values_only=True)}
    assert notes["households"] == "3 แถวแรกจาก 4 แถว (Excel รับได้ไม่เกิน 1,048,576 แถวต่อชีต)"
    assert notes["villages"] is None  # 2 rows: whole

    monkeypatch.setattr(raw, "MAX_VILLAGES", 1)  # 3017 has 2 villages: too many
    book = _book(con, summaries={"quality": pd.DataFrame({"check": ["x"]})})
    assert book.sheetnames == ["อ่านก่อน", "quality"]
    lines = {row[0]: row[1] for row in book["อ่านก่อน"].iter_rows(values_only=True)}
    assert lines["ขอบเขตของไฟล์"].startswith("ขอบเขตนี้มี 2 หมู่บ้าน")


def test_roles_that_see_aggregates_get_no_household_rows(con):
    book = _book(con, household_rows=False)
    assert not set(book.sheetnames) & raw.HOUSEHOLD_TABLES
    assert "villages" in book.sheetnames and "groups" in book.sheetnames
