"""ภาพรวม / Overview: the three CDD targets, the funnel, the map, cohorts and districts compared."""

from __future__ import annotations

import streamlit as st

from figures import charts
from metrics import tables
from metrics.changes import changes
from metrics.overview import district_comparison, funnel
from ui.card import district_card_download
from ui.cohorts import cohort_section
from ui.db import cached
from ui.filters import current_scope, previous_meeting_date
from ui.i18n import lang, t
from ui.meeting import since_last_meeting
from ui.overview_view import kpi_cards, village_map_section
from ui.pack import meeting_pack_download
from ui.page import chart_section, downloads, has_villages, header, ui_lang
from ui.provinces import province_section, ranking_section

scope = current_scope()
header("page.overview", scope)

if has_villages(scope):
    meeting_pack_download(scope, key="overview")
    district_card_download(scope)
    previous = previous_meeting_date()
    report = cached(changes, scope, as_of=scope.as_of, previous=previous)
    kpi_cards(scope, report, previous)

    changed = since_last_meeting(report, scope=scope, previous=previous)

    left, right = st.columns(2)
    with left:
        chart_section(
            t("overview.funnel"),
            f"{t('overview.funnel_caption')} {t('overview.practising_note')}",
            charts.funnel(cached(funnel, scope), lang=lang()),
        )
    with right:
        village_map_section(scope)

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
