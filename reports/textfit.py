"""Measuring and breaking Thai text for fixed-width cells (PDF tables and PPTX tables).

Thai has no spaces between words, and fpdf2 (like a naive wrapper) breaks lines inside words.
We break at word boundaries from pythainlp's ``word_tokenize`` and measure with the same font
the documents embed (Sarabun, :mod:`figures.fonts`), shaped by HarfBuzz, so the widths are those
on paper.
"""

from __future__ import annotations

import atexit
import threading
from functools import lru_cache

from fpdf import FPDF
from pythainlp.tokenize import subword_tokenize, word_tokenize

from figures import fonts

FONT_NAME = fonts.FAMILY
MARKS_NAME = "SammachipMarks"

_lock = threading.Lock()


def add_fonts(pdf: FPDF) -> None:
    """Register Sarabun (regular and bold, from the ``fontpkg-sarabun`` package) on ``pdf``, our
    marks font as the fallback for ✓ ✗ ○ ● (which Sarabun lacks), and turn on HarfBuzz shaping."""
    for style, path in fonts.font_files().items():
        pdf.add_font(FONT_NAME, style=style, fname=str(path))
    marks = str(fonts.marks_file())
    pdf.add_font(MARKS_NAME, style="", fname=marks)
    pdf.set_fallback_fonts([MARKS_NAME], exact_match=False)
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
    """The width of ``text`` in points at ``size`` pt in Sarabun (bold if asked)."""
    with _lock:
        pdf = _ruler()
        pdf.set_font(FONT_NAME, "B" if bold else "", size)
        return float(pdf.get_string_width(text))


GROUP_MAX = 40  # characters: a bracketed group up to this long is kept on one line
_CLOSING = {"(": ")", "[": "]"}


def _bracket_groups(paragraph: str) -> list[tuple[str, bool]]:
    """``paragraph`` as (text, is a bracketed group) pieces: "(บาท/ปี)" with any punctuation
    right after it is one group, which a line never breaks ("(บาท/ปี" then ")" would)."""
    out: list[tuple[str, bool]] = []
    start = i = 0
    while i < len(paragraph):
        opening = paragraph[i]
        if opening in _CLOSING:
            close = paragraph.find(_CLOSING[opening], i + 1, i + GROUP_MAX + 1)
            if close != -1 and opening not in paragraph[i + 1 : close]:
                end = close + 1
                while end < len(paragraph) and paragraph[end] in ",.;:":
                    end += 1
                if start < i:
                    out.append((paragraph[start:i], False))
                out.append((paragraph[i:end], True))
                start = i = end
                continue
        i += 1
    if start < len(paragraph):
        out.append((paragraph[start:], False))
    return out


def _words(text: str) -> list[str]:
    """Words and spaces of ``text``, split where a line may break."""
    out: list[str] = []
    for k, chunk in enumerate(text.split(" ")):
        if k:
            out.append(" ")
        if chunk:
            out.extend(word_tokenize(chunk, engine="newmm", keep_whitespace=True))
    return out


def _pieces(text: str) -> list[str]:
    """Words, spaces and whole bracketed groups: the units a line is filled with."""
    out: list[str] = []
    for part, group in _bracket_groups(text):
        out.extend([part] if group else _words(part))
    return out


def _clusters(word: str) -> list[str]:
    """Thai character clusters (a consonant with its vowels and tone marks): the places an
    over-long word may be cut without tearing a mark from its letter."""
    return subword_tokenize(word, engine="tcc") or [word]


def wrap(text: str, max_width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` points, at word boundaries, with a
    bracketed group such as "(บาท/ปี)" kept whole; a single word (or group) wider than a line is
    cut between Thai character clusters as a last resort."""

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
