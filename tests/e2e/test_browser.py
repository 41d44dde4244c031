"""The real dashboard in real Chromium, at 1280 pixels wide with the sidebar open (a district
office's projector): every page through the sidebar and the language switch on the sample
data, and on the hand-worked four-village fixture what each page shows, in Thai and English.

A page is wrong, and its test fails, when it shows an exception box, a replacement character
(U+FFFD, text decoded badly), a table or the page scrolling sideways, a table with columns cut
off, chart text cut at the chart's edge, or tick labels on top of each other. Full-page
screenshots are saved to tests/e2e/screenshots/ for a person to look at; the assertions, not
the pictures, decide.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
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
    page.set_viewport_size({"width": 1280, "height": min(max(int(height) + 40, 900), 14000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


# What the page shows, read from the DOM: text, the text inside Plotly's SVG, headings, metric
# values, and each table's headers and cells (the data grid draws on a canvas but keeps an
# accessible table of the columns it shows, with aria-colcount for all of them). Then what is
# wrong to the eye: sideways scrolling, chart text outside its chart, overlapping tick labels.
PAGE_STATE_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const textOf = e => (e.innerText || '').trim();
  const tables = [...main.querySelectorAll('[data-testid="stDataFrame"]')].map(df => {
    const grid = df.querySelector('table[role="grid"]');
    const scroller = df.querySelector('.dvn-scroller');
    return {
      columns: grid ? Number(grid.getAttribute('aria-colcount')) : 0,
      headers: grid ? [...grid.querySelectorAll('thead th')].map(textOf) : [],
      rows: grid ? [...grid.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(textOf)) : [],
      sideways: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    };
  });
  const cut = [], overlaps = [];
  for (const chart of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('.main-svg text')) {
      const r = t.getBoundingClientRect();
      if (!r.width || !t.textContent.trim()) continue;
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2)
        cut.push(t.textContent);
    }
    for (const axis of chart.querySelectorAll('.xaxislayer-above, .yaxislayer-above')) {
      const labels = [...axis.querySelectorAll('text')]
        .filter(t => t.textContent.trim() && !(t.getAttribute('transform') || '').includes('rotate'))
        .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([s, r]) => r.width);
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i][1], b = labels[j][1];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          overlaps.push(labels[i][0] + ' / ' + labels[j][0]);
      }
    }
  }
  return {
    text: document.body.innerText,
    svg: [...main.querySelectorAll('.main-svg')].map(s => s.textContent).join(' | '),
    headings: [...main.querySelectorAll('h1, h2, h3')].map(textOf),
    metrics: [...main.querySelectorAll('[data-testid="stMetricValue"]')].map(textOf),
    deltas: [...main.querySelectorAll('[data-testid="stMetricDelta"]')].map(textOf),
    captions: [...main.querySelectorAll('[data-testid="stCaptionContainer"]')].map(textOf),
    tables: tables, cut: cut, overlaps: overlaps,
    sideways: Math.max(main.scrollWidth - main.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth),
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  };
}"""


def _state(page) -> dict:
    """What the page shows, after checking nothing on it is wrong to the eye."""
    state = page.evaluate(PAGE_STATE_JS)
    assert state["exceptions"] == 0, page.locator('[data-testid="stException"]').first.inner_text()
    assert "\ufffd" not in state["text"] and "\ufffd" not in state["svg"]  # no badly decoded text
    assert state["sideways"] <= 0, "the page scrolls sideways"
    for table in state["tables"]:
        assert table["sideways"] <= 1, f"a table scrolls sideways: {table['headers']}"
        assert len(table["headers"]) == table["columns"], f"columns cut off: {table['headers']}"
    assert state["cut"] == [], "chart text cut at the chart's edge"
    assert state["overlaps"] == [], "tick labels drawn over each other"
    return state


def _table(state: dict, first_header: str) -> dict:
    """The table whose first column is ``first_header``."""
    found = [t for t in state["tables"] if t["headers"][:1] == [first_header]]
    assert found, f"no table starting with {first_header}: {[t['headers'][:3] for t in state['tables']]}"
    return found[0]


def _row(table: dict, first_cell: str) -> list[str]:
    return next(r for r in table["rows"] if r and r[0] == first_cell)


def _squash(text: str) -> str:
    """Text without spaces: Plotly's two-line labels come out of the SVG as "ติดตาม12 เดือน"."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
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
        state = _state(page)
        assert state["headings"][0] == th
        _shoot(page, screenshots / f"th_{path}.png")


def test_language_switch_to_english(server, page, screenshots):
    page.goto(server)
    _wait_drawn(page, PAGES[0][3])
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    page.wait_for_selector("h1:has-text('Overview')", timeout=TIMEOUT)
    _wait_drawn(page, PAGES[0][3])
    _state(page)
    assert "lang=en" in page.url
    for path, _th, en, testids in PAGES[1:]:
        page.locator(NAV, has_text=en).first.click()
        _wait_drawn(page, testids)
        state = _state(page)
        assert state["headings"][0] == en
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


# --- what each page shows, on the hand-worked fixture -------------------------------------------
# tests/metrics_fixture.py: villages A 30170101 (ต.ชุมพวง) and B 30170201 (ต.ประสุข) in Chum
# Phuang (3017); C 34140101 (ต.ม่วงสามสิบ) and D 34140201 (ต.เหล่าบก, fiscal year 2561) in Muang
# Sam Sip (3414). The as-of date defaults to the latest dated row, H4's 12-month survey on
# 15 Jan 2018 (15 ม.ค. 2561); the previous meeting to the end of the month before, 31 Dec 2017.
# At that date the numbers are test_metrics.py's FULL, worked out there and again below.

LABELS = {
    "th": {
        "nav": [
            "ภาพรวม",
            "ความก้าวหน้าหมู่บ้าน",
            "รายได้ครัวเรือน",
            "ปราชญ์และวิทยากร",
            "กลุ่มอาชีพและเครือข่าย",
            "ตัวชี้วัด",
            "นำเข้าข้อมูล",
        ],
        "scope": "ขอบเขต: ทุกพื้นที่ · ข้อมูล ณ วันที่ 15 ม.ค. 2561",
        "income_delta": "+1.5 จุด จาก 8.5%",
        "flat_delta": "+0.0 จุด จาก 100.0%",
        "group_delta": "+0.0 จุด จาก 75.0%",
        "amounts": "ตัวตั้ง 20,000 บาท / ตัวหาร 200,000 บาท",
        "coverage": "สำรวจหลังอบรมแล้ว 4 จาก 5 ครัวเรือนเป้าหมาย",
        # shares of all 5 target households, saying so (the KPI card's denominator differs)
        "funnel": [
            "4 หมู่บ้าน",
            "11 คน",
            "5 ครัวเรือน",
            "4 ครัวเรือน80% ของทั้งหมด",  # two lines in one <text>
            "3 ครัวเรือน60% ของทั้งหมด",
        ],
        "districts": ["ชุมพวง", "ม่วงสามสิบ", "สัดส่วน (%)"],
        "progress_headers": ["หมู่บ้าน", "อำเภอ", "ตำบล", "สถานะ", "เสร็จแล้ว"],
        "A": ["บ้านสมมุติเอ (30170101)", "ชุมพวง", "ชุมพวง", "เลยกำหนด", "6/8"],
        "B": ["บ้านสมมุติบี (30170201)", "ชุมพวง", "ประสุข", "เลยกำหนด", "3/8"],
        "C": ["บ้านสมมุติซี (34140101)", "ม่วงสามสิบ", "ม่วงสามสิบ", "กำลังดำเนินการ", "6/8"],
        "D": ["บ้านสมมุติดี (34140201)", "ม่วงสามสิบ", "เหล่าบก", "ยังไม่เริ่ม", "0/8"],
        "followup_headers": ["ประเภท", "หมู่บ้าน", "ตำบล", "รายการ", "กำหนด", "ล่าช้า (วัน)", "พัฒนากร"],
        "followup_first": [
            "ขั้นตอนเลยกำหนด",
            "บ้านสมมุติบี (30170201)",
            "ประสุข",
            "ทีมวิทยากร",
            "31 ม.ค. 2560",
            "349",
            "สมหญิง ท***",
        ],
        "ci": ["รายได้เพิ่มขึ้น +10.0%", "จาก 4 ครัวเรือน", "ตารางรายครัวเรือน (รายได้: บาท/ปี)"],
        "household_headers": [
            "รหัส",
            "หมู่บ้าน",
            "หัวหน้า",
            "อาชีพ",
            "รอบฐาน",
            "ล่าสุด",
            "เปลี่ยน (%)",
            "รอบ",
            "ยังทำ",
        ],
        "H1": ["H1", "บ้านสมมุติเอ"],
        "H1_numbers": ["เพาะเห็ด", "60000", "66000", "10", "หลังอบรม"],
        "income_svg": ["รายได้เปลี่ยน (%)", "จำนวนครัวเรือน", "ติดตาม12เดือน", "จปฐ.38,000"],
        "no_lead_headers": ["รหัสหมู่บ้าน", "หมู่บ้าน", "ตำบล", "วิทยากร"],
        "no_lead": [["30170201", "บ้านสมมุติบี", "ประสุข", "0"], ["34140101", "บ้านสมมุติซี", "ม่วงสามสิบ", "5"]],
        "trainers_svg": ["จำนวนวิทยากร (คน)", "บ้านสมมุติเอ"],
        "groups_svg": ["กลุ่มเห็ดสมมุติ (4/5)", "กลุ่มทอผ้าสมมุติ (0/5)", "กลุ่มทอสมมุติ (4/5)", "OTOP", "ธ.ก.ส.", "ตลาด"],
        "indicator": "ตัวชี้วัด",
        "practising": ["ครัวเรือนที่ยังประกอบอาชีพที่ส่งเสริม", "100.0%", "≥ 85%", "✓", "4", "4"],
        "hpt": ["ครัวเรือนต่อวิทยากร 1 คน", "0.5", "≤ 4", "✓", "5", "11"],
        "income_row": ["รายได้เฉลี่ยครัวเรือนเพิ่มขึ้น", "10.0%", "≥ 3%", "✓", "20,000 บาท", "200,000 บาท"],
        "definitions": "นิยามของตัวชี้วัด",
    },
    "en": {
        "nav": [
            "Overview",
            "Village progress",
            "Household income",
            "Trainers",
            "Groups and networks",
            "Indicators",
            "Data",
        ],
        "scope": "Scope: All areas · Data as of 15 Jan 2018",
        "income_delta": "+1.5 pts from 8.5%",
        "flat_delta": "+0.0 pts from 100.0%",
        "group_delta": "+0.0 pts from 75.0%",
        "amounts": "Numerator 20,000 baht / Denominator 200,000 baht",
        "coverage": "surveyed after training: 4 of 5 target households",
        "funnel": [
            "4 villages",
            "11 people",
            "5 households",
            "4 households80% of all",
            "3 households60% of all",
        ],
        "districts": ["Chum Phuang", "Muang Sam Sip", "Share (%)"],
        "progress_headers": ["Village", "District", "Tambon", "Status", "Done"],
        "A": ["บ้านสมมุติเอ (30170101)", "Chum Phuang", "Chum Phuang", "Overdue", "6/8"],
        "B": ["บ้านสมมุติบี (30170201)", "Chum Phuang", "Prasuk", "Overdue", "3/8"],
        "C": ["บ้านสมมุติซี (34140101)", "Muang Sam Sip", "Muang Sam Sip", "In progress", "6/8"],
        "D": ["บ้านสมมุติดี (34140201)", "Muang Sam Sip", "Lao Bok", "Not started", "0/8"],
        "followup_headers": ["Kind", "Village", "Tambon", "Item", "Due", "Late (days)", "Officer"],
        "followup_first": [
            "Overdue stage",
            "บ้านสมมุติบี (30170201)",
            "Prasuk",
            "Team",
            "31 Jan 2017",
            "349",
            "สมหญิง ท***",
        ],
        "ci": ["Income rose +10.0%", "over 4 households", "Households (income in baht/year)"],
        "household_headers": [
            "Code",
            "Village",
            "Head",
            "Occupation",
            "Baseline",
            "Latest",
            "Change (%)",
            "Round",
            "Practising",
        ],
        "H1": ["H1", "บ้านสมมุติเอ"],
        "H1_numbers": ["เพาะเห็ด", "60000", "66000", "10", "Post"],
        "income_svg": ["Income change (%)", "Households", "12months", "BMNline38,000"],
        "no_lead_headers": ["Village code", "Village", "Tambon", "Trainers"],
        "no_lead": [["30170201", "บ้านสมมุติบี", "Prasuk", "0"], ["34140101", "บ้านสมมุติซี", "Muang Sam Sip", "5"]],
        "trainers_svg": ["Trainers", "บ้านสมมุติเอ"],
        "groups_svg": ["กลุ่มเห็ดสมมุติ (4/5)", "กลุ่มทอผ้าสมมุติ (0/5)", "กลุ่มทอสมมุติ (4/5)", "OTOP", "BAAC", "Market"],
        "indicator": "Indicator",
        "practising": ["Households practising the promoted occupation", "100.0%", "≥ 85%", "✓", "4", "4"],
        "hpt": ["Households per trainer", "0.5", "≤ 4", "✓", "5", "11"],
        "income_row": [
            "Increase in average household income",
            "10.0%",
            "≥ 3%",
            "✓",
            "20,000 baht",
            "200,000 baht",
        ],
        "definitions": "Definitions of the indicators",
    },
}
# The eight stage columns (1 team … 8 follow-up): ✓ done, ✗ overdue (planned before the as-of
# date and not done), blank otherwise.
STAGE_MARKS = {
    # A: 5 trainers with a lead ✓; 3 households < 20; days 1-5 ✓✓✓; G1 ✓; links ✓; H3 has no
    # later survey, and the follow-up was planned for 30 Jun 2017: ✗.
    "A": ["✓", "", "✓", "✓", "✓", "✓", "✓", "✗"],
    # B: no trainers, team planned for 31 Jan 2017: ✗; days 1-3 (knowledge) ✓; G2 (undated) ✓,
    # no links; H4 surveyed after training ✓.
    "B": ["✗", "", "✓", "", "", "✓", "", "✓"],
    # C: five trainers but no lead; days 1-5; G3 on 1 Jul 2017 linked to a market; H5 surveyed.
    "C": ["", "", "✓", "✓", "✓", "✓", "✓", "✓"],
    "D": [""] * 8,  # one lead trainer and nothing else
}


def _open(page, url: str, path: str, lang: str, testids: list[str]) -> dict:
    page.goto(f"{url}/{'' if path == 'overview' else path}{'?lang=en' if lang == 'en' else ''}")
    _wait_drawn(page, testids)
    return _state(page)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_what_each_page_shows(fixture_server, page, screenshots, lang):
    words = LABELS[lang]
    pages = {path: testids for path, _th, _en, testids in PAGES}

    state = _open(page, fixture_server, "overview", lang, ["stPlotlyChart"])
    assert state["headings"][0] == words["nav"][0]
    assert words["scope"] in state["captions"]
    # practising_share 4/4 (H1, H2, H4's 12-month and H5 say yes); income_increase_pct
    # (66000 + 12000 + 98000 + 44000) - (60000 + 0 + 100000 + 40000) = 20000 over 200000;
    # villages_with_group_share 3/4 (G1 in A, G2 in B, G3 in C).
    assert state["metrics"][:3] == ["100.0%", "10.0%", "75.0%"]
    # On 31 Dec 2017 H4's latest round was the 6-month one (95000): 17000/200000 = 8.5%.
    assert state["deltas"][:3] == [words["flat_delta"], words["income_delta"], words["group_delta"]]
    # Since 31 Dec 2017 only H4's 12-month survey was added: stages, overdue, groups, links,
    # surveys, training days; and imports: the fixture's one import, made today, is after the
    # previous meeting (31 Dec 2017), so it counts (issue 17: the tile counts imports since the
    # previous meeting, not imports before the data's as-of date).
    assert state["metrics"][3:10] == ["0", "0", "0", "0", "1", "0", "1"]
    assert words["amounts"] in state["text"] and words["coverage"] in state["text"]
    svg = _squash(state["svg"])
    for piece in words["funnel"] + words["districts"]:
        assert _squash(piece) in svg, piece
    # District bars: Chum Phuang A 6 + B 3 of 16 stages = 56.25%, shown 56.3% (halves away
    # from zero); Muang Sam Sip C 6 + D 0 of 16 = 37.5%; Chum Phuang's income 10.0%.
    assert "56.3%" in svg and "37.5%" in svg and "10.0%" in svg
    _shoot(page, screenshots / f"fixture_{lang}_overview.png")

    state = _open(page, fixture_server, "progress", lang, pages["progress"])
    assert state["headings"][0] == words["nav"][1]
    table = _table(state, words["progress_headers"][0])
    assert table["headers"] == words["progress_headers"] + [str(n) for n in range(1, 9)]
    for village in "ABCD":
        assert _row(table, words[village][0]) == words[village] + STAGE_MARKS[village]
    todo = _table(state, words["followup_headers"][0])
    assert todo["headers"] == words["followup_headers"]
    # Most overdue first: B's team, planned for 31 Jan 2017, 349 days before 15 Jan 2018.
    assert todo["rows"][0] == words["followup_first"]
    _shoot(page, screenshots / f"fixture_{lang}_progress.png")

    state = _open(page, fixture_server, "income", lang, pages["income"])
    assert state["headings"][0] == words["nav"][2]
    for piece in words["ci"]:
        assert piece in state["text"], piece
    households = _table(state, words["household_headers"][0])
    assert households["headers"] == words["household_headers"]
    h1 = _row(households, "H1")
    # H1: 60000 at baseline, 66000 after: +10.0% (the grid's accessible table holds the raw
    # numbers; the column formats draw them as 60,000 and +10.0%). The head's name is masked.
    assert h1[:2] == words["H1"] and h1[3:8] == words["H1_numbers"], " | ".join(h1)
    assert h1[2] != "สมชาย ใจดี" and h1[2].startswith("สมชาย")
    svg = _squash(state["svg"])
    for piece in words["income_svg"]:
        assert _squash(piece) in svg, piece
    _shoot(page, screenshots / f"fixture_{lang}_income.png")

    state = _open(page, fixture_server, "trainers", lang, pages["trainers"])
    assert state["headings"][0] == words["nav"][3]
    # B has no trainer; C has five, none of them the lead; A and D have a lead.
    no_lead = _table(state, words["no_lead_headers"][0])
    assert no_lead["headers"] == words["no_lead_headers"]
    assert no_lead["rows"] == words["no_lead"]
    for piece in words["trainers_svg"]:
        assert _squash(piece) in _squash(state["svg"]), piece
    _shoot(page, screenshots / f"fixture_{lang}_trainers.png")

    state = _open(page, fixture_server, "groups", lang, pages["groups"])
    assert state["headings"][0] == words["nav"][4]
    # 5 ก: G1 and G3 have everything but five members (2 and 1); G2 has nothing.
    for piece in words["groups_svg"]:
        assert _squash(piece) in _squash(state["svg"]), piece
    _shoot(page, screenshots / f"fixture_{lang}_groups.png")

    state = _open(page, fixture_server, "indicators", lang, pages["indicators"])
    assert state["headings"][0] == words["nav"][5]
    catalogue = _table(state, words["indicator"])
    assert _row(catalogue, words["practising"][0])[:6] == words["practising"]
    # 5 households over 11 trainers (A 5, C 5, D 1) = 0.45, shown as 0.5; at most 4: met.
    assert _row(catalogue, words["hpt"][0])[:6] == words["hpt"]
    # The income indicator's numerator and denominator are baht, and say so.
    assert _row(catalogue, words["income_row"][0]) == words["income_row"]
    assert words["definitions"] in state["text"]  # the definitions, below the table
    # the import log, once: a static table whose long cells wrap (ui.page.show_log)
    assert page.locator('[data-testid="stTable"] th', has_text="SHA-256").count() == 1
    _shoot(page, screenshots / f"fixture_{lang}_indicators.png")

    state = _open(page, fixture_server, "data", lang, pages["data"])
    assert state["headings"][0] == words["nav"][6]
    _shoot(page, screenshots / f"fixture_{lang}_data.png")


def _download(page, label: str, nth: int = 0) -> bytes:
    """Click the ``nth`` download button called ``label`` and return the file it gives."""
    with page.expect_download(timeout=TIMEOUT) as waiting:
        page.locator('[data-testid="stDownloadButton"] button', has_text=label).nth(nth).click()
    data = Path(waiting.value.path()).read_bytes()
    # the file's build logs the click (audit); the page does not run again
    _wait_drawn(page, ["stDownloadButton"])
    return data


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel opens Thai correctly
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_long_tables_download_every_row_when_clicked(fixture_server, browser):
    # The Progress and Indicators pages read their tables' first rows only; the downloads read
    # every row when the button is clicked, after the page run (tests/metrics_fixture.py).
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH", accept_downloads=True
    )
    page = context.new_page()
    try:
        page.goto(f"{fixture_server}/progress")
        _wait_drawn(page, ["stDataFrame", "stDownloadButton"])
        rows = _csv_rows(_download(page, "ดาวน์โหลด CSV", 0))  # the progress table
        assert rows[0][0] == "ขอบเขต" and rows[1] == []  # the scope in words first
        header, villages = rows[2], rows[3:]
        assert header[:4] == ["หมู่บ้าน", "อำเภอ", "ตำบล", "สถานะ"]
        assert [r[0] for r in villages] == [
            "บ้านสมมุติเอ (30170101)",
            "บ้านสมมุติบี (30170201)",
            "บ้านสมมุติซี (34140101)",
            "บ้านสมมุติดี (34140201)",
        ]
        # B's team plan (31 Jan 2017) is overdue: it has no trainer at all
        assert villages[1][3].startswith("เลยกำหนด")
        follow = _csv_rows(_download(page, "ดาวน์โหลด CSV", 1))  # the follow-up list
        assert any(r[:2] == ["ขั้นตอนเลยกำหนด", "บ้านสมมุติบี (30170201)"] for r in follow[3:])

        page.goto(f"{fixture_server}/indicators")
        _wait_drawn(page, ["stDataFrame", "stDownloadButton"])
        failing = _csv_rows(_download(page, "ดาวน์โหลดแถวที่ไม่ผ่านทั้งหมด (CSV)"))
        # H3 without a later survey and without an occupation; C without coordinates
        assert sorted(r[2] for r in failing[1:]) == ["34140101", "H3", "H3"]
        book = openpyxl.load_workbook(io.BytesIO(_download(page, "ดาวน์โหลดข้อมูลดิบทุกตาราง")))
        assert book["failing_rows"].max_row == 1 + 3
        assert book["officers"].max_row == 1 + 2  # O1 and O2
        _no_exception(page)
    finally:
        context.close()
