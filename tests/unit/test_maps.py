"""The map's marks: villages, or tambon/district/province aggregates (metrics/maps.py), on the
hand-made four-village fixture (tests/metrics_fixture.py).

Points: A 30170101 (15.344, 102.750) and B 30170201 (15.342, 102.685), both อ.ชุมพวง 3017,
tambons 301701 and 301702; C 34140101 has no point of its own, and its tambon 341401's point
(data_loaders/reference/tambon_points.csv) is (15.515, 104.730); D 34140201 (15.657, 104.667),
อ.ม่วงสามสิบ 3414. Statuses on TODAY (see test_metrics): A overdue (6 stages), B overdue (3),
C in progress (6), D not started (0).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_loaders.reference import points
from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics.maps import choose_level, map_marks
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D

TODAY = dt.date(2018, 6, 1)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    path = folder / "maps.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


def test_the_fixture_tambon_point_of_c():
    assert points.point(C[:6]) == points.Point(15.515, 104.730, "tambon")


def test_village_marks_leave_out_the_village_without_coordinates(con):
    marks = map_marks(con, Scope(), own_share=0.75, today=TODAY)  # 3 own of 4 placeable = 0.75
    assert marks.level == "village"
    assert marks.villages == 3 and marks.at_tambon == 0 and marks.unplaced == 1  # C is not drawn
    assert set(marks.frame["mark_code"]) == {A, B, D}
    # the legend counts every village in scope, C too (statuses as in test_metrics: A and B
    # overdue on 1 June 2018, C in progress, D not started)
    assert marks.statuses == {"not_started": 1, "in_progress": 1, "complete": 0, "overdue": 2}


def test_too_few_own_points_for_village_marks_gives_tambons(con):
    # 3 of the 4 villages have their own point: 3 < 0.9 × 4, so the village level would leave
    # too many off; tambon marks count C at its tambon's point instead.
    marks = map_marks(con, Scope(), today=TODAY)
    assert marks.level == "tambon"
    assert marks.villages == 4 and marks.at_tambon == 1 and marks.unplaced == 0
    frame = marks.frame.set_index("mark_code")
    assert set(frame.index) == {"301701", "301702", "341401", "341402"}
    assert (frame.loc["341401", "lat"], frame.loc["341401", "lon"]) == pytest.approx((15.515, 104.730))
    assert frame.loc["341401", "villages"] == 1


def test_above_the_threshold_tambons_stand_for_their_villages(con):
    marks = map_marks(con, Scope(), village_threshold=1, own_share=0.0, today=TODAY)
    assert marks.level == "tambon"  # 3 villages > 1, and 4 tambons fit in 5,000
    assert set(marks.frame["mark_code"]) == {"301701", "301702", "341401", "341402"}
    assert marks.frame["villages"].sum() == 4  # C counted at its tambon's point


def test_districts_when_tambons_would_be_too_many(con):
    marks = map_marks(con, Scope(), village_threshold=1, max_objects=2, today=TODAY)
    assert marks.level == "district"  # 4 tambons > 2 marks allowed, 2 districts fit
    frame = marks.frame.set_index("mark_code")
    assert len(frame) == 2
    chum = frame.loc["3017"]
    assert chum["villages"] == 2
    assert chum["lat"] == pytest.approx((15.344 + 15.342) / 2)  # 15.343
    assert chum["lon"] == pytest.approx((102.750 + 102.685) / 2)  # 102.7175
    assert chum["overdue_share"] == pytest.approx(1.0)  # A and B both overdue
    assert chum["progress"] == pytest.approx((6 + 3) / 16)  # 9 of 2 × 8 stages
    muang = frame.loc["3414"]
    assert muang["villages"] == 2  # C (at its tambon's point) and D
    assert muang["lat"] == pytest.approx((15.515 + 15.657) / 2)  # 15.586
    assert muang["lon"] == pytest.approx((104.730 + 104.667) / 2)  # 104.6985
    assert muang["not_started_share"] == pytest.approx(0.5)  # D
    assert muang["in_progress_share"] == pytest.approx(0.5)  # C
    assert muang["progress"] == pytest.approx((6 + 0) / 16)
    assert muang["mark_name"] == "ม่วงสามสิบ" and muang["mark_name_en"] == "Muang Sam Sip"
    assert marks.villages == 4 and marks.at_tambon == 1


def test_never_more_than_max_objects(con):
    marks = map_marks(con, Scope(), village_threshold=0, max_objects=1, today=TODAY)
    assert marks.level == "province"  # 2 provinces > 1 still: the last level, then cut
    assert len(marks.frame) == 1
    assert marks.frame["mark_code"].iloc[0] == "30"  # 2 villages in each province: then by code


def test_a_district_whose_villages_all_have_points_shows_them_even_above_the_threshold(con):
    marks = map_marks(con, Scope(district="3017"), village_threshold=1, today=TODAY)
    assert marks.level == "village"
    assert set(marks.frame["mark_code"]) == {A, B}


@pytest.mark.parametrize(
    ("counts", "scope", "expected"),
    [
        ({"village": 1500, "tambon": 900, "district": 80, "province": 5}, Scope(), "village"),
        ({"village": 1501, "tambon": 900, "district": 80, "province": 5}, Scope(), "tambon"),
        ({"village": 23589, "tambon": 7436, "district": 928, "province": 77}, Scope(), "district"),
        (
            {"village": 23589, "tambon": 7436, "district": 928, "province": 77},
            Scope(province="30"),
            "district",
        ),
        ({"village": 3000, "tambon": 200, "district": 1, "province": 1}, Scope(district="3017"), "village"),
        ({"village": 6000, "tambon": 200, "district": 1, "province": 1}, Scope(district="3017"), "tambon"),
        # "placed" counts tambon points too: 90% of the placeable villages need their own
        (
            {"village": 900, "placed": 1000, "tambon": 90, "district": 9, "province": 1},
            Scope(),
            "village",
        ),
        (
            {"village": 899, "placed": 1000, "tambon": 90, "district": 9, "province": 1},
            Scope(),
            "tambon",
        ),
        (
            {"village": 10, "placed": 80, "tambon": 12, "district": 1, "province": 1},
            Scope(district="3017"),
            "tambon",
        ),
    ],
)
def test_choose_level(counts, scope, expected):
    assert choose_level(counts, scope) == expected
