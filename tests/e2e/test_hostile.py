"""Hostile names and links in real Chromium.

A store whose village, group, partner, officer and occupation names carry Markdown (an image
pointing at 127.0.0.1:9, a link), HTML (<b>) and <script>: every page shows them as literal
text, no script runs, and no request goes anywhere but the dashboard itself (the map's basemap
tiles are refused, so nothing leaves the machine). Hostile URL parameters give a notice and a
working page.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from data_loaders.store.importer import check_path
from tests.builders import set_cell, tiny, write_csv_folder
from tests.e2e.conftest import running_server
from tests.e2e.test_browser import TIMEOUT, _no_exception, _shoot, _wait_drawn

IMAGE = "![x](http://127.0.0.1:9/x.png)"
LINK = "[link](http://example.invalid)"
BOLD = "<b>bold</b>"
SCRIPT = "<script>window.__pwned=1</script>"

VILLAGE_A = f"บ้าน {IMAGE} {BOLD}"
VILLAGE_B = f"บ้าน {LINK} {SCRIPT}"
GROUP = f"กลุ่ม {BOLD} {LINK}"
PARTNER = f"ภาคี {IMAGE} {SCRIPT}"
OFFICER = f"พัฒนากร {SCRIPT}"
OCCUPATION = f"เห็ด {BOLD}"

# (url path, what must draw); the overview is the default page, at the root
PAGES = [
    ("", ["stPlotlyChart"]),
    ("progress", ["stPlotlyChart", "stDataFrame"]),
    ("income", ["stDataFrame"]),
    ("trainers", ["stPlotlyChart"]),
    ("groups", ["stPlotlyChart"]),
    ("indicators", ["stDataFrame"]),
    ("data", ["stFileUploader"]),
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tables = tiny()
    set_cell(tables, "villages", 2, "village_name", VILLAGE_A)
    set_cell(tables, "villages", 3, "village_name", VILLAGE_B)
    set_cell(tables, "groups", 2, "group_name", GROUP)
    set_cell(tables, "network_links", 2, "partner_name", PARTNER)
    set_cell(tables, "officers", 2, "name", OFFICER)
    for row in range(2, len(tables["households"]) + 1):
        set_cell(tables, "households", row, "occupation", OCCUPATION)
    set_cell(tables, "groups", 2, "occupation", OCCUPATION)
    work = tmp_path_factory.mktemp("hostile")
    db = work / "store.duckdb"
    result = check_path(write_csv_folder(work / "csv", tables), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    with running_server(db, work) as url:
        yield url


@pytest.fixture
def watched(browser, hostile_server):
    """A page that records every request and refuses any that would leave the dashboard."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="th-TH")
    origin = urlsplit(hostile_server).netloc
    outside: list[str] = []

    def route(r):
        if urlsplit(r.request.url).netloc == origin or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.outside = outside
    yield page
    context.close()


def _visible(text: str) -> str:
    """Text as a person reads it: without the invisible word joiners that stop autolinks."""
    return text.replace("\u2060", "")


def _svg_text(page) -> str:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] svg text')]"
        ".map(e => e.textContent).join('\\n')"
    )


def _assert_inert(page) -> None:
    """Nothing from the data became markup: no script ran, no image, no link, no bold."""
    assert page.evaluate("() => window.__pwned") is None
    main = page.locator('[data-testid="stApp"]')
    assert main.locator("img[src*='127.0.0.1:9']").count() == 0
    assert main.locator("a[href*='example.invalid']").count() == 0
    assert main.locator("a[href*='127.0.0.1:9']").count() == 0  # not even as a bare address
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('b, strong')].filter(e => e.textContent === 'bold').length"
        )
        == 0
    )
    assert not [u for u in page.outside if "127.0.0.1:9/" in u or "example.invalid" in u]


def _local_only(page) -> None:
    # The only outside requests allowed are the map's basemap tiles and style (CARTO), which
    # were refused here; data never makes the browser fetch anything.
    stray = [u for u in page.outside if not urlsplit(u).netloc.endswith("cartocdn.com")]
    assert stray == [], sorted(set(stray))


def test_names_show_as_literal_text_on_every_page(hostile_server, watched, screenshots):
    page = watched
    village_a = "30170101"
    for path, testids in PAGES:
        page.goto(f"{hostile_server}/{path}?village={village_a}")
        _wait_drawn(page, testids)
        _no_exception(page)
        _assert_inert(page)
        if path != "data":
            caption = _visible(
                page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
            )
            assert VILLAGE_A in caption, caption  # the scope caption names the village literally
        assert page.get_by_text("Page not found").count() == 0
        _shoot(page, screenshots / f"hostile_{path or 'overview'}.png")
    _local_only(page)


def test_names_in_charts_are_literal(hostile_server, watched):
    page = watched
    page.goto(f"{hostile_server}/groups")
    _wait_drawn(page, ["stPlotlyChart"])
    text = _svg_text(page)
    assert GROUP in text  # Plotly shows "<b>bold</b>" as those characters
    assert "ภาคี " + IMAGE in text  # the network graph's partner node
    page.goto(f"{hostile_server}/trainers")
    _wait_drawn(page, ["stPlotlyChart"])
    text = _svg_text(page)
    assert VILLAGE_A in text
    assert "บ้าน " + LINK in text
    _assert_inert(page)
    page.goto(f"{hostile_server}/income?occupation={quote(OCCUPATION)}")
    _wait_drawn(page, ["stPlotlyChart"])
    assert OCCUPATION in _visible(
        page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    )
    _assert_inert(page)
    _local_only(page)


def test_hostile_url_parameters_give_a_notice_and_a_working_page(hostile_server, watched):
    page = watched
    query = "lang=xx&district=9999&as_of=" + quote("(" * 30 + "2560") + "&occupation=" + quote(IMAGE)
    page.goto(f"{hostile_server}/progress?{query}")
    _wait_drawn(page, ["stPlotlyChart"])
    _no_exception(page)
    alerts = page.locator('[data-testid="stAlertContainer"]').all_inner_texts()
    text = _visible("\n".join(alerts))
    assert "ไม่รู้จักภาษา xx — ใช้ภาษาไทย / language xx not known — using Thai" in text
    assert "ไม่พบรหัสอำเภอ 9999 — แสดงทุกพื้นที่ / district 9999 not found — showing all areas" in text
    assert "ไม่พบอาชีพ ![x](http://127.0.0.1:9… — แสดงทุกอาชีพ" in text
    assert page.locator("h1", has_text="ความก้าวหน้าหมู่บ้าน").count() == 1
    _assert_inert(page)
    _local_only(page)
    page.wait_for_timeout(200)
    assert page.locator("h1", has_text="ความก้าวหน้าหมู่บ้าน").is_visible(timeout=TIMEOUT)


def test_map_tooltip_shows_the_name_as_text(hostile_server, watched):
    page = watched
    page.goto(f"{hostile_server}/?village=30170101")  # one village: its point is the map's centre
    _wait_drawn(page, ["stPlotlyChart", "stDeckGlJsonChart"])
    deck = page.locator('[data-testid="stDeckGlJsonChart"]')
    deck.scroll_into_view_if_needed()  # below the since-last-meeting section: hover needs it on screen
    box = deck.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 3, box["y"] + box["height"] / 2 - 3)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=TIMEOUT)
    assert VILLAGE_A in tooltip.inner_text()
    assert tooltip.locator("b, img, a, script").count() == 0
    _assert_inert(page)
