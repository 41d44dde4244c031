"""AppTest set-up shared by the app tests.

No Streamlit internals are patched: AppTest starts every run in Streamlit's legacy ``pages/``
mode, and a page run that way frames itself through app.py (``ui.shell.require_shell``), as a
deep link on a live server's first request does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from data_loaders.store.importer import check_path
from metrics import (
    rollup_build,  # noqa: F401  the stores the tests build keep the area roll-ups, as the app's do
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every AppTest starts and ends with empty Streamlit caches (tests stay independent)."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """The committed sample imported into a store of the module's own."""
    db = tmp_path_factory.mktemp("app") / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    return db
