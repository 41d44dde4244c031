"""AppTest: the Indicators page shows the evaluation sections (issue 20, part 3), with the values
worked out by hand in tests/evaluation_fixture.py, in Thai and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from common.strings import text
from tests.evaluation_fixture import build_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("evaluation_page"))


def _page(store: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(store))
    monkeypatch.delenv("SAMMACHIP_JPT_LINE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/indicators.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_indicators_page_shows_the_evaluation_sections(store, monkeypatch):
    at = _page(store, monkeypatch)
    assert "การประเมินผลโครงการ" in [s.value for s in at.subheader]
    # targeting, worst first: A (30 households, 20 selected, 19 among the poorest, 3 above the
    # line, 1 poor not selected), then B
    # the targeting table: the one with a roster year per village (other sections draw tables too)
    targeting = next(d.value for d in at.dataframe if text("eval.col_roster_year", "th") in d.value.columns)
    assert targeting.iloc[0].tolist()[:7] == ["บ้านสมมุติเอ (30170101)", 2560, 30, 20, 19, 3, 1]
    assert any("38,000" in c.value and "SAMMACHIP_JPT_LINE" in c.value for c in at.caption)
    # attrition: the 6- and 12-month rounds lost richer households than they kept (C: 140,000
    # against 90,000; 120,000 against 70,000): said in words
    gaps = [w.value for w in at.warning if "การเปลี่ยนแปลงรายได้จึงวัดจากครัวเรือนอีกกลุ่มหนึ่ง" in w.value]
    assert len(gaps) == 2 and "ติดตาม 6 เดือน" in gaps[0]
    # real income beside the nominal indicator (100,000 / 950,000 = +10.5%)
    assert _metric(at, "เพิ่มขึ้น ตามราคาปัจจุบัน (เป้า +3%)") == "+10.5%"
    # the comparison: B's selected +6,000 against others +3,000
    assert _metric(at, "ผลต่างของผลต่าง") == "3,000 บาท"
    low, high = _metric(at, "ช่วงความเชื่อมั่น 95% (บาท)").split(" – ")
    # every resample lies between 3,000 − 4,000 = −1,000 and 9,000 − 2,000 = 7,000
    assert -1_000 <= int(low.replace(",", "")) <= 3_000 <= int(high.replace(",", "")) <= 7_000
    assert (_metric(at, "ครัวเรือนเป้าหมายที่นับ"), _metric(at, "ครัวเรือนอื่นที่นับ")) == ("3", "2")
    assert any("ไม่ใช่หลักฐานว่าโครงการเป็นสาเหตุ" in w.value for w in at.warning)


def test_the_sections_in_english_and_without_a_second_roster_year(store, monkeypatch):
    at = _page(store, monkeypatch, lang="en", district="3414")
    assert "Evaluating the programme" in [s.value for s in at.subheader]
    infos = [i.value for i in at.info]
    assert any("No จปฐ. household roster" in i for i in infos)  # C has no roster
    assert any("No comparison yet" in i for i in infos)


def test_the_attrition_breakdown_follows_the_choice(store, monkeypatch):
    # By district first (3414: C's households only), then by village after the choice: the
    # whole and the breakdown come from one query, which follows the choice on the next run.
    at = _page(store, monkeypatch, district="3414")
    surveyed = text("eval.col_surveyed", "th")
    breakdown = next(d.value for d in at.dataframe if text("eval.col_district", "th") in d.value.columns)
    assert text("eval.col_village", "th") not in breakdown.columns
    # C: post 10, follow_6m 9 (P10 lost), follow_12m 5 (P06–P10 lost), by hand in the fixture
    assert breakdown[surveyed].tolist() == [10, 9, 5]
    at.radio(key="eval_attrition_by").set_value("village").run()
    assert not at.exception, [e.value for e in at.exception]
    breakdown = next(d.value for d in at.dataframe if text("eval.col_village", "th") in d.value.columns)
    assert breakdown[text("eval.col_village", "th")].tolist() == ["บ้านสมมุติซี (34140101)"] * 3
    assert breakdown[surveyed].tolist() == [10, 9, 5]
    whole = next(d.value for d in at.dataframe if surveyed in d.value.columns)  # the first: the whole
    assert whole[surveyed].tolist() == [10, 9, 5]
