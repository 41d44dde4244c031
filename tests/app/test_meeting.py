"""AppTest: "since the last meeting" on the Overview and the follow-up list on Progress, on the
hand-made two-date fixture (tests/metrics_fixture.py CHANGES_INPUT; values worked out in
tests/unit/test_changes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.builders import write_csv_folder
from tests.metrics_fixture import CHANGES_INPUT, C

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("meeting")
    db = folder / "changes.duckdb"
    assert check_path(write_csv_folder(folder / "input", CHANGES_INPUT), db, commit=True).committed
    return db


def _app(db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_shows_what_changed_since_the_last_meeting(store, monkeypatch):
    at = _app(store, monkeypatch, as_of="2017-07-31", previous="2017-05-31").run()
    assert not at.exception
    assert any(s.value == "ตั้งแต่การประชุมครั้งก่อน" for s in at.subheader)
    # C practice, group, network, follow_up + D network; A follow_up; G3; L3 + L4; H5 post; C day 5.
    assert _metric(at, "ขั้นตอนที่เสร็จ") == "5"
    assert _metric(at, "เลยกำหนดใหม่") == "1"
    assert _metric(at, "กลุ่มอาชีพใหม่") == "1"
    assert _metric(at, "เครือข่ายใหม่") == "2"
    assert _metric(at, "การสำรวจรายได้ที่เพิ่ม") == "1"
    assert _metric(at, "วันอบรมที่เพิ่ม") == "1"
    # Practising 2/3 -> 3/4: 75.0%, +8.3 points from 66.7% on 31 May 2560 (BE). The date is
    # said once, above the cards (a card's delta line is cut when it is long).
    card = next(m for m in at.metric if m.label == "ครัวเรือนที่ยังประกอบอาชีพที่ส่งเสริม")
    assert card.value == "75.0%"
    assert card.delta == "+8.3 จุด จาก 66.7%"
    assert any(c.value == "เทียบกับการประชุมครั้งก่อน ณ วันที่ 31 พฤษภาคม 2560" for c in at.caption)
    # Coverage: H1 H2 H4 H5 surveyed after training of the 5 target households.
    assert any("สำรวจหลังอบรมแล้ว 4 จาก 5 ครัวเรือนเป้าหมาย" in c.value for c in at.caption)
    changes = at.dataframe[0].value
    assert (
        list(changes["ประเภท"]) == ["เลยกำหนดใหม่"] + ["ขั้นตอนที่เสร็จ"] * 5 + ["กลุ่มอาชีพใหม่"] + ["เครือข่ายใหม่"] * 2
    )
    assert list(changes["รายการ"])[-2:] == ["กลุ่มทอสมมุติ (G3) → ตลาด", "กลุ่มกองทุนสมมุติ (G4) → กองทุนหมู่บ้าน"]


@pytest.mark.parametrize(
    ("query", "as_of", "previous", "words"),
    [
        # The one default is store-wide: H4's 12-month survey (15 Jan 2018, district 3017) is the
        # newest row, also with district 3414 chosen (whose own newest row is L4, 31 Jul 2017).
        ({}, "15 ม.ค. 2561", "31 ธ.ค. 2560", "วันที่ล่าสุดของข้อมูลทุกพื้นที่"),
        ({"district": "3414"}, "15 ม.ค. 2561", "31 ธ.ค. 2560", "วันที่ล่าสุดของข้อมูลทุกพื้นที่"),
        # Fiscal year 2561 holds only D: G4 (31 May 2017) and L4 (31 Jul 2017).
        ({"fy": "2561"}, "31 ก.ค. 2560", "30 มิ.ย. 2560", "วันที่ล่าสุดของข้อมูลทุกพื้นที่ ปีงบประมาณ 2561"),
    ],
)
def test_the_as_of_date_defaults_to_the_latest_date_in_the_data(
    store, monkeypatch, query, as_of, previous, words
):
    at = _app(store, monkeypatch, **query).run()
    assert not at.exception
    assert at.text_input(key="f_as_of").placeholder == as_of
    assert at.text_input(key="f_previous").placeholder == previous  # the end of the month before
    # said in words under the box: which date, and what it is
    assert f"ข้อมูล ณ {as_of} ({words})" in [c.value for c in at.sidebar.caption]


def test_the_village_one_pager_and_the_app_use_the_same_default(store, monkeypatch, tmp_path):
    """``python -m reports village`` without --as-of uses the app's default: village C
    (district 3414, newest row 15 Jul 2017) is shown as of 15 Jan 2018, as the app shows it."""
    import subprocess
    import sys

    at = _app(store, monkeypatch, district="3414").run()
    assert at.text_input(key="f_as_of").placeholder == "15 ม.ค. 2561"
    out = tmp_path / "c.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "reports", "village", "--village", C, "--db", str(store), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ข้อมูล ณ 15 ม.ค. 2561 (วันที่ล่าสุดของข้อมูลทุกพื้นที่)" in done.stderr
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "15มกราคม2561" in "".join(words.split())  # pdftotext splits Thai words unpredictably


def test_a_previous_meeting_after_the_as_of_date_is_refused(store, monkeypatch):
    at = _app(store, monkeypatch, as_of="2017-07-31", previous="2017-08-15").run()
    assert not at.exception
    assert any("ต้องอยู่ก่อนวันที่ข้อมูล" in w.value for w in at.sidebar.warning)


def test_progress_shows_the_follow_up_list(store, monkeypatch):
    at = _app(store, monkeypatch, as_of="2018-06-01").run()
    at = at.switch_page("pages/progress.py").run()
    assert not at.exception
    assert any(s.value == "รายการที่ต้องติดตาม" for s in at.subheader)
    todo = next(d.value for d in at.dataframe if "ล่าช้า (วัน)" in d.value.columns)
    # Hand-worked in tests/unit/test_changes.py: B team 486, B no lead 486, A follow_up 336, ...
    assert list(todo["ล่าช้า (วัน)"].head(5)) == [486, 486, 336, 168, 31]
    assert todo["รายการ"].iloc[3] == "ติดตาม 6 เดือน: 1 ครัวเรือน"
    assert todo["พัฒนากร"].iloc[0] == "สมหญิง ท***"


def test_english_overview(store, monkeypatch):
    at = _app(store, monkeypatch, as_of="2017-07-31", lang="en").run()
    assert not at.exception
    assert any(s.value == "Since the last meeting" for s in at.subheader)
    # Previous meeting by default 30 Jun: C group (1 Jul), C network (15 Jul), D network (31 Jul);
    # C's practice (5 Jun) and follow-up (15 Jun) were already done by then.
    assert _metric(at, "Stages completed") == "3"
    changes = at.dataframe[0].value
    # A (newly overdue) is in Chum Phuang, C and D in Muang Sam Sip: English names in English.
    assert set(changes["District"]) == {"Chum Phuang", "Muang Sam Sip"}
    assert not any("-0.0" in (m.delta or "") for m in at.metric)
