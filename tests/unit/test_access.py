"""Access: narrowing a scope to a grant (hand-made cases), the grant in every query, the
access list and its command line, the append-only audit log, and import area checks."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pytest

from access import store
from access.cli import main as cli
from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics.access_scope import Refused, inside, narrow, reachable
from metrics.overview import occupations, place_choices, place_names
from metrics.progress import village_progress
from metrics.scope import Scope
from tests.builders import tiny, write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D

ROOT = Path(__file__).resolve().parents[2]

# --- narrow: the one rule ---------------------------------------------------------------------


def test_officer_of_3017_asking_for_province_34_gets_a_notice_and_3017():
    scope, refused = narrow(Scope(province="34"), ("3017",))
    assert refused == Refused("province", "34")
    # Own area: district 3017, in province 30 (its first two digits); the grant rides along.
    assert (scope.province, scope.district, scope.tambon, scope.villages) == ("30", "3017", None, ())
    assert scope.allowed == ("3017",)


def test_manager_of_province_30_may_ask_for_district_3017():
    scope, refused = narrow(Scope(district="3017"), ("30",))
    assert refused is None
    assert scope.district == "3017"
    assert scope.allowed == ("30",)


def test_evaluator_without_area_sees_all():
    requested = Scope(province="34", district="3414", tambon="341401")
    scope, refused = narrow(requested, None)
    assert refused is None
    assert scope == requested  # allowed stays None: unrestricted


@pytest.mark.parametrize(
    ("requested", "areas", "refused"),
    [
        # Officer of 3017 may pick their own province (30 contains 3017): sees only 3017 of it.
        (Scope(province="30"), ("3017",), None),
        (Scope(tambon="301701"), ("3017",), None),
        (Scope(tambon="341401"), ("3017",), Refused("tambon", "341401")),
        (Scope(villages=(A,)), ("3017",), None),
        (Scope(villages=(A, C)), ("3017",), Refused("village", C)),
        (Scope(district="3414"), ("30", "3414"), None),  # two areas
        (Scope(district="3415"), ("30", "3414"), Refused("district", "3415")),
        # "3" is a prefix of 3414 but not a place code: refused, like any junk in a URL
        (Scope(province="3"), ("3414",), Refused("province", "3")),
        (Scope(district="30'; --"), ("30",), Refused("district", "30'; --")),
        (Scope(province="34"), (), Refused("province", "34")),  # no areas: nothing
    ],
)
def test_narrow_cases(requested, areas, refused):
    assert narrow(requested, areas)[1] == refused


def test_refused_with_several_areas_shows_all_of_them_without_picking_one():
    scope, refused = narrow(Scope(province="10", fiscal_year=2560), ("3017", "3414"))
    assert refused == Refused("province", "10")
    assert (scope.province, scope.district, scope.fiscal_year) == (None, None, 2560)
    assert scope.allowed == ("3017", "3414")


def test_inside_and_reachable():
    assert inside("30170101", ("3017",)) and not inside("30", ("3017",))
    assert reachable("30", ("3017",)) and not reachable("34", ("3017",))
    assert inside("anything", None) and reachable("anything", None)


# --- the grant filters every query ------------------------------------------------------------


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("access")
    path = folder / "store.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    connection = open_read_only(path)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("allowed", "villages"),
    [
        (None, [A, B, C, D]),  # unrestricted
        (("3017",), [A, B]),  # Chum Phuang's two villages
        (("34",), [C, D]),  # Ubon Ratchathani: Muang Sam Sip's two
        (("3017", "3414"), [A, B, C, D]),
        ((), []),  # an empty grant sees nothing, never everything
    ],
)
def test_allowed_limits_queries_and_filter_options(con, allowed, villages):
    assert [c for c, _, _ in place_choices(con, Scope(allowed=allowed), "village")] == villages
    provinces = sorted({v[:2] for v in villages})  # the province filter offers the grant's only
    assert [c for c, _, _ in place_choices(con, Scope(allowed=allowed), "province")] == provinces
    assert sorted(village_progress(con, Scope(allowed=allowed))["village_code"]) == villages


def test_each_filter_offers_the_places_within_the_ones_above_it(con):
    # A, B in district 3017 (province 30), fiscal year 2560; C in 3414 (province 34), 2560;
    # D in 3414, 2561 (tests/metrics_fixture.py)
    def codes(scope: Scope, level: str, limit: int = 100) -> list[str]:
        return [c for c, _, _ in place_choices(con, scope, level, limit)]

    assert codes(Scope(), "fiscal_year") == ["2560", "2561"]
    assert codes(Scope(fiscal_year=2561), "province") == ["34"]  # D only
    assert codes(Scope(fiscal_year=2560), "district") == ["3017", "3414"]
    assert codes(Scope(province="34"), "village") == [C, D]
    assert codes(Scope(province="34", fiscal_year=2560), "village") == [C]
    assert codes(Scope(), "village", limit=3) == [A, B, C]  # the sidebar asks one more than it shows
    assert place_choices(con, Scope(province="30"), "district") == [("3017", "ชุมพวง", "Chum Phuang")]
    with pytest.raises(ValueError, match="level must be one of"):
        place_choices(con, Scope(), "country")


def test_place_names_looks_up_only_the_codes_asked(con):
    got = place_names(con, ("30", "3414", A, "99", "12345678"))  # 99 and 12345678: not in the store
    assert got == {
        "province": {"30": ("นครราชสีมา", "Nakhon Ratchasima")},
        "district": {"3414": ("ม่วงสามสิบ", "Muang Sam Sip")},
        "village": {A: ("บ้านสมมุติเอ", None)},
    }
    assert set(place_names(con, ())) == set()


def test_allowed_applies_even_when_another_area_is_asked(con):
    # A scope that asks for province 34 directly, with a 3017 grant: nothing of 34 comes back.
    assert village_progress(con, Scope(province="34", allowed=("3017",))).empty


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # Households H1 เพาะเห็ด, H2 จักสาน, H3 (none) in A; H4 ทอผ้า in B; H5 ทอ in C. Groups G1
        # เพาะเห็ด (A), G2 ทอผ้า (B), G3 ทอ (C). D has neither. Sorted by code point (จ < ท < เ).
        (None, ["จักสาน", "ทอ", "ทอผ้า", "เพาะเห็ด"]),
        (Scope(allowed=("3017",)), ["จักสาน", "ทอผ้า", "เพาะเห็ด"]),  # A and B only
        (Scope(allowed=("34",)), ["ทอ"]),  # C (and D, which has none)
        (Scope(allowed=("3017",), villages=(B,)), ["ทอผ้า"]),
        (Scope(allowed=("3017",), province="34"), []),  # asks outside the grant: nothing
        (Scope(allowed=()), []),  # an empty grant offers nothing, never everything
        # The occupation and as-of filters do not narrow the list they are chosen from.
        (Scope(district="3017", occupation="จักสาน", as_of=dt.date(2017, 1, 1)), ["จักสาน", "ทอผ้า", "เพาะเห็ด"]),
    ],
)
def test_occupation_choices_follow_the_places_and_the_grant(con, scope, expected):
    assert occupations(con, scope) == expected


# --- grants and the command line ---------------------------------------------------------------


def test_grant_lower_cases_and_validates(tmp_path):
    path = tmp_path / "a.duckdb"
    done = store.grant(" Somchai@CDD.go.th ", "officer", ["3017", "3017"], by="test", path=path)
    assert done == store.Grant("somchai@cdd.go.th", "officer", ("3017",))
    assert store.grant_for("SOMCHAI@cdd.GO.TH", path=path) == done
    assert store.grant_for("other@cdd.go.th", path=path) is None


@pytest.mark.parametrize(
    ("email", "role", "areas", "argument", "text"),
    [
        ("not-an-email", "officer", ["3017"], "EMAIL", "not an email address: 'not-an-email'"),
        ("a b@x.org", "officer", ["3017"], "EMAIL", "not an email address"),
        ("a@x.org", "officer", ["301"], "--area", "a district code (4 digits): '301'"),
        ("a@x.org", "officer", ["3099"], "--area", "no official district code 3099"),
        ("a@x.org", "manager", ["99"], "--area", "no official province code 99"),
        ("a@x.org", "officer", [], "--area", "a officer needs at least one area"),
        ("a@x.org", "king", [], "--role", "the role must be one of"),
    ],
)
def test_bad_grants_are_refused_with_the_argument_named(tmp_path, email, role, areas, argument, text):
    with pytest.raises(store.AccessError, match=re.escape(text)) as caught:
        store.grant(email, role, areas, by="test", path=tmp_path / "a.duckdb")
    assert caught.value.argument == argument
    assert store.list_grants(path=tmp_path / "a.duckdb") == []


def test_evaluator_and_admin_visibility():
    assert store.Grant("e@x.org", "evaluator").visible is None  # no area: all
    assert store.Grant("e@x.org", "evaluator", ("34",)).visible == ("34",)
    assert store.Grant("a@x.org", "admin", ("34",)).visible is None  # admin sees everything
    assert store.Grant("o@x.org", "officer").visible == ()  # misconfigured: nothing


def test_cli_grant_list_revoke(tmp_path, capsys):
    db = tmp_path / "store.duckdb"
    assert cli(["grant", "Off@X.org", "--role", "officer", "--area", "3017", "--db", str(db)]) == 0
    assert cli(["grant", "ev@x.org", "--role", "evaluator", "--db", str(db)]) == 0
    assert (tmp_path / "store.access.duckdb").exists()  # beside the store, not in it
    assert not db.exists()
    capsys.readouterr()
    assert cli(["list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"email": "ev@x.org", "role": "evaluator", "areas": []},
        {"email": "off@x.org", "role": "officer", "areas": ["3017"]},
    ]
    assert cli(["revoke", "OFF@x.org", "--db", str(db)]) == 0
    assert cli(["revoke", "off@x.org", "--db", str(db)]) == 1  # already gone
    assert cli(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "ev@x.org\tevaluator\t*"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["grant", "nobody", "--role", "officer", "--area", "3017"], "grant: EMAIL: "),
        (["grant", "a@x.org", "--role", "officer", "--area", "3o17"], "grant: --area: "),
        (["grant", "a@x.org", "--role", "manager"], "grant: --area: "),
        (["revoke", "nobody"], "revoke: EMAIL: "),
    ],
)
def test_cli_bad_arguments_exit_2_with_a_located_message(tmp_path, capsys, argv, message):
    assert cli([*argv, "--db", str(tmp_path / "s.duckdb")]) == 2
    assert message in capsys.readouterr().err


def test_cli_unknown_role_exits_2(tmp_path):
    with pytest.raises(SystemExit) as caught:
        cli(["grant", "a@x.org", "--role", "boss", "--db", str(tmp_path / "s.duckdb")])
    assert caught.value.code == 2


# --- the audit log ------------------------------------------------------------------------------


def test_audit_is_append_only(tmp_path):
    path = tmp_path / "a.duckdb"
    store.grant("o@x.org", "officer", ["3017"], by="admin@x.org", path=path)  # line 1
    store.log("reveal", email="o@x.org", role="officer", scope={"district": "3017"}, path=path)  # 2
    store.revoke("o@x.org", by="admin@x.org", path=path)  # 3
    log = store.read_audit(path=path)
    assert list(log["action"]) == ["access_change", "reveal", "access_change"]  # newest first
    assert list(log["audit_id"]) == [3, 2, 1]
    assert json.loads(log["scope_json"][1]) == {"district": "3017"}
    assert json.loads(log["detail"][0]) == {"revoke": "o@x.org", "had_grant": True}
    # Revoking removed the grant but kept every audit line.
    assert store.list_grants(path=path) == []
    # Nothing in the access package updates or deletes audit lines.
    source = "".join(p.read_text(encoding="utf-8") for p in Path(store.__file__).parent.glob("*.py"))
    assert "INSERT INTO audit_log" in source
    for verb in ("DELETE FROM AUDIT_LOG", "UPDATE AUDIT_LOG", "DROP TABLE", "TRUNCATE"):
        assert verb not in source.upper()


def test_audit_filters(tmp_path):
    path = tmp_path / "a.duckdb"
    store.log("sign_in", email="a@x.org", role="officer", path=path)
    store.log("export", email="b@x.org", role="manager", detail={"what": "x"}, path=path)
    assert list(store.read_audit(email="B@X", path=path)["action"]) == ["export"]
    assert list(store.read_audit(action="sign_in", path=path)["email"]) == ["a@x.org"]
    with pytest.raises(ValueError, match="unknown audit action"):
        store.log("delete_everything", email="a@x.org", role="admin", path=path)


def test_reading_a_missing_access_file_creates_nothing(tmp_path):
    path = tmp_path / "none.duckdb"
    assert store.grant_for("a@x.org", path=path) is None
    assert store.read_audit(path=path).empty
    assert not path.exists()


def test_an_import_swap_leaves_the_access_file_alone(tmp_path):
    db = tmp_path / "store.duckdb"
    path = store.access_path(db)
    store.grant("o@x.org", "officer", ["3017"], by="t", path=path)
    for _ in range(2):  # build, then replace the store: the access list is untouched
        assert check_path(write_csv_folder(tmp_path / "in", tiny()), db, commit=True).committed
    assert store.grant_for("o@x.org", path=path) == store.Grant("o@x.org", "officer", ("3017",))
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "grants" not in tables and "audit_log" not in tables


# --- imports stay inside the grant ---------------------------------------------------------------


def test_import_outside_the_grant_names_rows_and_villages(tmp_path):
    # METRICS_INPUT has villages A, B (3017) and C, D (3414) on villages rows 2-5, and
    # officers O1 (3017, row 2) and O2 (3414, row 3).
    folder = write_csv_folder(tmp_path / "in", METRICS_INPUT)

    def dry_run(areas):
        return check_path(folder, tmp_path / "s.duckdb", commit=False, areas=areas)

    result = dry_run(("3017",))
    assert result.outside == ["3414", C, D]
    assert dry_run(("30", "34")).outside == []
    assert dry_run(None).outside == []
    problems = [p for p in result.dataset.errors if "outside your areas" in p.message]
    villages_rows = [(p.file, p.row, p.column) for p in problems if p.table == "villages"]
    assert villages_rows == [("villages.csv", 4, "village_code"), ("villages.csv", 5, "village_code")]
    officers_rows = [(p.file, p.row, p.column) for p in problems if p.table == "officers"]
    assert officers_rows == [("officers.csv", 3, "district_code")]
    assert all(p.level == "error" for p in problems)
    assert [p.message.split()[1] for p in problems if p.table == "villages"] == [C, D]


def test_local_mode_listens_on_loopback_only():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "--server.address 127.0.0.1" in run
