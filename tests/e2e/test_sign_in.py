"""Sign-in through the real flow: the dashboard with an ``[auth]`` section pointing at a local
OIDC test provider (``oidc-provider-mock``, started on 127.0.0.1 by this test). Two people sign
in in separate browser contexts and each sees only their own areas; URL tampering shows the
notice; sign-out returns to the sign-in page; the audit log has both sign-ins."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from access import store
from bench.server import free_port, serve, stop, wait_healthy
from tests.e2e.conftest import CHROMIUM

TIMEOUT = 60_000
SHOTS = Path(__file__).resolve().parent / "screenshots"
OFFICER, MANAGER, ADMIN = "off@cdd.go.th", "man@cdd.go.th", "adm@cdd.go.th"


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory):
    """(dashboard URL, access file) with sign-in on against a mock provider on loopback."""
    if not Path(CHROMIUM).exists():
        pytest.skip("no /usr/bin/chromium on this machine (run scripts/system-deps.sh)")
    if importlib.util.find_spec("oidc_provider_mock") is None:
        pytest.skip("oidc-provider-mock is not installed (requirements.txt)")
    work = tmp_path_factory.mktemp("signin")
    idp_port, app_port = free_port(), free_port()
    idp_log, app_log = work / "idp.log", work / "streamlit.log"
    with open(idp_log, "w") as out:
        idp = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(idp_port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        issuer = f"http://127.0.0.1:{idp_port}"
        wait_healthy(issuer, path="/.well-known/openid-configuration", timeout=90, process=idp)
        app_url = f"http://127.0.0.1:{app_port}"
        secrets = work / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "{app_url}/oauth2callback"\n'
            'cookie_secret = "e2e-cookie-secret-not-for-production"\n'
            'client_id = "sammachip-e2e"\n'
            'client_secret = "e2e-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        access_db = work / "access.duckdb"
        store.grant(OFFICER, "officer", ["3017"], by="e2e", path=access_db)
        store.grant(MANAGER, "manager", ["34"], by="e2e", path=access_db)
        store.grant(ADMIN, "admin", [], by="e2e", path=access_db)
        with serve(
            work / "store.duckdb",
            log=app_log,
            port=app_port,
            env={"SAMMACHIP_ACCESS_DB": str(access_db)},
            args=["--secrets.files", str(secrets)],
            timeout=90,
            stop_timeout=10,
        ):
            yield app_url, access_db
    finally:
        stop(idp, timeout=10)


@pytest.fixture
def chromium(browser):
    """The session's one browser (conftest): a second sync_playwright in the same process
    fails while the first one's event loop runs."""
    return browser


def _settled(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )
    page.wait_for_timeout(500)


def _sign_in(page, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="เข้าสู่ระบบ").click(timeout=TIMEOUT)
    page.wait_for_selector('input[name="sub"]', timeout=TIMEOUT)  # the mock provider's form
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=TIMEOUT)
    _settled(page)


def _caption(page) -> str:
    """The page's scope caption (tables are drawn on a canvas, so captions carry the text)."""
    main = page.locator('[data-testid="stMain"]')
    return main.locator('[data-testid="stCaptionContainer"]').first.inner_text(timeout=TIMEOUT)


def _choices(page, label: str) -> list[str]:
    """The options a sidebar selectbox offers (opened, read, closed again)."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    options = page.locator('[role="option"]')
    options.first.wait_for(timeout=TIMEOUT)
    texts = [t.strip() for t in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return texts


def test_two_people_each_see_their_own_areas_and_sign_out(signed_server, chromium):
    SHOTS.mkdir(exist_ok=True)
    url, access_db = signed_server
    officer = chromium.new_context(viewport={"width": 1440, "height": 1000})
    manager = chromium.new_context(viewport={"width": 1440, "height": 1000})
    try:
        a, b = officer.new_page(), manager.new_page()
        # Signed out: the sign-in page and no data.
        a.goto(url)
        a.get_by_role("button", name="เข้าสู่ระบบ").wait_for(timeout=TIMEOUT)
        assert a.locator('[data-testid="stPlotlyChart"]').count() == 0
        a.screenshot(path=str(SHOTS / "sign_in.png"))
        _sign_in(a, url, OFFICER)
        _sign_in(b, url, MANAGER)
        sidebar_a = a.locator('[data-testid="stSidebar"]').inner_text()
        sidebar_b = b.locator('[data-testid="stSidebar"]').inner_text()
        assert OFFICER in sidebar_a and MANAGER in sidebar_b
        # Each opens on their own area: the scope caption names it, and the filters offer
        # nothing else (the sample holds province 30 นครราชสีมา with district 3017 ชุมพวง, and
        # province 34 อุบลราชธานี with district 3414 ม่วงสามสิบ).
        a.goto(f"{url}/progress")
        _settled(a)
        b.goto(f"{url}/progress")
        _settled(b)
        assert _caption(a).startswith("ขอบเขต: จังหวัดนครราชสีมา · อำเภอชุมพวง")
        assert _caption(b).startswith("ขอบเขต: จังหวัดอุบลราชธานี")
        assert _choices(a, "จังหวัด") == ["ทั้งหมด", "นครราชสีมา"]
        assert _choices(b, "จังหวัด") == ["ทั้งหมด", "อุบลราชธานี"]
        a.screenshot(path=str(SHOTS / "signed_in_officer.png"))
        b.screenshot(path=str(SHOTS / "signed_in_manager.png"))
        # A typed URL for the other's province: a notice and still only the own area.
        a.goto(f"{url}/progress?province=34")
        _settled(a)
        a.get_by_text("คุณไม่มีสิทธิ์ดูจังหวัด 34 จึงแสดงพื้นที่ของคุณแทน").wait_for(timeout=TIMEOUT)
        assert _caption(a).startswith("ขอบเขต: จังหวัดนครราชสีมา · อำเภอชุมพวง")
        # Sign-out returns to the sign-in page; the other person stays signed in.
        a.locator('[data-testid="stSidebar"]').get_by_role("button", name="ออกจากระบบ").click()
        # The provider publishes an end_session_endpoint, so Streamlit signs out there too;
        # the mock asks to confirm, then sends the browser back to the dashboard.
        a.get_by_role("button", name="End session").click(timeout=TIMEOUT)
        a.get_by_role("button", name="เข้าสู่ระบบ").wait_for(timeout=TIMEOUT)
        a.goto(f"{url}/progress")
        a.get_by_role("button", name="เข้าสู่ระบบ").wait_for(timeout=TIMEOUT)
        assert a.locator('[data-testid="stSidebar"]').count() == 0
        b.reload()
        _settled(b)
        assert MANAGER in b.locator('[data-testid="stSidebar"]').inner_text()
        assert b.get_by_role("link", name="สิทธิ์และบันทึกการใช้งาน").count() == 0
        # An admin, in the first context after sign-out, gets the Access page with the log.
        _sign_in(a, url, ADMIN)
        a.get_by_role("link", name="สิทธิ์และบันทึกการใช้งาน").click()
        a.get_by_text("บันทึกการใช้งาน", exact=True).wait_for(timeout=TIMEOUT)
        _settled(a)
        a.screenshot(path=str(SHOTS / "access_page.png"), full_page=True)
    finally:
        officer.close()
        manager.close()
    signed_in = set(store.read_audit(action="sign_in", path=access_db)["email"])
    assert {OFFICER, MANAGER} <= signed_in
