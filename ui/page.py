"""What every page shares: the title, the scope caption, the empty state, and downloads."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from metrics.scope import Scope, first_villages, village_count
from ui.db import cached
from ui.filters import describe
from ui.i18n import t

TABLE_ROWS = 300  # rows a long table shows at most; the rest is in its download
CHART_VILLAGES = 40  # villages a per-village chart draws at most; above, a roll-up or a cut


def cut_note(shown: int, total: int) -> None:
    """Say that a table shows only its first rows (nothing when it shows them all)."""
    if shown < total:
        st.caption(t("scale.table_cut", shown=f"{shown:,}", total=f"{total:,}"))


def chart_scope(scope: Scope) -> Scope:
    """The scope a per-village chart draws: ``scope`` itself when it holds at most
    ``CHART_VILLAGES`` villages, else its first ``CHART_VILLAGES`` villages, with a note."""
    total = cached(village_count, scope)
    if total <= CHART_VILLAGES:
        return scope
    st.caption(t("scale.timeline_cut", shown=f"{CHART_VILLAGES:,}", total=f"{total:,}"))
    return replace(scope, villages=cached(first_villages, scope, CHART_VILLAGES))


def header(title_key: str, scope: Scope) -> None:
    st.title(t(title_key))
    st.caption(t("filters.scope_caption", scope=describe(scope)))


def has_villages(scope: Scope) -> bool:
    """Whether the scope holds any village; if not, say so clearly (never an empty chart)."""
    if cached(village_count, scope) == 0:
        st.info(t("empty.scope"), icon=":material/search_off:")
        return False
    return True


def no_chart_data() -> None:
    st.info(t("empty.chart"), icon=":material/bar_chart_off:")


def chart_section(title: str, caption: str, figure: go.Figure | None) -> None:
    """A titled, captioned chart; a clear message instead of an empty frame when ``figure`` is None."""
    st.subheader(title)
    st.caption(caption)
    if figure is None:
        no_chart_data()
    else:
        st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})


def show_table(frame: pd.DataFrame | Styler, **kwargs: object) -> None:
    """A table tall enough to show every row when there are few (no inner scrolling for those).

    At most ``TABLE_ROWS`` rows are sent, with a note saying how many there are in all."""
    data = frame.data if isinstance(frame, Styler) else frame
    total = len(data)
    if not isinstance(frame, Styler) and total > TABLE_ROWS:  # never send more than a person reads
        frame = data = frame.head(TABLE_ROWS)
    height = "content" if len(data) <= 40 else 640
    config = {
        c: st.column_config.NumberColumn(format="localized")
        for c in data.columns
        if pd.api.types.is_integer_dtype(data[c])
    }
    config.update(kwargs.pop("column_config", None) or {})
    kwargs.setdefault("placeholder", "—")
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config, **kwargs)
    cut_note(len(data), total)


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 BOM, so Thai opens correctly in Excel."""
    return frame.to_csv(index=False).encode("utf-8-sig")
