"""AppTest: hostile URL parameters on every page give Thai-first notices and a working page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "pages/overview.py",
    "pages/progress.py",
    "pages/income.py",
    "pages/trainers.py",
    "pages/groups.py",
    "pages/indicators.py",
    "pages/data.py",
]
HOSTILE = {
    "lang": "xx",
    "fy": "2560-01-" * 5000,
    "province": "[[[[[[[[]]]]]]]]",
    "district": "9999",
    "tambon": "34\x001402",
    "village": "\u202e10204143",
    "occupation": "![x](http://127.0.0.1:9/x.png)",
    "as_of": "(" * 30 + "2560",
}
# The notice each hostile value gets, in the order the parameters are checked.
NOTICES = [
    "ไม่รู้จักภาษา xx — ใช้ภาษาไทย / language xx not known — using Thai",
    "ค่า fy ยาวเกินไป (40,000 ตัวอักษร) — ไม่ได้ใช้ / fy is too long (40,000 characters) — ignored",
    "รหัสจังหวัด [[[[[[[[]]]]]]]] ไม่ถูกต้อง (ต้องเป็นตัวเลข 2 หลัก) — แสดงทุกจังหวัด / "
    "province [[[[[[[[]]]]]]]] is not a 2-digit code — showing all provinces",
    "ไม่พบรหัสอำเภอ 9999 — แสดงทุกพื้นที่ / district 9999 not found — showing all areas",
    "รหัสตำบล 341402 ไม่ถูกต้อง (ต้องเป็นตัวเลข 6 หลัก) — แสดงทุกตำบล / "
    "tambon 341402 is not a 6-digit code — showing all tambons",  # the NUL is not shown
    "รหัสหมู่บ้าน 10204143 ไม่ถูกต้อง (ต้องเป็นตัวเลข 8 หลัก) — แสดงทุกหมู่บ้าน / "
    "village 10204143 is not a 8-digit code — showing all villages",  # nor the RTL override
    "ไม่พบอาชีพ ![x](http://127.0.0.1:9… — แสดงทุกอาชีพ / "
    "occupation ![x](http://127.0.0.1:9… not found — showing all occupations",
    "อ่านวันที่ (((((((((((((((((((((((… ไม่ได้ — ใช้วันที่ล่าสุดของข้อมูล / "
    "could not read the date (((((((((((((((((((((((… — using the latest date in the data",
]


def _shown(markdown: str) -> str:
    """What the browser shows: without the Markdown escapes and the invisible word joiners."""
    return markdown.replace("\\", "").replace("\u2060", "")


def _app(db: Path, monkeypatch, page: str, query: dict[str, str]) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


@pytest.mark.parametrize("page", PAGES)
def test_hostile_parameters_give_notices_and_a_working_page(sample_store, monkeypatch, page):
    at = _app(sample_store, monkeypatch, page, HOSTILE)
    assert not at.exception, [e.value for e in at.exception]
    shown = [w.value for w in at.warning]  # raw Markdown
    for notice in NOTICES:
        # Markdown-escaped: the page shows the characters, backslashes are not shown
        assert any(notice == _shown(w) for w in shown), (notice, shown)
    assert at.title[0].value  # the page drew, in Thai
    assert at.selectbox(key="f_district").value == "__all__"
    assert at.button_group(key="lang").value == "th"


def test_unknown_language_alone_says_so_and_uses_thai(sample_store, monkeypatch):
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"lang": "de"})
    assert not at.exception
    assert [_shown(w.value) for w in at.warning] == [
        "ไม่รู้จักภาษา de — ใช้ภาษาไทย / language de not known — using Thai"
    ]
    assert at.title[0].value == "ภาพรวม"


def test_a_district_outside_the_chosen_province_is_said(sample_store, monkeypatch):
    # 3414 is in Ubon Ratchathani (34), not Nakhon Ratchasima (30)
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"province": "30", "district": "3414"})
    assert not at.exception
    assert at.selectbox(key="f_province").value == "30"
    assert at.selectbox(key="f_district").value == "__all__"
    assert [_shown(w.value) for w in at.warning] == [
        # what is shown: province 30 (it once said "showing all areas")
        "อำเภอ 3414 ไม่อยู่ในจังหวัด 30 — แสดงทั้งจังหวัด 30 / district 3414 is not in province 30 — showing all of province 30"
    ]


def test_the_notice_for_a_district_of_another_province_names_the_province_shown(sample_store, monkeypatch):
    # issue 17 item 9: ?province=34&district=3017 (3017 is Chum Phuang, in province 30)
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"province": "34", "district": "3017"})
    assert not at.exception
    assert at.selectbox(key="f_province").value == "34"
    assert at.selectbox(key="f_district").value == "__all__"
    assert [_shown(w.value) for w in at.warning] == [
        "อำเภอ 3017 ไม่อยู่ในจังหวัด 34 — แสดงทั้งจังหวัด 34 / district 3017 is not in province 34 — showing all of province 34"
    ]


def _at_address(db: Path, monkeypatch, path: str, query: dict[str, str] | None = None) -> AppTest:
    """app.py run as the browser at ``path`` would run it (st.context.url is that address)."""
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = {"url": f"http://127.0.0.1:8501{path}"}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_an_unknown_page_says_so_and_links_to_the_overview(sample_store, monkeypatch):
    # issue 17 item 9: /nosuchpage opened the Overview without a word
    at = _at_address(sample_store, monkeypatch, "/nosuchpage", {"district": "3414"})
    assert not at.exception
    assert [_shown(w.value) for w in at.warning] == [
        "ไม่พบหน้า /nosuchpage ในแดชบอร์ดนี้ จึงแสดงหน้าภาพรวมแทน / "
        "There is no page /nosuchpage in this dashboard, so the Overview is shown instead."
    ]
    assert at.title[0].value == "ภาพรวม"  # the Overview, as said
    (link,) = [p for p in at.get("page_link") if p.proto.label == "ไปหน้าภาพรวม"]
    assert link.proto.query_string == "district=3414"  # the filters go along


@pytest.mark.parametrize("path", ["", "/", "/income", "/indicators/"])
def test_a_known_page_gives_no_page_notice(sample_store, monkeypatch, path):
    at = _at_address(sample_store, monkeypatch, path)
    assert not at.exception
    assert not at.warning


def test_good_parameters_give_no_notice(sample_store, monkeypatch):
    query = {"lang": "en", "district": "3414", "as_of": "1/6/2560"}
    at = _app(sample_store, monkeypatch, "pages/income.py", query)
    assert not at.exception
    assert not at.warning
    assert at.title[0].value == "Household income"
    assert at.selectbox(key="f_district").value == "3414"
    assert at.text_input(key="f_as_of").value == "1 Jun 2017"  # the link's date, in English


def test_switching_the_language_keeps_every_filter(sample_store, monkeypatch):
    query = {"district": "3414", "occupation": "มะขามหวาน", "as_of": "1/6/2560"}
    at = _app(sample_store, monkeypatch, "pages/income.py", query)
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Household income"
    assert at.selectbox(key="f_district").value == "3414"
    assert at.selectbox(key="f_occupation").value == "มะขามหวาน"
    assert at.text_input(key="f_as_of").value == "1 Jun 2017"  # the box speaks the page's language
    # the URL holds the date itself (ISO, CE), the same link in either language
    assert dict(at.query_params) == {**query, "as_of": "2017-06-01", "lang": "en"}
    at.button_group(key="lang").set_value("th").run()
    assert at.title[0].value == "รายได้ครัวเรือน"
    assert at.selectbox(key="f_district").value == "3414"
    assert at.text_input(key="f_as_of").value == "1 มิ.ย. 2560"
    assert dict(at.query_params) == {**query, "as_of": "2017-06-01"}


def test_a_corrected_url_is_not_rewritten_until_a_filter_changes(sample_store, monkeypatch):
    # Rewriting it at once would push a second browser history entry: Back would need two presses.
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"district": "9999"})
    assert dict(at.query_params) == {"district": "9999"}
    at.selectbox(key="f_district").select("3414").run()
    assert dict(at.query_params) == {"district": "3414"}
    assert not at.warning  # the notice was for the link as it came


def test_a_changed_url_is_read_again(sample_store, monkeypatch):
    # The browser's Back button: the URL changes without the dashboard changing it.
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"district": "3414"})
    at.selectbox(key="f_occupation").select("มะขามหวาน").run()
    assert dict(at.query_params) == {"district": "3414", "occupation": "มะขามหวาน"}
    at.query_params.pop("occupation")
    at.run()
    assert at.selectbox(key="f_occupation").value == "__all__"
    assert at.selectbox(key="f_district").value == "3414"


# --- the date boxes ----------------------------------------------------------------------------


def test_a_typed_date_is_shown_in_the_page_language(sample_store, monkeypatch):
    # English page, Thai typed: the box reads it back in English, the URL holds the date (CE).
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"lang": "en"})
    at.text_input(key="f_as_of").input("1 มกราคม 2561").run()
    assert not at.exception
    assert at.text_input(key="f_as_of").value == "1 Jan 2018"
    assert at.query_params["as_of"] == "2018-01-01"
    assert not at.sidebar.warning
    # Thai digits and a BE year, on a Thai page: shown in the page's Thai form.
    at.button_group(key="lang").set_value("th").run()
    at.text_input(key="f_previous").input("๓๐/๑๑/๒๕๖๐").run()
    assert at.text_input(key="f_previous").value == "30 พ.ย. 2560"
    assert at.text_input(key="f_as_of").value == "1 ม.ค. 2561"
    assert at.query_params["previous"] == "2017-11-30"


def test_a_rejected_date_is_warned_about_and_leaves_the_box_and_the_url(sample_store, monkeypatch):
    at = _app(sample_store, monkeypatch, "pages/overview.py", {"as_of": "2017-06-01"})
    assert at.text_input(key="f_as_of").value == "1 มิ.ย. 2560"
    at.text_input(key="f_as_of").input("พรุ่งนี้").run()  # "tomorrow": not a date
    assert not at.exception
    default = at.text_input(key="f_as_of").placeholder  # the latest date in the data
    assert [w.value for w in at.sidebar.warning] == [f"อ่านวันที่ “พรุ่งนี้” ไม่ได้ ใช้ {default} แทน"]
    assert at.text_input(key="f_as_of").value == ""
    assert "as_of" not in at.query_params
    at.run()  # said once; nothing is left of it
    assert not at.sidebar.warning
    assert "as_of" not in at.query_params
