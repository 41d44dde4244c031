"""Measuring and breaking Thai text for fixed-width cells (PDF tables and PPTX tables).

Thai has no spaces between words, and fpdf2 (like a naive wrapper) breaks lines inside words.
We break at word boundaries from pythainlp's ``word_tokenize`` and measure with the same TLWG
font the documents embed (Laksaman), shaped by HarfBuzz, so the widths are those on paper.
"""

from __future__ import annotations

import atexit
import threading
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from pythainlp.tokenize import subword_tokenize, word_tokenize

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_NAME = "Laksaman"
FONT_FILES = {"": FONT_DIR / "Laksaman.ttf", "B": FONT_DIR / "Laksaman-Bold.ttf"}
# Symbols Laksaman lacks (→ ○ ● ◆ ✓) come from DejaVu Sans when it is installed.
FALLBACK_NAME = "DejaVuSans"
FALLBACK_FILES = {
    "": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "B": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}

_lock = threading.Lock()


def add_fonts(pdf: FPDF) -> None:
    """Register Laksaman (regular and bold) on ``pdf`` and turn on HarfBuzz text shaping."""
    for style, path in FONT_FILES.items():
        if not path.exists():
            msg = f"ไม่พบฟอนต์ภาษาไทย {path} (ติดตั้ง fonts-thai-tlwg) / Thai font missing: {path}"
            raise FileNotFoundError(msg)
        pdf.add_font(FONT_NAME, style=style, fname=str(path))
    if all(path.exists() for path in FALLBACK_FILES.values()):
        for style, path in FALLBACK_FILES.items():
            pdf.add_font(FALLBACK_NAME, style=style, fname=str(path))
        pdf.set_fallback_fonts([FALLBACK_NAME])
    pdf.set_text_shaping(True)


@lru_cache(maxsize=1)
def _ruler() -> FPDF:
    pdf = FPDF(unit="pt")
    add_fonts(pdf)
    pdf.add_page()
    atexit.register(_close_ruler, pdf)
    return pdf


def _close_ruler(pdf: FPDF) -> None:
    """fpdf2 opens fonts lazily and closes them only in ``output()``: close the ruler's."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


@lru_cache(maxsize=20_000)
def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in points at ``size`` pt in Laksaman (bold if asked)."""
    with _lock:
        pdf = _ruler()
        pdf.set_font(FONT_NAME, "B" if bold else "", size)
        return float(pdf.get_string_width(text))


def _pieces(text: str) -> list[str]:
    """Words and spaces, split where a line may break."""
    out: list[str] = []
    for chunk in text.split(" "):
        if out:
            out.append(" ")
        if chunk:
            out.extend(word_tokenize(chunk, engine="newmm", keep_whitespace=True))
    return out


def _clusters(word: str) -> list[str]:
    """Thai character clusters (a consonant with its vowels and tone marks): the places an
    over-long word may be cut without tearing a mark from its letter."""
    return subword_tokenize(word, engine="tcc") or [word]


def wrap(text: str, max_width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` points, at word boundaries; a
    single word wider than a line is cut between Thai character clusters as a last resort."""

    def fits(candidate: str) -> bool:
        return width(candidate, size, bold=bold) <= max_width

    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for piece in _pieces(paragraph):
            if fits(line + piece):
                line += piece
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            piece = piece.lstrip()
            if fits(piece):
                line = piece
                continue
            for cluster in _clusters(piece):  # one over-long word
                if line and not fits(line + cluster):
                    lines.append(line)
                    line = ""
                line += cluster
        lines.append(line.rstrip())
    return lines or [""]
