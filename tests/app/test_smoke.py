"""AppTest smoke tests: the app starts on the bundled sample data and on an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_loaders.store import ensure_schema

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_app_builds_store_from_sample_data_on_first_start(tmp_path, monkeypatch):
    db = tmp_path / "store.duckdb"
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert db.exists()
    # The sample data has 19 + 13 = 32 villages and 20 households each = 640.
    values = {m.label: m.value for m in at.metric}
    assert values["หมู่บ้านเป้าหมาย / target villages"] == "32"
    assert values["ครัวเรือนเป้าหมาย / target households"] == "640"


def test_app_runs_on_an_empty_store(tmp_path, monkeypatch):
    import duckdb

    db = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(db))
    ensure_schema(con)
    con.close()
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["หมู่บ้านเป้าหมาย / target villages"] == "0"
    assert any("ยังไม่มีการนำเข้า" in i.value for i in at.info)
