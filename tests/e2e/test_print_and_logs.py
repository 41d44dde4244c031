"""Print and the logs in real Chromium at 1280 px (issue 17 items 9 and 12).

- Printing the Overview keeps each chart section's heading on the page of its chart: the
  district comparison's heading ("เปรียบเทียบรายอำเภอ") was left at the foot of a page with its
  chart on the next.
- The import log (Indicators) and the audit log (Access) wrap their long cells onto more lines
  at 1280 px instead of cutting them: no cell's text is wider than its cell, and no log table is
  wider than the page.
- An address that names no page (/nosuchpage) shows a notice and a link to the Overview.

Screenshots for a person to look at: tests/e2e/screenshots/print_sections-<n>.png (the printed
Overview, one PNG per A4 page), logs_imports.png, logs_audit.png, nosuchpage.png.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.e2e.test_browser import PAGES, _no_exception, _shoot, _wait_drawn

# Per chart section: its heading, and the page's top and bottom edges, while the page is laid
# out for print (A4 landscape: 297 mm less 2 × 12 mm margins, at 96 px per inch).
SECTIONS_JS = """() => [...document.querySelectorAll('[class*="st-key-chart_section_"]')].map(s => {
  const r = s.getBoundingClientRect();
  return {heading: (s.querySelector('h3') || {}).innerText, top: r.top + window.scrollY,
          bottom: r.bottom + window.scrollY, charts: s.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]').length};
})"""

# Every cell of the log tables: is its text wider than the cell (cut, or spilling over)? And
# is any log table wider than the main column?
LOG_CELLS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  const tables = [...document.querySelectorAll('[class*="st-key-log_"] [data-testid="stTable"]')];
  const cells = tables.flatMap(t => [...t.querySelectorAll('th, td')]);
  return {
    tables: tables.length,
    cells: cells.length,
    cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.slice(0, 60)),
    wide: tables.filter(t => t.getBoundingClientRect().right > main.right + 1
                          || t.scrollWidth > t.clientWidth + 1).length,
    wrapped: cells.filter(c => c.getBoundingClientRect().height > 40).length,
    longest: Math.max(0, ...cells.map(c => c.innerText.length)),
  };
}"""


@pytest.fixture
def wide(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    p = context.new_page()
    yield p
    context.close()


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_printing_keeps_each_chart_heading_with_its_chart(server, wide, screenshots, tmp_path):
    wide.goto(server)
    _wait_drawn(wide, PAGES[0][3])
    wide.emulate_media(media="print")
    wide.wait_for_timeout(500)
    sections = wide.evaluate(SECTIONS_JS)
    # the funnel, the village map, the province map, the cohorts and the district comparison,
    # each heading and chart in one container; the ranking is a table kept with its heading
    ranking = "จัดอันดับอำเภอตามตัวชี้วัด"
    assert [s["heading"] for s in sections] == [
        "เส้นทางของโครงการ",
        "แผนที่หมู่บ้านเป้าหมาย",
        "แผนที่รายจังหวัด",
        "เทียบรุ่นตามปีงบประมาณ ณ ระยะเดียวกันหลังอบรม",
        "เปรียบเทียบรายอำเภอ",
        ranking,
    ], sections
    assert all(s["charts"] == 1 for s in sections if s["heading"] != ranking), sections
    rule = wide.evaluate(
        """() => getComputedStyle(document.querySelector('[class*="st-key-chart_section_"]')).breakInside"""
    )
    assert rule == "avoid"  # the print stylesheet keeps a section on one page
    pdf = tmp_path / "overview.pdf"
    wide.pdf(path=str(pdf), landscape=True, format="A4", print_background=True)
    # On paper: the page holding the heading also holds the chart's own text (its legend).
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p.replace(" ", "") for p in text.split("\f")]
    heading = [i for i, p in enumerate(pages) if "เปรียบเทียบรายอำเภอ" in p]
    assert heading, "the district comparison's heading is not in the printout"
    legend = [i for i, p in enumerate(pages) if "รายได้เปลี่ยน" in p]  # a trace name of district_bars
    assert heading[0] in legend, (heading, legend)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(screenshots / "print_sections")],
        check=True,
    )


def test_the_import_log_wraps_its_long_cells_at_1280(server, wide, screenshots):
    wide.goto(f"{server}/indicators")
    _wait_drawn(wide, PAGES[5][3])
    _no_exception(wide)
    wide.locator('[class*="st-key-log_imports"]').scroll_into_view_if_needed()
    found = wide.evaluate(LOG_CELLS_JS)
    assert found["tables"] == 1 and found["cells"] >= 12, found  # six headers, one import or more
    assert found["cut"] == [], found
    assert found["wide"] == 0, found
    # the rows-per-table cell ("villages 32, households 640, …") is long: it wraps, whole
    assert found["wrapped"] >= 1, found
    _shoot(wide, screenshots / "logs_imports.png")


def test_the_audit_log_wraps_its_long_cells_at_1280(server, wide, screenshots):
    # A reveal logs this scope as JSON: a long cell without many spaces.
    wide.goto(f"{server}/income?district=3414")
    _wait_drawn(wide, PAGES[2][3])
    wide.locator('[data-testid="stCheckbox"], [data-testid="stToggle"]').filter(
        has_text="แสดงข้อมูลส่วนบุคคล"
    ).first.click()
    wide.wait_for_selector('text="กำลังแสดงข้อมูลส่วนบุคคล การเปิดดูนี้ถูกบันทึกแล้ว"', timeout=60_000)
    wide.goto(f"{server}/access")
    _wait_drawn(wide, [])
    wide.wait_for_selector('[class*="st-key-log_audit"] [data-testid="stTable"]', timeout=60_000)
    _no_exception(wide)
    found = wide.evaluate(LOG_CELLS_JS)
    assert found["tables"] == 1, found
    assert found["longest"] > 60, found  # the scope's JSON: longer than a 1280-px column shows
    assert found["cut"] == [], found
    assert found["wide"] == 0, found
    assert found["wrapped"] >= 1, found
    _shoot(wide, screenshots / "logs_audit.png")


def test_an_unknown_page_says_so_with_a_link_to_the_overview(server, wide, screenshots):
    wide.goto(f"{server}/nosuchpage?district=3414")
    _wait_drawn(wide, PAGES[0][3])
    _no_exception(wide)
    alert = wide.locator('[data-testid="stAlert"]', has_text="nosuchpage")
    assert alert.count() == 1
    assert "ไม่พบหน้า /nosuchpage ในแดชบอร์ดนี้ จึงแสดงหน้าภาพรวมแทน" in alert.inner_text()
    link = wide.locator('[data-testid="stMain"] [data-testid="stPageLink"] a', has_text="ไปหน้าภาพรวม")
    assert link.count() == 1
    assert "district=3414" in (link.get_attribute("href") or "")
    wide.screenshot(path=str(screenshots / "nosuchpage.png"))
