"""Chromium: the meeting pack's Excel workbook and a village one-pager download from the app
(issue 17: "the XLSX pack and the one-pagers download from the app"), on the four-village
fixture (tests/metrics_fixture.py: district 3017 = A 30170101 and B 30170201)."""

from __future__ import annotations

import io

import openpyxl

from tests.e2e.test_browser import TIMEOUT, _download, _no_exception, _wait_drawn


def test_the_xlsx_pack_and_a_one_pager_download(fixture_server, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH", accept_downloads=True
    )
    page = context.new_page()
    try:
        page.goto(f"{fixture_server}/progress?province=30&district=3017")
        _wait_drawn(page, ["stDataFrame", "stDownloadButton"])
        pdf = _download(page, "ดาวน์โหลดสรุปหมู่บ้าน (PDF)")
        assert pdf[:5] == b"%PDF-"  # the village chosen in the page's detail (the first listed)
        png = _download(page, "ดาวน์โหลดภาพสำหรับไลน์ (PNG)")
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        _no_exception(page)

        page.goto(f"{fixture_server}/?province=30&district=3017")  # the Overview
        _wait_drawn(page, ["stExpander"])
        page.get_by_text("ชุดเอกสารประชุม", exact=True).click()
        page.get_by_role("button", name="สร้างชุดเอกสารประชุม").click()
        page.wait_for_selector(
            '[data-testid="stDownloadButton"] button:has-text("ดาวน์โหลดตาราง Excel")', timeout=TIMEOUT
        )
        _wait_drawn(page, ["stDownloadButton"])
        book = openpyxl.load_workbook(io.BytesIO(_download(page, "ดาวน์โหลดตาราง Excel")))
        villages = [row[0].value for row in book["ความก้าวหน้า"].iter_rows(min_row=5)]
        assert sorted(villages) == ["บ้านสมมุติบี", "บ้านสมมุติเอ"]  # 3017's two villages only
        _no_exception(page)
    finally:
        context.close()
