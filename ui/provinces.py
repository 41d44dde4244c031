"""The Overview's province map and district ranking: the Streamlit glue.

The map shows at national scope and for a grant of more than one province (no place chosen,
villages in more than one province). Choosing a province, in the box beside the map or by a
click on it, narrows the sidebar's province filter to it (and clears the finer filters); the
filters then write it to the URL as any choice does (:mod:`ui.filters`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from common.safe_text import literal
from common.strings import code_label
from figures.provinces import LAYER_ID, legend, measure_label, province_deck
from metrics import tables
from metrics.comparisons import district_ranking, measures, province_values
from metrics.indicators import headline
from metrics.overview import place_choices
from metrics.scope import Scope
from metrics.settings import current
from ui.db import cached, signature
from ui.i18n import lang, t
from ui.page import SECTION_KEY, downloads, show_table, ui_lang

MEASURE_KEY = "province_measure"
PICK_KEY = "province_pick"
MAP_KEY = "province_map"
RANK_KEY = "ranking_indicator"
NARROWED = ("f_district", "f_tambon", "f_village")  # cleared when a province is chosen


def _names_a_place(scope: Scope) -> bool:
    return bool(scope.province or scope.district or scope.tambon or scope.villages)


def shows_province_map(scope: Scope, values: pd.DataFrame) -> bool:
    """No place chosen, and villages in more than one province (all, or a wider grant)."""
    return not _names_a_place(scope) and len(values) > 1


def _keep_choice(key: str, options: list[str]) -> str:
    """The choice of the selectbox ``key`` (the first option when none or stale), kept through
    a language switch: a selectbox tells the server its choice by the label it shows, so after
    a switch its value is set again, to be sent with the new labels (as :mod:`ui.filters` does)."""
    seen = f"_{key}_lang"
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    elif st.session_state.get(seen) != lang():
        st.session_state[key] = st.session_state[key]
    st.session_state[seen] = lang()
    return st.session_state[key]


def _narrow_to(code: str) -> None:
    """Set the sidebar's province filter (a callback: before the sidebar is drawn again)."""
    st.session_state["f_province"] = code
    for key in NARROWED:
        st.session_state.pop(key, None)


def _picked() -> None:
    code = st.session_state.get(PICK_KEY)
    if code:
        st.session_state[PICK_KEY] = None
        _narrow_to(code)


def _clicked() -> None:
    state: Any = st.session_state.get(MAP_KEY)
    objects = (state or {}).get("selection", {}).get("objects", {}).get(LAYER_ID) or []
    offered = st.session_state.get("_province_codes_offered", ())
    for found in objects:
        code = (found.get("properties") or {}).get("code")
        if code in offered:
            _narrow_to(code)
            return


def _legend_html(measure: str) -> str:
    swatch = "<span style='display:inline-block;width:0.9em;height:0.9em;border:1px solid #606060;background:{c}'></span>"
    return " ".join(
        f"{swatch.format(c=item.colour)} {literal(item.label, context='html')}"
        for item in legend(measure, lang())
    )


def province_section(scope: Scope) -> None:
    """The province map, its measure, its legend and the province box; nothing when the scope
    is one province or narrower, or its villages lie in one province."""
    options = list(measures())
    measure = _keep_choice(MEASURE_KEY, options)
    if _names_a_place(scope):  # no map for one province or less: its values are not read
        return
    values = cached(province_values, scope, measure)
    if not shows_province_map(scope, values):
        return
    with st.container(key=SECTION_KEY + "provinces"):
        st.subheader(t("provinces.heading"))
        labels = {m: measure_label(m, lang()) for m in options}  # fixed now: formatted after this run too
        st.selectbox(t("provinces.measure"), options, key=MEASURE_KEY, format_func=labels.__getitem__)
        st.markdown(_legend_html(measure), unsafe_allow_html=True)
        left, right = st.columns([3, 1])
        codes = [str(c) for c in values["code"]]
        st.session_state["_province_codes_offered"] = tuple(codes)
        with left:
            deck = province_deck(values, measure, lang=lang())
            deck.memo = ("provinces", signature(), scope, measure, lang())  # its JSON kept for reruns
            st.pydeck_chart(
                deck,
                height=520,
                on_select=_clicked,
                selection_mode="single-object",
                key=MAP_KEY,
            )
        names = dict(cached(_province_names, scope))
        with right:
            st.selectbox(
                t("provinces.choose"),
                codes,
                index=None,
                key=PICK_KEY,
                placeholder=t("filters.all"),
                format_func=lambda c: names.get(c, c),
                on_change=_picked,
                help=t("provinces.choose_help"),
            )
        st.caption(t("provinces.caption"))


def _province_names(con: Any, scope: Scope) -> tuple[tuple[str, str], ...]:
    """(code, name in the session's language) of the provinces in ``scope``."""
    return tuple(
        (code, (en or th) if lang() == "en" else th) for code, th, en in place_choices(con, scope, "province")
    )


def ranking_section(scope: Scope, *, previous: Any = None) -> None:
    """Districts ranked by a chosen headline indicator, with their 95% intervals and verdicts;
    those with too few households surveyed listed apart; and its downloads."""
    options = [ind.id for ind in headline()]
    indicator_id = _keep_choice(RANK_KEY, options)
    least = current().min_households_to_judge
    with st.container(key=SECTION_KEY + "ranking"):
        st.subheader(t("ranking.heading"))
        labels = {m: measure_label(m, lang()) for m in options}  # fixed now: formatted after this run too
        st.selectbox(t("ranking.by"), options, key=RANK_KEY, format_func=labels.__getitem__)
        st.caption(t("ranking.caption", n=least))
        ranked = cached(district_ranking, scope, indicator_id)
        shown = ranking_table(ranked, indicator_id, lang=ui_lang())
        judged = ranked["verdict"] != "too_few"
        show_table(shown[judged.to_numpy()], whole=2)
        if (~judged).any():
            st.markdown(f"**{t('ranking.apart')}**")
            show_table(shown[(~judged).to_numpy()], whole=2)
    downloads(
        shown,
        stem="overview_ranking",
        scope=scope,
        sheet=t("sheet.ranking"),
        key="dl_ranking",
        previous=previous,
    )


def ranking_table(ranked: pd.DataFrame, indicator_id: str, *, lang: str) -> pd.DataFrame:
    """The ranking as shown and exported: labelled columns, values in their units, verdicts in words."""
    unit = "change" if indicator_id == "income_increase_pct" else "share"
    frame = ranked.assign(verdict=[code_label("verdict", v, lang) for v in ranked["verdict"]])
    name_column = "district_name_en" if lang == "en" else "district_name"
    frame[name_column] = frame[name_column].fillna(frame["district_name"])
    return tables.shape(
        frame,
        [
            ("rank", t("col.rank"), "count"),
            (name_column, t("col.district"), "text"),
            ("villages", t("col.villages"), "count"),
            ("surveyed_after", t("col.surveyed_after"), "count"),
            ("value", t("col.value"), unit),  # the box above names the indicator
            ("low", t("col.interval_low"), unit),
            ("high", t("col.interval_high"), unit),
            ("verdict", t("col.verdict"), "text"),
        ],
        lang=lang,
    )
