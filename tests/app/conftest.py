"""AppTest set-up shared by the app tests."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch):
    """Run every AppTest run the way a live server runs after its first request: routed by
    app.py's ``st.navigation``. (AppTest resets Streamlit's legacy ``pages/`` folder flag on
    every run; the live first-request case is covered by the browser tests.)"""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
