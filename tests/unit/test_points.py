"""The tambon points table (data_loaders/reference/tambon_points.csv) and its builder
(scripts/tambon_points.py), checked against facts worked out by hand.

Province boxes below are rough hand-made bounds (degrees) from the provinces' known extents,
generous by a few km; the landmarks are well-known places in the tambon named.
"""

from __future__ import annotations

import duckdb
import geothai
import pytest

from data_loaders.contract.schema import LAT_RANGE, LON_RANGE
from data_loaders.reference import points
from sample.districts import DISTRICTS
from scripts import tambon_points as builder

# province code: (south, north, west, east)
BOXES = {
    "10": (13.49, 13.96, 100.32, 100.94),  # Bangkok
    "50": (17.2, 20.2, 98.0, 99.6),  # Chiang Mai
    "83": (7.75, 8.2, 98.25, 98.48),  # Phuket
    "90": (6.3, 7.95, 100.0, 101.1),  # Songkhla
}


def test_every_current_tambon_has_one_point_inside_thailand():
    codes = {
        s.code
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
        for s in geothai.subdistricts(d.code)
    }
    table = points.points()
    assert set(table) == codes  # 7,436: no code missing, none extra
    for code, p in table.items():
        assert LAT_RANGE[0] <= p.lat <= LAT_RANGE[1] and LON_RANGE[0] <= p.lon <= LON_RANGE[1], code
        assert p.source in {"tambon", "district", "province"}
    own = sum(p.source == "tambon" for p in table.values())
    assert own >= 7_200  # 7,286 when written: 98%


@pytest.mark.parametrize(
    ("code", "landmark", "within_km"),
    [
        ("100101", (13.7500, 100.4913), 1.0),  # แขวงพระบรมมหาราชวัง: the Grand Palace
        ("500101", (18.7877, 98.9933), 2.0),  # ต.ศรีภูมิ, เมืองเชียงใหม่: Tha Phae Gate
        ("830101", (7.8841, 98.3923), 1.5),  # ต.ตลาดใหญ่, เมืองภูเก็ต: Phuket old town
        ("901101", (7.0086, 100.4747), 1.5),  # ต.หาดใหญ่: Hat Yai town centre
    ],
)
def test_known_tambons_lie_in_their_province_box_near_a_landmark(code, landmark, within_km):
    p = points.point(code)
    assert p is not None and p.source == "tambon"
    south, north, west, east = BOXES[code[:2]]
    assert south <= p.lat <= north and west <= p.lon <= east
    assert points.distance_km(p.lat, p.lon, *landmark) < within_km


def test_the_seed_tambons_have_the_points_domain_md_gives():
    for district in DISTRICTS:
        for t in district.tambons:
            assert points.point(t.code) == points.Point(t.lat, t.lon, "tambon"), t.code


def test_unknown_codes_have_no_point():
    assert points.point("999999") is None
    assert points.point("") is None


def test_distance_by_hand():
    # One degree of latitude along a meridian: 2π × 6371.0088 / 360 = 111.195 km.
    assert points.distance_km(15.0, 102.0, 16.0, 102.0) == pytest.approx(111.195, abs=0.001)
    # One degree of longitude at the equator is the same; at 60° it is half.
    assert points.distance_km(0.0, 100.0, 0.0, 101.0) == pytest.approx(111.195, abs=0.001)
    assert points.distance_km(60.0, 100.0, 60.0, 101.0) == pytest.approx(55.6, abs=0.1)


def test_the_sql_distance_is_the_python_one():
    sql = points.distance_km_sql("15.344", "102.750", "15.7", "102.75")
    ((km,),) = duckdb.connect().execute(f"SELECT {sql}").fetchall()
    assert km == pytest.approx(points.distance_km(15.344, 102.750, 15.7, 102.75))
    assert km == pytest.approx(0.356 * 111.195, abs=0.01)  # 39.59 km


def test_the_table_as_arrow_keeps_codes_as_text():
    table = points.table()
    assert table.num_rows == len(points.points())
    assert table.schema.field("tambon_code").type == "string"
    first = table.slice(0, 1).to_pylist()[0]
    assert first == {"tambon_code": "100101", "lat": 13.751, "lon": 100.492, "source": "tambon"}


# --------------------------------------------------------------------------- the builder


def _row(province: str, district: str, tambon: str, lat: str, lon: str) -> dict[str, str]:
    return {
        "province": province,
        "district": district,
        "subdistrict": tambon,
        "latitude": lat,
        "longitude": lon,
    }


def test_builder_matches_names_then_a_tambon_moved_to_another_district():
    rows = [
        _row("นครราชสีมา", "ชุมพวง", "ชุมพวง", "15.344", "102.750"),  # exact names -> 301701
        _row("นครราชสีมา", "ชุมพวง", "ประสุข", "null", "null"),  # blank point -> none
        _row("อุตรดิตถ์", "ท่าปลา", "ท่าแฝก", "17.920", "100.615"),  # now in อ.น้ำปาด: 530407
        _row("กรุงเทพมหานคร", "บางนา", "บางนา", "13.672", "100.616"),  # a former khwaeng, since split
    ]
    own, former = builder.match(rows)
    assert own["301701"] == (15.344, 102.750)
    assert own["301702"] is None
    assert own["530407"] == (17.920, 100.615)
    assert own["104702"] is None and own["104703"] is None  # บางนาเหนือ, บางนาใต้
    assert former == {"1047": [(13.672, 100.616)]}


def test_builder_fills_gaps_with_the_district_then_the_province_mean():
    own: dict[str, tuple[float, float] | None] = {
        "301701": (15.3, 102.7),
        "301703": (15.1, 102.9),
        "301702": None,  # same district 3017 -> (15.2, 102.8)
        "302001": (14.9, 102.0),
        "301801": None,  # district 3018 has nothing -> province 30's mean of the three points
        "104702": None,  # district 1047 only has a former khwaeng's point
    }
    rows = {code: rest for code, *rest in builder.fill(own, {"1047": [(13.672, 100.616)]})}
    assert rows["301701"] == [15.3, 102.7, "tambon"]
    assert rows["301702"] == [pytest.approx(15.2), pytest.approx(102.8), "district"]
    assert rows["301801"] == [pytest.approx(15.1), pytest.approx((102.7 + 102.9 + 102.0) / 3), "province"]
    assert rows["104702"] == [13.672, 100.616, "district"]


def test_builder_writes_three_decimals_sorted(tmp_path):
    out = tmp_path / "p.csv"
    builder.write([("100101", 13.7514, 100.4916, "tambon"), ("100102", 13.744, 100.499, "district")], out)
    assert out.read_bytes() == (
        b"tambon_code,lat,lon,source\n100101,13.751,100.492,tambon\n100102,13.744,100.499,district\n"
    )
