"""AppTest: the rows behind each number (ui/rows.py) on the Indicators page, opened from the
Overview cards' links, for an admin (masked names), an evaluator (pseudonymous keys, no personal
field) and an officer of district 3017 (no 3414 row), on the four-village fixture
(tests/metrics_fixture.py: district 3017 = villages A, B with H1-H4; 3414 = C, D with H5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import store
from data_loaders.store.importer import check_path
from tests.app.test_access import AUTH
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
COUNTED = "การนับ"  # a header only the rows table has (whether each row counts, in words)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rows_app")
    db = folder / "fixture.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True).committed
    return db


def _indicators(db: Path, monkeypatch, *, email: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    if email is not None:
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page("pages/indicators.py").run()


def _rows_table(at: AppTest):
    (frame,) = [d.value for d in at.dataframe if COUNTED in d.value.columns]
    return frame


def test_a_link_opens_the_rows_of_its_indicator(fixture_store, monkeypatch):
    at = _indicators(fixture_store, monkeypatch, indicator="households_per_trainer")
    assert not at.exception
    assert "แถวเบื้องหลังตัวเลข" in [s.value for s in at.subheader]
    assert at.selectbox(key="rows_indicator").value == "households_per_trainer"
    frame = _rows_table(at)
    # A: 3 households over 5 trainers; B: 1 over none (no trainers); C: 1 over 5; D: 0 over 1
    assert list(frame["หมู่บ้าน"]) == [A, B, C, D]
    # the values the ratio used: households over trainers
    assert list(frame["ครัวเรือนเป้าหมาย"]) == [3, 1, 1, 0]
    assert list(frame["วิทยากร"]) == [5, 0, 5, 1]
    assert list(frame[COUNTED]) == [
        "นับทั้งตัวตั้งและตัวหาร",
        "ไม่นับ: ไม่มีวิทยากร",
        "นับทั้งตัวตั้งและตัวหาร",
        "นับเฉพาะตัวหาร: ไม่มีครัวเรือนเป้าหมาย",  # D: its 1 trainer counts, with 0 households
    ]
    assert any(c.value == "4 แถวแรกจาก 4 แถว" for c in at.caption)
    keys = [b.proto.id for b in at.get("download_button")]
    assert any("dl_rows_households_per_trainer_csv" in k for k in keys)
    assert any("dl_rows_households_per_trainer_xlsx" in k for k in keys)


def test_household_rows_show_masked_names_and_the_reasons(fixture_store, monkeypatch):
    at = _indicators(fixture_store, monkeypatch)
    at.selectbox(key="rows_indicator").set_value("practising_share").run()
    assert not at.exception
    frame = _rows_table(at)
    assert list(frame["ครัวเรือน"]) == ["H1", "H2", "H3", "H4", "H5"]
    names = list(frame["หัวหน้าครัวเรือน"])
    assert names[0].startswith("สมชาย") and names[0] != "สมชาย ใจดี"  # masked
    assert frame[COUNTED].iloc[2] == "ไม่นับ: ไม่มีการสำรวจหลังรอบฐาน"  # H3


def test_an_evaluator_sees_pseudonymous_keys_and_no_personal_field(fixture_store, tmp_path, monkeypatch):
    path = tmp_path / "access.duckdb"
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(path))
    store.grant("eva@cdd.go.th", "evaluator", [], by="test", path=path)
    at = _indicators(fixture_store, monkeypatch, email="eva@cdd.go.th", indicator="follow_up_share")
    assert not at.exception
    frame = _rows_table(at)
    assert "หัวหน้าครัวเรือน" not in frame.columns
    assert all(str(u).startswith("P") for u in frame["ครัวเรือน"])
    assert not {"H1", "H2", "H3", "H4", "H5"} & {str(v) for v in frame.to_numpy().ravel()}
    assert any("รหัสนามแฝง" in c.value for c in at.caption)


def test_an_officer_of_3017_sees_no_3414_rows(fixture_store, tmp_path, monkeypatch):
    path = tmp_path / "access.duckdb"
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(path))
    store.grant("off@cdd.go.th", "officer", ["3017"], by="test", path=path)
    at = _indicators(
        fixture_store, monkeypatch, email="off@cdd.go.th", district="3414", indicator="follow_up_share"
    )
    assert not at.exception
    frame = _rows_table(at)
    assert list(frame["ครัวเรือน"]) == ["H1", "H2", "H3", "H4"]  # A and B; never H5 of 3414


def test_each_overview_card_links_to_its_rows(fixture_store, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(fixture_store))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    links = [p.proto for p in at.get("page_link") if p.proto.label == "ดูแถวเบื้องหลังตัวเลข"]
    assert len(links) == 3  # the three headline cards
    assert all("indicators" in link.page for link in links)
    # each opens the rows of its own card: the catalogue's three headline targets
    assert [link.query_string for link in links] == [
        "indicator=practising_share",
        "indicator=income_increase_pct",
        "indicator=villages_with_group_share",
    ]
