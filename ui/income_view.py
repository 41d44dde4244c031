"""The income page's sections (:mod:`pages.income`): the confidence interval with its verdict,
and the household table with its download. The table is :func:`metrics.tables.household_table`,
the one builder the screen and the download share. Its charts are kept for reruns
(:func:`kept_figure`)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from common.export import csv_bytes
from metrics import tables
from metrics.income import household_income, increase_interval
from metrics.scope import Scope
from ui import access
from ui.db import cached, store_cursor
from ui.i18n import fmt_int, fmt_pct, lang, t
from ui.page import TABLE_ROWS, cut_note, literal_figure, no_chart_data, show_table, ui_lang

KEPT_FIGURES = 48  # built charts kept for reruns (each a few hundred kB at most)
_kept: OrderedDict[tuple[object, ...], go.Figure] = OrderedDict()
_kept_lock = threading.Lock()


def _digest(data: pd.DataFrame | pd.Series) -> str:
    """What ``data`` holds (columns, types, index and every value), as a short hash."""
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    values = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    head = repr((list(frame.columns), [str(d) for d in frame.dtypes])).encode()
    return hashlib.sha256(head + values.tobytes()).hexdigest()


def kept_figure(draw: Callable[..., go.Figure], data: pd.DataFrame | pd.Series, **options: Any) -> go.Figure:
    """``draw(data, lang=…, **options)`` with its data text escaped for the page
    (:func:`ui.page.literal_figure`; pass it on with ``escaped=True``), kept by what it shows: the
    chart, the language, the options and a hash of ``data``. A rerun, or another session shown
    the same numbers, sends the kept figure instead of building and checking it again (Plotly
    validates every property: most of a rerun). Kept figures are never changed:
    ``st.plotly_chart`` serialises a copy."""
    language = lang()
    key = (draw.__module__, draw.__qualname__, language, tuple(sorted(options.items())), _digest(data))
    with _kept_lock:
        figure = _kept.get(key)
        if figure is not None:
            _kept.move_to_end(key)
            return figure
    figure = literal_figure(draw(data, lang=language, **options), copy=False)  # just built
    with _kept_lock:
        _kept[key] = figure
        while len(_kept) > KEPT_FIGURES:
            _kept.popitem(last=False)
    return figure


def interval_section(scope: Scope) -> None:
    """The mean increase with its confidence interval, and whether it clears the target."""
    ci = cached(increase_interval, scope)
    st.subheader(t("income.ci"))
    if ci.estimate is None:
        no_chart_data()
        return
    st.markdown(
        t(
            "income.ci_text",
            est=fmt_pct(ci.estimate, signed=True),
            low=fmt_pct(ci.low, signed=True),
            high=fmt_pct(ci.high, signed=True),
            n=fmt_int(ci.households),
        ),
        help=t("income.ci_help", reps=fmt_int(ci.replicates)),
    )
    good = ci.clears_target
    (st.success if good else st.warning)(t("income.ci_verdict_yes" if good else "income.ci_verdict_no"))


def household_section(scope: Scope, total: int) -> None:
    """The (masked) household table, its first rows on screen, every row in the download;
    aggregates only for a user without household rows (the page stops there)."""
    st.subheader(t("income.table"))
    if not access.household_rows_allowed():
        st.info(t("auth.aggregates_only"), icon=":material/visibility_off:")
        st.stop()
    reveal = access.reveal_toggle("income", scope)
    households = cached(household_income, scope, limit=TABLE_ROWS, reveal=reveal)
    words = ui_lang()  # read now: the download builds its table later, only when clicked
    table = tables.household_table(households, lang=words, screen=True)
    cut_note(len(table), total)
    # Shorter headers on screen (the unit is in the title above), the full ones as tooltips and
    # in the download: nine columns fit a 1280-pixel screen.
    show_table(
        table,
        column_config={
            t("col.household"): st.column_config.TextColumn(label=t("col.code"), help=t("col.household")),
            t("col.head"): st.column_config.TextColumn(label=t("col.head_short"), help=t("col.head")),
            t("col.round"): st.column_config.TextColumn(help=t("col.round_help")),
            t("col.baseline"): st.column_config.NumberColumn(
                label=t("col.baseline_short"), help=t("col.baseline"), format="localized"
            ),
            t("col.latest"): st.column_config.NumberColumn(
                label=t("col.latest_short"), help=t("col.latest"), format="localized"
            ),
            t("col.change_pct"): st.column_config.NumberColumn(format="%+.1f%%"),
            t("col.practising"): st.column_config.CheckboxColumn(
                label=t("col.practising_short"), help=t("col.practising")
            ),
        },
    )
    # The caption and the download's label follow the switch: with personal data revealed
    # they say it is shown (the download then holds it too).
    st.caption(t("privacy.shown" if reveal else "privacy.note"))
    access.download_button(
        t("income.download_shown" if reveal else "income.download"),
        lambda: csv_bytes(
            tables.household_table(household_income(store_cursor(), scope, reveal=reveal), lang=words)
        ),
        file_name=tables.file_name("households_income", scope.as_of, "csv"),
        mime="text/csv",
        scope=scope,
        what="households_income",
        icon=":material/download:",
    )
