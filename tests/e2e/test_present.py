"""Projector mode in real Chromium at 1280×720 (the usual projector): with ``?present=1`` the
sidebar starts collapsed, and no page scrolls sideways; browser printing shows the whole page.
Screenshots go to tests/e2e/screenshots/ (present_<page>.png, one projector screen each, and
print_overview.png, the first printed page)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.e2e.test_browser import PAGES, _no_exception, _wait_drawn

# The page's scroll widths; the right edge of the widest block (a chart wider than the page);
# and the tables whose grid scrolls sideways inside itself (columns cut off at the right).
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const main = document.querySelector('[data-testid="stMain"]');
  const blocks = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')];
  const widest = Math.max(0, ...blocks.map(e => e.getBoundingClientRect().right));
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).length;
  return {scroll: root.scrollWidth, client: root.clientWidth,
          mainScroll: main.scrollWidth, mainClient: main.clientWidth, widest: widest, grids: grids};
}"""


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="th-TH")
    p = context.new_page()
    yield p
    context.close()


@pytest.mark.parametrize(("path", "title", "testids"), [(p, th, ids) for p, th, _en, ids in PAGES])
def test_no_page_scrolls_sideways_at_1280x720(server, projector, screenshots, path, title, testids):
    projector.goto(f"{server}/{'' if path == 'overview' else path}?present=1")
    _wait_drawn(projector, testids)
    _no_exception(projector)
    assert projector.locator("h1", has_text=title).count() == 1
    # The sidebar starts collapsed: moved off the left edge (300 px wide when open).
    sidebar = projector.locator('[data-testid="stSidebar"]').evaluate("e => e.getBoundingClientRect().right")
    assert sidebar <= 0
    sizes = projector.evaluate(OVERFLOW_JS)
    assert sizes["scroll"] <= sizes["client"], sizes
    assert sizes["mainScroll"] <= sizes["mainClient"], sizes
    assert sizes["widest"] <= sizes["client"] + 1, sizes
    assert sizes["grids"] == 0, sizes  # no table scrolls sideways inside itself either
    # Type is larger than Streamlit's 16 px.
    assert projector.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "18px"
    if "stPlotlyChart" in testids:  # every chart offers its picture (the modebar's camera)
        charts = projector.locator('[data-testid="stPlotlyChart"]').count()
        assert projector.locator('.modebar-btn[data-title="Download plot as a PNG"]').count() == charts
    projector.screenshot(path=str(screenshots / f"present_{path}.png"))


def test_present_survives_navigation(server, projector):
    projector.goto(f"{server}/?present=1")
    _wait_drawn(projector, PAGES[0][3])
    projector.goto(f"{server}/progress?present=1&district=3414")
    _wait_drawn(projector, PAGES[1][3])
    assert "present=1" in projector.url and "district=3414" in projector.url


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_browser_printing_shows_the_whole_page(server, projector, screenshots, tmp_path):
    projector.goto(f"{server}/?present=1")
    _wait_drawn(projector, PAGES[0][3])
    projector.emulate_media(media="print")
    assert (
        projector.locator('[data-testid="stSidebar"]').evaluate("e => getComputedStyle(e).display") == "none"
    )
    pdf = tmp_path / "overview.pdf"
    projector.pdf(path=str(pdf), landscape=True, format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2  # the whole page, not the one screen Streamlit's scroll box would print
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf), str(screenshots / "print_overview")],
        check=True,
    )
