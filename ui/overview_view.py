"""The Overview's sections (pages/overview.py draws them in order): the three CDD target
cards and the village map."""

from __future__ import annotations

from typing import Any

import streamlit as st

from common.safe_text import literal
from figures import charts
from metrics.changes import coverage
from metrics.indicators import compute, headline, indicator
from metrics.maps import map_marks
from metrics.scope import Scope
from ui.db import cached, signature
from ui.i18n import code_label, fmt, fmt_date, fmt_int, fmt_pct, fmt_target, lang, t
from ui.maps import marks_caption, marks_map
from ui.page import SECTION_KEY
from ui.rows import show_link

CDD_TARGETS = tuple(i.id for i in headline())  # the catalogue's headline targets


def kpi_cards(scope: Scope, report: dict[str, Any], previous: Any) -> None:
    """The three CDD targets as cards: value, change since the previous meeting, verdict,
    numerator and denominator with what they rest on, and a link to the rows behind each."""
    kpi_change = {k["id"]: k for k in report["kpis"]}
    cover = cached(coverage, scope)
    covered = {
        "practising_share": t(
            "coverage.surveyed", num=fmt_int(cover["surveyed_after"]), den=fmt_int(cover["households"])
        ),
        "income_increase_pct": t(
            "coverage.both_rounds", num=fmt_int(cover["both_rounds"]), den=fmt_int(cover["households"])
        ),
    }
    now = {v.id: v for v in cached(compute, scope)}
    st.subheader(t("overview.kpis"))
    st.caption(t("pack.previous", date=fmt_date(previous, long=True)))
    for column, ind_id in zip(st.columns(3), CDD_TARGETS, strict=True):
        v, change = now[ind_id], kpi_change[ind_id]
        label = v.label_th if lang() == "th" else v.label_en
        with column.container(border=True, height="stretch"):
            # The label above the metric, where it wraps (a metric's own label is cut to one line),
            # with what the number is a share of: the funnel's practising step counts over all
            # target households, this card over those surveyed after training.
            ind = indicator(ind_id)
            of = ind.of(lang())
            st.markdown(
                f"**{literal(label)}**" + (f"  \n{literal(t('overview.kpi_of', of=of))}" if of else ""),
                help=(ind.definition_th if lang() == "th" else ind.definition_en)
                + "\n\n"
                + t("since.delta_help", date=fmt_date(previous), as_of=fmt_date(scope.as_of)),
            )
            # In points, to the one decimal shown (format_value never writes "-0.0").
            delta = None if change["delta"] is None else fmt(change["delta"], "points")
            flat = delta is not None and round(change["delta"] * 100, 1) == 0
            st.metric(
                label,
                fmt_pct(v.value) if v.value is not None else t("overview.kpi_no_value"),
                delta=None
                if delta is None
                else t("since.delta", delta=delta, before=fmt_pct(change["before"])),
                delta_color="off" if flat else "normal",
                delta_arrow="off" if flat else "auto",
                label_visibility="collapsed",
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
                f":{colour}[{icon} **{verdict}**] · "
                + t("overview.kpi_target", target=fmt_target(v.target, v.unit, v.direction))
            )
            amount = indicator(ind_id).amount_unit  # baht for the income indicator
            st.caption(
                f"{t('col.numerator')} {fmt(v.numerator, amount)} / {t('col.denominator')} {fmt(v.denominator, amount)}"
                + (f" · {covered[ind_id]}" if ind_id in covered else "")
            )
            show_link(ind_id)  # the rows behind this number, on the Indicators page


def village_map_section(scope: Scope) -> None:
    """The map's heading, legend and map in one section, kept on one printed page like a chart's."""
    with st.container(key=SECTION_KEY + "map"):
        st.subheader(t("overview.map"))
        marks = cached(map_marks, scope)  # cached whole: at national scope it reads 118,000 villages
        counts = marks.statuses
        st.markdown(
            " ".join(
                f"<span style='color:{charts.STATUS_COLOURS[s]}'>●</span> {code_label('status', s)} ({fmt_int(counts[s])})"
                for s in counts
            ),
            unsafe_allow_html=True,
        )
        if len(marks.frame):
            st.caption(marks_caption(marks))
            deck = marks_map(marks)
            deck.memo = ("village_marks", signature(), scope, lang())  # its JSON kept for reruns
            st.pydeck_chart(deck, height=420)
