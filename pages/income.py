"""รายได้ครัวเรือน / Household income: change, before/after, the จปฐ. line, occupations,
sustainability, the confidence interval, and the (masked) household table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from figures import charts
from metrics import tables
from metrics.income import household_income, income_rollup, increase_interval, sustainability
from metrics.settings import DEFAULT_SETTINGS
from ui import access
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, fmt_pct, lang, t
from ui.page import chart_section, downloads, has_villages, header, no_chart_data, ui_lang

scope = current_scope()
header("page.income", scope)

if has_villages(scope):
    rows_allowed = access.household_rows_allowed()
    households = cached(household_income, scope)
    with_change = households.dropna(subset=["baseline_income", "latest_income"])

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
                n=f"{ci.households:,}",
            ),
            help=t("income.ci_help", reps=f"{ci.replicates:,}"),
        )
        good = ci.low >= 0.03
        (st.success if good else st.warning)(t("income.ci_verdict_yes" if good else "income.ci_verdict_no"))

    left, right = st.columns(2)
    with left:
        changes = with_change["change_pct"]
        chart_section(
            t("income.distribution"),
            t("income.distribution_caption"),
            charts.change_histogram(changes, lang=lang()) if changes.notna().any() else None,
        )
    with right:
        line = DEFAULT_SETTINGS.jpt_default
        chart_section(
            t("income.jpt"),
            t("income.jpt_caption", line=f"{line:,.0f}"),
            None if with_change.empty else charts.jpt_scatter(with_change, line=line, lang=lang()),
        )
    all_villages = cached(income_rollup, scope, "village")
    villages = all_villages.dropna(subset=["mean_latest_income"])
    villages["label"] = villages["village_name"]
    chart_section(
        t("income.dumbbell"),
        t("income.dumbbell_caption", shown=len(villages), total=len(all_villages)),
        None if villages.empty else charts.dumbbell(villages, lang=lang()),
    )

    left, right = st.columns(2)
    with left:
        occupations = cached(income_rollup, scope, "occupation").dropna(subset=["occupation"])
        has_change = occupations["income_increase_pct"].notna().any()
        chart_section(
            t("income.by_occupation"),
            t("income.by_occupation_caption"),
            charts.occupation_bars(occupations, lang=lang()) if has_change else None,
        )
    with right:
        rounds = cached(sustainability, scope)
        cohort = int(rounds["households"].iloc[0]) if not rounds.empty else 0
        chart_section(
            t("income.sustainability"),
            t("income.sustainability_caption", n=f"{cohort:,}"),
            None if rounds.empty else charts.sustainability_bars(rounds, lang=lang()),
        )

    st.subheader(t("income.table"))
    if not rows_allowed:
        st.info(t("auth.aggregates_only"), icon=":material/visibility_off:")
        st.stop()
    if access.reveal_toggle("income", scope):
        households = cached(household_income, scope, reveal=True)
    table = pd.DataFrame(
        {
            t("col.household"): households["household_id"],
            t("col.village"): households["village_name"],
            t("col.head"): households["head_name"],
            t("col.occupation"): households["occupation"],
            t("col.baseline"): households["baseline_income"],
            t("col.latest"): households["latest_income"],
            t("col.change_pct"): households["change_pct"] * 100,
            t("col.round"): [
                code_label("round", r) if isinstance(r, str) else "" for r in households["latest_round"]
            ],
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
    downloads(
        tables.shape(
            households.assign(
                round_text=table[t("col.round")],
                practising_text=[
                    "" if pd.isna(v) else t("yes") if v else t("no") for v in households["practising"]
                ],
            ),
            [
                ("household_id", t("col.household"), "text"),
                ("village_name", t("col.village"), "text"),
                ("district_name", t("col.district"), "text"),
                ("head_name", t("col.head"), "text"),
                ("occupation", t("col.occupation"), "text"),
                ("baseline_income", t("col.baseline"), "baht"),
                ("latest_income", t("col.latest"), "baht"),
                ("change_pct", t("col.change_pct"), "share"),
                ("round_text", t("col.round"), "text"),
                ("practising_text", t("col.practising"), "text"),
            ],
            lang=ui_lang(),
        ),
        stem="households_income",
        scope=scope,
        sheet=t("income.table"),
        key="dl_income",
    )
