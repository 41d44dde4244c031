"""Issue 17's acceptance (item 1, "Scope"), in Chromium on the real server and the sample data:
for each sample district, the follow-up list on the Progress page, the meeting pack (PDF text,
PowerPoint text, Excel values) and every download of the Overview, Progress, Income, Trainers,
Groups and Indicators pages name no village, tambon, district or province of the other one.

Each page is opened with ``?district=CODE`` at 1280 pixels; its expanders are opened, the buttons
that build files on click (the meeting pack, the district's one-pagers ZIP) are clicked, then
each download button the page shows is clicked in turn and its file read: PDF through
``pdftotext -raw`` (spaces removed, STYLE.md), PPTX through python-pptx (text frames, tables,
chart categories, notes), XLSX through openpyxl (every cell and sheet name), CSV as text, ZIP by
its member names and PDFs, PNG checked only for being one. Every click reruns the page (the
download is logged); the test waits for that run to end by watching the app's script state.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from common import strings
from data_loaders.reference.geo import tambon
from tests.e2e.test_browser import PAGE_STATE_JS, TIMEOUT, _table

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"
DISTRICTS = ("3017", "3414")  # Chum Phuang (Nakhon Ratchasima) and Muang Sam Sip (Ubon Ratchathani)
OTHER = {"3017": "3414", "3414": "3017"}
# The Overview is the app's root; the Data page is left out (its log covers the whole store).
PAGES = ("", "progress", "income", "trainers", "groups", "indicators")
# Buttons that build files on click, and the download each one then shows.
BUILDS = (
    ("pack.build", "pack.download_xlsx"),
    ("onepager.zip_build", "onepager.zip_download"),
)
APP = '[data-testid="stApp"]'
DOWNLOAD = '[data-testid="stDownloadButton"] button:visible'

# Counts the app's finished script runs: a click on a button or a download button reruns the
# page, and the next click waits for that run to end (no sleeps).
WATCH_RUNS_JS = """() => {
  if (window.__runs !== undefined) return;
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = 0;
  let running = false;
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') running = true;
    else if (state === 'notRunning' && running) { running = false; window.__runs += 1; }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# Every table on the page has drawn its grid, whose accessible copy holds the cells read, and
# every chart its SVG (so nothing moves the buttons under a click).
DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .every(df => df.querySelector('table[role="grid"] thead th'))
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.main-svg'))"""
# Counts the links the app clicks to start a download (each download button makes one).
LINKS_JS = """(() => {
  const click = HTMLElement.prototype.click;
  window.__links = 0;
  HTMLElement.prototype.click = function () {
    if (this.tagName === 'A' && this.href) window.__links += 1;
    return click.call(this);
  };
})()"""
ERROR = '[data-testid="stDownloadButtonError"]'
STARTED_OR_FAILED_JS = f"""n => window.__links > n || !!document.querySelector('{ERROR}')"""
OPEN_EXPANDERS_JS = """() => {
  for (const d of document.querySelectorAll('[data-testid="stExpander"] details:not([open])'))
    d.querySelector('summary').click();
}"""


@dataclass(frozen=True)
class Forbidden:
    """What must not appear in a district's outputs: the other district's codes and names."""

    district: str  # the other district's 4-digit code
    villages: tuple[str, ...]  # its 8-digit village codes
    thai: tuple[str, ...]  # village, tambon, district and province names, officer names (NFKC)
    english: tuple[str, ...]  # tambon, district and province names in English, officer ids
    codes: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        # The district code alone, or leading a longer code: a village (8 digits), a household
        # (H + village + number) or a group (G + village + "-n"); never inside a longer number,
        # nor a masked phone's last four digits ("xxx-xxx-3017" is a 3414 trainer's phone).
        pattern = rf"(?<![\d-]){self.district}(?:\d{{4}}|(?!\d))"
        object.__setattr__(self, "codes", re.compile(pattern))

    def found(self, text: str) -> list[str]:
        """The forbidden things in ``text`` (codes and English as they are; Thai with spaces
        removed and in NFKC form, since pdftotext splits ำ and spaces Thai words)."""
        hits = [m.group(0) for m in self.codes.finditer(text)]
        hits += [w for w in self.english if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![a-z])", text)]
        squashed = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
        hits += [w for w in self.thai if w in squashed]
        return hits

    def found_in_numbers(self, values: list[float]) -> list[str]:
        """A number cell is forbidden only when it is one of the other district's village codes."""
        codes = {int(v): v for v in self.villages}
        return [codes[int(x)] for x in values if x == int(x) and int(x) in codes]


def _forbidden(district: str) -> Forbidden:
    """The other district's villages (sample_data/villages.csv), their official tambon, district
    and province names in Thai and English (data_loaders.reference.geo), and its officers."""
    other = OTHER[district]
    with (SAMPLE / "villages.csv").open(encoding="utf-8") as f:
        villages = [r for r in csv.DictReader(f) if r["village_code"].startswith(other)]
    with (SAMPLE / "officers.csv").open(encoding="utf-8") as f:
        officers = [r for r in csv.DictReader(f) if r["district_code"] == other]
    thai: set[str] = set()
    english: set[str] = set()
    for v in villages:
        place = tambon(v["village_code"][:6])
        assert place is not None and place.district_code == other, v
        thai |= {v["village_name"], v["tambon_name"], v["district_name"], v["province_name"]}
        thai |= {place.tambon_th, place.district_th, place.province_th}
        english |= {place.tambon_en, place.district_en, place.province_en}
    thai |= {o["name"] for o in officers}
    english |= {o["officer_id"] for o in officers}
    # sample_data/villages.csv: FY2560 19 + FY2561 6 in 3017, 13 + 4 in 3414
    assert len(villages) == {"3017": 25, "3414": 17}[other]
    return Forbidden(
        district=other,
        villages=tuple(v["village_code"] for v in villages),
        thai=tuple(sorted(unicodedata.normalize("NFKC", re.sub(r"\s+", "", w)) for w in thai)),
        english=tuple(sorted(english)),
    )


def _mine(district: str) -> tuple[str, str]:
    """The district's own first village code and its district's name (sample_data/villages.csv):
    the check that a file's text was read at all."""
    with (SAMPLE / "villages.csv").open(encoding="utf-8") as f:
        first = next(r for r in csv.DictReader(f) if r["village_code"].startswith(district))
    return first["village_code"], first["district_name"]


# ---- reading each kind of file ------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-"
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    parts: list[str] = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                for plot in shape.chart.plots:
                    parts += [str(c) for c in plot.categories]
                    parts += [s.name or "" for s in plot.series]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _xlsx_cells(data: bytes) -> tuple[str, list[float]]:
    """The workbook's text (sheet names and text cells) and its number cells."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts: list[str] = []
    numbers: list[float] = []
    for sheet in book.worksheets:
        texts.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    numbers.append(value)
                elif value is not None:
                    texts.append(str(value))
    return "\n".join(texts), numbers


def _csv_cells(data: bytes) -> tuple[str, list[float]]:
    """The file's text cells and its number cells (an income of 3414 baht is not a code)."""
    texts: list[str] = []
    numbers: list[float] = []
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        for cell in row:
            plain = cell.replace(",", "")
            if re.fullmatch(r"[-+]?\d+(\.\d+)?", plain):
                numbers.append(float(plain))
            else:
                texts.append(cell)
    return "\n".join(texts), numbers


def _contents(name: str, data: bytes) -> list[tuple[str, str, list[float]]]:
    """What a downloaded file says: (where, text, numbers) for it, or for each PDF in a ZIP."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        return [(name, _pdf_text(data), [])]
    if suffix == ".pptx":
        return [(name, _pptx_text(data), [])]
    if suffix == ".xlsx":
        return [(name, *_xlsx_cells(data))]
    if suffix == ".csv":
        assert data.startswith(b"\xef\xbb\xbf"), name  # the BOM: Excel opens Thai correctly
        return [(name, *_csv_cells(data))]
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name  # a picture: its text is the PDF's
        return []
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.namelist()
            assert members, name
            out = [(f"{name}: names", "\n".join(members), [])]
            for member in members:
                assert member.lower().endswith(".pdf"), member
                out.append((f"{name}/{member}", _pdf_text(archive.read(member)), []))
            return out
    raise AssertionError(f"a download of an unexpected kind: {name}")


# ---- driving the page ---------------------------------------------------------------------


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=TIMEOUT)
    page.wait_for_selector(DOWNLOAD, state="visible", timeout=TIMEOUT)
    page.evaluate(WATCH_RUNS_JS)
    page.evaluate(OPEN_EXPANDERS_JS)  # their tables draw once opened
    page.wait_for_function(DRAWN_JS, timeout=TIMEOUT)
    _no_exception(page)


def _rerun_after(page, action) -> None:
    """Do ``action`` (a click that reruns the page) and wait until that run has ended."""
    before = page.evaluate("window.__runs")
    action()
    page.wait_for_function(f"window.__runs > {before}", timeout=TIMEOUT)
    page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=TIMEOUT)


def _no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def _build(page) -> None:
    """Click each button that builds files on click, and wait for its download to show."""
    for build, download in BUILDS:
        button = page.locator(f'{APP} button:has-text("{strings.text(build, "th")}")')
        if button.count() == 0:
            continue
        page.evaluate(OPEN_EXPANDERS_JS)
        _rerun_after(page, button.first.click)
        label = strings.text(download, "th")
        page.wait_for_selector(f'{DOWNLOAD}:has-text("{label}")', state="visible", timeout=TIMEOUT)
        _no_exception(page)


def _download_all(page, downloads: list) -> list[tuple[str, str, bytes]]:
    """Click each download button the page shows, in turn: (label, file name, bytes) each.
    ``downloads`` collects the page's download events. Every click must give its file: a click
    does not rerun the page (ui/access.download_button), so no rerun can drop a file being
    built."""
    count = page.locator(DOWNLOAD).count()
    files = []
    for n in range(count):
        page.evaluate(OPEN_EXPANDERS_JS)
        button = page.locator(DOWNLOAD).nth(n)
        label = button.inner_text().strip()
        print(f"{page.url}: download {n + 1}/{count}: {label!r}")  # shown if a click fails
        seen = len(downloads)
        links = page.evaluate("window.__links")
        button.scroll_into_view_if_needed()
        button.click()
        page.wait_for_function(STARTED_OR_FAILED_JS, arg=links, timeout=TIMEOUT)
        assert not page.locator(ERROR).count(), f"{label!r}: {page.locator(ERROR).all_inner_texts()}"
        if len(downloads) == seen:
            page.wait_for_event("download", timeout=TIMEOUT)
        download = downloads[seen]
        files.append((label, download.suggested_filename, Path(download.path()).read_bytes()))
        _no_exception(page)
        assert page.locator(DOWNLOAD).count() == count, "the page's downloads changed after a click"
    return files


def _visit(browser, url: str) -> tuple[dict, list[tuple[str, str, bytes]]]:
    """What the page at ``url`` shows (PAGE_STATE_JS) and every file it offers, in a browser
    context of its own: after a navigation from another page, the first file built on click
    sometimes never came (no file, no error), in a fresh context it always did."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH", accept_downloads=True
    )
    context.add_init_script(LINKS_JS)
    try:
        page = context.new_page()
        downloads: list = []
        page.on("download", lambda download: downloads.append(download))
        _open(page, url)
        state = page.evaluate(PAGE_STATE_JS)
        _build(page)
        return state, _download_all(page, downloads)
    finally:
        context.close()


@pytest.mark.parametrize("district", DISTRICTS)
def test_every_output_of_a_district_names_only_its_villages(server, browser, district):
    forbidden = _forbidden(district)
    own_code, own_name = _mine(district)
    leaks: list[str] = []
    read: dict[str, str] = {}  # sha256 -> where it was first read (the pack shows on two pages)
    names: list[str] = []
    for path in PAGES:
        state, files = _visit(browser, f"{server}/{path}?district={district}")
        where = path or "overview"
        screen = "\n".join([state["text"], state["svg"]])
        leaks += [f"{where} (screen): {hit}" for hit in forbidden.found(screen)]
        if path == "progress":
            # the follow-up list (รายการที่ต้องติดตาม): every line names a village of the district
            todo = _table(state, strings.text("col.kind", "th"))
            village = todo["headers"].index(strings.text("col.village", "th"))
            assert todo["rows"], "the district has follow-up lines"
            for row in todo["rows"]:
                if not re.search(rf"\({district}\d{{4}}\)$", row[village]):
                    leaks.append(f"follow-up list: a line not of a {district} village: {row}")
                leaks += [f"follow-up list: {hit} in {row}" for hit in forbidden.found(" ".join(row))]
        for label, name, data in files:
            names.append(name)
            digest = hashlib.sha256(data).hexdigest()
            if digest in read:
                continue
            read[digest] = f"{where}: {label}"
            for part, text, numbers in _contents(name, data):
                hits = forbidden.found(text) + forbidden.found_in_numbers(numbers)
                leaks += [f"{where}: {label} ({part}): {hit}" for hit in hits]
                if Path(part).suffix.lower() in (".pdf", ".pptx", ".xlsx", ".csv"):
                    squashed = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))
                    # something was read: the district's own code or name appears
                    assert (
                        district in text
                        or own_code in text
                        or own_name in squashed
                        or (int(own_code) in numbers)
                    ), f"nothing of {district} read from {part}"
    # Every output the issue names was downloaded: the pack in its three formats, the village
    # one-pager (PDF, PNG), the district's one-pagers (ZIP), the progress table, the follow-up
    # list, the households' table and the evaluators' workbook.
    suffixes = {Path(n).suffix for n in names}
    assert {".pdf", ".pptx", ".xlsx", ".csv", ".png", ".zip"} <= suffixes, names
    stems = ("village_progress", "followups", "households_income", "indicators_all_tables", "onepagers_")
    for stem in (*stems, "village_"):
        assert any(n.startswith(stem) for n in names), (stem, names)
    assert leaks == [], "\n".join(leaks)
