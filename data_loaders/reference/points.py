"""Tambon points: one latitude and longitude per DOPA tambon code.

The table is ``tambon_points.csv`` beside this file (source, licence and caveats in
``README.md``; written by ``scripts/tambon_points.py``). ``source`` is ``tambon`` for
a tambon's own point, ``district`` or ``province`` for a stand-in mean where it has none.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa

POINTS_CSV = Path(__file__).with_name("tambon_points.csv")
EARTH_RADIUS_KM = 6371.0088  # the mean radius
FAR_KM = 30.0  # a village further than this from its tambon's own point gets a warning


@dataclass(frozen=True, slots=True)
class Point:
    """A tambon's point and where it comes from (``tambon``, ``district`` or ``province``)."""

    lat: float
    lon: float
    source: str


@cache
def points() -> dict[str, Point]:
    """Every tambon code in the table -> its point."""
    with POINTS_CSV.open(encoding="utf-8", newline="") as f:
        return {
            row["tambon_code"]: Point(float(row["lat"]), float(row["lon"]), row["source"])
            for row in csv.DictReader(f)
        }


def point(tambon_code: str) -> Point | None:
    """The point of a 6-digit tambon code; ``None`` if the table has none (unknown or abolished)."""
    return points().get(tambon_code)


@cache
def table() -> pa.Table:
    """The table as Arrow, to register in DuckDB: ``tambon_code, lat, lon, source``."""
    found = points()
    return pa.table(
        {
            "tambon_code": pa.array(list(found), type=pa.string()),
            "lat": pa.array([p.lat for p in found.values()], type=pa.float64()),
            "lon": pa.array([p.lon for p in found.values()], type=pa.float64()),
            "source": pa.array([p.source for p in found.values()], type=pa.string()),
        }
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_km_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """The same distance as a DuckDB expression over four column expressions (our own names)."""
    h = (
        f"pow(sin(radians({lat2} - {lat1}) / 2), 2) + cos(radians({lat1})) * cos(radians({lat2})) "
        f"* pow(sin(radians({lon2} - {lon1}) / 2), 2)"
    )
    return f"(2 * {EARTH_RADIUS_KM} * asin(sqrt({h})))"
