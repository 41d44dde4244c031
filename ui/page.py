"""What every page shares: the title, the scope caption, the empty state, and downloads."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from metrics.export import csv_bytes, xlsx_bytes
from metrics.progress import village_progress
from metrics.scope import Scope
from ui.db import cached
from ui.filters import describe
from ui.i18n import t

__all__ = [
    "chart_section",
    "csv_bytes",
    "has_villages",
    "header",
    "no_chart_data",
    "show_table",
    "xlsx_bytes",
]


def header(title_key: str, scope: Scope) -> None:
    st.title(t(title_key))
    st.caption(t("filters.scope_caption", scope=describe(scope)))


def has_villages(scope: Scope) -> bool:
    """Whether the scope holds any village; if not, say so clearly (never an empty chart)."""
    progress = cached(village_progress, scope)
    if progress.empty:
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
    """A table tall enough to show every row when there are few (no inner scrolling for those)."""
    data = frame.data if isinstance(frame, Styler) else frame
    height = "content" if len(data) <= 40 else 640
    config = {
        c: st.column_config.NumberColumn(format="localized")
        for c in data.columns
        if pd.api.types.is_integer_dtype(data[c])
    }
    config.update(kwargs.pop("column_config", None) or {})
    kwargs.setdefault("placeholder", "—")
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config, **kwargs)
