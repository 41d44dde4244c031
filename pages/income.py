"""รายได้ครัวเรือน / Household income: change, before/after, the จปฐ. line, occupations,
sustainability, the confidence interval, and the (masked) household table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.income import household_income, income_rollup, increase_interval, sustainability
from metrics.settings import DEFAULT_SETTINGS
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, fmt_pct, t
from ui.page import csv_bytes, has_villages, header, no_chart_data

CONFIG = {"displayModeBar": False}
scope = current_scope()
header("page.income", scope)

if has_villages(scope):
    households = cached(household_income, scope)
    with_change = households.dropna(subset=["baseline_income", "latest_income"])

    ci = cached(increase_interval, scope)
    st.subheader(t("income.ci"))
    if ci.estimate is None:
        no_chart_data()
    else:
        st.markdown(
            t("income.ci_text", est=fmt_pct(ci.estimate, signed=True), low=fmt_pct(ci.low, signed=True), high=fmt_pct(ci.high, signed=True), n=f"{ci.households:,}", reps=f"{ci.replicates:,}")
        )
        good = ci.low >= 0.03
        (st.success if good else st.warning)(t("income.ci_verdict_yes" if good else "income.ci_verdict_no"))

    left, right = st.columns(2)
    with left:
        st.subheader(t("income.distribution"))
        st.caption(t("income.distribution_caption"))
        if with_change["change_pct"].notna().any():
            st.plotly_chart(charts.change_histogram(with_change["change_pct"]), width="stretch", config=CONFIG)
        else:
            no_chart_data()
    with right:
        st.subheader(t("income.jpt"))
        line = DEFAULT_SETTINGS.jpt_default
        st.caption(t("income.jpt_caption", line=f"{line:,.0f}"))
        if with_change.empty:
            no_chart_data()
        else:
            st.plotly_chart(charts.jpt_scatter(with_change, line=line), width="stretch", config=CONFIG)

    st.subheader(t("income.dumbbell"))
    st.caption(t("income.dumbbell_caption"))
    villages = cached(income_rollup, scope, "village").dropna(subset=["mean_latest_income"])
    if villages.empty:
        no_chart_data()
    else:
        villages["label"] = villages["village_name"]
        st.plotly_chart(charts.dumbbell(villages), width="stretch", config=CONFIG)

    left, right = st.columns(2)
    with left:
        st.subheader(t("income.by_occupation"))
        st.caption(t("income.by_occupation_caption"))
        occupations = cached(income_rollup, scope, "occupation").dropna(subset=["occupation"])
        if occupations["income_increase_pct"].notna().any():
            st.plotly_chart(charts.occupation_bars(occupations), width="stretch", config=CONFIG)
        else:
            no_chart_data()
    with right:
        st.subheader(t("income.sustainability"))
        rounds = cached(sustainability, scope)
        if rounds.empty:
            no_chart_data()
        else:
            st.caption(t("income.sustainability_caption", n=f"{int(rounds['households'].iloc[0]):,}"))
            st.plotly_chart(charts.sustainability_bars(rounds), width="stretch", config=CONFIG)

    st.subheader(t("income.table"))
    table = pd.DataFrame(
        {
            t("col.household"): households["household_id"],
            t("col.village"): households["village_name"],
            t("col.head"): households["head_name"],
            t("col.occupation"): households["occupation"],
            t("col.baseline"): households["baseline_income"],
            t("col.latest"): households["latest_income"],
            t("col.change_pct"): households["change_pct"] * 100,
            t("col.round"): [code_label("round", r) if isinstance(r, str) else "" for r in households["latest_round"]],
            t("col.practising"): households["practising"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("col.baseline"): st.column_config.NumberColumn(format="localized"),
            t("col.latest"): st.column_config.NumberColumn(format="localized"),
            t("col.change_pct"): st.column_config.NumberColumn(format="%+.1f%%"),
        },
    )
    st.caption(t("privacy.note"))
    st.download_button(t("income.download"), csv_bytes(table), file_name="households_income.csv", mime="text/csv", icon=":material/download:")
