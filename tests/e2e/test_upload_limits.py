"""Uploads on the running server (issue 9): too big, a zip bomb, and the grouped report.

The limits are ``data_loaders/contract/limits.py`` (``max_upload_bytes`` 50 MB, also
``server.maxUploadSize`` in ``.streamlit/config.toml``; a ZIP may expand to 200 MB; a member over
1 MB may be compressed at most 100 times). While each file goes up, the server's resident
memory (``psutil``, the streamlit process and any children) is sampled every 50 ms and must stay
under 1 GB: a memory bound, no timing.

- A file over 50 MB is refused in the browser by Streamlit before a byte is sent (its chip shows
  an error; Streamlit words that error itself, in English). The page states the limit in Thai
  right above the drop zone, and no report appears.
- A ZIP that would expand past 200 MB, and a zip bomb (1.5 GB of zeros in about 1.5 MB), reach
  the server and are refused with the Thai message of ``data_loaders/contract/limits.py`` before anything
  is extracted.
- A workbook with one duplicated household ID shows one group, the root first and its three
  dependants collapsed beneath; the annotated workbook downloads with those cells marked.
"""

from __future__ import annotations

import contextlib
import io
import random
import threading
import zipfile
from pathlib import Path

import openpyxl
import psutil
import pytest

from data_loaders.store.importer import check_path
from tests.builders import tiny, write_csv_folder, write_xlsx
from tests.e2e.conftest import SERVER_PIDS, running_server
from tests.e2e.test_browser import TIMEOUT, _no_exception, _shoot, _wait_drawn
from tests.report_fixtures import duplicate_household

GB = 1024**3
MB = 1024**2
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
ALERT = '[data-testid="stAlertContainer"]'


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("uploads")
    db = work / "store.duckdb"
    assert check_path(write_csv_folder(work / "csv", tiny()), db, commit=True).committed
    with running_server(db, work) as url:
        yield url


@pytest.fixture
def page(browser, tiny_server):
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="th-TH", accept_downloads=True
    )
    p = context.new_page()
    p.goto(f"{tiny_server}/data")
    _wait_drawn(p, ["stFileUploader"])
    yield p
    context.close()


class PeakMemory:
    """The largest resident set size of the server (and its children) seen while active."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _rss(self) -> int:
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                total += child.memory_info().rss
        return total

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self.peak = self._rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


def _zip_of(path: Path, member: str, size: int, *, every: int | None) -> Path:
    """A ZIP holding ``member`` of ``size`` bytes: zeros, with a random digit every ``every``
    bytes (ratio about 70 for 150) or none at all (a bomb, ratio about 1,000). Written in 1 MB
    chunks, so the test never holds the whole member."""
    rng = random.Random(2560)
    chunk = bytearray(b"0" * MB)
    if every:
        for i in range(0, MB, every):
            chunk[i] = 49 + rng.randrange(9)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as handle,
    ):
        for _ in range(size // MB):
            handle.write(chunk)
    return path


def _upload_and_wait_for_alert(page, path: Path) -> str:
    page.locator(UPLOAD).set_input_files(str(path))
    page.wait_for_selector(f'{ALERT}:has-text("อ่านไฟล์ไม่ได้")', timeout=TIMEOUT)
    _no_exception(page)
    return "\n".join(page.locator(ALERT).all_inner_texts())


def test_a_file_over_50_mb_is_refused_before_it_is_sent(page, tiny_server, tmp_path, screenshots):
    big = tmp_path / "ชุมพวง_ทั้งจังหวัด.xlsx"
    with open(big, "wb") as handle:
        handle.truncate(50 * MB + 1)  # one byte over the limit (sparse: no 50 MB written)
    with PeakMemory(SERVER_PIDS[tiny_server]) as memory:
        page.locator(UPLOAD).set_input_files(str(big))
        chip = page.locator('[data-testid="stFileChip"]')
        chip.wait_for(state="visible", timeout=TIMEOUT)
        page.wait_for_timeout(1500)  # had it been sent, the script would run now
    assert chip.get_attribute("aria-invalid") == "true"  # Streamlit refused it
    label = page.locator('[data-testid="stFileUploader"] [data-testid="stWidgetLabel"]').inner_text()
    assert "ขนาดไม่เกิน 50 MB (ไฟล์ที่ใหญ่กว่านี้ให้แบ่งตามอำเภอ)" in label
    assert page.get_by_text("ผลการตรวจสอบ").count() == 0  # nothing was checked: nothing arrived
    _no_exception(page)
    _shoot(page, screenshots / "upload_too_big.png")
    assert memory.peak < GB, memory.peak


def test_a_zip_that_expands_past_200_mb_is_refused_in_thai(page, tiny_server, tmp_path):
    archive = _zip_of(tmp_path / "ทั้งจังหวัด.zip", "households.csv", 210 * MB, every=150)
    assert archive.stat().st_size < 50 * MB
    with PeakMemory(SERVER_PIDS[tiny_server]) as memory:
        text = _upload_and_wait_for_alert(page, archive)
    assert "ทั้งจังหวัด.zip: เมื่อแตกไฟล์ ZIP จะมีขนาด 210.0 MB เกิน 200.0 MB แบ่งเป็นหลาย ZIP" in text
    assert memory.peak < GB, memory.peak


def test_a_zip_bomb_is_refused_in_thai_and_memory_stays_bounded(page, tiny_server, tmp_path, screenshots):
    bomb = _zip_of(tmp_path / "bomb.zip", "households.csv", 1536 * MB, every=None)  # 1.5 GB of "0"
    assert bomb.stat().st_size < 5 * MB
    with PeakMemory(SERVER_PIDS[tiny_server]) as memory:
        text = _upload_and_wait_for_alert(page, bomb)
    assert "bomb.zip: รายการ households.csv บีบอัดไว้" in text
    assert "อาจเป็นไฟล์อันตราย (zip bomb) จึงไม่เปิด" in text
    assert page.get_by_text("ผลการตรวจสอบ").count() == 0
    _shoot(page, screenshots / "upload_zip_bomb.png")
    assert memory.peak < GB, memory.peak  # 1.5 GB inflated would not fit


def test_the_grouped_report_and_the_annotated_workbook(page, tiny_server, tmp_path, screenshots):
    book = write_xlsx(tmp_path / "ชุมพวง_ซ้ำ.xlsx", duplicate_household())
    page.locator(UPLOAD).set_input_files(str(book))
    page.wait_for_selector('text="ผลการตรวจสอบ"', timeout=TIMEOUT)
    _wait_drawn(page, ["stDataFrame", "stExpander"])
    _no_exception(page)
    summary = "[1] รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้"
    assert page.get_by_text(summary).is_visible()
    expander = page.locator('[data-testid="stExpander"]', has_text="แถวที่ตามมา 3 แถว")
    expander.locator("summary").click()
    expander.locator('[data-testid="stDataFrame"]').wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_timeout(800)
    _shoot(page, screenshots / "data_grouped_report.png")
    with page.expect_download(timeout=TIMEOUT) as waiting:
        page.locator('[data-testid="stDownloadButton"] button', has_text="ทำเครื่องหมายเซลล์ที่มีปัญหา").click()
    download = waiting.value
    assert download.suggested_filename == "ชุมพวง_ซ้ำ_ตรวจแล้ว.xlsx"
    marked = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    filled = {
        (ws.title, cell.coordinate)
        for ws in marked.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.fill.fill_type == "solid"
    }
    # households A1: the whole-village warning (no villages sheet); A4: the repeated H2;
    # attendance C3-C5: the rows that refer to H2.
    assert filled == {
        ("households", "A1"),
        ("households", "A4"),
        ("attendance", "C3"),
        ("attendance", "C4"),
        ("attendance", "C5"),
    }
