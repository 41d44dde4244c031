"""Village one-pagers for village heads: stages, team, income change, groups, links and
follow-ups on one A4 portrait page; a district gives one page per village in one PDF. The PNG
card for LINE (1080 px wide) is the PDF page rasterised by poppler's ``pdftoppm``, because
Pillow without libraqm cannot shape Thai.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from common.formats import Unit, fmt_count, fmt_date, fmt_share
from common.strings import code_label, followup_text, text
from metrics.changes import default_as_of
from metrics.followups import followups
from metrics.income import income_rollup
from metrics.networks import five_k_scores, links
from metrics.progress import STAGE_CODES, STAGE_COLUMNS, village_progress
from metrics.scope import Scope
from metrics.trainers import trainer_list
from reports.data import NoDataError, Table, place_words
from reports.pdf_pack import DARK, GREY, WHITE, Document
from reports.progress import Progress, report
from reports.textfit import FONT_NAME

CARD_WIDTH_PX = 1080
DONE, LATE, TODO = (46, 125, 50), (198, 40, 40), (224, 224, 224)
MAX_ROWS = {"team": 7, "groups": 5, "links": 6, "followups": 6}


def _villages(con: Any, scope: Scope, as_of: dt.date | None, lang: str) -> tuple[pd.DataFrame, dt.date]:
    as_of = as_of or default_as_of(con)  # the one default of every program, not the village's own
    progress = village_progress(con, replace(scope, as_of=as_of), today=as_of) if as_of else pd.DataFrame()
    if as_of is None or progress.empty:
        code = scope.villages[0] if scope.villages else scope.district
        raise NoDataError(text("village.not_found", lang, code=code))
    return progress.sort_values("village_code"), as_of


def _table(
    key: str,
    title_key: str,
    lang: str,
    headers: list[str],
    formats: list[Unit],
    widths: list[float],
    rows: list[tuple],
    limit: int,
) -> tuple[Table, int]:
    shown = rows[:limit]
    return (
        Table(
            key,
            text(title_key, lang),
            tuple(text(h, lang) for h in headers),
            tuple(formats),
            tuple(widths),
            tuple(shown),
        ),
        len(rows) - len(shown),
    )


def _skills(value: Any) -> str:
    if value is None or isinstance(value, float):
        return "—"
    if isinstance(value, str):
        return value or "—"
    return ", ".join(str(v) for v in value) or "—"


def _stages(doc: Document, row: pd.Series, lang: str) -> None:
    overdue = set(row["overdue_stages"] if row["overdue_stages"] is not None else [])
    gap = 6.0
    box_w = (doc.content_width - 3 * gap) / 4
    box_h = 44.0
    top = doc.get_y()
    for i, stage in enumerate(STAGE_CODES):
        done = bool(row[STAGE_COLUMNS[stage]])
        colour = DONE if done else LATE if stage in overdue else TODO
        x = doc.l_margin + (i % 4) * (box_w + gap)
        y = top + (i // 4) * (box_h + gap)
        doc.set_fill_color(*colour)
        doc.rect(x, y, box_w, box_h, style="F")
        ink = WHITE if colour != TODO else DARK
        doc.set_text_color(*ink)
        doc.set_font(FONT_NAME, "B", 11)
        doc.set_xy(x + 6, y + 5)
        doc.cell(box_w - 12, 14, f"{i + 1}. {code_label('stage', stage, lang)}")
        doc.set_font(FONT_NAME, "", 10)
        doc.set_xy(x + 6, y + 23)
        state = "col.done" if done else "stage.overdue_mark" if stage in overdue else "stage.not_done"
        doc.cell(box_w - 12, 14, text(state, lang))
    doc.set_y(top + 2 * box_h + gap + 10)


def _more(doc: Document, hidden: int, lang: str) -> None:
    if hidden > 0:
        doc.lines([text("village.more", lang, n=fmt_count(hidden))], size=9, colour=GREY)


def _page(doc: Document, con: Any, scope: Scope, row: pd.Series, as_of: dt.date, lang: str) -> None:
    code = row["village_code"]
    one = replace(scope, villages=(code,), as_of=as_of)
    doc.header_text = (
        f"{text('village.title', lang)} · {text('pack.as_of', lang, date=fmt_date(as_of, lang, long=True))}"
    )
    doc.add_page()
    doc.heading(place_words(pd.DataFrame([row]), one, lang), size=18)
    doc.lines(
        [
            f"{code_label('status', row['status'], lang)} · {int(row['stages_done'])}/8 · {text('pack.as_of', lang, date=fmt_date(as_of, lang, long=True))}"
        ],
        size=11,
        colour=GREY,
    )

    doc.heading(text("village.stages", lang), size=13)
    _stages(doc, row, lang)

    doc.heading(text("village.team", lang), size=13)
    team = trainer_list(con, one)
    table, hidden = _table(
        "team",
        "village.team",
        lang,
        ["col.name", "col.role", "col.skills"],
        ["text", "text", "text"],
        [2.0, 1.0, 3.0],
        [(r["name"], code_label("role", r["role"], lang), _skills(r["skills"])) for _, r in team.iterrows()],
        MAX_ROWS["team"],
    )
    if table.rows:
        doc.table(table, size=9.5, on_new_page=doc.add_page)
    else:
        doc.lines([text("village.none", lang)], size=10)
    _more(doc, hidden, lang)

    doc.heading(text("village.income", lang), size=13)
    income = income_rollup(con, one, "village")
    if income.empty:
        doc.lines([text("village.none", lang)], size=10)
    else:
        r = income.iloc[0]
        doc.lines(
            [
                text(
                    "village.income_summary",
                    lang,
                    households=fmt_count(r["households"]),
                    with_change=fmt_count(r["households_with_change"]),
                    baseline=fmt_count(r["mean_baseline_income"]),
                    latest=fmt_count(r["mean_latest_income"]),
                    change=fmt_share(r["income_increase_pct"], lang, signed=True),
                    practising=fmt_share(r["practising_share"], lang),
                )
            ],
            size=10.5,
        )

    doc.heading(text("village.groups", lang), size=13)
    groups = five_k_scores(con, one)
    linked = links(con, one)
    partners = {
        gid: ", ".join(
            f"{code_label('network', n, lang)}: {p}"
            for n, p in zip(rows["network"], rows["partner_name"], strict=True)
        )
        for gid, rows in linked.groupby("group_id")
    }
    table, hidden = _table(
        "groups",
        "village.groups",
        lang,
        ["col.group", "col.members", "col.score", "col.partner"],
        ["text", "count", "count", "text"],
        [2.4, 0.8, 0.8, 3.4],
        [
            (r["group_name"], int(r["members"]), int(r["score"]), partners.get(r["group_id"], "—"))
            for _, r in groups.iterrows()
        ],
        MAX_ROWS["groups"],
    )
    if table.rows:
        doc.table(table, size=9.5, on_new_page=doc.add_page)
    else:
        doc.lines([text("village.none", lang)], size=10)
    _more(doc, hidden, lang)

    doc.heading(text("village.followups", lang), size=13)
    follow = followups(con, one, as_of=as_of)
    follow = follow[follow["village_code"] == code] if len(follow) else follow
    table, hidden = _table(
        "followups",
        "village.followups",
        lang,
        ["col.item", "col.due", "col.days_overdue", "col.officer"],
        ["text", "date", "days", "text"],
        [3.2, 1.2, 1.0, 1.6],
        [
            (
                followup_text(r, lang),
                r["due"],
                r["days_overdue"],
                r["officer_name"],
            )
            for _, r in follow.iterrows()
        ],
        MAX_ROWS["followups"],
    )
    if table.rows:
        doc.table(table, size=9.5, on_new_page=doc.add_page)
    else:
        doc.lines([text("pack.no_followups", lang)], size=10)
    _more(doc, hidden, lang)


def _document(lang: str, page_format: str | tuple[float, float] = "A4") -> Document:
    return Document(
        orientation="P",
        header_text="",
        footer_text=text("pack.made", lang),
        lang=lang,
        page_format=page_format,
    )


def village_pdf(
    con: Any,
    scope: Scope,
    *,
    as_of: dt.date | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> bytes:
    """One A4 page per village of ``scope`` (a village, or every village of a district);
    ``progress`` hears each page (phase ``pages``)."""
    villages, as_of = _villages(con, scope, as_of, lang)
    doc = _document(lang)
    for i, (_, row) in enumerate(villages.iterrows()):
        report(progress, i / len(villages), "pages")
        _page(doc, con, scope, row, as_of, lang)
    data = bytes(doc.output())
    report(progress, 1.0, "pages")
    return data


def village_zip(
    con: Any,
    scope: Scope,
    *,
    as_of: dt.date | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> bytes:
    """Every village of ``scope`` (a district's, say) as its own one-page PDF, named by its
    village code (``30170101.pdf``), in one ZIP; ``progress`` hears each village (phase
    ``pages``), then ``zip`` and ``done``."""
    villages, as_of = _villages(con, scope, as_of, lang)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i, (_, row) in enumerate(villages.iterrows()):
            report(progress, 0.95 * i / len(villages), "pages")
            doc = _document(lang)
            _page(doc, con, scope, row, as_of, lang)
            archive.writestr(f"{row['village_code']}.pdf", bytes(doc.output()))
        report(progress, 0.95, "zip")
    report(progress, 1.0, "done")
    return out.getvalue()


def village_png(con: Any, scope: Scope, *, as_of: dt.date | None = None, lang: str = "th") -> bytes:
    """The first village of ``scope`` as a PNG card 1080 px wide (for LINE), cut to its content:
    drawn once on an A4-wide page to find its height, then again on a page of that height."""
    progress, as_of = _villages(con, scope, as_of, lang)
    row = progress.iloc[0]
    one = replace(scope, villages=(row["village_code"],), district=None)
    probe = _document(lang)
    _page(probe, con, one, row, as_of, lang)
    height = max(probe.get_y() + 50, probe.w * 0.75)  # room for the footer; not thinner than 4:3
    probe.output()  # fpdf2 closes its font files only here
    doc = _document(lang, (probe.w, height))
    _page(doc, con, one, row, as_of, lang)
    return pdf_to_png(bytes(doc.output()), width=CARD_WIDTH_PX)


def pdf_to_png(pdf: bytes, *, width: int) -> bytes:
    """The first page of ``pdf`` as a PNG ``width`` pixels wide (poppler's pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        msg = "ไม่พบ pdftoppm (ติดตั้ง poppler-utils) / pdftoppm not found (install poppler-utils)"
        raise FileNotFoundError(msg)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        subprocess.run(  # noqa: S603 - fixed tool, our own file
            [
                tool,
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                "-scale-to-x",
                str(width),
                "-scale-to-y",
                "-1",
                str(source),
                str(Path(folder) / "card"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return (Path(folder) / "card.png").read_bytes()
