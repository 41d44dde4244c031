"""Provinces side by side and districts ranked fairly (metrics/comparisons.py), on the
four-village fixture (tests/metrics_fixture.py); every expected value worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics import comparisons
from metrics.comparisons import district_ranking, judge, measures, province_values, wilson
from metrics.scope import Scope
from metrics.settings import MetricSettings
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT

TODAY = dt.date(2026, 11, 22)  # after every plan's due date


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("comparisons")
    path = folder / "comparisons.duckdb"
    result = check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


def test_measures_are_the_headline_indicators_then_the_village_shares():
    assert measures() == (
        "practising_share",
        "income_increase_pct",
        "villages_with_group_share",
        "overdue_share",
        "complete_share",
    )


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        # Province 30 (A, B), province 34 (C, D).
        # Surveyed after baseline: 30: H1 yes, H2 yes, H4 latest (12m) yes = 3/3; 34: H5 yes = 1/1.
        ("practising_share", {"30": 1.0, "34": 1.0}),
        # Both rounds: 30: H1 60,000->66,000, H2 0->12,000, H4 100,000->98,000:
        # (176,000 - 160,000) / 160,000 = 0.1; 34: H5 40,000->44,000 = 0.1.
        ("income_increase_pct", {"30": 0.1, "34": 0.1}),
        # Groups: A (G1), B (G2) = 2/2; C (G3), D none = 1/2.
        ("villages_with_group_share", {"30": 1.0, "34": 0.5}),
        # Overdue on 22 Nov 2026: A and B (plans past due, stage not done) = 2/2; C, D none = 0/2.
        ("overdue_share", {"30": 1.0, "34": 0.0}),
        # No village has all eight stages (C has 6, D 0; A and B are overdue).
        ("complete_share", {"30": 0.0, "34": 0.0}),
    ],
)
def test_province_values(con, measure, expected):
    frame = province_values(con, Scope(), measure, today=TODAY)
    assert dict(zip(frame["code"], frame["villages"], strict=True)) == {"30": 2, "34": 2}
    assert dict(zip(frame["code"], frame["value"], strict=True)) == pytest.approx(expected)


def test_province_values_follow_the_grant(con):
    # A grant of district 3414 only: province 34 alone, its two villages.
    frame = province_values(con, Scope(allowed=("3414",)), "overdue_share", today=TODAY)
    assert list(frame["code"]) == ["34"]
    assert list(frame["villages"]) == [2]


def test_unknown_measure_is_refused(con):
    with pytest.raises(ValueError, match="measure must be one of"):
        province_values(con, Scope(), "nonsense")


def test_wilson_interval_by_hand():
    # 17 of 20, z = 1.96: p = 0.85; z²/n = 3.8416/20 = 0.19208, denominator 1.19208;
    # centre = (0.85 + 3.8416/40) / 1.19208 = 0.94604 / 1.19208 = 0.79360;
    # half = 1.96 * sqrt(0.85*0.15/20 + 3.8416/1600) / 1.19208
    #      = 1.96 * sqrt(0.006375 + 0.002401) / 1.19208 = 1.96 * 0.093680 / 1.19208 = 0.15403;
    # interval (0.6396, 0.9476).
    low, high = wilson(17, 20)
    assert low == pytest.approx(0.6396, abs=5e-4)
    assert high == pytest.approx(0.9476, abs=5e-4)
    assert wilson(0, 0) is None


@pytest.mark.parametrize(
    ("value", "interval", "target", "direction", "expected"),
    [
        (0.90, (0.86, 0.94), 0.85, "at_least", "met"),  # all of it above 0.85
        (0.85, (0.64, 0.95), 0.85, "at_least", "not_distinguishable"),  # 17 of 20: holds 0.85
        (0.80, (0.70, 0.84), 0.85, "at_least", "not_met"),  # all of it below
        (0.80, None, 0.85, "at_least", "not_met"),  # no interval: the value decides
        (3.0, (2.0, 3.9), 4.0, "at_most", "met"),
        (None, None, 0.85, "at_least", "no_value"),
    ],
)
def test_judge(value, interval, target, direction, expected):
    assert judge(value, interval, target, direction) == expected


def test_ranking_overlap_and_too_few(con):
    # Practising share (target 0.85) by district, households surveyed after training:
    # 3017 (A, B): H1, H2, H4 all practising = 3/3 = 1.0. Wilson(3, 3), z = 1.96:
    #   denominator 1 + 3.8416/3 = 2.28053; centre = (1 + 3.8416/6) / 2.28053 = 0.71925;
    #   half = 1.96 * sqrt(0 + 3.8416/36) / 2.28053 = 1.96 * 0.32667 / 2.28053 = 0.28075;
    #   interval (0.4385, 1.0): it holds 0.85, so not distinguishable from the target.
    # 3414 (C, D): H5 = 1/1: one household surveyed, fewer than 2: too few to judge.
    frame = district_ranking(con, Scope(), "practising_share", min_households=2, today=TODAY)
    rows = frame.set_index("district_code")
    assert list(frame["district_code"]) == ["3017", "3414"]  # judged first, then apart
    assert rows.loc["3017", "verdict"] == "not_distinguishable"
    assert rows.loc["3017", "rank"] == 1
    assert rows.loc["3017", "value"] == pytest.approx(1.0)
    assert rows.loc["3017", "low"] == pytest.approx(0.4385, abs=5e-4)
    assert rows.loc["3017", "high"] == pytest.approx(1.0)
    assert rows.loc["3017", "surveyed_after"] == 3
    assert rows.loc["3414", "verdict"] == "too_few"
    assert rows.loc["3414", "rank"] is None
    assert rows.loc["3414", "low"] is None


def test_ranking_reads_the_districts_income_once_and_names_them_from_it(con, monkeypatch):
    # the measures and the names come from one income roll-up by district: Chum Phuang (3017)
    # and Muang Sam Sip (3414) in Nakhon Ratchasima and Ubon Ratchathani
    asked = []
    original = comparisons.income_rollup

    def counted(con, scope, by, **options):
        asked.append(by)
        return original(con, scope, by, **options)

    monkeypatch.setattr(comparisons, "income_rollup", counted)
    frame = district_ranking(con, Scope(), "practising_share", min_households=2, today=TODAY)
    assert asked == ["district"]
    rows = frame.set_index("district_code")
    assert rows.loc["3017", "district_name"] == "ชุมพวง" and rows.loc["3414", "district_name"] == "ม่วงสามสิบ"
    assert rows.loc["3017", "province_name"] == "นครราชสีมา"
    assert rows.loc["3414", "province_name"] == "อุบลราชธานี"


def test_ranking_default_threshold_is_the_setting(con):
    # 20 by default: 3 and 1 households surveyed are both too few; a setting of 1 judges both.
    assert MetricSettings().min_households_to_judge == 20
    frame = district_ranking(con, Scope(), "practising_share", today=TODAY)
    assert set(frame["verdict"]) == {"too_few"}
    lenient = MetricSettings(min_households_to_judge=1)
    frame = district_ranking(con, Scope(), "villages_with_group_share", settings=lenient, today=TODAY)
    # Villages with a group: 3017 2/2 = 1.0, 3414 1/2 = 0.5 (Wilson(1, 2): centre 0.5,
    # half = 1.96 * sqrt(0.125 + 3.8416/16) / 2.9208 = 0.40547, (0.0945, 0.9055), holds 0.10).
    rows = frame.set_index("district_code")
    assert list(frame["district_code"]) == ["3017", "3414"]  # 1.0 before 0.5
    assert rows.loc["3414", "verdict"] == "not_distinguishable"
    assert rows.loc["3414", "low"] == pytest.approx(0.0945, abs=5e-4)


def test_ranking_refuses_an_indicator_that_is_not_headline(con):
    with pytest.raises(ValueError, match="headline"):
        district_ranking(con, Scope(), "above_jpt_share")


def test_the_packs_workbook_has_the_ranking_sheet(con):
    # District ชุมพวง (3017), as of the data's latest date (15 Jan 2018): 3 households surveyed
    # after training (H1, H2, H4), under the default 20, so each headline indicator's row says
    # "too few to judge" and has no rank; its value is still there: practising 3/3 = 1.0,
    # income (176,000 - 160,000) / 160,000 = 0.1, villages with a group 2/2 = 1.0.
    import io

    from openpyxl import load_workbook

    from reports import build

    wb = load_workbook(io.BytesIO(build(con, Scope(district="3017"), fmt="xlsx")))
    sheet = wb["จัดอันดับอำเภอ"]
    assert [c.value for c in sheet[4]] == [
        "ตัวชี้วัด",
        "อันดับ",
        "อำเภอ",
        "หมู่บ้าน",
        "ครัวเรือนที่สำรวจหลังอบรม",
        "ค่า",
        "ขอบล่าง 95%",
        "ขอบบน 95%",
        "เทียบเป้าหมาย",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [r[0] for r in rows] == [
        "ครัวเรือนที่ยังประกอบอาชีพที่ส่งเสริม",
        "รายได้เฉลี่ยครัวเรือนเพิ่มขึ้น",
        "หมู่บ้านเป้าหมายที่มีกลุ่มอาชีพ",
    ]
    assert [r[1] for r in rows] == [None, None, None]
    assert [r[4] for r in rows] == [3, 3, 3]
    assert [r[5] for r in rows] == pytest.approx([1.0, 0.1, 1.0])
    assert {r[8] for r in rows} == {"น้อยเกินกว่าจะตัดสิน"}
    assert "20" in sheet["A2"].value  # the note says the threshold


def test_district_income_intervals_are_the_bootstraps_normal_limit_per_district(con, monkeypatch):
    # One aggregate for all districts gives each district what increase_interval gives for that
    # district alone with the normal limit (same moments, same seed). By hand, 3017's households
    # with both rounds are H1, H2, H4: estimate (176,000 - 160,000) / 160,000 = 0.1; 3414's is
    # H5 alone (one household: zero variance), so its interval is the point 44,000/40,000 - 1 = 0.1.
    from dataclasses import replace

    from metrics import income

    found = income.district_increase_intervals(con, Scope())
    assert set(found) == {"3017", "3414"}
    assert found["3017"].estimate == pytest.approx(0.1)
    assert found["3414"].low == pytest.approx(0.1) and found["3414"].high == pytest.approx(0.1)
    monkeypatch.setattr(income, "EXACT_BOOTSTRAP_MAX", 0)  # the scalar one takes its normal limit too
    alone = income.increase_interval(con, replace(Scope(), district="3017"))
    assert alone.method == "normal"
    assert (found["3017"].low, found["3017"].high) == pytest.approx((alone.low, alone.high))
