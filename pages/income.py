"""รายได้ครัวเรือน / Household income: change, before/after, the จปฐ. line, occupations,
sustainability, the confidence interval, and the (masked) household table."""

from __future__ import annotations

import streamlit as st

from common.strings import text
from figures import charts
from metrics.income import (
    chart_level,
    household_count,
    income_chart_rows,
    income_rollup,
    labelled_units,
    sustainability,
)
from metrics.indicators import indicator
from metrics.scope import place_counts
from metrics.settings import current as current_settings
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import fmt_int, lang, t
from ui.income_view import household_section, interval_section, kept_figure
from ui.page import CHART_VILLAGES, chart_section, has_villages, header

INCOME_TARGET = indicator("income_increase_pct").target
JPT_COLUMNS = ["baseline_per_person", "latest_per_person"]  # what the จปฐ. scatter draws

scope = current_scope()
header("page.income", scope)

if has_villages(scope):
    total_households = cached(household_count, scope)
    with_change = cached(income_chart_rows, scope)  # every household with both rounds, or a fixed sample
    with_change_total = int(cached(income_rollup, scope, "province")["households_with_change"].sum())

    interval_section(scope)

    if len(with_change) < with_change_total:
        st.caption(t("scale.chart_sample", shown=fmt_int(len(with_change)), total=fmt_int(with_change_total)))
    left, right = st.columns(2)
    with left:
        changes = with_change["change_pct"]
        chart_section(
            t("income.distribution"),
            t("income.distribution_caption"),
            kept_figure(charts.change_histogram, changes, target=INCOME_TARGET)
            if changes.notna().any()
            else None,
            escaped=True,
        )
    with right:
        line = current_settings().jpt_default
        chart_section(
            t("income.jpt"),
            t("income.jpt_caption", line=fmt_int(line)),
            None
            if with_change.empty
            else kept_figure(charts.jpt_scatter, with_change[JPT_COLUMNS], line=line),
            escaped=True,
        )
    # One row per village when few; else the finest roll-up with at most CHART_VILLAGES rows.
    # The level is chosen from cheap place counts, so only that roll-up is computed.
    counts = cached(place_counts, scope)
    by = chart_level(counts, CHART_VILLAGES)
    units = cached(income_rollup, scope, by)
    shown_units = labelled_units(units, by, lang=lang())
    caption = t("income.dumbbell_caption", shown=len(shown_units), total=len(units))
    if by != "village":
        level_th, level_en = text(f"filters.{by}", "th"), text(f"filters.{by}", "en").lower()
        caption += " " + t(
            "scale.by_level", total=fmt_int(counts["village"]), level=level_th, level_en=level_en
        )
    chart_section(
        t("income.dumbbell"),
        caption,
        None
        if shown_units.empty or len(shown_units) > 4 * CHART_VILLAGES
        else kept_figure(charts.dumbbell, shown_units),
        escaped=True,
    )

    left, right = st.columns(2)
    with left:
        occupations = cached(income_rollup, scope, "occupation").dropna(subset=["occupation"])
        has_change = occupations["income_increase_pct"].notna().any()
        chart_section(
            t("income.by_occupation"),
            t("income.by_occupation_caption"),
            kept_figure(charts.occupation_bars, occupations, target=INCOME_TARGET) if has_change else None,
            escaped=True,
        )
    with right:
        rounds = cached(sustainability, scope)
        cohort = int(rounds["households"].iloc[0]) if not rounds.empty else 0
        chart_section(
            t("income.sustainability"),
            t("income.sustainability_caption", n=fmt_int(cohort)),
            None if rounds.empty else kept_figure(charts.sustainability_bars, rounds),
            escaped=True,
        )

    household_section(scope, total_households)
