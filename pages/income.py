"""รายได้ครัวเรือน / Household income: change, before/after, the จปฐ. line, occupations,
sustainability, the confidence interval, and the (masked) household table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.strings import text
from figures import charts
from metrics import tables
from metrics.income import (
    chart_level,
    household_count,
    household_income,
    income_chart_rows,
    income_rollup,
    increase_interval,
    labelled_units,
    sustainability,
)
from metrics.indicators import indicator
from metrics.model import ROUNDS
from metrics.scope import place_counts
from metrics.settings import current as current_settings
from ui import access
from ui.db import cached, store_cursor
from ui.filters import current_scope
from ui.i18n import code_label, fmt_int, fmt_pct, lang, t
from ui.page import (
    CHART_VILLAGES,
    TABLE_ROWS,
    chart_section,
    csv_bytes,
    cut_note,
    has_villages,
    header,
    no_chart_data,
    show_table,
)

INCOME_TARGET = indicator("income_increase_pct").target

scope = current_scope()
header("page.income", scope)

if has_villages(scope):
    total_households = cached(household_count, scope)
    households = cached(household_income, scope, limit=TABLE_ROWS)
    with_change = cached(income_chart_rows, scope)  # every household with both rounds, or a fixed sample
    with_change_total = int(cached(income_rollup, scope, "province")["households_with_change"].sum())

    ci = cached(increase_interval, scope)
    st.subheader(t("income.ci"))
    if ci.estimate is None:
        no_chart_data()
    else:
        st.markdown(
            t(
                "income.ci_text",
                est=fmt_pct(ci.estimate, signed=True),
                low=fmt_pct(ci.low, signed=True),
                high=fmt_pct(ci.high, signed=True),
                n=fmt_int(ci.households),
            ),
            help=t("income.ci_help", reps=fmt_int(ci.replicates)),
        )
        good = ci.clears_target
        (st.success if good else st.warning)(t("income.ci_verdict_yes" if good else "income.ci_verdict_no"))

    if len(with_change) < with_change_total:
        st.caption(t("scale.chart_sample", shown=fmt_int(len(with_change)), total=fmt_int(with_change_total)))
    left, right = st.columns(2)
    with left:
        changes = with_change["change_pct"]
        chart_section(
            t("income.distribution"),
            t("income.distribution_caption"),
            charts.change_histogram(changes, target=INCOME_TARGET, lang=lang())
            if changes.notna().any()
            else None,
        )
    with right:
        line = current_settings().jpt_default
        chart_section(
            t("income.jpt"),
            t("income.jpt_caption", line=fmt_int(line)),
            None if with_change.empty else charts.jpt_scatter(with_change, line=line, lang=lang()),
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
        else charts.dumbbell(shown_units, lang=lang()),
    )

    left, right = st.columns(2)
    with left:
        occupations = cached(income_rollup, scope, "occupation").dropna(subset=["occupation"])
        has_change = occupations["income_increase_pct"].notna().any()
        chart_section(
            t("income.by_occupation"),
            t("income.by_occupation_caption"),
            charts.occupation_bars(occupations, target=INCOME_TARGET, lang=lang()) if has_change else None,
        )
    with right:
        rounds = cached(sustainability, scope)
        cohort = int(rounds["households"].iloc[0]) if not rounds.empty else 0
        chart_section(
            t("income.sustainability"),
            t("income.sustainability_caption", n=fmt_int(cohort)),
            None if rounds.empty else charts.sustainability_bars(rounds, lang=lang()),
        )

    st.subheader(t("income.table"))
    if not access.household_rows_allowed():
        st.info(t("auth.aggregates_only"), icon=":material/visibility_off:")
        st.stop()
    reveal = access.reveal_toggle("income", scope)
    if reveal:
        households = cached(household_income, scope, limit=TABLE_ROWS, reveal=True)

    # Labels are read now: the download below builds its table later, only when clicked.
    labels = {
        key: t(f"col.{key}")
        for key in (
            "household",
            "village",
            "head",
            "occupation",
            "baseline",
            "latest",
            "change_pct",
            "round",
            "practising",
        )
    }
    round_labels = {r: code_label("round", r) for r in ROUNDS}
    short_rounds = {r: code_label("round_short", r) for r in ROUNDS}  # "12 เดือน" on screen

    def _table(households: pd.DataFrame, *, screen: bool = False) -> pd.DataFrame:
        names = short_rounds if screen else round_labels
        return pd.DataFrame(
            {
                labels["household"]: households["household_id"],
                labels["village"]: households["village_name"],
                labels["head"]: households["head_name"],
                labels["occupation"]: households["occupation"],
                labels["baseline"]: households["baseline_income"],
                labels["latest"]: households["latest_income"],
                labels["change_pct"]: households["change_pct"] * 100,
                labels["round"]: [
                    names.get(r, "") if isinstance(r, str) else "" for r in households["latest_round"]
                ],
                labels["practising"]: households["practising"],
            }
        )

    table = _table(households, screen=True)
    cut_note(len(table), total_households)
    # Shorter headers on screen (the unit is in the title above), the full ones as tooltips and
    # in the download: nine columns fit a 1280-pixel screen.
    show_table(
        table,
        column_config={
            t("col.household"): st.column_config.TextColumn(label=t("col.code"), help=t("col.household")),
            t("col.head"): st.column_config.TextColumn(label=t("col.head_short"), help=t("col.head")),
            t("col.round"): st.column_config.TextColumn(help=t("col.round_help")),
            t("col.baseline"): st.column_config.NumberColumn(
                label=t("col.baseline_short"), help=t("col.baseline"), format="localized"
            ),
            t("col.latest"): st.column_config.NumberColumn(
                label=t("col.latest_short"), help=t("col.latest"), format="localized"
            ),
            t("col.change_pct"): st.column_config.NumberColumn(format="%+.1f%%"),
            t("col.practising"): st.column_config.CheckboxColumn(
                label=t("col.practising_short"), help=t("col.practising")
            ),
        },
    )
    # The caption and the download's label follow the switch: with personal data revealed
    # they say it is shown (the download then holds it too).
    st.caption(t("privacy.shown" if reveal else "privacy.note"))
    access.download_button(
        t("income.download_shown" if reveal else "income.download"),
        lambda: csv_bytes(_table(household_income(store_cursor(), scope, reveal=reveal))),
        file_name=tables.file_name("households_income", scope.as_of, "csv"),
        mime="text/csv",
        scope=scope,
        what="households_income",
        icon=":material/download:",
    )
