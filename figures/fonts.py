"""The one typeface of every document and chart image: Sarabun, from the ``fontpkg-sarabun`` wheel.

Thai government documents are set in TH Sarabun New; Sarabun is its open (OFL) version. The
font files are found through the installed package, never through a system path, so the pack
builds the same on a machine with no Thai font installed.

Sarabun lacks a few marks the pages use (✓ ✗ ○ ●). They are drawn here as outlines into a
tiny font of our own ("Sammachip Marks", written once into a cache folder), used as the
fallback font of the PDFs and as the second family of the chart images.

Chromium (which draws the chart images through kaleido) finds fonts through fontconfig:
:func:`fontconfig_file` writes a ``fonts.conf`` that names only these two font folders, for the
renderer's ``FONTCONFIG_FILE``.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import fontpkg_sarabun

FAMILY = "Sarabun"  # the face name as installed (name ID 1): what PPTX and XLSX runs name
FILES_DIR = Path(fontpkg_sarabun.ROOT) / "files"
FILES = {"": FILES_DIR / "Sarabun-Regular.ttf", "B": FILES_DIR / "Sarabun-Bold.ttf"}
MARKS_FAMILY = "Sammachip Marks"
# The CSS font-family of chart text: Sarabun first, then our marks; the rest only serve a
# browser on screen that has no Sarabun (the dashboard's own charts).
CSS_FAMILY = f"{FAMILY}, '{MARKS_FAMILY}', Loma, Garuda, 'Noto Sans Thai', sans-serif"

# Sarabun 1.000's OS/2 table (read with fontTools; tests/unit/test_fonts.py checks them):
# usWinAscent 1286 + usWinDescent 567 = 1853 units of unitsPerEm 1000. PowerPoint and
# LibreOffice lay one line at single spacing out by it: 1.853 × the font size.
UNITS_PER_EM = 1000
WIN_ASCENT, WIN_DESCENT = 1286, 567
WIN_LINE = (WIN_ASCENT + WIN_DESCENT) / UNITS_PER_EM

MARKS = "✓✔✗✘○●"


def missing_font_message(path: Path) -> str:
    return (
        f"ไม่พบฟอนต์ Sarabun {path} (ติดตั้งด้วย pip install -r requirements.txt) / "
        f"Sarabun font missing: {path} (pip install -r requirements.txt)"
    )


def font_files() -> dict[str, Path]:
    """Sarabun regular ("") and bold ("B"), checked to exist."""
    for path in FILES.values():
        if not path.is_file():
            raise FileNotFoundError(missing_font_message(path))
    return dict(FILES)


def _cache_dir() -> Path:
    """A folder of our own for generated font files, keyed by the package's font folder."""
    key = hashlib.sha256(str(FILES_DIR).encode()).hexdigest()[:12]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"sammachip-fonts-{uid}-{key}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _write_atomically(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _clockwise(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """``points`` in clockwise order (y up): TrueType fills clockwise outer contours."""
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))
    ordered = points if area < 0 else points[::-1]
    return [(round(x), round(y)) for x, y in ordered]


def _polygon(pen, points: list[tuple[float, float]]) -> None:
    first, *rest = _clockwise(points)
    pen.moveTo(first)
    for point in rest:
        pen.lineTo(point)
    pen.closePath()


def _circle(pen, cx: float, cy: float, r: float, *, hole: bool = False) -> None:
    """A circle of eight quadratic arcs (off-curve points only; the on-curve points are their
    midpoints, on the circle); a hole runs anticlockwise."""
    reach = r / math.cos(math.pi / 8)
    points = [
        (cx + reach * math.cos(k * math.pi / 4), cy + reach * math.sin(k * math.pi / 4)) for k in range(8)
    ]
    ordered = _clockwise(points)
    if hole:
        ordered = ordered[::-1]
    pen.qCurveTo(*ordered, None)
    pen.closePath()


def _stroke(a: tuple[float, float], b: tuple[float, float], half: float) -> list[tuple[float, float]]:
    """The rectangle around the segment a–b, ``half`` wide on each side."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length * half, dx / length * half
    return [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)]


def _marks_font() -> bytes:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    advance = 800

    def glyph(draw) -> object:
        pen = TTGlyphPen(None)
        draw(pen)
        return pen.glyph()

    def check(pen) -> None:
        _polygon(pen, [(80, 340), (155, 415), (325, 245), (720, 700), (800, 625), (325, 70)])

    def cross(pen, half: float) -> None:
        _polygon(pen, _stroke((120, 90), (680, 650), half))
        _polygon(pen, _stroke((120, 650), (680, 90), half))

    def ring(pen, half: float) -> None:
        _circle(pen, 400, 330, 300)
        _circle(pen, 400, 330, 300 - 2 * half, hole=True)

    def dot(pen) -> None:
        _circle(pen, 400, 330, 300)

    shapes = {
        ".notdef": lambda pen: None,
        "check": check,
        "cross": lambda pen: cross(pen, 45),
        "heavycross": lambda pen: cross(pen, 65),
        "ring": lambda pen: ring(pen, 30),
        "dot": dot,
    }
    cmap = {
        0x2713: "check",
        0x2714: "check",
        0x2717: "cross",
        0x2718: "heavycross",
        0x25CB: "ring",
        0x25CF: "dot",
    }
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder(list(shapes))
    builder.setupCharacterMap(cmap)
    builder.setupGlyf({name: glyph(draw) for name, draw in shapes.items()})
    builder.setupHorizontalMetrics({name: (advance, 0) for name in shapes})
    builder.setupHorizontalHeader(ascent=WIN_ASCENT, descent=-WIN_DESCENT)
    builder.setupNameTable({"familyName": MARKS_FAMILY, "styleName": "Regular"})
    builder.setupOS2(
        usWinAscent=WIN_ASCENT,
        usWinDescent=WIN_DESCENT,
        sTypoAscender=1068,
        sTypoDescender=-232,
        sTypoLineGap=0,
        fsType=0,
    )
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def marks_file() -> Path:
    """The marks font (✓ ✔ ✗ ✘ ○ ●) as a TTF file in our cache folder."""
    folder = _cache_dir() / "marks"
    folder.mkdir(exist_ok=True)
    path = folder / "SammachipMarks.ttf"
    _write_atomically(path, _marks_font())
    return path


@lru_cache(maxsize=1)
def fontconfig_file() -> Path:
    """A ``fonts.conf`` naming only Sarabun's folder and the marks font's, with its own cache:
    for ``FONTCONFIG_FILE`` of the chart renderer, so chart text is Sarabun on any machine."""
    font_files()
    folder = _cache_dir()
    dirs = "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in (FILES_DIR, marks_file().parent))
    aliases = "".join(
        f"  <alias><family>{generic}</family><prefer><family>{FAMILY}</family>"
        f"<family>{MARKS_FAMILY}</family></prefer></alias>\n"
        for generic in ("sans-serif", "serif", "monospace")
    )
    conf = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"{dirs}  <cachedir>{escape(str(folder / 'fc-cache'))}</cachedir>\n{aliases}</fontconfig>\n"
    )
    path = folder / "fonts.conf"
    _write_atomically(path, conf.encode())
    return path
