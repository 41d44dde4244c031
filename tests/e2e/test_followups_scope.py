"""Issue 17's acceptance, in Chromium: for each sample district, the Progress page's follow-up
list (รายการที่ต้องติดตาม) names only that district's villages, its data-quality lines included
(they once listed the whole store's import warnings)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_browser import PAGE_STATE_JS, _shoot, _table, _wait_drawn

# The follow-up list's first header, and the other district of each sample district.
KIND = "ประเภท"
OTHER = {"3017": "3414", "3414": "3017"}
# The district names (each district's own, read from sample_data/villages.csv).
NAMES = {"3017": "ชุมพวง", "3414": "ม่วงสามสิบ"}


@pytest.mark.parametrize("district", ["3017", "3414"])
def test_the_follow_up_list_names_only_the_districts_villages(server, browser, screenshots, district):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    try:
        page.goto(f"{server}/progress?district={district}")
        _wait_drawn(page, ["stDataFrame"])
        state = page.evaluate(PAGE_STATE_JS)
        assert state["exceptions"] == 0
        todo = _table(state, KIND)
        rows = todo["rows"]
        village = todo["headers"].index("หมู่บ้าน")
        quality = [r for r in rows if r[0] == "คุณภาพข้อมูล"]
        assert quality, "the district's import warnings are listed"
        other = OTHER[district]
        for row in rows:
            # every line names its village as "name (code)", a code of this district
            assert re.search(rf"\({district}\d{{4}}\)$", row[village]), row
            text = " ".join(row)
            assert not re.search(rf"(?<!\d){other}\d{{2}}", text), row
            assert NAMES[other] not in text, row
        _shoot(page, screenshots / f"followups_{district}.png")
    finally:
        context.close()
