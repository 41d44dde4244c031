"""AppTest: ``?version=N`` shows the data as it was at that version, and says plainly on the
page that it is not the latest; a version the store does not have is said, and the latest shown.

The store (tests/sample_parts.py, counted by hand there): import 1 = district 3017 (25 villages,
25 × 20 = 500 target households), import 2 = the first half of district 3414 (8 more villages:
33, 660 households).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.sample_parts import DISTRICT_3017, WITH_3414_FIRST_HALF, first_half_3414, in_district, write_part

ROOT = Path(__file__).resolve().parents[2]
V1, V2 = f"{DISTRICT_3017[1]:,}", f"{WITH_3414_FIRST_HALF[1]:,}"  # "500", "660"
NOT_LATEST = "กำลังดูข้อมูลรุ่นที่ 1 ซึ่งไม่ใช่รุ่นล่าสุด (รุ่นล่าสุดคือ 2)"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("versions")
    db = tmp / "store.duckdb"
    assert check_path(
        write_part(tmp / "a", in_district("3017"), unplaced_reports=True), db, commit=True
    ).committed
    assert check_path(write_part(tmp / "b", first_half_3414), db, commit=True).committed
    return db


def _app(db: Path, monkeypatch, page: str, query: dict[str, str]) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def _households(at: AppTest) -> set[str]:
    """The target-household totals the overview's KPI captions name ("จาก 500 ครัวเรือนเป้าหมาย")."""
    return {n for c in at.caption for n in (V1, V2) if f"{n} ครัวเรือนเป้าหมาย" in c.value}


def test_version_1_shows_its_figures_and_says_it_is_not_the_latest(two_versions, monkeypatch):
    at = _app(two_versions, monkeypatch, "pages/overview.py", {"version": "1"})
    assert not at.exception, [e.value for e in at.exception]
    assert any(NOT_LATEST in w.value for w in at.warning), [w.value for w in at.warning]
    assert _households(at) == {V1}  # district 3017 only, as before import 2
    tile = next(m for m in at.metric if m.label == "การนำเข้าข้อมูล")
    assert tile.value == "1"  # the import log as it was: one import
    at.switch_page("pages/indicators.py").run()  # the notice is on every page, the link keeps it
    assert not at.exception, [e.value for e in at.exception]
    assert any(NOT_LATEST in w.value for w in at.warning)


def test_the_latest_has_no_notice(two_versions, monkeypatch):
    at = _app(two_versions, monkeypatch, "pages/overview.py", {})
    assert not at.exception
    assert not any("ไม่ใช่รุ่นล่าสุด" in w.value for w in at.warning)
    assert _households(at) == {V2}


def test_a_version_the_store_does_not_have_is_said_and_the_latest_shown(two_versions, monkeypatch):
    at = _app(two_versions, monkeypatch, "pages/overview.py", {"version": "9"})
    assert not at.exception
    shown = [w.value.replace("\\", "").replace("\u2060", "") for w in at.warning]  # Markdown-escaped
    assert any("ไม่มีข้อมูลรุ่น 9 ในฐานข้อมูล store.duckdb (มีรุ่น 1–2)" in w for w in shown), shown
    assert _households(at) == {V2}


def test_the_indicators_page_shows_the_revisions(two_versions, monkeypatch):
    at = _app(two_versions, monkeypatch, "pages/indicators.py", {})
    assert not at.exception, [e.value for e in at.exception]
    assert "ตัวชี้วัดหลักเปลี่ยนไปตามการนำเข้า (รุ่นข้อมูล)" in [s.value for s in at.subheader]
    assert (at.selectbox(key="rev_from").value, at.selectbox(key="rev_to").value) == (1, 2)
