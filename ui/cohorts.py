"""The Overview's cohort section: each fiscal year's villages over months since training, the
latest cohort highlighted and its gap to the one before in words (:mod:`metrics.cohorts`)."""

from __future__ import annotations

import streamlit as st

from common.safe_text import literal
from figures.charts import cohort_lines
from metrics.cohorts import MEASURES, cohorts, current_gap, gap_words
from metrics.scope import Scope
from ui.db import cached
from ui.i18n import lang, t
from ui.page import CHART_CONFIG, SECTION_KEY, literal_figure, no_chart_data

MEASURE_KEY = "cohort_measure"


def cohort_section(scope: Scope) -> None:
    """Draw the section for ``scope`` (its as-of date decides which months each cohort has
    reached); nothing at all when no village in scope has a training day."""
    frame = cached(cohorts, scope)
    if frame.empty:
        return
    with st.container(key=SECTION_KEY + "cohorts"):
        st.subheader(t("cohorts.title"))
        st.caption(t("cohorts.caption"))
        st.markdown(f"**{literal(gap_words(current_gap(frame), lang()))}**")
        if st.session_state.get(MEASURE_KEY) not in MEASURES:
            st.session_state[MEASURE_KEY] = MEASURES[0]
        measure = st.segmented_control(
            t("cohorts.measure"),
            list(MEASURES),
            key=MEASURE_KEY,
            format_func=lambda m: t(f"cohorts.measure.{m}"),
        )
        figure = cohort_lines(frame, measure=measure or MEASURES[0], lang=lang())
        if figure is None:
            no_chart_data()
        else:
            # just built: escaped in place
            st.plotly_chart(literal_figure(figure, copy=False), width="stretch", config=CHART_CONFIG)
