"""The meeting pack as an A4 landscape PDF (fpdf2 with HarfBuzz shaping, set in Sarabun).

Every page repeats the scope in its header and carries "page n/N" in its footer. Table cells
are broken at Thai word boundaries (:mod:`reports.textfit`), because fpdf2 itself would break
inside words; long tables continue on the next page under a repeated header row. When the
chart images cannot be drawn (no browser), the first page says which charts are missing and the
command that adds them, and each chart's place says so too.
"""

from __future__ import annotations

import io
from typing import Any

from fpdf import FPDF

from common.formats import fmt_date
from common.strings import text
from reports import images
from reports.data import Block, Pack, Section, Table, chart_name, charts_missing_notice, outline
from reports.images import INSTALL_COMMAND
from reports.progress import Progress, report
from reports.textfit import FONT_NAME, add_fonts, wrap

# Line height ÷ font size. Thai stacks a vowel and a tone mark above the letters and a vowel
# below: Sarabun's marks reach 1.068 em above the baseline and 0.232 em below (OS/2 typo
# metrics), its stacked marks up to its usWinAscent 1.286 em; 1.5 em keeps a line's tone marks
# clear of the line above.
LINE = 1.5
# fpdf2 centres a line on Latin letters (baseline 0.3 em below the middle). A Thai line's marks
# reach 1.068 em above the baseline and 0.232 em below, so its visual middle is 0.42 em above
# the baseline: lower text in a table cell by about 0.1 em, so a header's tone marks do not
# touch the cell's top edge.
THAI_DROP = 0.1
PAD = 3.0  # cell padding, pt
ACCENT = (31, 111, 139)
GREY = (102, 102, 102)
DARK = (34, 34, 34)
STRIPE = (244, 246, 248)
OVERDUE = (253, 236, 234)
WHITE = (255, 255, 255)
BORDER = (200, 205, 210)
LATE = (176, 42, 42)  # the notice of missing charts
PX_PER_PT = 96 / 72


class Document(FPDF):
    """An fpdf2 document in points set in Sarabun, a header with ``header_text`` and a footer
    with ``footer_text`` and the page number out of the total."""

    def __init__(
        self,
        *,
        orientation: str,
        header_text: str,
        footer_text: str,
        lang: str,
        page_format: str | tuple[float, float] = "A4",
    ) -> None:
        super().__init__(orientation=orientation, unit="pt", format=page_format)
        add_fonts(self)
        self.header_text = header_text
        self.footer_text = footer_text
        self.lang = lang
        self.set_margins(36, 54, 36)
        self.set_auto_page_break(auto=False)
        self.alias_nb_pages("{nb}")
        self.set_title(header_text)
        self.set_creator("Sammachip Chumchon dashboard")
        self.set_lang("th" if lang == "th" else "en")

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    @property
    def bottom(self) -> float:
        return self.h - 40

    def header(self) -> None:
        self.set_font(FONT_NAME, "", 9)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, 20)
        self.cell(self.content_width, 14, self.header_text, align="L")
        self.set_draw_color(*BORDER)
        self.line(self.l_margin, 38, self.w - self.r_margin, 38)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_font(FONT_NAME, "", 9)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, self.h - 30)
        self.cell(self.content_width / 2, 12, self.footer_text, align="L")
        # "{nb}" is fpdf2's alias for the page count, filled in when the document is written.
        page = text("pack.page", self.lang, n=self.page_no(), total="{nb}")
        self.cell(self.content_width / 2, 12, page, align="R")

    # --- blocks ------------------------------------------------------------------------------

    def room(self) -> float:
        return self.bottom - self.get_y()

    def heading(self, text: str, *, size: float = 20) -> None:
        self.set_font(FONT_NAME, "B", size)
        self.set_text_color(*ACCENT)
        for line in wrap(text, self.content_width, size, bold=True):
            self.set_x(self.l_margin)
            self.cell(self.content_width, size * LINE, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def lines(
        self, lines: list[str] | tuple[str, ...], *, size: float = 12, colour=DARK, bold: bool = False
    ) -> None:
        self.set_font(FONT_NAME, "B" if bold else "", size)
        self.set_text_color(*colour)
        for paragraph in lines:
            for line in wrap(paragraph, self.content_width, size, bold=bold):
                self.set_x(self.l_margin)
                self.cell(self.content_width, size * LINE, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def lines_height(self, lines: list[str] | tuple[str, ...], *, size: float = 12) -> float:
        return sum(len(wrap(t, self.content_width, size)) for t in lines) * size * LINE + 4

    def image_png(self, data: bytes, *, width: float, height: float, x: float | None = None) -> None:
        self.image(io.BytesIO(data), x=self.l_margin if x is None else x, y=self.get_y(), w=width, h=height)
        self.set_y(self.get_y() + height + 6)

    def table(
        self,
        table: Table,
        *,
        size: float = 10,
        width: float | None = None,
        on_new_page: Any = None,
    ) -> None:
        """``table`` at the cursor, wrapped at Thai word boundaries, continuing on new pages
        (``on_new_page()`` adds the page and its title)."""
        width = width or self.content_width
        on_new_page = on_new_page or self.add_page
        total = sum(table.widths)
        widths = [width * w / total for w in table.widths]
        numeric = [f not in ("text", "yes_no") for f in table.formats]
        header = [wrap(h, w - 2 * PAD, size, bold=True) for h, w in zip(table.headers, widths, strict=True)]
        header_h = max(len(c) for c in header) * size * LINE + 2 * PAD
        body = [
            [wrap(cell, w - 2 * PAD, size) for cell, w in zip(row, widths, strict=True)]
            for row in table.formatted(self.lang)
        ]
        if not body:
            self.lines([f"{table.title}: {'ไม่มีรายการ' if self.lang == 'th' else 'no rows'}"], size=size)
            return

        def draw_row(
            cells: list[list[str]], height: float, *, fill, bold: bool, colour, align_right: list[bool]
        ) -> None:
            x, y = self.l_margin, self.get_y()
            self.set_font(FONT_NAME, "B" if bold else "", size)
            self.set_text_color(*colour)
            self.set_fill_color(*fill)
            self.set_draw_color(*BORDER)
            for lines, w, right in zip(cells, widths, align_right, strict=True):
                self.rect(x, y, w, height, style="DF")
                top = y + (height - len(lines) * size * LINE) / 2
                for k, line in enumerate(lines):
                    self.set_xy(x + PAD, top + k * size * LINE + size * THAI_DROP)
                    self.cell(w - 2 * PAD, size * LINE, line, align="R" if right else "L")
                x += w
            self.set_xy(self.l_margin, y + height)

        def draw_header() -> None:
            draw_row(
                header, header_h, fill=ACCENT, bold=True, colour=WHITE, align_right=[False] * len(widths)
            )

        heights = [max(len(c) for c in row) * size * LINE + 2 * PAD for row in body]
        if self.room() < header_h + heights[0]:
            on_new_page()
        draw_header()
        for i, (cells, height) in enumerate(zip(body, heights, strict=True)):
            if self.room() < height:
                on_new_page()
                draw_header()
            shaded = bool(table.highlight) and table.highlight[i]
            fill = OVERDUE if shaded else (STRIPE if i % 2 else WHITE)
            draw_row(cells, height, fill=fill, bold=False, colour=DARK, align_right=numeric)
        self.ln(10)


def _section(doc: Document, pack: Pack, section: Section) -> None:
    more = f"{section.title} {pack.t('pack.cont')}"

    def new_page() -> None:
        doc.add_page()
        doc.heading(more)

    doc.add_page()
    doc.heading(section.title)
    for block in section.blocks:
        _block(doc, pack, block, new_page)


def _block(doc: Document, pack: Pack, block: Block, new_page: Any) -> None:
    if block.kind == "table" and block.table is not None:
        doc.table(block.table, on_new_page=new_page)
    elif block.kind == "figure" and block.figure in pack.figures:
        caption_h = doc.lines_height([block.caption], size=10)
        if doc.room() < 220 + caption_h:
            new_page()
        height = min(doc.room() - caption_h - 8, 330)
        width = doc.content_width
        image = images.png(
            pack.figures[block.figure], width=int(width * PX_PER_PT), height=int(height * PX_PER_PT)
        )
        doc.lines([block.caption], size=10, colour=GREY)
        if image is None:
            name = chart_name(block.figure, pack.lang)
            doc.lines(
                [pack.t("pack.chart_missing", chart=name, command=INSTALL_COMMAND)], size=11, colour=LATE
            )
        else:
            doc.image_png(image, width=width, height=height)
    else:
        if doc.room() < doc.lines_height(block.lines):
            new_page()
        doc.lines(block.lines)


def _cover(doc: Document, pack: Pack, *, charts: bool) -> None:
    doc.add_page()
    doc.set_y(150)
    doc.heading(pack.t("pack.title"), size=28)
    lines = [pack.place]
    if pack.scope.fiscal_year:
        lines.append(pack.t("pack.fiscal_year", year=pack.scope.fiscal_year))
    doc.lines(lines, size=20)
    doc.lines(
        [
            pack.t("pack.as_of", date=fmt_date(pack.as_of, pack.lang, long=True)),
            pack.t("pack.previous", date=fmt_date(pack.previous, pack.lang, long=True)),
        ],
        size=15,
        colour=GREY,
    )
    if not charts:
        doc.ln(12)
        doc.lines(charts_missing_notice(pack), size=12, colour=LATE)


def build_pdf(pack: Pack, *, progress: Progress | None = None, only: tuple[str, ...] | None = None) -> bytes:
    """The pack for ``pack`` as PDF bytes (A4 landscape); ``progress`` hears each section
    (phase ``pdf``, or ``charts`` while a section with a chart is drawn). ``only``: the keys
    of the sections to draw after the cover (``("followups",)``: the follow-up list alone)."""
    doc = Document(
        orientation="L",
        header_text=f"{pack.t('pack.short')} · {pack.scope_line}",
        footer_text=pack.t("pack.made"),
        lang=pack.lang,
    )
    # one bounded try at the browser before the first page, so the cover can say what is missing
    _cover(doc, pack, charts=not pack.figures or images.available())
    sections = [s for s in outline(pack) if only is None or s.key in only]
    for i, section in enumerate(sections):
        charted = any(b.kind == "figure" and b.figure in pack.figures for b in section.blocks)
        report(progress, i / len(sections), "charts" if charted else "pdf")
        _section(doc, pack, section)
    data = bytes(doc.output())
    report(progress, 1.0, "pdf")
    return data
