"""AppTest: the Progress page offers the chosen village's one-pager (PDF, PNG) and, with a
district chosen, every village's one-pager as one ZIP, built on click; on the four-village
fixture (tests/metrics_fixture.py: district 3017 = A and B)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("downloads")
    db = folder / "fixture.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True).committed
    return db


def _labels(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


def _progress(db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page("pages/progress.py").run()


def test_progress_offers_the_chosen_villages_one_pager_and_the_districts_zip(store, monkeypatch):
    at = _progress(store, monkeypatch, province="30", district="3017")
    assert not at.exception
    assert "สรุปหมู่บ้านหน้าเดียว" in [s.value for s in at.subheader]
    labels = _labels(at)
    assert "ดาวน์โหลดสรุปหมู่บ้าน (PDF)" in labels and "ดาวน์โหลดภาพสำหรับไลน์ (PNG)" in labels
    # the page's as-of date (15 Jan 2018, 3017's latest row) is the one-pager's
    assert any("15 ม.ค. 2561" in c.value and "(PNG)" in c.value for c in at.caption)
    assert "ดาวน์โหลด ZIP สรุปทุกหมู่บ้าน" not in labels  # built only on click
    assert any(c.value.startswith("สรุปทุกหมู่บ้านในขอบเขตนี้ 2 หมู่บ้าน") for c in at.caption)  # A, B
    at.button(key="onepager_zip_build").click().run()
    assert not at.exception, at.exception
    assert "ดาวน์โหลด ZIP สรุปทุกหมู่บ้าน" in _labels(at)


def test_without_a_district_the_zip_is_not_offered_and_the_page_says_how(store, monkeypatch):
    at = _progress(store, monkeypatch)
    assert not at.exception
    assert "ดาวน์โหลดสรุปหมู่บ้าน (PDF)" in _labels(at)
    assert not any(b.key == "onepager_zip_build" for b in at.button)
    assert any(c.value.startswith("เลือกอำเภอในแถบด้านข้าง") for c in at.caption)
