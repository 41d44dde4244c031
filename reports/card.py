"""The district card for LINE (issue 22 part 4): one portrait PNG, 1080 px wide, that a district
officer forwards into a LINE group.

It shows the district (name and code), the as-of date in the Buddhist era, the three headline
targets with their values and met or not (✓ ✗), the eight stages as bars (villages done, and
overdue, of the district's target villages) and the five most urgent follow-ups, ordered as the
follow-up list orders them (most overdue first, :mod:`metrics.followups`).

No personal data: a follow-up names its village (name and code) and what is to be done, never a
household, its head, an officer or a phone number; a data-quality item names the file row to
fix, not the warning's text (which may quote a cell).

Drawn as a one-page PDF in Sarabun with HarfBuzz shaping (:class:`reports.pdf_pack.Document`),
then rasterised by poppler's ``pdftoppm`` (:func:`reports.village.pdf_to_png`), as the village
card is: Thai marks land where Sarabun's OpenType tables put them on any machine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from common.formats import fmt_count, fmt_date, fmt_target, format_value, missing
from common.strings import code_label, default_as_of_words, followup_item, text, village_label
from metrics.access_scope import narrow
from metrics.changes import default_as_of
from metrics.followups import followup_page
from metrics.indicators import IndicatorValue, compute, headline
from metrics.overview import place_choices
from metrics.progress import STAGE_CODES, STAGE_COLUMNS, village_progress
from metrics.scope import Scope
from reports.data import NoDataError, place_words
from reports.pdf_pack import ACCENT, BORDER, DARK, GREY, LINE, STRIPE, WHITE, Document
from reports.textfit import FONT_NAME, wrap
from reports.village import CARD_WIDTH_PX, DONE, LATE, TODO, pdf_to_png

PAGE_WIDTH = 450.0  # pt: 1080 px / 450 pt = 2.4 px a point, so 15 pt text is 36 px tall
MARGIN = 22.0
URGENT = 5  # follow-ups the card lists
PALE = (232, 240, 243)  # the header band's small print on the accent colour
__all__ = ["DistrictError", "build_card", "card_pdf", "card_png"]


class DistrictError(NoDataError):
    """The district is not in the store, or not within the grant: the request is wrong.
    ``key`` is the label of the reason (``card.no_district``, ``card.outside``), ``code`` the
    district asked for, so a caller can say it in either language."""

    def __init__(self, key: str, code: str, lang: str = "th") -> None:
        super().__init__(text(key, lang, code=code))
        self.key = key
        self.code = code


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage on the card: how many of the district's villages did it, how many are late."""

    code: str
    done: int
    overdue: int


@dataclass(frozen=True, slots=True)
class Card:
    """What the card shows, read once from the metrics layer, then drawn (twice, see
    :func:`card_pdf`)."""

    lang: str
    place: str
    district: str
    as_of: dt.date
    as_of_default: bool
    fiscal_year: int | None
    villages: int
    kpis: tuple[IndicatorValue, ...]
    stages: tuple[Stage, ...]
    urgent: pd.DataFrame
    followups_total: int

    def t(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)


def _stages(progress: pd.DataFrame) -> tuple[Stage, ...]:
    """Per stage, the villages of ``progress`` (a :func:`village_progress` frame) that did it and
    those with its plan overdue (a village is never both: overdue means not done)."""
    late = [set(s) if s is not None else set() for s in progress["overdue_stages"]]
    return tuple(
        Stage(code, int(progress[STAGE_COLUMNS[code]].astype(bool).sum()), sum(code in s for s in late))
        for code in STAGE_CODES
    )


def gather_card(con: Any, scope: Scope, *, lang: str = "th") -> Card:
    """Read what the card for ``scope`` (a district, already narrowed to the grant) shows.
    ``scope.as_of`` defaults to the one default of every program (said in words on the card).

    Raises :class:`NoDataError` when the scope holds no target village."""
    lang = lang if lang in ("th", "en") else "th"
    chosen = scope.as_of
    as_of = chosen or default_as_of(con, scope.fiscal_year)
    progress = village_progress(con, replace(scope, as_of=as_of), today=as_of) if as_of else pd.DataFrame()
    if as_of is None or progress.empty:
        where = text("card.code", lang, code=scope.district)
        if scope.fiscal_year:
            where += " " + text("pack.fiscal_year", lang, year=scope.fiscal_year)
        raise NoDataError(text("pack.no_data", lang, scope=where))
    scope = replace(scope, as_of=as_of)
    values = {v.id: v for v in compute(con, scope)}
    urgent, followups_total = followup_page(con, scope, as_of=as_of, limit=URGENT)  # one query
    return Card(
        lang=lang,
        place=place_words(progress, scope, lang),
        district=str(scope.district),
        as_of=as_of,
        as_of_default=chosen is None,
        fiscal_year=scope.fiscal_year,
        villages=len(progress),
        kpis=tuple(values[ind.id] for ind in headline()),
        stages=_stages(progress),
        urgent=urgent,
        followups_total=followups_total,
    )


# --- drawing ---------------------------------------------------------------------------------


class _Page(Document):
    """A card page: no running header, a one-line footer, no page numbers."""

    def header(self) -> None:
        pass

    def footer(self) -> None:
        self.set_draw_color(*BORDER)
        self.line(MARGIN, self.h - 34, self.w - MARGIN, self.h - 34)
        self.set_font(FONT_NAME, "", 10)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, self.h - 28)
        self.cell(self.w - 2 * MARGIN, 15, self.footer_text, align="L")


def _page(card: Card, height: float) -> _Page:
    doc = _Page(
        orientation="P",
        header_text=f"{card.t('card.title')} · {card.place}",
        footer_text=card.t("pack.made"),
        lang=card.lang,
        page_format=(PAGE_WIDTH, height),
    )
    doc.set_margins(MARGIN, MARGIN, MARGIN)
    doc.add_page()
    return doc


def _write(
    doc: Document,
    words: str,
    *,
    x: float,
    y: float,
    width: float,
    size: float,
    bold: bool = False,
    colour: tuple[int, int, int] = DARK,
    align: str = "L",
    draw: bool = True,
) -> float:
    """``words`` wrapped at Thai word boundaries into ``width`` at (x, y); returns the height
    taken (``draw=False`` only measures)."""
    lines = wrap(words, width, size, bold=bold)
    if draw:
        doc.set_font(FONT_NAME, "B" if bold else "", size)
        doc.set_text_color(*colour)
        for k, line in enumerate(lines):
            doc.set_xy(x, y + k * size * LINE)
            doc.cell(width, size * LINE, line, align=align)
    return len(lines) * size * LINE


def _band(doc: Document, card: Card) -> None:
    """The header band: what the card is, the district and its code, the date in BE."""
    width = doc.w - 2 * MARGIN
    date = card.t("pack.as_of", date=fmt_date(card.as_of, card.lang, long=True))
    if card.as_of_default:
        date += f" ({default_as_of_words(card.lang, card.fiscal_year)})"
    facts = card.t("card.code", code=card.district)
    facts += " · " + card.t("card.villages", n=fmt_count(card.villages))
    if card.fiscal_year:
        facts += " · " + card.t("pack.fiscal_year", year=card.fiscal_year)
    parts = [
        (card.t("card.title"), 13.0, False, PALE),
        (card.place, 24.0, True, WHITE),
        (facts, 14.0, False, WHITE),
        (date, 15.0, True, WHITE),
    ]
    height = 16 + sum(
        _write(doc, s, x=0, y=0, width=width, size=z, bold=b, draw=False) for s, z, b, _ in parts
    )
    doc.set_fill_color(*ACCENT)
    doc.rect(0, 0, doc.w, height + 14, style="F")
    y = 14.0
    for words, size, bold, colour in parts:
        y += _write(doc, words, x=MARGIN, y=y, width=width, size=size, bold=bold, colour=colour)
    doc.set_y(height + 14 + 14)


def _heading(doc: Document, words: str, caption: str = "") -> None:
    width = doc.w - 2 * MARGIN
    y = doc.get_y()
    y += _write(doc, words, x=MARGIN, y=y, width=width, size=18, bold=True, colour=ACCENT)
    if caption:
        y += _write(doc, caption, x=MARGIN, y=y, width=width, size=12, colour=GREY)
    doc.set_y(y + 6)


VERDICT = {True: ("✓", "overview.kpi_met", DONE), False: ("✗", "overview.kpi_not_met", LATE)}
GAP = 8.0  # pt between the headline tiles


def _kpis(doc: Document, card: Card) -> None:
    """The headline targets as tiles side by side: the label, the value in green or red, ✓ met
    or ✗ not met, and the target."""
    _heading(doc, card.t("overview.kpis"))
    width = doc.w - 2 * MARGIN
    tiles = max(len(card.kpis), 1)
    tile = (width - GAP * (tiles - 1)) / tiles
    inner = tile - 16
    labels = [v.label_th if card.lang == "th" else v.label_en for v in card.kpis]
    label_h = max(_write(doc, s, x=0, y=0, width=inner, size=13, bold=True, draw=False) for s in labels)
    tall = 10 + label_h + (24 + 13 + 12) * LINE + 10
    top = doc.get_y()
    for k, (v, label) in enumerate(zip(card.kpis, labels, strict=True)):
        mark, verdict_key, colour = VERDICT.get(v.met, ("", "overview.kpi_no_value", GREY))
        x = MARGIN + k * (tile + GAP)
        doc.set_fill_color(*STRIPE)
        doc.set_draw_color(*BORDER)
        doc.rect(x, top, tile, tall, style="DF")
        doc.set_fill_color(*colour)
        doc.rect(x, top, tile, 5, style="F")
        y = top + 10
        _write(doc, label, x=x + 8, y=y, width=inner, size=13, bold=True)
        y += label_h
        value = format_value(v.value, v.unit, card.lang)
        y += _write(doc, value, x=x + 8, y=y, width=inner, size=24, bold=True, colour=colour)
        verdict = f"{mark} {card.t(verdict_key)}".strip()
        y += _write(doc, verdict, x=x + 8, y=y, width=inner, size=13, bold=True, colour=colour)
        target = fmt_target(v.target, v.unit, v.direction, card.lang)
        _write(
            doc, card.t("overview.kpi_target", target=target), x=x + 8, y=y, width=inner, size=12, colour=GREY
        )
    doc.set_y(top + tall + 16)


def _legend(doc: Document, card: Card) -> None:
    doc.set_font(FONT_NAME, "", 12)
    x, y = MARGIN, doc.get_y()
    for colour, key in ((DONE, "col.done"), (LATE, "stage.overdue_mark"), (TODO, "stage.not_done")):
        doc.set_fill_color(*colour)
        doc.rect(x, y + 5, 11, 11, style="F")
        words = card.t(key)
        doc.set_text_color(*DARK)
        doc.set_xy(x + 15, y)
        doc.cell(doc.get_string_width(words) + 2, 12 * LINE, words)
        x += 15 + doc.get_string_width(words) + 18
    doc.set_y(y + 12 * LINE + 6)


STAGE_SIZE = 14.0  # pt, a stage's line


def _stage_bars(doc: Document, card: Card) -> None:
    """The eight stages, one line each: the stage, a bar (green the villages done, red those
    overdue, grey the rest), and the two counts under headers that name their unit."""
    total = max(card.villages, 1)
    caption = card.t("card.stages_caption", n=fmt_count(card.villages))
    _heading(doc, card.t("card.stages"), caption)
    _legend(doc, card)
    width = doc.w - 2 * MARGIN
    done_head, late_head, unit = card.t("card.col_done"), card.t("card.col_overdue"), card.t("card.col_unit")
    doc.set_font(FONT_NAME, "B", 12)
    count_w = max(doc.get_string_width(w) for w in (done_head, late_head, unit)) + 8
    labels = [f"{i}. {code_label('stage', s.code, card.lang)}" for i, s in enumerate(card.stages, start=1)]
    doc.set_font(FONT_NAME, "B", STAGE_SIZE)
    label_w = max(doc.get_string_width(s) for s in labels) + 10
    bar_x = MARGIN + label_w
    bar_w = width - label_w - 2 * count_w - 6
    done_x = bar_x + bar_w + 6
    late_x = done_x + count_w
    y = doc.get_y()
    for head, x, colour in ((done_head, done_x, DONE), (late_head, late_x, LATE)):
        _write(doc, f"{head}\n{unit}", x=x, y=y, width=count_w, size=12, bold=True, colour=colour, align="R")
    doc.set_y(y + 2 * 12 * LINE)
    row = STAGE_SIZE * LINE
    for label, stage in zip(labels, card.stages, strict=True):
        y = doc.get_y()
        _write(doc, label, x=MARGIN, y=y, width=label_w, size=STAGE_SIZE, bold=True)
        bar_y = y + (row - 12) / 2 + 1
        doc.set_fill_color(*TODO)
        doc.rect(bar_x, bar_y, bar_w, 12, style="F")
        done_w = bar_w * stage.done / total
        if done_w:
            doc.set_fill_color(*DONE)
            doc.rect(bar_x, bar_y, done_w, 12, style="F")
        if stage.overdue:
            doc.set_fill_color(*LATE)
            doc.rect(bar_x + done_w, bar_y, bar_w * stage.overdue / total, 12, style="F")
        done = f"{fmt_count(stage.done)}/{fmt_count(card.villages)}"
        _write(doc, done, x=done_x, y=y, width=count_w, size=STAGE_SIZE, align="R")
        late = fmt_count(stage.overdue) if stage.overdue else "–"
        late_colour = LATE if stage.overdue else GREY
        _write(
            doc,
            late,
            x=late_x,
            y=y,
            width=count_w,
            size=STAGE_SIZE,
            bold=bool(stage.overdue),
            colour=late_colour,
            align="R",
        )
        doc.set_y(y + row + 4)
    doc.set_y(doc.get_y() + 10)


def _what(row: pd.Series, lang: str) -> str:
    """What a follow-up asks for, without a person: a data-quality item says which file row to
    check, not the warning (which may quote a name typed in a cell)."""
    kind = code_label("followup.kind", row["kind"], lang)
    if row["kind"] == "data_quality":
        if missing(row["source_file"]):
            return kind
        where = text(
            "followup.source",
            lang,
            file=row["source_file"],
            row="-" if missing(row["source_row"]) else int(row["source_row"]),
        )
        return f"{kind} · {text('card.check_data', lang, where=where)}"
    return f"{kind} · {followup_item(row['kind'], row['item'], row['households'], lang)}"


def _when(row: pd.Series, lang: str) -> tuple[str, tuple[int, int, int]]:
    """How late: "เลยกำหนด 349 วัน" in red; a due date still ahead in grey; nothing without one."""
    days = row["days_overdue"]
    if not missing(days) and int(days) > 0:
        return text("card.late", lang, days=format_value(int(days), "days", lang)), LATE
    if not missing(row["due"]):
        return f"{text('col.due', lang)} {fmt_date(row['due'], lang)}", GREY
    return "", GREY


def _followups(doc: Document, card: Card) -> None:
    """The most urgent follow-ups, numbered: the village (name and code) and how late on the
    first line, what is to be done on the second."""
    shown = len(card.urgent)
    caption = (
        card.t("card.followups_caption", n=fmt_count(shown), total=fmt_count(card.followups_total))
        if shown
        else ""
    )
    _heading(doc, card.t("card.followups", n=fmt_count(shown) if shown else URGENT), caption)
    width = doc.w - 2 * MARGIN
    if not shown:
        doc.set_y(
            doc.get_y()
            + _write(doc, card.t("pack.no_followups"), x=MARGIN, y=doc.get_y(), width=width, size=15)
        )
        return
    for i, (_, row) in enumerate(card.urgent.iterrows(), start=1):
        y = doc.get_y()
        when, colour = _when(row, card.lang)
        doc.set_font(FONT_NAME, "B", 14)
        when_w = doc.get_string_width(when) + 4 if when else 0.0
        where = f"{i}. {village_label(row['village_name'], row['village_code'])}"
        used = _write(doc, where, x=MARGIN, y=y, width=width - when_w - 6, size=15, bold=True)
        if when:
            _write(
                doc,
                when,
                x=MARGIN + width - when_w,
                y=y + 1,
                width=when_w,
                size=14,
                bold=True,
                colour=colour,
                align="R",
            )
        used += _write(doc, _what(row, card.lang), x=MARGIN + 20, y=y + used, width=width - 20, size=14)
        doc.set_draw_color(*BORDER)
        doc.line(MARGIN, y + used + 6, MARGIN + width, y + used + 6)
        doc.set_y(y + used + 12)
    hidden = card.followups_total - shown
    if hidden > 0:
        y = doc.get_y()
        doc.set_y(
            y
            + _write(
                doc,
                card.t("village.more", n=fmt_count(hidden)),
                x=MARGIN,
                y=y,
                width=width,
                size=13,
                colour=GREY,
            )
        )


def _draw(doc: Document, card: Card) -> float:
    _band(doc, card)
    _kpis(doc, card)
    _stage_bars(doc, card)
    _followups(doc, card)
    return doc.get_y()


def card_pdf(con: Any, scope: Scope, *, lang: str = "th") -> bytes:
    """The card for ``scope`` (a district, narrowed to the grant) as a one-page PDF as wide as
    the card: drawn once to find its height, then again on a page of that height.

    Raises :class:`NoDataError` when the scope holds no target village."""
    card = gather_card(con, scope, lang=lang)
    probe = _page(card, PAGE_WIDTH * 4)
    bottom = _draw(probe, card)
    probe.output()  # fpdf2 closes its font files only here
    height = max(bottom + 48, PAGE_WIDTH * 1.25)  # room for the footer; always portrait
    doc = _page(card, height)
    _draw(doc, card)
    return bytes(doc.output())


def card_png(con: Any, scope: Scope, *, lang: str = "th") -> bytes:
    """The card for ``scope`` (a district, narrowed to the grant) as a PNG 1080 px wide."""
    return pdf_to_png(card_pdf(con, scope, lang=lang), width=CARD_WIDTH_PX)


def district_scope(
    con: Any,
    district: str,
    *,
    as_of: dt.date | None = None,
    allowed: tuple[str, ...] | None = None,
    fiscal_year: int | None = None,
    lang: str = "th",
) -> Scope:
    """The scope of the card of ``district`` for a person whose grant is ``allowed`` (None: all).

    Raises :class:`DistrictError` when the district is outside the grant or not in the store."""
    scope, refused = narrow(Scope(district=district, fiscal_year=fiscal_year, as_of=as_of), allowed)
    if refused is not None:
        raise DistrictError("card.outside", district, lang)
    known = {code for code, _, _ in place_choices(con, Scope(allowed=scope.allowed), "district")}
    if district not in known:
        raise DistrictError("card.no_district", district, lang)
    return scope


def build_card(
    source: Any,
    district: str,
    *,
    as_of: dt.date | None = None,
    lang: str = "th",
    allowed: tuple[str, ...] | None = None,
    fiscal_year: int | None = None,
) -> bytes:
    """The district card of ``district`` (4 digits) as PNG bytes, 1080 px wide, portrait.

    ``source`` is an open store connection or the path of a store (opened read-only through
    :func:`data_loaders.store.layout.open_store`, and closed). ``allowed`` is the grant of the
    person it is for (province and district codes; None: all), applied as everywhere
    (:func:`metrics.access_scope.narrow`). ``as_of`` defaults to the latest date in the data.

    Raises :class:`DistrictError` (a :class:`NoDataError`) for a district outside ``allowed``
    or not in the store, :class:`NoDataError` when it has no target village in ``fiscal_year``.
    """
    if isinstance(source, (str, Path)):
        from data_loaders.store.layout import open_store

        con = open_store(Path(source))
        try:
            return build_card(con, district, as_of=as_of, lang=lang, allowed=allowed, fiscal_year=fiscal_year)
        finally:
            con.close()
    scope = district_scope(source, district, as_of=as_of, allowed=allowed, fiscal_year=fiscal_year, lang=lang)
    return card_png(source, scope, lang=lang)
