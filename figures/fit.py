"""Fitting text into a 1280-pixel screen, without Streamlit: estimated text widths, table column
widths that keep every header whole and the table inside the page, and chart labels broken
at Thai word boundaries.

Widths are estimates in CSS pixels, on the generous side. They were checked against Chromium's
canvas ``measureText`` with the dashboard's table font (Source Sans, Thai from the system
fallback, 14 px): "ความก้าวหน้า" measures 85 px (estimated 90), "Households per trainer"
134 px (estimated 148), "บ้านสมมุติดอนสามัคคี (30170512)" 201 px (estimated 207). Thai vowels
and tone marks above or below a letter take no width of their own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

# Thai marks drawn above or below the letter before them (no advance of their own).
_THAI_MARKS = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
_WIDE = frozenset("MWmw%@")
_NARROW = frozenset("ilIjtf.,:;|!'()[] ")

CELL_PADDING = 20  # px: the table grid's padding left and right of a cell's text, and a border
MIN_COLUMN = 36  # px: narrow enough for a mark (✓) or a one-digit header


def text_width(text: object, *, size: float = 14, bold: bool = False) -> float:
    """The estimated width of ``text`` in pixels at ``size`` px (one line)."""
    return _ems(str(text)) * size * (1.05 if bold else 1.0)


@lru_cache(maxsize=65_536)  # a table's cells repeat (district and tambon names, statuses)
def _ems(text: str) -> float:
    ems = 0.0
    for ch in text:
        if ch in _THAI_MARKS:
            continue
        if "\u0e00" <= ch <= "\u0e7f" or ch in _WIDE or ch.isupper():
            ems += 0.64
        elif ch in _NARROW:
            ems += 0.3
        else:
            ems += 0.53
    return ems


def column_widths(
    columns: Mapping[str, Iterable[object]],
    *,
    budget: float,
    fixed: Mapping[str, int] | None = None,
    whole: Iterable[str] = (),
    size: float = 14,
) -> dict[str, int]:
    """Pixel widths for the columns of a table (header → the texts its cells show) so that
    every header shows whole and, where the table would be wider than ``budget`` pixels, the
    columns with the longest texts give way first (their cells are cut, never a header).

    ``fixed`` columns keep their given width and count against the budget; ``whole`` columns
    (the one that names a row, say) keep the width of their longest text, unless the other
    headers would not fit beside them. If the headers alone are wider than the budget, each
    column gets its header's width and the table is too wide: shorten the headers.
    """
    fixed = dict(fixed or {})
    header: dict[str, float] = {}
    need: dict[str, float] = {}
    for name, cells in columns.items():
        if name in fixed:
            continue
        header[name] = max(text_width(name, size=size, bold=True) + CELL_PADDING, MIN_COLUMN)
        widest = max((text_width(c, size=size) for c in cells), default=0.0)
        need[name] = max(header[name], widest + CELL_PADDING)
    keep = {name: need[name] for name in whole if name in need}
    if sum(fixed.values()) + sum(keep.values()) + sum(h for n, h in header.items() if n not in keep) > budget:
        keep = {}  # no room to keep them whole: they give way like the others
    for name, width in keep.items():
        fixed[name] = math.ceil(width)
        del need[name], header[name]
    room = budget - sum(fixed.values())
    if sum(need.values()) > room:
        # The widest cap C with Σ max(header, min(need, C)) ≤ room, by bisection.
        low, high = 0.0, max(need.values(), default=0.0)
        for _ in range(40):
            cap = (low + high) / 2
            if sum(max(header[n], min(need[n], cap)) for n in need) <= room:
                low = cap
            else:
                high = cap
        need = {n: max(header[n], min(need[n], low)) for n in need}
    widths = {name: math.ceil(w) for name, w in need.items()}
    return {name: fixed[name] if name in fixed else widths[name] for name in columns}


@lru_cache(maxsize=4096)
def wrap_label(text: str, max_width: float, *, size: float = 13) -> str:
    """A chart label broken into lines (joined by Plotly's ``<br>``) no wider than
    ``max_width`` pixels where possible, at spaces and Thai word boundaries (pythainlp); a
    number stays on the line of the word after it ("ติดตาม<br>12 เดือน")."""
    chunks: list[str] = []
    for chunk in str(text).split(" "):
        if chunks and chunks[-1][-1:].isdigit():  # a number stays with its unit: "12 เดือน"
            chunks[-1] += " " + chunk
        else:
            chunks.append(chunk)
    words: list[str] = []
    for i, chunk in enumerate(chunks):
        if i:
            words.append(" ")
        pieces = chunk.split(" ", 1)
        if len(pieces) == 2:  # "12 เดือน": the number and its first word as one piece
            first, *rest = word_tokenize(pieces[1], engine="newmm") or [""]
            words.extend([f"{pieces[0]} {first}", *rest])
        elif chunk:
            words.extend(word_tokenize(chunk, engine="newmm"))
    lines: list[str] = []
    line = ""
    for word in words:
        if line.strip() and text_width(line + word, size=size) > max_width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    lines.append(line.rstrip())
    return "<br>".join(part for part in lines if part)
