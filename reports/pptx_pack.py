"""The meeting pack as a 16:9 PowerPoint deck (python-pptx).

Every run of text is set in Sarabun (:mod:`figures.fonts`) for Latin, East-Asian and
complex-script text alike, so PowerPoint and LibreOffice shape Thai with a Thai font. Tables are real tables: cell text is
broken at Thai word boundaries ahead of time and row heights are computed from it, so a table
never runs off the slide; long tables continue on the next slides. Charts are PNG images of
the same Plotly figures as the pages, rendered by kaleido; when they cannot be drawn, the title
slide and each chart's place say which are missing and the command that adds them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from common.formats import fmt_date
from reports import images
from reports.data import Block, Pack, Section, Table, chart_name, charts_missing_notice, outline
from reports.images import INSTALL_COMMAND
from reports.progress import Progress, report
from reports.textfit import FONT_NAME, wrap

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in, PowerPoint 16:9
MARGIN = Inches(0.45)
CONTENT_TOP = Inches(1.4)
CONTENT_BOTTOM = SLIDE_H - Inches(0.5)
BODY_PT, TABLE_PT, HEADER_PT = 16, 12, 12
CELL_PAD_PT = 4.0  # left/right and top/bottom cell margins
# Line height ÷ font size at single spacing: Sarabun's usWinAscent + usWinDescent is
# (1286 + 567) / 1000 = 1.853 em (room for Thai marks above and below), and PowerPoint and
# LibreOffice lay lines out by it; rounded up to leave a little slack.
LINE_FACTOR = 1.9
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x66, 0x66, 0x66)
ACCENT = RGBColor(0x1F, 0x6F, 0x8B)
OVERDUE_FILL = RGBColor(0xFD, 0xEC, 0xEA)
HEADER_FILL = RGBColor(0x1F, 0x6F, 0x8B)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
STRIPE = RGBColor(0xF4, 0xF6, 0xF8)
LATE = RGBColor(0xB0, 0x2A, 0x2A)  # the notice of missing charts
MIN_FIGURE = Inches(2.8)


def _thai_font(run, *, size: float, bold: bool = False, colour: RGBColor = DARK) -> None:
    """Sarabun on every script slot of a run (latin, ea, cs) and Thai as its language."""
    font = run.font
    font.name = FONT_NAME
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = colour
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "th-TH")
    rpr.set("altLang", "en-US")
    for tag in ("a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    latin = rpr.find(qn("a:latin"))
    index = list(rpr).index(latin) + 1 if latin is not None else len(rpr)
    for offset, tag in enumerate(("a:ea", "a:cs")):
        element = etree.SubElement(rpr, qn(tag))
        element.set("typeface", FONT_NAME)
        rpr.remove(element)
        rpr.insert(index + offset, element)


def _lines(
    frame, lines: list[str], *, size: float, bold: bool = False, colour: RGBColor = DARK, align=None
) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        paragraph.line_spacing = 1.0
        run = paragraph.add_run()
        run.text = line
        _thai_font(run, size=size, bold=bold, colour=colour)


def _textbox(
    slide, x, y, w, h, lines: list[str], *, size: float, bold: bool = False, colour=DARK, align=None
):
    box = slide.shapes.add_textbox(x, y, w, h)
    frame = box.text_frame
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    _lines(frame, lines, size=size, bold=bold, colour=colour, align=align)
    return box


@dataclass
class _Deck:
    pack: Pack
    prs: Presentation
    slide: object = None
    y: int = 0

    def new_slide(self, title: str) -> None:
        self.slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        number = len(self.prs.slides)
        width = SLIDE_W - 2 * MARGIN
        _textbox(
            self.slide, MARGIN, Inches(0.16), width, Inches(0.72), [title], size=24, bold=True, colour=ACCENT
        )
        _textbox(
            self.slide, MARGIN, Inches(0.9), width, Inches(0.38), [self.pack.scope_line], size=12, colour=GREY
        )
        _textbox(
            self.slide,
            MARGIN,
            SLIDE_H - Inches(0.44),
            width,
            Inches(0.36),
            [f"{self.pack.t('pack.short')} · {number}"],
            size=10,
            colour=GREY,
            align=PP_ALIGN.RIGHT,
        )
        self.y = CONTENT_TOP

    @property
    def room(self) -> int:
        return CONTENT_BOTTOM - self.y


def _line_height(size: float) -> int:
    return Pt(size * LINE_FACTOR)


def _cell_lines(
    table: Table, widths: list[int], rows: list[list[str]], *, bold: bool
) -> list[list[list[str]]]:
    size = HEADER_PT if bold else TABLE_PT
    return [
        [
            wrap(cell, Emu(w).pt - 2 * CELL_PAD_PT - 2, size, bold=bold)
            for cell, w in zip(row, widths, strict=True)
        ]
        for row in rows
    ]


def _row_height(cells: list[list[str]], size: float) -> int:
    lines = max(len(c) for c in cells)
    return Pt(lines * size * LINE_FACTOR + 2 * CELL_PAD_PT + 2)


def _fill_cell(
    cell, lines: list[str], *, size: float, bold: bool, colour=DARK, fill=None, align=None
) -> None:
    cell.margin_left = cell.margin_right = Pt(CELL_PAD_PT)
    cell.margin_top = cell.margin_bottom = Pt(CELL_PAD_PT / 2)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.clear()
    _lines(frame, lines, size=size, bold=bold, colour=colour, align=align)
    if fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill
    else:
        cell.fill.background()


def _add_table(deck: _Deck, table: Table, section: Section) -> None:
    """Add ``table`` at the deck's cursor, continuing on new slides as needed."""
    width = SLIDE_W - 2 * MARGIN
    total = sum(table.widths)
    widths = [int(width * w / total) for w in table.widths]
    widths[-1] = width - sum(widths[:-1])
    header = _cell_lines(table, widths, [list(table.headers)], bold=True)[0]
    header_h = _row_height(header, HEADER_PT)
    body = _cell_lines(table, widths, table.formatted(deck.pack.lang), bold=False)
    heights = [_row_height(cells, TABLE_PT) for cells in body]
    numeric = [f not in ("text", "yes_no") for f in table.formats]
    if not body:
        _add_lines(deck, Block("lines", lines=(f"{table.title}: {deck.pack.t('empty.rows')}",)), section)
        return
    more = f"{section.title} {deck.pack.t('pack.cont')}"
    start = 0
    while start < len(body):
        if deck.room < header_h + heights[start] + Inches(0.1):
            deck.new_slide(more)
        end, used = start, header_h
        while end < len(body) and used + heights[end] <= deck.room:
            used += heights[end]
            end += 1
        if end == start:  # one row taller than a whole slide: give it the slide anyway
            used += heights[end]
            end += 1
        shape = deck.slide.shapes.add_table(end - start + 1, len(widths), MARGIN, deck.y, width, used)
        grid = shape.table
        grid.first_row = True
        for j, w in enumerate(widths):
            grid.columns[j].width = w
        grid.rows[0].height = header_h
        for j, lines in enumerate(header):
            _fill_cell(grid.cell(0, j), lines, size=HEADER_PT, bold=True, colour=WHITE, fill=HEADER_FILL)
        for i in range(start, end):
            row = grid.rows[i - start + 1]
            row.height = heights[i]
            shaded = bool(table.highlight) and table.highlight[i]
            for j, lines in enumerate(body[i]):
                _fill_cell(
                    grid.cell(i - start + 1, j),
                    lines,
                    size=TABLE_PT,
                    bold=False,
                    fill=OVERDUE_FILL if shaded else (STRIPE if i % 2 else WHITE),
                    align=PP_ALIGN.RIGHT if numeric[j] else None,
                )
        deck.y += used + Inches(0.2)
        start = end
        if start < len(body):
            deck.new_slide(more)


def _add_figure(deck: _Deck, block: Block, section: Section) -> None:
    if deck.room < MIN_FIGURE + Inches(0.4):
        deck.new_slide(f"{section.title} {deck.pack.t('pack.cont')}")
    width = SLIDE_W - 2 * MARGIN
    caption = wrap(block.caption, Emu(width).pt - 10, 12) if block.caption else []
    caption_h = Pt(len(caption) * 12 * LINE_FACTOR + 6) if caption else 0
    height = min(deck.room - caption_h - Inches(0.1), Inches(5.2))
    if caption:
        _textbox(deck.slide, MARGIN, deck.y, width, caption_h, caption, size=12, colour=GREY)
        deck.y += caption_h
    image = images.png(
        deck.pack.figures[block.figure],
        width=int(Emu(width).inches * 96),
        height=int(Emu(height).inches * 96),
    )
    if image is None:
        name = chart_name(block.figure, deck.pack.lang)
        missing = deck.pack.t("pack.chart_missing", chart=name, command=INSTALL_COMMAND)
        lines = wrap(missing, Emu(width).pt - 10, BODY_PT)
        box_h = Pt(len(lines) * BODY_PT * LINE_FACTOR + 8)
        _textbox(deck.slide, MARGIN, deck.y, width, box_h, lines, size=BODY_PT, colour=LATE)
        deck.y += box_h + Inches(0.1)
        return
    deck.slide.shapes.add_picture(io.BytesIO(image), MARGIN, deck.y, width, height)
    deck.y += height + Inches(0.15)
    # a figure fills the slide: what follows starts on a new one
    deck.new_slide(f"{section.title} {deck.pack.t('pack.cont')}")


def _add_lines(deck: _Deck, block: Block, section: Section) -> None:
    width = SLIDE_W - 2 * MARGIN
    wrapped = [piece for line in block.lines for piece in wrap(line, Emu(width).pt - 10, BODY_PT)]
    height = Pt(len(wrapped) * BODY_PT * LINE_FACTOR + 8)
    if deck.room < height:
        deck.new_slide(f"{section.title} {deck.pack.t('pack.cont')}")
    _textbox(deck.slide, MARGIN, deck.y, width, height, wrapped, size=BODY_PT)
    deck.y += height + Inches(0.1)


def _title_slide(prs: Presentation, pack: Pack, *, charts: bool) -> None:
    """Title, scope in words, the as-of date in Buddhist era and the last meeting, stacked by
    their wrapped line heights so nothing overlaps."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    width = SLIDE_W - 2 * Inches(1)
    band = slide.shapes.add_shape(1, 0, 0, SLIDE_W, Inches(0.35))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    place = [pack.place]
    if pack.scope.fiscal_year:
        place.append(pack.t("pack.fiscal_year", year=pack.scope.fiscal_year))
    dates = [
        pack.t("pack.as_of", date=fmt_date(pack.as_of, pack.lang, long=True)),
        pack.t("pack.previous", date=fmt_date(pack.previous, pack.lang, long=True)),
    ]
    y = Inches(1.1)
    for lines, size, bold, colour in (
        ([pack.t("pack.title")], 34, True, ACCENT),
        (place, 26, False, DARK),
        (dates, 20, False, GREY),
    ):
        wrapped = [piece for line in lines for piece in wrap(line, Emu(width).pt - 10, size, bold=bold)]
        height = Pt(len(wrapped) * size * LINE_FACTOR + 6)
        _textbox(slide, Inches(1), y, width, height, wrapped, size=size, bold=bold, colour=colour)
        y += height + Inches(0.2)
    if not charts:
        notice = [
            piece for line in charts_missing_notice(pack) for piece in wrap(line, Emu(width).pt - 10, 14)
        ]
        height = Pt(len(notice) * 14 * LINE_FACTOR + 6)
        _textbox(slide, Inches(1), y, width, height, notice, size=14, colour=LATE)
    _textbox(
        slide,
        Inches(1),
        SLIDE_H - Inches(0.9),
        width,
        Inches(0.4),
        [pack.t("pack.made")],
        size=12,
        colour=GREY,
    )


def build_pptx(pack: Pack, *, progress: Progress | None = None) -> bytes:
    """The deck for ``pack`` as .pptx bytes; ``progress`` hears each section (phase ``pptx``,
    or ``charts`` while a chart is drawn)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    # one bounded try at the browser first, so the title slide can say what is missing
    _title_slide(prs, pack, charts=not pack.figures or images.available())
    deck = _Deck(pack, prs)
    sections = outline(pack)
    for i, section in enumerate(sections):
        report(progress, i / len(sections), "pptx")
        deck.new_slide(section.title)
        for block in section.blocks:
            if block.kind == "table" and block.table is not None:
                _add_table(deck, block.table, section)
            elif block.kind == "figure":
                report(progress, i / len(sections), "charts")
                _add_figure(deck, block, section)
            else:
                _add_lines(deck, block, section)
        _drop_empty_last(deck)
    out = io.BytesIO()
    prs.save(out)
    report(progress, 1.0, "pptx")
    return out.getvalue()


def _drop_empty_last(deck: _Deck) -> None:
    """Remove a trailing slide that got only its header (title, scope, number)."""
    if deck.slide is not None and deck.y == CONTENT_TOP and len(deck.slide.shapes) == 3:
        slides = deck.prs.slides._sldIdLst
        last = slides[-1]
        deck.prs.part.drop_rel(last.rId)
        slides.remove(last)


def write_pptx(pack: Pack, path: Path) -> None:
    path.write_bytes(build_pptx(pack))
