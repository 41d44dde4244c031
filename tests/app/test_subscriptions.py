"""AppTest: an admin manages the reports sent by e-mail on the Access page (issue 22). The
sample store covers districts 3017 (province 30) and 3414 (province 34)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import store
from access.subscriptions import list_subscriptions

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
OFFICER, MANAGER, ADMIN = "off@cdd.go.th", "man@cdd.go.th", "adm@cdd.go.th"


@pytest.fixture
def access_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "access.duckdb"
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(path))
    store.grant(OFFICER, "officer", ["3017"], by="test", path=path)
    store.grant(MANAGER, "manager", ["34"], by="test", path=path)
    store.grant(ADMIN, "admin", [], by="test", path=path)
    return path


def _subscribe(at: AppTest, email: str, area: str, *, alerts: bool = False) -> AppTest:
    at.text_input(key="sub_email").input(email)
    at.text_input(key="sub_area").input(area)
    at.selectbox(key="sub_report").select("meeting")
    at.selectbox(key="sub_format").select("pdf")
    at.checkbox(key="sub_alerts").check() if alerts else at.checkbox(key="sub_alerts").uncheck()
    return next(b for b in at.button if b.label == "เพิ่มการรับรายงาน").click().run()


def test_admin_adds_lists_and_removes_subscriptions(sample_store, access_db, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": ADMIN}
    at.run()
    at.switch_page("pages/access.py").run()
    _subscribe(at, MANAGER, "3414", alerts=True)
    assert not at.exception
    (sub,) = list_subscriptions(path=access_db)
    assert (sub.email, sub.report, sub.area, sub.format, sub.day, sub.alerts) == (
        MANAGER,
        "meeting",
        "3414",
        "pdf",
        25,
        True,
    )
    # outside the recipient's grant: refused with its message, nothing added
    _subscribe(at, OFFICER, "3414")
    assert any("3414" in e.value and "off@cdd.go.th" in e.value for e in at.error)
    assert len(list_subscriptions(path=access_db)) == 1
    # the list shows it (grants first, then subscriptions)
    assert MANAGER in set(at.dataframe[1].value["อีเมล"])
    at.selectbox(key="unsub_pick").select_index(0)
    next(b for b in at.button if b.label == "เลิกรับรายงาน").click().run()
    assert not at.exception
    assert list_subscriptions(path=access_db) == []
    log = store.read_audit(action="subscription_change", path=access_db)
    assert list(log["email"]) == [ADMIN, ADMIN]  # added, removed (refused: no change, no line)
    assert "unsubscribe" in json.loads(log["detail"].iloc[0])
