"""ความก้าวหน้าหมู่บ้าน / Village progress: eight stages, overdue plans, the training timeline."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from figures import charts
from metrics.progress import training_timeline, village_progress
from metrics.scope import village_count
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import fmt_int, lang, t
from ui.onepagers import district_one_pagers, village_one_pager
from ui.page import CHART_VILLAGES, TABLE_ROWS, chart_section, has_villages, header
from ui.progress_view import followup_section, progress_table, village_detail

scope = current_scope()
header("page.progress", scope)

if has_villages(scope):
    # The screen reads the first rows only, sorted and cut in SQL (a national scope has
    # 118,000 villages); the download reads them all when clicked.
    total = cached(village_count, scope)
    progress = cached(village_progress, scope, limit=TABLE_ROWS)
    progress_table(scope, progress, total)
    followup_section(scope)

    drawn = tuple(progress["village_code"].head(CHART_VILLAGES))
    days = cached(training_timeline, scope if total <= CHART_VILLAGES else replace(scope, villages=drawn))
    if total > CHART_VILLAGES:
        st.caption(t("scale.timeline_cut", shown=fmt_int(len(drawn)), total=fmt_int(total)))
    days["village_label"] = days["village_name"]
    chart_section(
        t("progress.timeline"),
        t("progress.timeline_caption"),
        None if days.empty else charts.stage_timeline(days, lang=lang()),
    )
    chosen, label = village_detail(scope, progress, total, days)

    # The chosen village's one-pager (PDF, PNG) and, with a district chosen, every village's as a ZIP.
    village_one_pager(scope, chosen, label)
    district_one_pagers(scope)
