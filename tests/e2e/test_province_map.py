"""Issue 21 in Chromium: a click on a province of the Overview's province map narrows the
province filter to it (AppTest cannot click a deck.gl canvas)."""

from __future__ import annotations

import math

import pandas as pd

from figures.provinces import province_deck
from tests.e2e.test_browser import TIMEOUT, _wait_drawn

# A point well inside Ubon Ratchathani (34): Ubon city, 15.24 N 104.85 E.
UBON = (15.24, 104.85)


def _pixel(box: dict, view, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) lies in the deck's box: deck.gl's Web Mercator, 512 × 2^zoom pixels
    for 360 degrees of longitude, centred on the view's latitude and longitude."""
    world = 512 * 2**view.zoom

    def y(lat_deg: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat_deg) / 2)) * world / (2 * math.pi)

    x = box["x"] + box["width"] / 2 + (lon - view.longitude) * world / 360
    return x, box["y"] + box["height"] / 2 - (y(lat) - y(view.latitude))


def test_clicking_a_province_narrows_the_filter(server, browser, screenshots):
    view = province_deck(pd.DataFrame(columns=["code", "villages", "value"]), "overdue_share", lang="th")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    try:
        page.goto(server)
        _wait_drawn(page, ["stDeckGlJsonChart"])
        section = page.locator('[class*="st-key-chart_section_provinces"]')
        section.scroll_into_view_if_needed()
        deck = section.locator('[data-testid="stDeckGlJsonChart"]')
        deck.wait_for(state="visible", timeout=TIMEOUT)
        page.wait_for_timeout(1500)  # deck.gl draws its layer after the element shows
        x, y = _pixel(deck.bounding_box(), view.initial_view_state, *UBON)
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        page.wait_for_url("**province=34**", timeout=TIMEOUT)
        _wait_drawn(page, ["stPlotlyChart"])
        page.screenshot(path=str(screenshots / "province_clicked.png"))
        assert page.locator('[class*="st-key-chart_section_provinces"]').count() == 0  # one province now
    finally:
        context.close()
