"""ภาพรวม / Overview: the three CDD targets, the funnel, the map, cohorts and districts compared."""

from __future__ import annotations

import streamlit as st

from common.safe_text import literal
from figures import charts
from metrics import tables
from metrics.changes import changes, coverage
from metrics.indicators import compute, headline, indicator
from metrics.maps import map_marks
from metrics.overview import district_comparison, funnel
from ui.card import district_card_download
from ui.cohorts import cohort_section
from ui.db import cached
from ui.filters import current_scope, previous_meeting_date
from ui.i18n import code_label, fmt, fmt_date, fmt_int, fmt_pct, fmt_target, lang, t
from ui.maps import marks_caption, marks_map
from ui.meeting import since_last_meeting
from ui.pack import meeting_pack_download
from ui.page import SECTION_KEY, chart_section, downloads, has_villages, header, ui_lang
from ui.provinces import province_section, ranking_section
from ui.rows import show_link

CDD_TARGETS = tuple(i.id for i in headline())  # the catalogue's headline targets

scope = current_scope()
header("page.overview", scope)

if has_villages(scope):
    meeting_pack_download(scope, key="overview")
    district_card_download(scope)
    previous = previous_meeting_date()
    report = cached(changes, scope, as_of=scope.as_of, previous=previous)
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

    changed = since_last_meeting(report, scope=scope, previous=previous)

    left, right = st.columns(2)
    with left:
        chart_section(
            t("overview.funnel"),
            f"{t('overview.funnel_caption')} {t('overview.practising_note')}",
            charts.funnel(cached(funnel, scope), lang=lang()),
        )
    # The map's heading, legend and map in one section, kept on one printed page like a chart's.
    with right, st.container(key=SECTION_KEY + "map"):
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
            st.pydeck_chart(marks_map(marks), height=420)

    province_section(scope)
    cohort_section(scope)

    districts = cached(district_comparison, scope)
    name_column = "district_name_en" if lang() == "en" else "district_name"
    chart_section(
        t("overview.districts"),
        t("overview.districts_caption"),
        charts.district_bars(districts, name_column=name_column, lang=lang()),
    )
    downloads(
        tables.shape(
            districts,
            [
                (name_column, t("col.district"), "text"),
                ("villages", t("col.villages"), "count"),
                ("mean_progress", t("col.progress"), "share"),
                ("overdue", t("col.overdue"), "count"),
                ("income_increase_pct", t("col.income_increase"), "change"),
                ("practising_share", t("col.practising_share"), "share"),
            ],
            lang=ui_lang(),
        ),
        stem="overview_districts",
        scope=scope,
        sheet=t("overview.districts"),
        key="dl_overview",
        previous=previous,
        more_sheets={t("since.header"): tables.shape(changed, [(c, c, "text") for c in changed.columns])}
        if not changed.empty
        else None,
    )
    ranking_section(scope, previous=previous)
