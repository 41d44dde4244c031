"""ภาพรวม / Overview: the three CDD targets, the funnel, the map and districts compared."""

from __future__ import annotations

import streamlit as st

from metrics.indicators import compute
from metrics.maps import marks_for
from metrics.overview import district_comparison, funnel
from metrics.progress import status_counts, village_progress
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, fmt_baht, fmt_date, fmt_int, fmt_pct, lang, t
from ui.maps import marks_caption, marks_map
from ui.page import chart_section, has_villages, header

CDD_TARGETS = ("practising_share", "income_increase_pct", "villages_with_group_share")

scope = current_scope()
header("page.overview", scope)

if has_villages(scope):
    now = {v.id: v for v in cached(compute, scope)}
    earlier_scope = scope.month_earlier()
    before = {v.id: v for v in cached(compute, earlier_scope)}
    st.subheader(t("overview.kpis"))
    for column, ind_id in zip(st.columns(3), CDD_TARGETS, strict=True):
        v, b = now[ind_id], before[ind_id]
        delta = None if v.value is None or b.value is None else (v.value - b.value) * 100
        with column.container(border=True, height="stretch"):
            st.metric(
                v.label_th if lang() == "th" else v.label_en,
                fmt_pct(v.value) if v.value is not None else t("overview.kpi_no_value"),
                delta=None
                if delta is None
                else t("overview.delta", delta=delta, date=fmt_date(earlier_scope.as_of)),
                delta_color="off" if delta is not None and abs(delta) < 0.05 else "normal",
                help=t("overview.delta_help", date=fmt_date(earlier_scope.as_of)),
            )
            verdict = {
                True: t("overview.kpi_met"),
                False: t("overview.kpi_not_met"),
                None: t("overview.kpi_no_value"),
            }[v.met]
            icon = {True: ":material/check_circle:", False: ":material/error:", None: ":material/help:"}[
                v.met
            ]
            colour = {True: "green", False: "red", None: "gray"}[v.met]
            st.markdown(
                f":{colour}[{icon} **{verdict}**] · {t('overview.kpi_target', target='≥ ' + fmt_pct(v.target, digits=0))}"
            )
            amount = fmt_baht if ind_id == "income_increase_pct" else fmt_int
            st.caption(
                f"{t('col.numerator')} {amount(v.numerator)} / {t('col.denominator')} {amount(v.denominator)}"
            )

    progress = cached(village_progress, scope)
    left, right = st.columns(2)
    with left:
        chart_section(
            t("overview.funnel"), t("overview.funnel_caption"), charts.funnel(cached(funnel, scope))
        )
    with right:
        st.subheader(t("overview.map"))
        missing = int(progress[["lat", "lon"]].isna().any(axis=1).sum())
        st.caption(t("overview.map_caption", missing=missing))
        counts = status_counts(progress)
        st.markdown(
            " ".join(
                f"<span style='color:{charts.STATUS_COLOURS[s]}'>●</span> {code_label('status', s)} ({counts[s]})"
                for s in counts
            ),
            unsafe_allow_html=True,
        )
        marks = marks_for(progress, scope)  # aggregates the progress rows already fetched
        if len(marks.frame):
            st.caption(marks_caption(marks))
            st.pydeck_chart(marks_map(marks), height=420)

    districts = cached(district_comparison, scope)
    name_column = "district_name_en" if lang() == "en" else "district_name"
    chart_section(
        t("overview.districts"),
        t("overview.districts_caption"),
        charts.district_bars(districts, name_column=name_column),
    )
