"""AppTest: the Overview offers the district card for LINE (ui/card.py) when one district is
chosen, and not otherwise; on the four-village fixture (tests/metrics_fixture.py: district 3017
= A and B, whose latest row is on 15 Jan 2018, BE 2561)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CARD = "ดาวน์โหลดภาพสรุปอำเภอ (PNG)"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("card_download")
    db = folder / "fixture.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True).committed
    return db


def _overview(db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page("pages/overview.py").run()


def _labels(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


def test_with_a_district_the_overview_offers_its_card(store, monkeypatch):
    at = _overview(store, monkeypatch, province="30", district="3017")
    assert not at.exception
    assert CARD in _labels(at)
    assert any("15 มกราคม 2561" in c.value and "1080" in c.value for c in at.caption)


def test_without_a_district_there_is_no_card(store, monkeypatch):
    at = _overview(store, monkeypatch)
    assert not at.exception
    assert CARD not in _labels(at)
