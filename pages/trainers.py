"""ปราชญ์และวิทยากร / Trainers: team completeness, households per trainer, skill match."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.settings import DEFAULT_SETTINGS
from metrics.trainers import skill_matrix, trainer_coverage, trainer_list, villages_without_lead
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, place, t
from ui.page import has_villages, header, no_chart_data, show_table

CONFIG = {"displayModeBar": False}
scope = current_scope()
header("page.trainers", scope)

if has_villages(scope):
    coverage = cached(trainer_coverage, scope)
    coverage["label"] = coverage["village_name"]
    left, right = st.columns(2)
    with left:
        st.subheader(t("trainers.team"))
        st.caption(t("trainers.team_caption"))
        st.plotly_chart(charts.team_bars(coverage, target=DEFAULT_SETTINGS.trainers_target), width="stretch", config=CONFIG)
    with right:
        st.subheader(t("trainers.hpt"))
        st.caption(t("trainers.hpt_caption"))
        st.plotly_chart(charts.hpt_bars(coverage), width="stretch", config=CONFIG)

    st.subheader(t("trainers.matrix"))
    st.caption(t("trainers.matrix_caption"))
    matrix = cached(skill_matrix, scope)
    if matrix.empty:
        no_chart_data()
    else:
        st.plotly_chart(charts.skill_heatmap(matrix), width="stretch", config=CONFIG)

    st.subheader(t("trainers.no_lead"))
    missing = cached(villages_without_lead, scope)
    if missing.empty:
        st.success(t("trainers.none_without_lead"), icon=":material/verified:")
    else:
        show_table(
            pd.DataFrame({
                t("col.village_code"): missing["village_code"],
                t("col.village"): missing["village_name"],
                t("col.tambon"): [place(r, "tambon") for _, r in missing.iterrows()],
                t("col.trainers"): missing["trainers"],
            })
        )

    with st.expander(t("trainers.list")):
        team = cached(trainer_list, scope)
        st.dataframe(
            pd.DataFrame({
                t("col.village"): team["village_name"],
                t("col.name"): team["name"],
                t("col.role"): [code_label("role", r) for r in team["role"]],
                t("col.skills"): [", ".join(s) if s is not None else "" for s in team["skills"]],
                t("col.phone"): team["phone"],
            }),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("privacy.note"))
