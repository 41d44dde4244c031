"""ปราชญ์และวิทยากร / Trainers: team completeness, households per trainer, skill match."""

from __future__ import annotations

import streamlit as st

from figures import charts
from metrics import tables
from metrics.indicators import indicator
from metrics.settings import current as current_settings
from metrics.trainers import (
    skill_matrix,
    trainer_count,
    trainer_coverage,
    trainer_list,
    villages_without_lead,
)
from ui import access
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import t
from ui.page import (
    PAGE_WIDTH,
    TABLE_ROWS,
    chart_scope,
    cut_note,
    downloads,
    has_villages,
    header,
    keyed_chart,
    show_table,
    ui_lang,
)

scope = current_scope()
header("page.trainers", scope)

if has_villages(scope):
    coverage = cached(trainer_coverage, chart_scope(scope))  # at most CHART_VILLAGES bars
    coverage["label"] = coverage["village_name"]
    left, right = st.columns(2)
    with left:
        keyed_chart(
            "trainers.team",
            "trainers.team_caption",
            charts.team_bars,
            coverage,
            target=current_settings().trainers_target,
        )
    with right:
        keyed_chart(
            "trainers.hpt",
            "trainers.hpt_caption",
            charts.hpt_bars,
            coverage,
            target=indicator("households_per_trainer").target,
        )
    downloads(
        coverage,
        columns=tables.TRAINER_COVERAGE_COLUMNS,
        stem="trainer_coverage",
        scope=scope,
        sheet=t("trainers.team"),
        key="dl_trainers",
    )
    keyed_chart(
        "trainers.matrix", "trainers.matrix_caption", charts.skill_heatmap, cached(skill_matrix, scope)
    )

    st.subheader(t("trainers.no_lead"))
    missing = cached(villages_without_lead, scope)
    if missing.empty:
        st.success(t("trainers.none_without_lead"), icon=":material/verified:")
    else:
        show_table(tables.without_lead_table(missing, lang=ui_lang()))

    with st.expander(t("trainers.list")):
        reveal = access.reveal_toggle("trainers", scope)
        team = cached(trainer_list, scope, reveal=reveal, limit=TABLE_ROWS)
        show_table(
            tables.trainer_table(team, lang=ui_lang()),
            budget=PAGE_WIDTH - 40,  # inside the expander's padding
        )
        cut_note(len(team), cached(trainer_count, scope))
        st.caption(t("privacy.shown" if reveal else "privacy.note"))  # follows the switch
