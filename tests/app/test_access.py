"""AppTest with sign-in on (``at.secrets["auth"]``, ``at.user``): what each role sees, URL
tampering, a user without a grant, a signed-out visitor, imports outside the grant refused,
and reveals and exports in the audit log. The sample store covers districts 3017 (province
30, Nakhon Ratchasima) and 3414 (province 34, Ubon Ratchathani)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import store
from data_loaders.store.importer import check_path
from tests.builders import tiny, write_xlsx
from ui import access as ui_access

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
OFFICER, MANAGER, EVALUATOR, ADMIN = "off@cdd.go.th", "man@cdd.go.th", "eva@cdd.go.th", "adm@cdd.go.th"


@pytest.fixture
def access_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "access.duckdb"
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(path))
    store.grant(OFFICER, "officer", ["3017"], by="test", path=path)
    store.grant(MANAGER, "manager", ["34"], by="test", path=path)
    store.grant(EVALUATOR, "evaluator", [], by="test", path=path)
    store.grant(ADMIN, "admin", [], by="test", path=path)
    return path


def app(db: Path, monkeypatch, email: str | None, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    return at


def options(at: AppTest, key: str) -> list[str]:
    """The choices a selectbox offers (as labelled), without "All"."""
    return [o for o in at.selectbox(key=key).options if o not in ("ทั้งหมด", "All")]


def actions(path: Path, action: str) -> list[dict]:
    log = store.read_audit(action=action, path=path)
    return [
        {"email": e, "scope": json.loads(s) if isinstance(s, str) else None, "detail": d}
        for e, s, d in zip(log["email"], log["scope_json"], log["detail"], strict=True)
    ]


def test_signed_out_visitor_sees_a_sign_in_page_and_no_data(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, None, province="30").run()
    assert not at.exception
    assert at.title[0].value == "เข้าสู่ระบบแดชบอร์ดสัมมาชีพชุมชน"
    assert [b.label for b in at.button] == ["เข้าสู่ระบบ"]
    assert not at.selectbox and not at.dataframe and not at.metric and not at.get("plotly_chart")
    assert actions(access_db, "sign_in") == []


def _as_read(markdown: str) -> str:
    """Markdown as a reader sees it: without the escapes common.safe_text.literal adds
    (a backslash before punctuation, a word joiner before @)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def _page_text(at: AppTest) -> str:
    """Every text element of the page, for checking what is not on it."""
    parts = [
        e.value for kind in ("title", "warning", "markdown", "caption", "info", "error") for e in at.get(kind)
    ]
    return _as_read(" ".join(str(p) for p in parts))


def test_signed_in_email_without_grant_is_told_how_to_ask_and_sees_no_addresses(
    sample_store, access_db, monkeypatch
):
    at = app(sample_store, monkeypatch, "Stranger@Example.org").run()
    assert not at.exception
    assert at.title[0].value == "ไม่มีสิทธิ์"
    assert _as_read(at.warning[0].value) == (
        "บัญชี Stranger@Example.org ยังไม่ได้รับสิทธิ์ดูข้อมูล กรุณาติดต่อผู้ดูแลระบบของจังหวัด เพื่อขอสิทธิ์ตามอำเภอหรือจังหวัดของท่าน"
    )
    # No administrator's (or anyone else's) e-mail address: they are personal data.
    assert not any(other in _page_text(at) for other in (ADMIN, OFFICER, MANAGER, EVALUATOR))
    assert not at.selectbox and not at.dataframe and not at.metric
    assert [b.label for b in at.button] == ["ออกจากระบบ"]


def test_no_access_page_names_the_configured_office(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, "stranger@example.org", lang="en")
    at.secrets["office_contact"] = "Nakhon Ratchasima CDD office, tel. 0 4424 2960"
    at.run()
    assert not at.exception
    assert _as_read(at.warning[0].value) == (
        "The account stranger@example.org has no access yet. Please contact "
        "Nakhon Ratchasima CDD office, tel. 0 4424 2960 for access to your district or province."
    )
    assert ADMIN not in _page_text(at)


def test_officer_sees_only_their_district(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, OFFICER.upper()).run()  # emails compare case-insensitively
    assert not at.exception
    assert options(at, "f_province") == ["นครราชสีมา"]  # province 30
    assert options(at, "f_district") == ["ชุมพวง"]  # district 3017
    assert at.session_state["scope"].allowed == ("3017",)
    assert not at.warning  # nothing refused
    assert any(OFFICER in c.value for c in at.sidebar.caption)
    assert any(b.label == "ออกจากระบบ" for b in at.sidebar.button)
    # Signing in is logged once per session, not on every rerun.
    at.run()
    assert [a["email"] for a in actions(access_db, "sign_in")] == [OFFICER]


# Occupations of the households and groups of villages 3017xxxx in sample_data/households.csv
# and groups.csv (read with a spreadsheet): ten, in code-point order. มะขามหวาน, Muang Sam Sip's
# own occupation (3414), is not among them.
CHUM_PHUANG_OCCUPATIONS = [
    "ข้าวเกรียบ",
    "จักสาน",
    "ชาใบหม่อน",
    "ทอผ้าไหมลายสับปะรด",
    "น้ำปลา",
    "น้ำยาล้างจาน",
    "ปั้นหม้อดินเผา",
    "เพาะเห็ด",
    "เลี้ยงกบ",
    "เลี้ยงไก่",
]


def test_officer_is_offered_only_the_occupations_of_their_district(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, OFFICER).run()
    assert options(at, "f_occupation") == CHUM_PHUANG_OCCUPATIONS
    # Clearing the filters leaves every place on All: the grant still narrows the list.
    next(b for b in at.sidebar.button if b.label == "ล้างตัวกรอง").click().run()
    assert not at.exception
    assert at.selectbox(key="f_province").value == "__all__"  # All
    assert options(at, "f_occupation") == CHUM_PHUANG_OCCUPATIONS
    # An administrator (no area) is offered both districts' occupations.
    admin = app(sample_store, monkeypatch, ADMIN).run()
    assert set(options(admin, "f_occupation")) == {*CHUM_PHUANG_OCCUPATIONS, "มะขามหวาน"}


def test_one_sign_in_is_one_line_across_browser_sessions(sample_store, access_db, monkeypatch):
    for _ in range(2):  # two tabs: two sessions reading the same sign-in cookie (same iat)
        at = app(sample_store, monkeypatch, OFFICER)
        at.user = {"is_logged_in": True, "email": OFFICER, "iat": 1796000000}
        at.run()
    assert [json.loads(a["detail"]) for a in actions(access_db, "sign_in")] == [{"iat": 1796000000}]
    at = app(sample_store, monkeypatch, OFFICER)
    at.user = {"is_logged_in": True, "email": OFFICER, "iat": 1796003600}  # signed in again
    at.run()
    assert len(actions(access_db, "sign_in")) == 2


@pytest.mark.parametrize(
    ("email", "query", "level", "code"),
    [
        (OFFICER, {"province": "34"}, "จังหวัด", "34"),
        (OFFICER, {"district": "3414"}, "อำเภอ", "3414"),
        # Places the sample has (sample_data/villages.csv: 34140201 is หมู่ 1 of tambon 341402),
        # so the refusal is about the grant, not a code the store does not know.
        (OFFICER, {"tambon": "341402"}, "ตำบล", "341402"),
        (OFFICER, {"village": "34140201"}, "หมู่บ้าน", "34140201"),
        (MANAGER, {"district": "3017"}, "อำเภอ", "3017"),
        (MANAGER, {"province": "30", "district": "3017", "tambon": "301701"}, "จังหวัด", "30"),
    ],
)
def test_url_outside_the_grant_shows_a_notice_and_the_own_area(
    sample_store, access_db, monkeypatch, email, query, level, code
):
    at = app(sample_store, monkeypatch, email, **query).run()
    assert not at.exception
    own = {OFFICER: ("30", "3017"), MANAGER: ("34", None)}[email]
    assert [w.value for w in at.warning] == [f"คุณไม่มีสิทธิ์ดู{level} {code} จึงแสดงพื้นที่ของคุณแทน"]
    scope = at.session_state["scope"]
    assert (scope.province, scope.district, scope.tambon, scope.villages) == (*own, None, ())
    assert at.selectbox(key="f_province").value == own[0]
    # The URL now names the own area, so a copied link does not carry the refused place.
    assert at.query_params.get("province") == own[0]
    # What the page shows is the own area: the sample has 19 + 6 target villages (FY2560 +
    # FY2561) in Chum Phuang (3017) and 13 + 4 in Muang Sam Sip (3414, the only district of
    # province 34 in it).
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == {OFFICER: 25, MANAGER: 17}[email]


def test_manager_may_open_a_district_of_their_province(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, MANAGER, district="3414").run()
    assert not at.exception and not at.warning
    assert options(at, "f_province") == ["อุบลราชธานี"]  # province 34
    assert at.session_state["scope"].district == "3414"


def test_evaluator_sees_aggregates_only_and_never_reveals(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, EVALUATOR).run()
    assert options(at, "f_province") == ["นครราชสีมา", "อุบลราชธานี"]  # no area: all areas
    at.switch_page("pages/income.py").run()
    assert not at.exception
    assert any("ไม่เห็นข้อมูลรายครัวเรือน" in i.value for i in at.info)
    assert not at.toggle  # no reveal switch
    assert not at.get("download_button")  # the household table and its download are not drawn
    assert all("รหัสครัวเรือน" not in frame.value.columns for frame in at.dataframe)
    at.switch_page("pages/data.py").run()
    assert not at.file_uploader  # evaluators never import
    assert any("นำเข้าข้อมูลไม่ได้" in i.value for i in at.info)


@pytest.mark.parametrize(("email", "sees_access_page"), [(OFFICER, False), (MANAGER, False), (ADMIN, True)])
def test_only_admins_get_the_access_page(sample_store, access_db, monkeypatch, email, sees_access_page):
    at = app(sample_store, monkeypatch, email).run()
    if not sees_access_page:  # not in the navigation at all
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/access.py")
        return
    at.switch_page("pages/access.py").run()
    assert not at.exception
    assert at.title[0].value == "สิทธิ์และบันทึกการใช้งาน"


def test_admin_grants_from_the_page_and_reads_the_audit_log(sample_store, access_db, monkeypatch):
    at = app(sample_store, monkeypatch, ADMIN).run()
    assert options(at, "f_province") == ["นครราชสีมา", "อุบลราชธานี"]
    at.switch_page("pages/access.py").run()
    at.text_input(key="grant_email").input("New.Officer@cdd.go.th")
    at.selectbox(key="grant_role").select("officer")
    at.text_input(key="grant_areas").input("3414")
    next(b for b in at.button if b.label == "ให้สิทธิ์").click().run()
    assert not at.exception
    assert store.grant_for("new.officer@cdd.go.th", path=access_db) == store.Grant(
        "new.officer@cdd.go.th", "officer", ("3414",)
    )
    changes = actions(access_db, "access_change")
    assert changes[0]["email"] == ADMIN
    assert json.loads(changes[0]["detail"]) == {
        "grant": "new.officer@cdd.go.th",
        "role": "officer",
        "areas": ["3414"],
    }
    # A bad area is refused with its message and changes nothing.
    at.text_input(key="grant_areas").input("9999")
    next(b for b in at.button if b.label == "ให้สิทธิ์").click().run()
    assert any("9999" in e.value for e in at.error)
    # The audit table lists the change; the page offers no way to delete lines. (A static table
    # whose long cells wrap; its cells are Markdown-escaped: "access\\_change" shows access_change.)
    log_table = at.table[-1].value
    assert "access_change" in {a.replace("\\", "") for a in log_table["การกระทำ"]}
    assert not [b for b in at.button if "ลบ" in b.label or "delete" in b.label.lower()]
    # The grants table (drawn above the forms) already lists the new grant.
    assert "new.officer@cdd.go.th" in set(at.dataframe[0].value["อีเมล"])
    # An admin cannot revoke themselves from the page (no lock-out from inside).
    at.selectbox(key="revoke_email").select(ADMIN)
    next(b for b in at.button if b.label == "ยกเลิกสิทธิ์").click().run()
    assert any("ยกเลิกสิทธิ์ของตนเอง" in e.value for e in at.error)
    assert store.grant_for(ADMIN, path=access_db) is not None
    # Filtering the log by action.
    at.selectbox(key="audit_action").select("access_change").run()
    assert {a.replace("\\", "") for a in at.table[-1].value["การกระทำ"]} == {"access_change"}


def test_reveal_and_export_are_logged_with_the_scope(sample_store, access_db, monkeypatch):
    built_downloads: list = []
    real = ui_access.logged_build
    monkeypatch.setattr(
        ui_access,
        "logged_build",
        lambda *a, **k: built_downloads.append(real(*a, **k)) or built_downloads[-1],
    )
    at = app(sample_store, monkeypatch, OFFICER).run()
    at.switch_page("pages/income.py").run()
    assert not at.exception
    heads = list(at.dataframe[-1].value["หัวหน้าครัวเรือน"])
    assert all("***" in h for h in heads if isinstance(h, str))  # masked by default
    assert actions(access_db, "reveal") == []
    at.toggle(key="reveal_income").set_value(True).run()
    assert not at.exception
    revealed = list(at.dataframe[-1].value["หัวหน้าครัวเรือน"])
    assert not any("***" in h for h in revealed if isinstance(h, str))
    reveals = actions(access_db, "reveal")
    assert [(r["email"], r["scope"]["allowed"]) for r in reveals] == [(OFFICER, ["3017"])]
    at.run()  # the same reveal on a rerun is not logged twice
    assert len(actions(access_db, "reveal")) == 1
    # The table's files are built on the click, by Streamlit outside the page run (AppTest has
    # no server to ask for them): the builds the page handed over are run as that click would.
    assert actions(access_db, "export") == []  # drawing the buttons logs nothing
    body = built_downloads[-1]()  # the last button drawn: the households' CSV
    exports = actions(access_db, "export")
    assert [(e["email"], e["scope"]["allowed"]) for e in exports] == [(OFFICER, ["3017"])]
    detail = json.loads(exports[0]["detail"])
    assert detail["what"] == "households_income"
    assert detail["sha256"] == hashlib.sha256(body).hexdigest()  # what was built is what is logged


def test_import_of_another_districts_village_is_refused(sample_store, access_db, monkeypatch, tmp_path):
    # tiny() holds villages 30170101 and 30170201 (district 3017): the manager of 34 may not.
    book = write_xlsx(tmp_path / "other.xlsx", tiny())
    before = sample_store.read_bytes()
    at = app(sample_store, monkeypatch, MANAGER).run()
    at.switch_page("pages/data.py").run()
    at.file_uploader[0].set_value(("other.xlsx", book.read_bytes(), XLSX)).run()
    assert not at.exception
    assert any("นอกพื้นที่ของคุณ" in e.value for e in at.error)
    report = at.dataframe[0].value
    outside = report[report["ข้อความ"].str.contains("outside your areas")]
    assert {"30170101", "30170201"} <= {m.split()[1] for m in outside["ข้อความ"]}
    assert set(outside["แถว"]) >= {"2", "3"}  # the villages sheet rows, named
    assert not [b for b in at.button if b.label == "นำเข้าข้อมูล"]
    assert sample_store.read_bytes() == before
    refused = actions(access_db, "import_refused")
    assert len(refused) == 1
    detail = json.loads(refused[0]["detail"])
    assert detail["file"] == "other.xlsx" and len(detail["sha256"]) == 64
    assert {"30170101", "30170201"} <= set(detail["outside"])


def test_import_inside_the_grant_is_logged(access_db, monkeypatch, tmp_path):
    # tiny() holds villages 30170101 and 30170201: inside the officer's district 3017.
    db = tmp_path / "s.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    book = write_xlsx(tmp_path / "mine.xlsx", tiny())
    at = app(db, monkeypatch, OFFICER).run()
    at.switch_page("pages/data.py").run()
    at.file_uploader[0].set_value(("mine.xlsx", book.read_bytes(), XLSX)).run()
    assert not at.exception
    assert not any("นอกพื้นที่ของคุณ" in e.value for e in at.error)
    at.checkbox(key="confirm_import").check().run()
    next(b for b in at.button if b.label == "นำเข้าข้อมูล").click().run()
    assert not at.exception
    assert any("นำเข้าแล้ว" in s.value for s in at.success)
    imports = actions(access_db, "import")
    assert [i["email"] for i in imports] == [OFFICER]
    detail = json.loads(imports[0]["detail"])
    assert detail["file"] == "mine.xlsx" and detail["villages"] == ["30170101", "30170201"]
    assert detail["rows_in_file"]["villages"] == 2  # the two villages of tiny()
    assert isinstance(detail["import_id"], int)


def test_an_unreadable_access_list_shows_nothing(sample_store, tmp_path, monkeypatch):
    broken = tmp_path / "access.duckdb"
    broken.write_bytes(b"this is not a DuckDB file")
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(broken))
    at = app(sample_store, monkeypatch, OFFICER).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["อ่านรายชื่อผู้มีสิทธิ์ไม่ได้ จึงไม่แสดงข้อมูล กรุณาแจ้งผู้ดูแลระบบ"]
    assert not at.selectbox and not at.dataframe and not at.metric


def test_local_mode_says_sign_in_is_off(sample_store, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(tmp_path / "access.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("ปิดการเข้าสู่ระบบ" in i.value for i in at.sidebar.info)
    assert options(at, "f_province") == ["นครราชสีมา", "อุบลราชธานี"]
