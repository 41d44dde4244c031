"""Sarabun in every document and chart image, from the ``fontpkg-sarabun`` package alone.

The builds that check embedded fonts run in a subprocess whose fontconfig is an empty
configuration (``FONTCONFIG_FILE`` names a file with no font folder), so no system font is
visible to it or to the Chromium it starts: what the PDFs embed and the charts show can only
come from the package (and our own marks font).
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import fontpkg_sarabun
import psutil
import pytest
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pptx import Presentation

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from figures import fonts
from metrics.scope import Scope
from reports import build
from reports.pptx_pack import LINE_FACTOR
from reports.textfit import _bracket_groups, width, wrap
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A

ROOT = Path(__file__).resolve().parents[2]
POPPLER = shutil.which("pdffonts") is not None and shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
EMPTY_FONTCONFIG = '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n'


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The hand-made fixture (tests/metrics_fixture.py): district 3017 = villages A and B."""
    folder = tmp_path_factory.mktemp("fonts")
    path = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", copy.deepcopy(METRICS_INPUT)), path, commit=True)
    assert result.committed
    return path


def _hidden_fonts_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a build with every system font hidden from fontconfig."""
    conf = folder / "empty-fonts.conf"
    conf.write_text(EMPTY_FONTCONFIG)
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT), **extra}


def _reports(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reports", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,  # a guard only: a hang fails here instead of stalling the run
        check=False,
    )


def _pdf_fonts(path: Path) -> dict[str, str]:
    """pdffonts' font names (without the subset prefix) → their "emb" column."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts_found = {}
    for line in out.splitlines()[2:]:
        columns = line.split()
        name = columns[0].split("+", 1)[-1]
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s", line)
        fonts_found[name] = emb[1] if emb else "?"
    return fonts_found


# --- the font files and their numbers --------------------------------------------------------


@pytest.mark.parametrize(("style", "file"), [("", "Sarabun-Regular.ttf"), ("B", "Sarabun-Bold.ttf")])
def test_fonts_come_from_the_package(style, file):
    path = fonts.font_files()[style]
    assert path == Path(fontpkg_sarabun.ROOT) / "files" / file
    face = TTFont(path)
    assert face["name"].getDebugName(1) == "Sarabun"  # the family PPTX and XLSX runs name
    # Sarabun 1.000's OS/2 table: usWinAscent 1286, usWinDescent 567, 1000 units per em
    assert (face["head"].unitsPerEm, face["OS/2"].usWinAscent, face["OS/2"].usWinDescent) == (1000, 1286, 567)
    assert (fonts.UNITS_PER_EM, fonts.WIN_ASCENT, fonts.WIN_DESCENT) == (1000, 1286, 567)
    # one PPTX line at single spacing is (1286 + 567) / 1000 = 1.853 × the size; we allow 1.9
    assert pytest.approx(1.853) == fonts.WIN_LINE
    assert LINE_FACTOR >= fonts.WIN_LINE


def test_no_document_reads_a_system_font_folder():
    for folder in ("reports", "figures"):
        for source in (ROOT / folder).glob("*.py"):
            code = source.read_text(encoding="utf-8")
            assert "/usr/share/fonts" not in code, source
            assert "Laksaman" not in code, source


def test_the_marks_sarabun_lacks_come_from_our_marks_font():
    sarabun = TTFont(fonts.FILES[""]).getBestCmap()
    marks = TTFont(fonts.marks_file())
    cmap = marks.getBestCmap()
    for mark in "✓✗○●":
        assert ord(mark) not in sarabun, mark
        glyph = marks["glyf"][cmap[ord(mark)]]
        assert glyph.numberOfContours > 0, mark  # an outline, not an empty box
    assert marks["name"].getDebugName(1) == fonts.MARKS_FAMILY


def test_fontconfig_names_only_the_package_folders():
    tree = ET.parse(fonts.fontconfig_file())  # our own file
    dirs = [Path(d.text) for d in tree.getroot().iter("dir")]
    assert dirs == [fonts.FILES_DIR, fonts.marks_file().parent]
    assert not list(tree.getroot().iter("include"))  # no system configuration pulled in


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools not installed")
def test_fontconfig_finds_sarabun_for_any_family():
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts.fontconfig_file())}
    for family in ("sans-serif", "Sarabun:bold", "Loma"):
        found = subprocess.run(
            ["fc-match", "-f", "%{family}", family], capture_output=True, text=True, env=env, check=True
        ).stdout
        assert found.startswith("Sarabun"), (family, found)


# --- documents with the system fonts hidden --------------------------------------------------


@needs_poppler
def test_pack_and_one_pager_embed_sarabun_with_system_fonts_hidden(db, tmp_path):
    env = _hidden_fonts_env(tmp_path)
    pack, card = tmp_path / "pack.pdf", tmp_path / "card.pdf"
    result = _reports(env, "meeting", "--db", str(db), "--district", "3017", "--out", str(pack))
    assert result.returncode == 0, result.stderr
    result = _reports(env, "village", "--db", str(db), "--village", A, "--out", str(card))
    assert result.returncode == 0, result.stderr
    # the pack's income caption has ○ and ● (drawn by our marks font); the card has no mark
    assert _pdf_fonts(pack) == {"Sarabun": "yes", "SarabunBold": "yes", "SammachipMarks": "yes"}
    assert _pdf_fonts(card) == {"Sarabun": "yes", "SarabunBold": "yes"}
    text = subprocess.run(["pdftotext", str(pack), "-"], capture_output=True, text=True, check=True).stdout
    assert "ชุมพวง" in text and "\ufffd" not in text
    if shutil.which("chromium"):  # the charts were drawn by a Chromium that sees only Sarabun
        listed = subprocess.run(["pdfimages", "-list", str(pack)], capture_output=True, text=True, check=True)
        assert len(listed.stdout.strip().splitlines()) > 2
        assert "ชุดเอกสารนี้ไม่มีแผนภูมิ" not in text


# --- no browser: the pack still builds, and says what is missing ------------------------------

DRIVER = """
import sys
from pathlib import Path
from data_loaders.store.store import open_read_only
from metrics.scope import Scope
from reports import build, images
images.START_SECONDS = 3.0  # the stuck browser's start is given up on after 3 s, not 20
con = open_read_only(Path(sys.argv[1]))
out = Path(sys.argv[2])
(out / "pack.pdf").write_bytes(build(con, Scope(district="3017"), fmt="pdf"))
(out / "pack.pptx").write_bytes(build(con, Scope(district="3017"), fmt="pptx"))
print("failed" if images.failed() else "drawn")
"""


def _stuck_browser(folder: Path) -> Path:
    """A 'chromium' that starts and never answers; it writes its process id down first."""
    script = folder / "chromium"
    script.write_text(f"#!/bin/sh\necho $$ > {folder / 'browser.pid'}\nexec sleep 600\n")
    script.chmod(0o755)
    return script


@needs_poppler
@pytest.mark.parametrize("browser", ["missing", "stuck"])
def test_pack_builds_without_a_browser_and_says_which_charts_are_missing(db, tmp_path, browser):
    path = tmp_path / "no-such-chromium" if browser == "missing" else _stuck_browser(tmp_path)
    env = _hidden_fonts_env(tmp_path, BROWSER_PATH=str(path))
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(db), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,  # a guard only: without the time limits this would hang
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "failed"
    pdf_text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            ["pdftotext", str(tmp_path / "pack.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "pack.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no chart
    # the first page, in Thai then English: which charts and the command; each chart's place too
    for expected in (
        "ชุดเอกสารนี้ไม่มีแผนภูมิ:เส้นทางของโครงการ,รายได้ครัวเรือนที่เปลี่ยนไป",
        "Thispackhasnocharts:Programmefunnel,Householdincomechange",
        "sudoapt-getinstallchromium",
        "แผนภูมิ“รายได้ครัวเรือนที่เปลี่ยนไป”ไม่แสดง",
    ):
        assert expected in pdf_text, expected
    deck = Presentation(tmp_path / "pack.pptx")
    deck_text = " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )
    assert "ชุดเอกสารนี้ไม่มีแผนภูมิ" in deck_text and "sudo apt-get install chromium" in deck_text
    assert not [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]  # no picture
    if browser == "stuck":  # the stuck browser was ended, not left behind
        pid = int((tmp_path / "browser.pid").read_text())
        deadline = time.monotonic() + 30
        while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            assert time.monotonic() < deadline, "the stuck browser is still running"
            time.sleep(0.2)


# --- PPTX and XLSX name the installed face ---------------------------------------------------


def test_xlsx_cells_are_set_in_sarabun(db):
    con = open_read_only(db)
    try:
        wb = load_workbook(io.BytesIO(build(con, Scope(district="3017"), fmt="xlsx")))
    finally:
        con.close()
    names = {cell.font.name for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value}
    assert names == {"Sarabun"}


# --- bracketed units never break ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("รายได้ (บาท/ปี)", [("รายได้ ", False), ("(บาท/ปี)", True)]),
        ("ก(ข ค), ง", [("ก", False), ("(ข ค),", True), (" ง", False)]),  # punctuation stays on
        ("ก (ข", [("ก (ข", False)]),  # no closing bracket: no group
        ("(ก (ข) ค)", [("(ก ", False), ("(ข)", True), (" ค)", False)]),  # the inner pair
    ],
)
def test_bracket_groups(text, groups):
    assert _bracket_groups(text) == groups


def test_a_bracketed_unit_moves_to_the_next_line_whole():
    header = "รายได้เฉลี่ย (บาท/ปี)"
    # room for everything but the closing bracket: a word-by-word wrap would leave ")" alone
    room = width("รายได้เฉลี่ย (บาท/ปี", 10, bold=True) + 0.5
    assert room < width(header, 10, bold=True)
    assert wrap(header, room, 10, bold=True) == ["รายได้เฉลี่ย", "(บาท/ปี)"]
    # with room for all of it, one line
    assert wrap(header, width(header, 10, bold=True) + 0.5, 10, bold=True) == [header]
