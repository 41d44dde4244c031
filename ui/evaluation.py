"""The evaluation sections of the Indicators page (:mod:`metrics.evaluation`): targeting audit,
follow-up attrition with its breakdowns, real income beside nominal, and the comparison with
similar households. The page only calls :func:`draw`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.safe_text import literal
from data_loaders.reference import cpi
from metrics import evaluation
from metrics.scope import Scope
from metrics.settings import current as current_settings
from metrics.settings import jpt_line
from ui.db import cached
from ui.i18n import code_label, fmt, fmt_baht, fmt_int, lang, t
from ui.page import show_table


def draw(scope: Scope) -> None:
    """Every evaluation section for ``scope`` (narrowed to the person's grant by ``cached``)."""
    st.subheader(t("eval.title"))
    st.caption(t("eval.caption"))
    _targeting(scope)
    _attrition(scope)
    _real_income(scope)
    _comparison(scope)


def _line_note(scope: Scope) -> None:
    st.caption(t("eval.line_note", line=fmt_int(jpt_line(current_settings(), scope.fiscal_year))))


def _targeting(scope: Scope) -> None:
    st.markdown(f"**{t('eval.targeting')}**")
    st.caption(t("eval.targeting_caption"))
    frame = cached(evaluation.targeting, scope)
    if frame.empty:
        st.info(t("eval.no_roster"), icon=":material/group_off:")
    else:
        columns = (
            "roster_year",
            "roster_households",
            "selected",
            "selected_in_poorest",
            "selected_above_line",
            "eligible_not_selected",
        )
        view = pd.DataFrame(
            {t("eval.col_village"): frame["village_name"].fillna("") + " (" + frame["village_code"] + ")"}
            | {t(f"eval.col_{c}"): frame[c].astype(int) for c in columns}
        )
        config = {t(f"eval.col_{c}"): _short(c) for c in columns[1:]}
        config[t("eval.col_roster_year")] = st.column_config.NumberColumn(format="%d")
        show_table(view, column_config=config)
    _line_note(scope)


def _short(column: str, **kwargs: object) -> object:
    """A number column shown under its short header, the full one as its tooltip."""
    return st.column_config.NumberColumn(
        label=t(f"eval.short.{column}"), help=t(f"eval.col_{column}"), **kwargs
    )


def _attrition_config() -> dict[str, object]:
    return {
        t("eval.col_target"): _short("target"),
        t("eval.col_surveyed"): _short("surveyed"),
        t("eval.col_missing_share"): _short("missing_share", format="%.1f%%"),
        t("eval.col_retained"): _short("retained", format="localized"),
        t("eval.col_lost"): _short("lost", format="localized"),
    }


def _attrition(scope: Scope) -> None:
    st.markdown(f"**{t('eval.attrition')}**")
    st.caption(t("eval.attrition_caption"))
    # the breakdown is chosen below the whole; both come from one pass over the households
    by = st.session_state.get("eval_attrition_by", "district")
    whole, parts = cached(evaluation.attrition_parts, scope, by=by)
    show_table(_attrition_view(whole), column_config=_attrition_config())
    for _, row in whole.iterrows():
        if evaluation.gap_is_large(row["gap"]):
            st.warning(_gap_words(row), icon=":material/warning:")
    st.radio(
        t("eval.attrition_by"),
        ("district", "village"),
        format_func=lambda b: t(evaluation.BREAKDOWN_LABELS[b]),
        horizontal=True,
        key="eval_attrition_by",
    )
    show_table(
        _attrition_view(parts, by=by),
        whole=2 if by == "village" else 1,
        column_config=_attrition_config(),
    )


def _gap_words(row: pd.Series) -> str:
    direction = "eval.gap_higher" if row["gap"] > 0 else "eval.gap_lower"
    return t(
        "eval.gap_large",
        round=code_label("round", row["round"]),
        direction=t(direction),
        gap=fmt(abs(row["gap"]), "share"),
    )


def _attrition_view(frame: pd.DataFrame, *, by: str = "scope") -> pd.DataFrame:
    named = lang() == "en"
    places: dict[str, pd.Series] = {}
    if by in ("district", "village"):
        places[t("eval.col_district")] = frame["district_name_en" if named else "district_name"].fillna(
            frame["district_name"]
        )
    if by == "village":
        places[t("eval.col_village")] = frame["village_name"].fillna("") + " (" + frame["village_code"] + ")"
    return pd.DataFrame(
        places
        | {
            t("eval.col_round"): [code_label("round", r) for r in frame["round"]],
            t("eval.col_target"): frame["target"].astype(int),
            t("eval.col_surveyed"): frame["surveyed"].astype(int),
            t("eval.col_missing_share"): frame["missing_share"] * 100,
            t("eval.col_band"): [t(f"eval.band.{b}") if b else "—" for b in frame["band"]],
            t("eval.col_retained"): frame["baseline_mean_retained"].round(0),
            t("eval.col_lost"): frame["baseline_mean_lost"].round(0),
        }
    )


def _real_income(scope: Scope) -> None:
    st.markdown(f"**{t('eval.real')}**")
    source = cpi.SOURCE_EN if lang() == "en" else cpi.SOURCE_TH
    st.caption(t("eval.real_caption", source=source))
    real = cached(evaluation.real_income, scope, refuse=False)
    left, right, third = st.columns(3)
    left.metric(t("eval.nominal"), fmt(real.nominal_increase, "change"), help=t("eval.nominal_help"))
    right.metric(t("eval.real_value"), fmt(real.real_increase, "change"))
    third.metric(t("eval.real_households"), fmt_int(real.households))
    refusal = real.refusal
    if refusal is not None:
        st.error(literal(refusal.en if lang() == "en" else refusal.th), icon=":material/block:")


def _comparison(scope: Scope) -> None:
    st.markdown(f"**{t('eval.comparison')}**")
    st.caption(t("eval.comparison_caption"))
    found = cached(evaluation.comparison, scope)
    if found is None:
        st.info(t("eval.no_second_year"), icon=":material/compare_arrows:")
        return
    cells = st.columns(3)
    cells[0].metric(t("eval.selected_change"), fmt_baht(found.selected_change))
    cells[1].metric(t("eval.others_change"), fmt_baht(found.others_change))
    cells[2].metric(t("eval.difference"), fmt_baht(found.difference))
    cells = st.columns(3)
    low, high = (fmt(v, "baht", bare=True) for v in (found.ci_low, found.ci_high))
    cells[0].metric(t("eval.interval"), f"{low} – {high}")
    cells[1].metric(t("eval.n_selected"), fmt_int(found.n_selected))
    cells[2].metric(t("eval.n_others"), fmt_int(found.n_others))
    st.warning(t("eval.caution"), icon=":material/info:")
