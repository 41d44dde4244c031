"""The evaluators' workbook: every stored table in scope, row by row (:mod:`metrics.raw`), with
the Indicators page's summary tables, and a first sheet that says what the file holds.

- Personal data is masked unless revealed; household-level tables are left out for roles that
  see aggregates only.
- Times are Bangkok time, their columns' names ending in "(Asia/Bangkok, UTC+07:00)"; the
  first sheet says so. Dates are date cells.
- No cell is ever a formula: text that starts with ``=``, ``+``, ``-`` or ``@`` gets its
  apostrophe (:func:`common.export.neutralise`).
- Bounded: raw tables for a scope of at most :data:`metrics.raw.MAX_VILLAGES` villages, at most
  :data:`metrics.raw.MAX_ROWS` rows a sheet; the first sheet says when either applies.

Written in openpyxl's write-only mode, row by row: a province's tables are a few hundred
thousand rows.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from common.export import cell_for_excel, sheet_title
from common.formats import fmt_count, fmt_date
from common.strings import text
from data_loaders.contract.schema import TABLES_BY_NAME
from metrics import raw
from metrics.scope import Scope, village_count


def _bold(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=cell_for_excel(value))
    cell.font = Font(bold=True)
    return cell


def _write(sheet: Any, frame: pd.DataFrame) -> None:
    sheet.append([_bold(sheet, str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([cell_for_excel(v) for v in row])


def evaluators_workbook(
    con: Any,
    scope: Scope,
    *,
    scope_words: str,
    lang: str = "th",
    reveal: bool = False,
    household_rows: bool = True,
    summaries: Mapping[str, pd.DataFrame | Callable[[], pd.DataFrame]] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The workbook as .xlsx bytes: a read-me sheet, the raw tables in ``scope`` (named as in
    the data contract: ``villages``, ``households`` …), then ``summaries`` (sheet name → table,
    or a function that reads it, called now: the page's long lists are read only on click).

    ``scope_words`` is the scope as the page says it; ``household_rows`` False leaves out
    :data:`metrics.raw.HOUSEHOLD_TABLES`; ``now`` (UTC) is when it was made (default: now).
    """
    villages = village_count(con, scope)
    offered = villages <= raw.MAX_VILLAGES
    names = [t for t in raw.RAW_TABLES if household_rows or t not in raw.HOUSEHOLD_TABLES] if offered else []
    tables: dict[str, tuple[pd.DataFrame, int]] = {}
    for name in names:
        frame = raw.raw_table(con, scope, name, reveal=reveal, limit=raw.MAX_ROWS + 1)
        total = raw.raw_count(con, scope, name) if len(frame) > raw.MAX_ROWS else len(frame)
        tables[name] = (raw.bangkok_times(frame.head(raw.MAX_ROWS)), total)
    extra = {
        name: raw.bangkok_times(frame() if callable(frame) else frame)
        for name, frame in (summaries or {}).items()
    }

    made = pd.Timestamp(now or dt.datetime.now(dt.UTC))
    made = (made if made.tzinfo else made.tz_localize("UTC")).tz_convert(raw.TIMEZONE)
    lines: list[tuple[str, str]] = [
        (text("download.scope", lang), scope_words),
        (text("raw.as_of", lang), fmt_date(scope.as_of, lang, long=True) if scope.as_of else "—"),
        (text("raw.made_at", lang), f"{made:%Y-%m-%d %H:%M}{raw.ZONE_SUFFIX}"),
        (text("raw.times_label", lang), text("raw.times", lang)),
        (text("raw.privacy_label", lang), text("raw.revealed" if reveal else "raw.masked", lang)),
    ]
    if not offered:
        lines.append(
            (
                text("raw.limits_label", lang),
                text("raw.too_big", lang, n=fmt_count(villages), max=fmt_count(raw.MAX_VILLAGES)),
            )
        )
    elif not household_rows:
        lines.append((text("raw.limits_label", lang), text("raw.withheld", lang)))

    book = Workbook(write_only=True)
    readme = book.create_sheet(sheet_title(text("raw.sheet_readme", lang)))
    readme.column_dimensions["A"].width = 22  # set before the first row (write-only)
    readme.column_dimensions["B"].width = 60
    readme.append([_bold(readme, text("raw.title", lang))])
    readme.append([])
    for label, value in lines:
        readme.append([_bold(readme, label), cell_for_excel(value)])
    readme.append([])
    readme.append([_bold(readme, text(f"raw.col.{c}", lang)) for c in ("sheet", "about", "rows", "note")])
    for name, (frame, total) in tables.items():
        about = TABLES_BY_NAME[name].label_th if lang == "th" else name.replace("_", " ")
        cut = (
            text("raw.rows_cut", lang, shown=fmt_count(len(frame)), total=fmt_count(total))
            if total > len(frame)
            else ""
        )
        readme.append([cell_for_excel(name), cell_for_excel(about), len(frame), cell_for_excel(cut)])
    for name, frame in extra.items():
        readme.append([cell_for_excel(name), cell_for_excel(text("raw.summary", lang)), len(frame), None])

    for name, (frame, _) in tables.items():
        _write(book.create_sheet(sheet_title(name)), frame)
    for name, frame in extra.items():
        _write(book.create_sheet(sheet_title(name)), frame)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
