"""The meeting pack (PPTX, PDF, XLSX), the village one-pagers and ``python -m reports``.

On the hand-made fixture (tests/metrics_fixture.py), district ชุมพวง (3017) = villages A and
B, households H1–H4. The latest dated row is H4's 12-month survey on 15 Jan 2018, so the pack
is "as of" 2018-01-15 and the last meeting defaults to 31 Dec 2017. By hand, at 15 Jan 2018:

- practising_share: later surveys H1 (post, yes), H2 (post, yes), H4 (12m, yes) = 3/3 = 100.0%;
  surveyed 3 of 4 households (H3 has no later survey). At 31 Dec 2017 H4's latest is the
  6-month survey (yes): 3/3 = 100.0%, change +0.0 points.
- income_increase_pct: (66000-60000) + (12000-0) + (98000-100000) = 16000 over baselines
  60000 + 0 + 100000 = 160000 → 10.0%; at 31 Dec 2017 H4 is at 95000: 13000/160000 = 8.125%,
  so the change is +1.875 points ("+1.9").
- villages_with_group_share: A (G1) and B (G2, no founding date, always counts) = 2/2 = 100.0%,
  2 of 2 villages.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.oxml.ns import qn

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics.changes import default_as_of, latest_date
from metrics.followups import followups
from metrics.indicators import compute, headline
from metrics.scope import Scope
from reports import build
from reports import data as report_data
from reports.data import NoDataError, file_stem, gather, outline, previous_meeting
from reports.pptx_pack import CONTENT_BOTTOM
from reports.village import village_pdf, village_png
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A

ROOT = Path(__file__).resolve().parents[2]
CHUM_PHUANG = Scope(district="3017")
AS_OF = dt.date(2018, 1, 15)
EVIL_NAME = '=HYPERLINK("http://x","กลุ่ม")'


def _store(folder: Path, tables) -> Path:
    path = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", tables), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tables = copy.deepcopy(METRICS_INPUT)
    # a group name that a spreadsheet would run as a formula
    for row in tables["groups"][1:]:
        if row[0] == "G2":
            row[2] = EVIL_NAME
    return _store(tmp_path_factory.mktemp("reports"), tables)


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pptx_bytes(db) -> bytes:
    connection = open_read_only(db)
    try:
        return build(connection, CHUM_PHUANG, fmt="pptx")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def pdf_path(db, tmp_path_factory) -> Path:
    connection = open_read_only(db)
    try:
        data = build(connection, CHUM_PHUANG, fmt="pdf")
    finally:
        connection.close()
    path = tmp_path_factory.mktemp("pdf") / "pack.pdf"
    path.write_bytes(data)
    return path


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext splits Thai words and ำ unpredictably."""
    return re.sub(r"\s+", "", text)


# --- dates ---------------------------------------------------------------------------------


def test_as_of_defaults_to_the_latest_date_in_the_scope(con):
    assert latest_date(con, CHUM_PHUANG) == AS_OF  # H4's 12-month survey
    # ม่วงสามสิบ (3414): H5's survey 15 Jun, day 5 on 5 Jun, G3 founded 1 Jul, link L3 on
    # 15 Jul 2017: the latest
    assert latest_date(con, Scope(district="3414")) == dt.date(2017, 7, 15)
    assert latest_date(con, Scope(district="9999")) is None


@pytest.mark.parametrize(
    ("as_of", "previous"),
    [
        (dt.date(2018, 1, 15), dt.date(2017, 12, 31)),  # across the year
        (dt.date(2017, 3, 31), dt.date(2017, 2, 28)),
        (dt.date(2016, 3, 1), dt.date(2016, 2, 29)),  # leap year
    ],
)
def test_previous_meeting_is_the_end_of_the_month_before(as_of, previous):
    assert previous_meeting(as_of) == previous


# --- the pack's content ----------------------------------------------------------------------


def test_headline_targets_with_coverage(con):
    pack = gather(con, CHUM_PHUANG)
    assert (pack.as_of, pack.previous) == (AS_OF, dt.date(2017, 12, 31))
    assert [k.id for k in pack.kpis] == [i.id for i in headline()]
    kpis = {k.id: k for k in pack.kpis}
    assert kpis["practising_share"].value == pytest.approx(1.0)
    assert (kpis["practising_share"].covered, kpis["practising_share"].universe) == (3, 4)
    assert kpis["income_increase_pct"].value == pytest.approx(16_000 / 160_000)
    assert kpis["income_increase_pct"].before == pytest.approx(13_000 / 160_000)
    assert kpis["income_increase_pct"].delta == pytest.approx(0.01875)
    assert (kpis["villages_with_group_share"].covered, kpis["villages_with_group_share"].universe) == (2, 2)
    rows = {r[0]: r for r in pack.tables["kpis"].formatted("th")}
    assert rows["รายได้เฉลี่ยครัวเรือนเพิ่มขึ้น"][1:] == [
        "10.0%",
        "≥ 3%",
        "ผ่านเป้า",
        "8.1%",
        "+1.9 จุด",
        "สำรวจแล้ว 3 จาก 4 ครัวเรือน",
    ]
    assert rows["หมู่บ้านเป้าหมายที่มีกลุ่มอาชีพ"][-1] == "2 จาก 2 หมู่บ้าน"
    # the scope in words and the date in Buddhist era
    # no date given: the one default, said in words
    assert pack.scope_line == (  # and the data version it was built from: the one import
        "อำเภอชุมพวง จังหวัดนครราชสีมา · ข้อมูล ณ วันที่ 15 มกราคม 2561 (วันที่ล่าสุดของข้อมูลทุกพื้นที่) · ข้อมูลรุ่นที่ 1"
    )


def test_kpi_table_words_each_target_without_a_store():
    # A: no target and no value at the last meeting (not judged); B: at most 60%, met, 2 of 2
    # villages, from 0.6 to 0.7 (a change of 0.1)
    kpis = [
        report_data.Kpi("a", "A", 0.5, None, None, "at_least", None, 3, 4, "households"),
        report_data.Kpi("b", "B", 0.7, 0.6, 0.6, "at_most", True, 2, 2, "villages"),
    ]
    table = report_data.kpi_table(kpis, "en")
    assert (table.key, table.title) == ("kpis", "CDD targets")
    assert table.headers == ("Indicator", "Now", "Target", "Met", "Last meeting", "Change", "Coverage")
    assert table.formats == ("text", "share", "text", "text", "share", "points", "text")
    assert table.widths == (3.2, 1.0, 1.0, 1.1, 1.1, 1.0, 2.4)
    assert table.rows[0] == ("A", 0.5, "—", "no data yet", None, None, "surveyed 3 of 4 households")
    assert table.rows[1][:5] == ("B", 0.7, "≤ 60%", "target met", 0.6)
    assert table.rows[1][5] == pytest.approx(0.1)
    assert table.rows[1][6] == "2 of 2 villages"


def test_progress_lists_overdue_villages_first(con):
    table = gather(con, CHUM_PHUANG).tables["progress"]
    # B: team (no trainers, due 31 Jan 2017) overdue; its knowledge plan is met (days 1-3).
    # A: follow_up (due 30 Jun 2017) overdue, since H3 was never surveyed again. One overdue
    # stage each, so the fewer stages done comes first: B has knowledge, group, follow_up = 3;
    # A has team, knowledge, study_visit, practice, group, network = 6 (20 households: neither).
    assert [row[0] for row in table.rows] == ["บ้านสมมุติบี", "บ้านสมมุติเอ"]
    assert table.highlight == (True, True)
    assert table.rows[0][2] == "ชุมพวง"  # district column


def test_a_big_scope_shows_the_first_rows_and_says_how_many(con, monkeypatch):
    # A province's or the country's pack shows each table's first rows, most urgent first, and
    # its title says how many there are; here the limit is 1 on the two villages of ชุมพวง.
    monkeypatch.setattr(report_data, "PACK_ROWS", 1)
    monkeypatch.setattr(report_data, "PACK_CHART_VILLAGES", 1)
    pack = gather(con, CHUM_PHUANG, lang="en")
    progress = pack.tables["progress"]
    assert [row[0] for row in progress.rows] == ["บ้านสมมุติบี"]  # overdue with fewer stages done
    assert progress.highlight == (True,)
    assert progress.note == "(the first 1 of 2 rows; every row is in the dashboard's downloads)"
    section = next(x for x in outline(pack) if x.key == "progress")  # the note is under the table
    assert [b.kind for b in section.blocks] == ["table", "lines"] and section.blocks[1].lines == (
        progress.note,
    )
    follow = pack.tables["followups"]
    everything = followups(con, CHUM_PHUANG, as_of=pack.as_of)  # the four below and the warnings
    assert len(follow.rows) == 1 and f"of {len(everything)} rows" in follow.note
    assert len(pack.figures["trainers"].data[0].y) == 1  # one village's bar


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "th",
            [
                # B's team was planned for 31 Jan 2017: 349 days before 15 Jan 2018; B has no
                # lead either; A's follow-up was due 30 Jun 2017 (199 days); H1 and H2 (A) were
                # surveyed after training on 1 May 2017, the 6-month survey due 1 Nov 2017 (75).
                ("ขั้นตอนเลยกำหนด", "ประสุข", "ทีมวิทยากร", "349"),
                ("ไม่มีปราชญ์", "ประสุข", "หาปราชญ์หัวหน้าทีม", "349"),
                ("ขั้นตอนเลยกำหนด", "ชุมพวง", "ติดตามผล", "199"),
                ("ถึงกำหนดสำรวจติดตาม", "ชุมพวง", "ติดตาม 6 เดือน: 2 ครัวเรือน", "75"),
            ],
        ),
        (
            "en",
            [
                ("Overdue stage", "Prasuk", "Team", "349"),
                ("No lead trainer", "Prasuk", "Find a lead trainer", "349"),
                ("Overdue stage", "Chum Phuang", "Follow-up", "199"),
                ("Follow-up survey due", "Chum Phuang", "6 months: 2 households", "75"),
            ],
        ),
    ],
)
def test_followups_say_what_to_do_in_words_of_the_language(con, lang, expected):
    rows = gather(con, CHUM_PHUANG, lang=lang).tables["followups"].formatted(lang)
    # kind, village, tambon, district, item, due, days late, officer
    assert [(r[0], r[2], r[4], r[6]) for r in rows[:4]] == expected


def test_file_names_carry_the_buddhist_era_date(con):
    assert file_stem(gather(con, CHUM_PHUANG)) == "สัมมาชีพ-ชุมพวง-2561-01-15"  # 2018 + 543
    assert file_stem(gather(con, Scope(), lang="en")) == "Sammachip-All-areas-2561-01-15"


def test_the_filter_date_is_kept_even_after_the_data(con):
    # The pack uses the page's as-of date as it is, so the pack and the screen agree: a date
    # after the data is the screen's too (the dashboard's default is never "today" any more).
    assert gather(con, replace(CHUM_PHUANG, as_of=dt.date(2026, 1, 1))).as_of == dt.date(2026, 1, 1)
    assert gather(con, replace(CHUM_PHUANG, as_of=dt.date(2017, 6, 30))).as_of == dt.date(2017, 6, 30)


def test_without_a_date_the_pack_uses_the_one_default_and_says_so(con):
    # Store-wide: H4's 12-month survey (15 Jan 2018, district 3017) is the newest row, so
    # ม่วงสามสิบ's pack is as of 15 Jan 2018, not its own latest date (15 Jul 2017).
    assert default_as_of(con) == AS_OF
    pack = gather(con, Scope(district="3414"))
    assert (pack.as_of, pack.previous) == (AS_OF, dt.date(2017, 12, 31))
    assert pack.scope_line.endswith("ข้อมูล ณ วันที่ 15 มกราคม 2561 (วันที่ล่าสุดของข้อมูลทุกพื้นที่) · ข้อมูลรุ่นที่ 1")
    chosen = gather(con, replace(CHUM_PHUANG, as_of=dt.date(2017, 6, 30)), lang="en")
    # a chosen date: no words of the default
    assert chosen.scope_line.endswith("Data as of 30 June 2017 · data version 1")


def test_a_scope_without_villages_is_no_data(con):
    with pytest.raises(NoDataError, match="ไม่มีข้อมูล"):
        gather(con, Scope(district="9999"))


# --- PPTX -----------------------------------------------------------------------------------


def _slide_texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def test_pptx_slides_kpis_pictures_and_tables(pptx_bytes, con):
    prs = Presentation(io.BytesIO(pptx_bytes))
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)  # 13.333 × 7.5 in, 16:9
    slides = list(prs.slides)
    # title + one or more slides per section (changes, targets, cohorts, progress, income,
    # trainers, groups, follow-ups); the small fixture needs no table to continue. Cohorts:
    # villages A and B of district 3017 have training days (FY2560, tests/unit/test_cohorts.py).
    titles = [s.shapes[0].text_frame.text for s in slides[1:]]
    sections = [
        "ความเปลี่ยนแปลงตั้งแต่การประชุมครั้งก่อน",
        "เป้าหมายของกรมการพัฒนาชุมชน",
        "เทียบรุ่นตามปีงบประมาณ ณ ระยะเดียวกันหลังอบรม",
        "ความก้าวหน้ารายหมู่บ้าน (เลยกำหนดขึ้นก่อน)",
        "รายได้ครัวเรือนที่เปลี่ยนไป",
        "ความครบของทีมวิทยากร",
        "กลุ่มอาชีพและเครือข่าย",
        "รายการที่ต้องติดตาม",
    ]
    assert [t for t in titles if "(ต่อ)" not in t] == sections
    assert 8 <= len(slides) <= 16
    title_text = " ".join(_slide_texts(slides[0]))
    assert "ข้อมูล ณ วันที่ 15 มกราคม 2561" in title_text
    assert "อำเภอชุมพวง จังหวัดนครราชสีมา" in title_text

    kpi_slide = next(s for s in slides if s.shapes[0].text_frame.text == "เป้าหมายของกรมการพัฒนาชุมชน")
    cells = _slide_texts(kpi_slide)
    now = {v.id: v for v in compute(con, Scope(district="3017", as_of=AS_OF))}
    for ind in headline():
        assert f"{now[ind.id].value * 100:.1f}%" in cells, ind.id
    assert "สำรวจแล้ว 3 จาก 4 ครัวเรือน" in cells

    pictures = [sh for s in slides for sh in s.shapes if sh.shape_type == 13]
    tables = [sh for s in slides for sh in s.shapes if sh.has_table]
    assert pictures and tables
    assert all(p.image.content_type == "image/png" for p in pictures)


# Sarabun's usWinAscent + usWinDescent = 1286 + 567 units of 1000 (its OS/2 table, read with
# fontTools): the height PowerPoint and LibreOffice give one line of it at single spacing, as
# a multiple of the font size: 1853 / 1000 = 1.853.
SARABUN_LINE = (1286 + 567) / 1000


def _text_height(frame) -> float:
    """Points the paragraphs of ``frame`` need at single spacing."""
    total = 0.0
    for paragraph in frame.paragraphs:
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
        total += max(sizes, default=0) * SARABUN_LINE
    return total


def test_pptx_everything_fits_and_every_run_is_thai_capable(pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= prs.slide_width, number
            assert shape.top + shape.height <= prs.slide_height, number
            if shape.has_table:
                assert shape.top + sum(r.height for r in shape.table.rows) <= CONTENT_BOTTOM, number
                for row in shape.table.rows:
                    for cell in row.cells:
                        room = (row.height - cell.margin_top - cell.margin_bottom) / 12_700  # EMU → pt
                        assert _text_height(cell.text_frame) <= room, (number, cell.text)
            elif shape.has_text_frame:
                frame = shape.text_frame
                room = (shape.height - frame.margin_top - frame.margin_bottom) / 12_700
                assert _text_height(frame) <= room, (number, frame.text)
            else:
                continue
            frames = (
                [shape.text_frame]
                if shape.has_text_frame
                else [c.text_frame for row in shape.table.rows for c in row.cells]
            )
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        rpr = run._r.find(qn("a:rPr"))
                        faces = {
                            tag: rpr.find(qn(tag)).get("typeface") for tag in ("a:latin", "a:ea", "a:cs")
                        }
                        assert set(faces.values()) == {"Sarabun"}, (number, run.text)


def test_pptx_in_english(con):
    prs = Presentation(io.BytesIO(build(con, CHUM_PHUANG, fmt="pptx", lang="en")))
    text = " ".join(t for s in prs.slides for t in _slide_texts(s))
    assert "Data as of 15 January 2018" in text
    assert "Chum Phuang" in text or "ชุมพวง" in text  # English names when the data has them
    assert "surveyed 3 of 4 households" in text


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_and_embedded_thai_font(pdf_path):
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = squash(raw)
    for expected in ("ชุมพวง", "สัมมาชีพ", "100.0%", "10.0%", "8.1%", "+1.9", "15มกราคม2561"):
        assert expected in text, expected
    assert "\ufffd" not in raw
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    sarabun = [line for line in fonts.splitlines() if "Sarabun" in line]
    assert sarabun and all(" yes " in line for line in sarabun)
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout,
        )[1]
    )
    # every page carries the scope and "page n/N"
    for page in range(1, pages + 1):
        one = squash(
            subprocess.run(
                ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf_path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        assert f"{page}/{pages}" in one
        assert "ชุมพวง" in one


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers(con):
    wb = load_workbook(io.BytesIO(build(con, CHUM_PHUANG, fmt="xlsx")))
    groups = wb["กลุ่มอาชีพ"]
    assert [c.value for c in groups[4]] == ["กลุ่ม", "หมู่บ้าน", "อาชีพ", "สมาชิก", "คะแนน 5 ก", "เครือข่าย"]
    names = [row[0].value for row in groups.iter_rows(min_row=5)]
    assert "'" + EVIL_NAME in names
    for row in groups.iter_rows(min_row=5):
        assert row[0].data_type == "s"
        assert isinstance(row[3].value, int)  # members stay numbers
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    kpis = wb["เป้าหมาย"]
    income = next(r for r in kpis.iter_rows(min_row=5) if r[0].value == "รายได้เฉลี่ยครัวเรือนเพิ่มขึ้น")
    assert income[1].value == pytest.approx(0.1)
    assert income[1].number_format == "0.0%"
    assert income[5].value == pytest.approx(1.875)  # points


# --- village one-pagers ---------------------------------------------------------------------


def test_village_pdf_one_page_per_village(con, tmp_path):
    path = tmp_path / "district.pdf"
    path.write_bytes(village_pdf(con, Scope(district="3017")))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\b", info)  # A and B
    text = squash(
        subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert "บ้านสมมุติเอ" in text and "บ้านสมมุติบี" in text
    assert "ทีมวิทยากร" in text
    # no full national ID or phone in a one-pager
    assert "3100600445635" not in text and "0811111111" not in text


def test_village_png_card_is_1080_wide(con):
    data = village_png(con, Scope(villages=(A,)))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 1080


# --- command line ---------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reports", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_writes_the_format_of_the_extension(db, tmp_path):
    out = tmp_path / "pack.xlsx"
    result = run("meeting", "--db", str(db), "--district", "3017", "--as-of", "2018-01-15", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_cli_no_data_exits_1(db, tmp_path):
    result = run("meeting", "--db", str(db), "--district", "9999", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1
    assert "ไม่มีข้อมูล" in result.stderr and "Traceback" not in result.stderr
    result = run("village", "--db", str(db), "--village", "99999999", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "99999999" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["meeting", "--district", "3017", "--out", "{tmp}/pack.docx"],  # unknown format
        ["meeting", "--district", "3017", "--out", "{tmp}/missing/pack.pptx"],  # no such folder
        ["meeting", "--district", "30", "--out", "{tmp}/pack.pptx"],  # a 2-digit district
        ["meeting", "--as-of", "yesterday", "--out", "{tmp}/pack.pptx"],
        ["meeting", "--lang", "fr", "--out", "{tmp}/pack.pptx"],
        ["meeting", "--district", "3017"],  # no --out
        ["village", "--district", "3017", "--out", "{tmp}/cards.png"],  # a district is PDF only
        ["village", "--out", "{tmp}/v.pdf"],  # neither --village nor --district
        # the last meeting must come before the as-of date
        ["meeting", "--as-of", "2018-01-15", "--previous", "2018-01-15", "--out", "{tmp}/p.xlsx"],
    ],
)
def test_cli_bad_arguments_exit_2(db, tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(args[0], "--db", str(db), *args[1:])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.p*"))


def test_cli_unwritable_path_exits_2(db, tmp_path):
    taken = tmp_path / "taken.xlsx"
    taken.mkdir()  # a folder where the file should go
    result = run("meeting", "--db", str(db), "--out", str(taken))
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("meeting", "--db", str(db), "--out", str(locked / "pack.xlsx"))
    finally:
        locked.chmod(0o700)
    if result.returncode == 0:  # running as root: permissions do not bind
        pytest.skip("root ignores directory permissions")
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_sample_pack_paginates_long_tables(tmp_path):
    """The committed sample (25 villages in ชุมพวง: 19 of FY2560, 6 of FY2561): long tables
    continue on more slides."""
    db = tmp_path / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    connection = open_read_only(db)
    try:
        pack = gather(connection, CHUM_PHUANG)
        prs = Presentation(io.BytesIO(build(connection, CHUM_PHUANG, fmt="pptx")))
    finally:
        connection.close()
    assert len(pack.tables["progress"].rows) == 25
    rows_shown = 0
    for slide in prs.slides:
        if slide.shapes[0].text_frame.text.startswith("ความก้าวหน้ารายหมู่บ้าน"):
            rows_shown += sum(len(sh.table.rows) - 1 for sh in slide.shapes if sh.has_table)
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + sum(r.height for r in shape.table.rows) <= CONTENT_BOTTOM
    assert rows_shown == 25
    assert next(s.key for s in outline(pack)) == "changes"


# --- Thai line breaking ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "max_width"),
    [
        ("กลุ่มทอผ้าไหมลายสับปะรดบ้านสมมุตินาน้อย", 80),
        ("ศึกษาดูงาน, ฝึกปฏิบัติ, จัดตั้งกลุ่ม, เชื่อมเครือข่าย, ติดตามผล", 120),
        ("องค์การบริหารส่วนตำบลชุมพวง", 125),
    ],
)
def test_wrap_breaks_only_between_thai_words(text, max_width):
    from pythainlp.tokenize import word_tokenize

    from reports.textfit import width, wrap

    lines = wrap(text, max_width, 12)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line, 12) <= max_width for line in lines)
    # every break falls on a boundary pythainlp's tokenizer gives
    boundaries, at = set(), 0
    for word in word_tokenize(text.replace(" ", ""), engine="newmm"):
        at += len(word)
        boundaries.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line.replace(" ", ""))
        assert at in boundaries, (line, lines)


def test_an_over_long_word_is_cut_between_character_clusters():
    from pythainlp.tokenize import subword_tokenize

    from reports.textfit import width, wrap

    word = "องค์การบริหารส่วนตำบล"  # one word, about 118 pt wide at 12 pt
    lines = wrap(word, 60, 12)
    assert len(lines) >= 2  # 118 pt cannot fit in 60
    assert "".join(lines) == word
    assert all(width(line, 12) <= 60 for line in lines)
    # every cut falls between clusters, so no line starts with a vowel or tone mark
    cuts, at = set(), 0
    for cluster in subword_tokenize(word, engine="tcc"):
        at += len(cluster)
        cuts.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in cuts
    assert all(line[0] not in "ัิีึืุู่้๊๋็์ำะา" for line in lines)
