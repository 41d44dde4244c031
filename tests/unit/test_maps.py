"""The map's marks: villages, or tambon/district/province aggregates (metrics/maps.py), on the
hand-made four-village fixture (tests/metrics_fixture.py).

Points: A 30170101 (15.344, 102.750) and B 30170201 (15.342, 102.685), both อ.ชุมพวง 3017,
tambons 301701 and 301702; C has no point; D 34140201 (15.657, 104.667), อ.ม่วงสามสิบ 3414.
Statuses on TODAY (see test_metrics): A overdue (6 stages), B overdue (3), D not started (0).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_loaders.importer import check_path
from data_loaders.store import open_read_only
from metrics.maps import choose_level, map_marks
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, D

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


def test_few_villages_are_drawn_one_by_one_without_the_one_lacking_a_point(con):
    marks = map_marks(con, Scope(), today=TODAY)
    assert marks.level == "village"
    assert marks.villages == 3  # C has no coordinates
    assert set(marks.frame["mark_code"]) == {A, B, D}


def test_above_the_threshold_tambons_stand_for_their_villages(con):
    marks = map_marks(con, Scope(), village_threshold=1, today=TODAY)
    assert marks.level == "tambon"  # 3 villages > 1, and 3 tambons fit in 5,000
    assert set(marks.frame["mark_code"]) == {"301701", "301702", "341402"}
    assert marks.frame["villages"].sum() == 3


def test_districts_when_tambons_would_be_too_many(con):
    marks = map_marks(con, Scope(), village_threshold=1, max_objects=2, today=TODAY)
    assert marks.level == "district"  # 3 tambons > 2 marks allowed, 2 districts fit
    frame = marks.frame.set_index("mark_code")
    assert len(frame) == 2
    chum = frame.loc["3017"]
    assert chum["villages"] == 2
    assert chum["lat"] == pytest.approx((15.344 + 15.342) / 2)  # 15.343
    assert chum["lon"] == pytest.approx((102.750 + 102.685) / 2)  # 102.7175
    assert chum["overdue_share"] == pytest.approx(1.0)  # A and B both overdue
    assert chum["progress"] == pytest.approx((6 + 3) / 16)  # 9 of 2 × 8 stages
    muang = frame.loc["3414"]
    assert muang["villages"] == 1 and muang["not_started_share"] == pytest.approx(1.0)
    assert muang["mark_name"] == "ม่วงสามสิบ" and muang["mark_name_en"] == "Muang Sam Sip"


def test_never_more_than_max_objects(con):
    marks = map_marks(con, Scope(), village_threshold=0, max_objects=1, today=TODAY)
    assert marks.level == "province"  # 2 provinces > 1 still: the last level, then cut
    assert len(marks.frame) == 1
    assert marks.frame["mark_code"].iloc[0] == "30"  # the province with most villages first (2)


def test_a_district_shows_its_villages_even_above_the_threshold(con):
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
    ],
)
def test_choose_level(counts, scope, expected):
    assert choose_level(counts, scope) == expected
