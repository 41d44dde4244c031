"""Write data_loaders/reference/tambon_points.csv: one point (lat, lon) per current DOPA tambon.

Source: the PyPI package ``thaiaddress`` 0.2.1 (Apache-2.0), whose file
``thaiaddress/data/thai_address_data.csv`` lists 7,427 tambons by Thai province, district and
tambon name with a latitude and longitude to 3 decimals (the tambon location points that DOPA
published on data.go.th, gathered by spicydog under MIT; see data_loaders/reference/README.md).
The package's code and its dependencies are not used: only that one file, read from the source
archive, whose SHA-256 is checked.

Each tambon of ``geothai`` (the DOPA codes the dashboard uses) gets the source's point when the
names match: first on (province, district, tambon) after ``geothai.normalize``, then, for the
tambons still unmatched, on (province, tambon) where that pair is unique on both sides (a tambon
moved to another district). ``source`` says where a point comes from:

- ``tambon``: the tambon's own point from the source;
- ``district``: the tambon has none (a newer tambon, or a blank point in the source), so the mean
  of the source's points in its district stands in (its district's tambons, and rows of the
  source left unmatched there, such as a former tambon since split);
- ``province``: the source has no point in its district either; the mean of its province's own
  points.

Run from the repository root (deterministic: the same inputs give the same bytes)::

    python scripts/tambon_points.py                  # pip downloads the pinned source archive
    python scripts/tambon_points.py --sdist FILE.tar.gz
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

import geothai

PACKAGE = "thaiaddress==0.2.1"
SDIST = "thaiaddress-0.2.1.tar.gz"
SDIST_SHA256 = "1f8c8a936b5ec3b43e84d56d54af71466f9c796b667037583ce32a935c3faa4f"
MEMBER = "thaiaddress-0.2.1/thaiaddress/data/thai_address_data.csv"
OUT = Path(__file__).resolve().parents[1] / "data_loaders" / "reference" / "tambon_points.csv"

Key = tuple[str, ...]


def download(folder: Path) -> Path:
    """The pinned source archive, fetched by pip (no install, no dependencies)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*command, "--dest", str(folder), PACKAGE], check=True)  # noqa: S603 - pinned package
    return folder / SDIST


def source_rows(sdist: Path) -> list[dict[str, str]]:
    """The rows of the package's CSV, after checking the archive's SHA-256."""
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist}: SHA-256 {digest}, expected {SDIST_SHA256}")
    with tarfile.open(sdist, "r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{sdist}: no {MEMBER}")
        text = member.read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _point(row: dict[str, str]) -> tuple[float, float] | None:
    if row["latitude"] == "null" or row["longitude"] == "null":
        return None
    return float(row["latitude"]), float(row["longitude"])


Point = tuple[float, float]


def match(rows: list[dict[str, str]]) -> tuple[dict[str, Point | None], dict[str, list[Point]]]:
    """Every current geothai tambon code -> the source's point (None when not matched or blank),
    and district code -> the points of the source's rows left unmatched in that district (former
    tambons, since split or renamed), which help place its tambons that have no point."""
    n = geothai.normalize
    tambons = [
        (s.code, n(p.name_th), n(d.name_th), n(s.name_th))
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
        for s in geothai.subdistricts(d.code)
    ]
    by_full: dict[Key, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_full[(n(r["province"]), n(r["district"]), n(r["subdistrict"]))].append(i)
    found: dict[str, int] = {}
    for code, province, district, tambon in tambons:
        hits = by_full.get((province, district, tambon), [])
        if len(hits) == 1:
            found[code] = hits[0]
    used = set(found.values())
    # Second pass: (province, tambon), unique among what is left on both sides.
    left_rows: dict[Key, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if i not in used:
            left_rows[(n(r["province"]), n(r["subdistrict"]))].append(i)
    left_tambons: dict[Key, list[str]] = defaultdict(list)
    for code, province, _, tambon in tambons:
        if code not in found:
            left_tambons[(province, tambon)].append(code)
    for key, codes in left_tambons.items():
        hits = left_rows.get(key, [])
        if len(codes) == 1 and len(hits) == 1:
            found[codes[0]] = hits[0]
    own = {code: (_point(rows[found[code]]) if code in found else None) for code, *_ in tambons}
    districts = {
        (n(p.name_th), n(d.name_th)): d.code for p in geothai.provinces() for d in geothai.districts(p.code)
    }
    used = set(found.values())
    former: dict[str, list[Point]] = defaultdict(list)
    for i, r in enumerate(rows):
        district = districts.get((n(r["province"]), n(r["district"])))
        point = _point(r)
        if i not in used and district is not None and point is not None:
            former[district].append(point)
    return own, former


def _mean(points: list[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def fill(own: dict[str, Point | None], former: dict[str, list[Point]]) -> list[tuple[str, float, float, str]]:
    """(code, lat, lon, source) for every code: its own point, else its district's or province's mean."""
    by_district: dict[str, list[Point]] = defaultdict(list, {d: list(p) for d, p in former.items()})
    by_province: dict[str, list[Point]] = defaultdict(list)
    for code, point in own.items():
        if point is not None:
            by_district[code[:4]].append(point)
            by_province[code[:2]].append(point)
    out = []
    for code in sorted(own):
        point = own[code]
        if point is not None:
            out.append((code, *point, "tambon"))
        elif by_district[code[:4]]:
            out.append((code, *_mean(by_district[code[:4]]), "district"))
        else:
            out.append((code, *_mean(by_province[code[:2]]), "province"))
    return out


def write(rows: list[tuple[str, float, float, str]], path: Path) -> None:
    lines = ["tambon_code,lat,lon,source"]
    lines += [f"{code},{lat:.3f},{lon:.3f},{source}" for code, lat, lon, source in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", type=Path, help=f"a local {SDIST} (default: pip downloads it)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = source_rows(args.sdist or download(Path(tmp)))
    points = fill(*match(rows))
    write(points, args.out)
    counts = {s: sum(1 for p in points if p[3] == s) for s in ("tambon", "district", "province")}
    print(
        f"{args.out}: {len(points)} tambons ({geothai.DATA_VERSION}); "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
