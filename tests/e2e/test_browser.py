"""The real dashboard in real Chromium: every page through the sidebar, its charts and map,
no exception box, the language switch, and a full-page screenshot of each page."""

from __future__ import annotations

import pytest

# (url path, Thai title, English title, what must draw)
PAGES = [
    ("overview", "ภาพรวม", "Overview", ["stPlotlyChart", "stDeckGlJsonChart"]),
    ("progress", "ความก้าวหน้าหมู่บ้าน", "Village progress", ["stPlotlyChart", "stDataFrame"]),
    ("income", "รายได้ครัวเรือน", "Household income", ["stPlotlyChart", "stDataFrame"]),
    ("trainers", "ปราชญ์และวิทยากร", "Trainers", ["stPlotlyChart"]),
    ("groups", "กลุ่มอาชีพและเครือข่าย", "Groups and networks", ["stPlotlyChart"]),
    ("indicators", "ตัวชี้วัด", "Indicators", ["stDataFrame", "stPlotlyChart"]),
    ("data", "นำเข้าข้อมูล", "Data", ["stFileUploader", "stDataFrame"]),
]
TIMEOUT = 60_000
# The page menu: st.page_link per page (app.py hides st.navigation's own menu; see ui/shell.py)
NAV = '[data-testid="stSidebar"] [data-testid="stPageLink"] a'


def _wait_drawn(page, testids):
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT)
    for testid in testids:
        page.wait_for_selector(f'[data-testid="{testid}"]', state="visible", timeout=TIMEOUT)
    # Streamlit shows a running indicator while the script runs; wait for it to settle.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )
    page.wait_for_timeout(600)  # let Plotly finish its transition before the screenshot


def _shoot(page, path):
    """A screenshot of the whole page: Streamlit scrolls inside its main block, so the window is
    made as tall as that block first."""
    height = page.evaluate(
        '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], [data-testid="stSidebarContent"]\')].map(e => e.scrollHeight))'
    )
    page.set_viewport_size({"width": 1440, "height": min(max(int(height) + 40, 1000), 14000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def _no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="th-TH")
    p = context.new_page()
    yield p
    context.close()


def test_a_deep_link_with_filters_survives_a_reload(server, page, screenshots):
    # Runs first on a fresh server: its very first request is a deep link with a filter.
    page.goto(server + "/income?district=3414")
    _wait_drawn(page, ["stPlotlyChart"])
    _no_exception(page)
    district = page.locator('[data-testid="stSidebar"] input[aria-label="อำเภอ"]')
    assert district.input_value() == "ม่วงสามสิบ"
    page.reload()
    _wait_drawn(page, ["stPlotlyChart"])
    assert "district=3414" in page.url
    assert page.locator('[data-testid="stSidebar"] input[aria-label="อำเภอ"]').input_value() == "ม่วงสามสิบ"
    _shoot(page, screenshots / "th_income_district_3414.png")


def test_every_page_through_the_sidebar_in_thai(server, page, screenshots):
    page.goto(server)
    _wait_drawn(page, PAGES[0][3])
    for path, th, _en, testids in PAGES:
        page.locator(NAV, has_text=th).first.click()
        page.wait_for_url(f"**/{path}" if path != "overview" else "**/*")
        _wait_drawn(page, testids)
        _no_exception(page)
        assert page.locator("h1", has_text=th).count() == 1
        _shoot(page, screenshots / f"th_{path}.png")


def test_language_switch_to_english(server, page, screenshots):
    page.goto(server)
    _wait_drawn(page, PAGES[0][3])
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    page.wait_for_selector("h1:has-text('Overview')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[0][3])
    _no_exception(page)
    assert "lang=en" in page.url
    for path, _th, en, testids in PAGES[1:]:
        page.locator(NAV, has_text=en).first.click()
        _wait_drawn(page, testids)
        _no_exception(page)
        assert page.locator("h1", has_text=en).count() == 1
        _shoot(page, screenshots / f"en_{path}.png")
    page.goto(server + "/?lang=en")
    _wait_drawn(page, PAGES[0][3])
    _shoot(page, screenshots / "en_overview.png")


def _district(page) -> str:
    return page.locator(
        '[data-testid="stSidebar"] input[aria-label="อำเภอ"], [data-testid="stSidebar"] input[aria-label="District"]'
    ).first.input_value()


def test_language_switch_keeps_filters_and_back_takes_one_press(server, page):
    page.goto(server + "/?district=3414")
    _wait_drawn(page, PAGES[0][3])
    start = page.evaluate("history.length")
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    page.wait_for_selector("h1:has-text('Overview')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[0][3])
    assert _district(page) == "Muang Sam Sip"  # the filter kept, shown in English
    page.locator(NAV, has_text="Village progress").first.click()
    page.wait_for_selector("h1:has-text('Village progress')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[1][3])
    assert page.url.endswith("/progress?district=3414&lang=en")
    assert _district(page) == "Muang Sam Sip"
    assert page.evaluate("history.length") == start + 2  # one entry per click, no duplicates
    page.go_back()
    page.wait_for_selector("h1:has-text('Overview')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[0][3])
    assert page.url.endswith("/?district=3414&lang=en")
    page.go_back()
    page.wait_for_selector("h1:has-text('ภาพรวม')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[0][3])
    assert page.url.endswith("/?district=3414")
    assert _district(page) == "ม่วงสามสิบ"
    _no_exception(page)
