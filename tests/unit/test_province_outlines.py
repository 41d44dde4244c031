"""The shipped province outlines (data_loaders/reference/province_outlines.geojson) and their
builder (scripts/province_outlines.py), without the network: the builder's pieces run on tiny
hand-made inputs and on the names the shipped file keeps."""

from __future__ import annotations

import geothai
import pytest

from data_loaders.reference import outlines
from scripts import province_outlines as builder

MAX_SHIPPED_BYTES = 300_000


def test_shipped_file_has_every_province_once_and_is_small():
    assert outlines.OUTLINES_GEOJSON.stat().st_size <= MAX_SHIPPED_BYTES
    codes = outlines.province_codes()
    assert codes == tuple(sorted(p.code for p in geothai.provinces()))  # all 77, in code order
    assert len(codes) == 77
    for code, geometry in outlines.outlines().items():
        assert geometry["type"] == "MultiPolygon", code
        for polygon in geometry["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], code  # closed rings
                for lon, lat in ring:
                    assert 97.3 <= lon <= 105.7 and 5.6 <= lat <= 20.5, code  # Thailand's box


def test_bangkok_and_chiang_mai_lie_where_they_should():
    # Bangkok's outline must hold Sanam Luang (13.755 N, 100.493 E) in its box, Chiang Mai's Doi
    # Suthep (18.805 N, 98.922 E); hand-checked landmarks, with ~1 km of simplification slack.
    for code, (lat, lon) in {"10": (13.755, 100.493), "50": (18.805, 98.922)}.items():
        points = [p for poly in outlines.outlines()[code]["coordinates"] for r in poly for p in r]
        assert min(p[0] for p in points) < lon < max(p[0] for p in points)
        assert min(p[1] for p in points) < lat < max(p[1] for p in points)


def test_mapping_covers_all_77_from_the_shipped_names():
    features = outlines.features()
    names = {f["properties"]["hasc"]: f["properties"]["name_en"] for f in features}
    codes = builder.dopa_codes(names)
    assert codes == {f["properties"]["hasc"]: f["properties"]["code"] for f in features}
    assert codes["TH.NR"] == "30"  # Nakhon Ratchasima
    assert codes["TH.BM"] == "10"  # "Bangkok Metropolis", the one alias
    assert codes["TH.PG"] == "82"  # "Phangnga" is geothai's "Phang-nga"


def test_mapping_fails_when_a_province_does_not_map():
    with pytest.raises(SystemExit, match=r"TH\.XX 'Atlantis'"):
        builder.dopa_codes({"TH.XX": "Atlantis", "TH.NR": "Nakhon Ratchasima"})
    with pytest.raises(SystemExit, match="expected 77"):
        builder.dopa_codes({"TH.NR": "Nakhon Ratchasima"})


def test_arcs_are_decoded_and_rings_assembled():
    # Quantized, delta-encoded: scale (0.5, 0.25), translate (100, 10).
    # Arc 0: (0,0) -> (+2,0) -> (+0,+4): points (100,10), (101,10), (101,11).
    # Arc 1: (2,4) -> (-2,-4): points (101,11), (100,10).
    topo = {
        "transform": {"scale": [0.5, 0.25], "translate": [100, 10]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]],
    }
    arcs = builder.decode_arcs(topo)
    assert arcs == [[(100, 10), (101, 10), (101, 11)], [(101, 11), (100, 10)]]
    # Ring [0, 1] joins them, dropping the shared point; ~1 (= arc 1) runs arc 1 backwards.
    assert builder.ring(arcs, [0, 1]) == [(100, 10), (101, 10), (101, 11), (100, 10)]
    assert builder.ring(arcs, [~1]) == [(100, 10), (101, 11)]


def test_douglas_peucker_keeps_ends_and_drops_small_wiggles():
    # (1, 0.005) is 0.005° off the line (0,0)-(2,0): under 0.01, dropped; (3, 0.5) is 0.5° off
    # the line (0,0)-(4,0): kept.
    assert builder.simplify([(0, 0), (1, 0.005), (2, 0)], 0.01) == [(0, 0), (2, 0)]
    assert builder.simplify([(0, 0), (3, 0.5), (4, 0)], 0.01) == [(0, 0), (3, 0.5), (4, 0)]
