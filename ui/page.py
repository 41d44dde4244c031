"""What every page shares: the title, the scope caption, the empty state, and downloads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from common.export import csv_bytes, xlsx_bytes
from common.formats import Unit, missing
from common.safe_text import literal
from figures.fit import column_widths
from metrics import tables
from metrics.scope import Scope, first_villages, village_count
from ui import access
from ui.db import cached
from ui.filters import describe
from ui.i18n import fmt_date, fmt_int, lang, t

# The Plotly modebar keeps only the picture download, always visible, named in Thai-safe ASCII.
CHART_CONFIG = {
    "displayModeBar": True,
    "displaylogo": False,
    "modeBarButtons": [["toImage"]],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "sammachip_chart"},
}

__all__ = [
    "chart_section",
    "csv_bytes",
    "has_villages",
    "header",
    "keyed_chart",
    "no_chart_data",
    "show_log",
    "show_table",
    "xlsx_bytes",
]

TABLE_ROWS = 300  # rows a long table shows at most; the rest is in its download
# Pixels a full-width table may take: the page's main column is 932 px wide on a 1280-px
# screen (or projector) with the sidebar open (ui.present.LAYOUT_CSS); a little is kept for
# the table's border.
PAGE_WIDTH = 910
CHART_VILLAGES = 40  # villages a per-village chart draws at most; above, a roll-up or a cut


def cut_note(shown: int, total: int) -> None:
    """Say that a table shows only its first rows (nothing when it shows them all)."""
    if shown < total:
        st.caption(t("scale.table_cut", shown=fmt_int(shown), total=fmt_int(total)))


def chart_scope(scope: Scope) -> Scope:
    """The scope a per-village chart draws: ``scope`` itself when it holds at most
    ``CHART_VILLAGES`` villages, else its first ``CHART_VILLAGES`` villages, with a note."""
    total = cached(village_count, scope)
    if total <= CHART_VILLAGES:
        return scope
    st.caption(t("scale.timeline_cut", shown=fmt_int(CHART_VILLAGES), total=fmt_int(total)))
    return replace(scope, villages=cached(first_villages, scope, CHART_VILLAGES))


def header(title_key: str, scope: Scope) -> None:
    st.title(t(title_key))
    st.caption(t("filters.scope_caption", scope=literal(describe(scope))))


def has_villages(scope: Scope) -> bool:
    """Whether the scope holds any village; if not, say so clearly (never an empty chart)."""
    if cached(village_count, scope) == 0:
        st.info(t("empty.scope"), icon=":material/search_off:")
        return False
    return True


def no_chart_data() -> None:
    st.info(t("empty.chart"), icon=":material/bar_chart_off:")


SECTION_KEY = "chart_section_"  # ui.present.PRINT_CSS keeps these containers on one printed page


def chart_section(title: str, caption: str, figure: go.Figure | None, *, escaped: bool = False) -> None:
    """A titled, captioned chart; a clear message instead of an empty frame when ``figure`` is None.
    ``figure`` is one just built for this call, and is escaped in place (:func:`literal_figure`
    with ``copy=False``: a copy would validate all of it again); ``escaped``: ``figure`` is
    already :func:`literal_figure`'s (a figure kept for reruns, never changed here).

    Title, caption and chart share one container, which printing keeps on one page (a heading
    left at the foot of a page with its chart on the next reads as a section without a chart)."""
    key = SECTION_KEY + hashlib.sha256(title.encode()).hexdigest()[:12]  # titles differ on a page
    with st.container(key=key):
        st.subheader(title)
        st.caption(caption)
        if figure is None:
            no_chart_data()
        else:
            shown = figure if escaped else literal_figure(figure, copy=False)
            st.plotly_chart(shown, width="stretch", config=CHART_CONFIG)


def keyed_chart(
    title: str,
    caption: str,
    draw: Callable[..., go.Figure],
    *data: pd.DataFrame,
    caption_values: Mapping[str, object] | None = None,
    **options: object,
) -> None:
    """:func:`chart_section` from the keys of its ``title`` and ``caption`` (filled with
    ``caption_values``) in ``common/strings.toml``, drawn as ``draw(*data, lang=…, **options)``,
    or the empty-chart message when the first frame of ``data`` has no row."""
    figure = None if data[0].empty else draw(*data, lang=lang(), **options)
    chart_section(t(title), t(caption, **(caption_values or {})), figure)


# Trace attributes that carry data (names of villages, groups, partners, occupations): Plotly
# draws them, in hover text and category tick labels too, through its own small HTML renderer
# (<a href>, <b>, <br> …). Templates and annotations are the chart's own text and keep theirs.
_DATA_ATTRIBUTES = ("x", "y", "z", "text", "hovertext", "customdata", "labels", "ids", "name")


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return literal(value, context="html")
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [_escaped(v) for v in value]
    return value  # numbers and numeric arrays as they are


def literal_figure(figure: go.Figure, *, copy: bool = True) -> go.Figure:
    """A copy of ``figure`` whose data strings are HTML-escaped (Plotly shows ``&lt;b&gt;`` as
    ``<b>``), and whose category orders are escaped the same way so they still match.
    ``copy=False``: ``figure`` itself, escaped in place (a figure just built for this, not shared:
    copying a figure validates it all again)."""
    out = go.Figure(figure) if copy else figure
    for trace in out.data:
        for attribute in _DATA_ATTRIBUTES:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = _escaped(trace[attribute])
    for axis in [*out.select_xaxes(), *out.select_yaxes()]:
        if axis.categoryarray is not None:
            axis.categoryarray = _escaped(axis.categoryarray)
    return out


def _shown_texts(column: pd.Series) -> list[str]:
    """What a table column's cells show, near enough to size the column (first rows only)."""
    values = column.head(TABLE_ROWS)
    if pd.api.types.is_bool_dtype(values):
        return ["✓"]
    if pd.api.types.is_numeric_dtype(values):
        return [f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}" for v in values.dropna()]
    return ["" if v is None else str(v) for v in values]


def show_table(
    frame: pd.DataFrame | Styler, *, budget: int = PAGE_WIDTH, whole: int = 1, **kwargs: object
) -> None:
    """A table tall enough to show every row when there are few (no inner scrolling for those),
    with column widths that keep every header whole and the table within ``budget`` pixels
    (:func:`figures.fit.column_widths`; a column given a pixel width keeps it, and the first
    ``whole`` columns, which name the row, are never cut).

    At most ``TABLE_ROWS`` rows are sent, with a note saying how many there are in all."""
    data = frame.data if isinstance(frame, Styler) else frame
    total = len(data)
    if not isinstance(frame, Styler) and total > TABLE_ROWS:  # never send more than a person reads
        frame = data = frame.head(TABLE_ROWS)
    height = "content" if len(data) <= 40 else 640
    config: dict[str, Any] = {
        c: st.column_config.NumberColumn(format="localized")
        for c in data.columns
        if pd.api.types.is_integer_dtype(data[c])
    }
    config.update(kwargs.pop("column_config", None) or {})
    fixed = {
        c: cfg["width"]
        for c, cfg in config.items()
        if isinstance(cfg, dict) and isinstance(cfg.get("width"), int)
    }
    # A column may show a shorter label than its name (the name stays for the downloads).
    shown = {c: (config.get(c) or {}).get("label") or str(c) for c in data.columns}
    widths = column_widths(
        {shown[c]: _shown_texts(data[c]) for c in data.columns},
        budget=budget,
        fixed={shown[c]: w for c, w in fixed.items() if c in shown},
        whole=[shown[c] for c in list(data.columns)[:whole]],
    )
    for column in data.columns:
        if column not in fixed:
            config[column] = {**(config.get(column) or {}), "width": widths[shown[column]]}
    kwargs.setdefault("placeholder", "—")
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config, **kwargs)
    cut_note(len(data), total)


LOG_KEY = "log_"  # ui.present.TABLE_CSS wraps the cells of these tables


def show_log(frame: pd.DataFrame, *, key: str) -> None:
    """A log (the import log, the audit log) as a static table whose long cells wrap onto more
    lines instead of being cut: file names, row counts, scopes and details are read whole, on a
    1280-pixel screen and in print. Every cell is shown as its own characters (st.table reads
    Markdown). At most ``TABLE_ROWS`` rows, with a note saying how many there are in all."""
    total = len(frame)
    shown = frame.head(TABLE_ROWS)
    text = pd.DataFrame(
        {
            literal(column): ["" if missing(v) else literal(v) for v in shown[column]]
            for column in shown.columns
        }
    )
    with st.container(key=LOG_KEY + key):
        st.table(text, hide_index=True)
    cut_note(len(shown), total)


def downloads(
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    stem: str,
    scope: Scope,
    sheet: str,
    key: str,
    columns: Sequence[tuple[str, str, Unit]] | None = None,
    previous: object = None,
    more_sheets: dict[str, pd.DataFrame] | None = None,
    xlsx_rows: int | None = None,
    xlsx_notes: Sequence[tuple[str, str]] = (),
) -> None:
    """CSV and Excel buttons for a page's main table (already shaped by :func:`metrics.tables.shape`,
    or worded here by ``columns`` as :func:`metrics.tables.worded` takes them; or a function that
    builds it when clicked: a national table is read and shaped only then): the scope in words,
    file names with the BE date. ``more_sheets`` go into the Excel file only; so do
    ``xlsx_notes`` (more "label, value" rows beside the scope), and the Excel sheet keeps only
    the first ``xlsx_rows`` rows when that is given (the CSV has every row)."""
    # words are fixed now (they need this session's language); the files are built on click,
    # outside the page run, from data alone
    scope_rows = [(t("download.scope"), describe(scope))]
    if previous is not None:
        scope_rows.append((t("filters.previous"), fmt_date(previous)))
    scope_sheet = t("download.sheet_scope")
    words = ui_lang()
    as_of = scope.as_of

    def built() -> pd.DataFrame:
        frame = table() if callable(table) else table
        return frame if columns is None else tables.worded(frame, columns, lang=words)

    left, right, _ = st.columns([1, 1, 3])
    access.download_button(
        t("download.csv"),
        lambda: csv_bytes(built(), preamble=scope_rows),
        file_name=tables.file_name(stem, as_of, "csv"),
        mime="text/csv",
        scope=scope,
        what=f"{stem}_csv",
        where=left,
        icon=":material/download:",
        key=f"{key}_csv",
    )
    access.download_button(
        t("download.xlsx"),
        lambda: xlsx_bytes(
            {sheet: _first(built(), xlsx_rows), **(more_sheets or {})},
            preamble=[*scope_rows, *xlsx_notes],
            preamble_sheet=scope_sheet,
        ),
        file_name=tables.file_name(stem, as_of, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        scope=scope,
        what=f"{stem}_xlsx",
        where=right,
        icon=":material/table:",
        key=f"{key}_xlsx",
    )


def _first(frame: pd.DataFrame, rows: int | None) -> pd.DataFrame:
    return frame if rows is None else frame.head(rows)


def ui_lang() -> tables.Lang:
    """The session's language as :mod:`metrics.tables` takes it."""
    return "en" if lang() == "en" else "th"
