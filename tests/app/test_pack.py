"""AppTest: the meeting-pack download on the Overview and Indicators pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def _download_names(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


@pytest.mark.parametrize(
    ("page", "key"), [("pages/overview.py", "overview"), ("pages/indicators.py", "indicators")]
)
def test_pack_builds_on_click_for_the_current_filters(sample_store, monkeypatch, page, key):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["district"] = "3017"
    at.query_params["province"] = "30"
    at.switch_page(page).run()
    assert not at.exception
    assert "ดาวน์โหลด PowerPoint" not in _download_names(at)  # built only on click
    at.button(key=f"pack_build_{key}").click().run()
    assert not at.exception, at.exception
    labels = _download_names(at)
    assert "ดาวน์โหลด PowerPoint" in labels and "ดาวน์โหลด PDF" in labels
    assert "ดาวน์โหลดตาราง Excel" in labels  # the pack's tables as a workbook


def test_without_a_browser_the_pack_still_downloads_and_the_page_says_which_charts_are_missing(
    sample_store, monkeypatch, tmp_path
):
    from reports import images

    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    # a renderer of this test's own: none started, no failure remembered
    monkeypatch.setattr(images, "_state", {**images._state, "kaleido": None, "failed_at": None})
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["district"] = "3017"
    at.switch_page("pages/overview.py").run()
    at.button(key="pack_build_overview").click().run()
    assert not at.exception, at.exception
    labels = _download_names(at)
    assert "ดาวน์โหลด PowerPoint" in labels and "ดาวน์โหลด PDF" in labels
    warnings = [w.value for w in at.warning]
    # the sample district has all four charts; the notice names them and the one command
    assert any(
        "ชุดเอกสารนี้ไม่มีแผนภูมิ: เส้นทางของโครงการ, รายได้ครัวเรือนที่เปลี่ยนไป, ความครบของทีมวิทยากร, กลุ่มอาชีพและเครือข่าย"
        in w
        and "sudo apt-get install chromium" in w
        for w in warnings
    ), warnings


@pytest.mark.parametrize(("query", "shown"), [({"as_of": "2017-06-01"}, "1 มิ.ย. 2560"), ({}, None)])
def test_the_pack_caption_says_the_page_as_of_date(sample_store, monkeypatch, query, shown):
    """The caption names the date the pack will be built on: the one chosen, or the default
    that the date box shows as its placeholder (it said "as of the latest date" always)."""
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    date = shown or at.text_input(key="f_as_of").placeholder
    caption = f"สร้างไฟล์ PowerPoint, PDF และ Excel ตามตัวกรองปัจจุบัน ข้อมูล ณ วันที่ {date} (วันที่เดียวกับหน้านี้)"
    assert caption in [c.value for c in at.caption]
