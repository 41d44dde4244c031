"""Sidebar filters, cascading fiscal year → province → district → tambon → village, plus
occupation and an as-of date. They persist across pages (session state) and live in the URL
(``st.query_params``), so a link opens the same view."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_loaders.normalise import CellError, parse_date
from metrics.overview import occupations, scope_options
from metrics.scope import Scope
from ui.db import cached
from ui.i18n import fmt_date, lang, t
from ui.shell import require_shell

# session key -> URL parameter
PARAMS = {
    "f_fy": "fy",
    "f_province": "province",
    "f_district": "district",
    "f_tambon": "tambon",
    "f_village": "village",
    "f_occupation": "occupation",
    "f_as_of": "as_of",
    "lang": "lang",
}
ALL = "__all__"
MAX_VILLAGE_OPTIONS = 2_000  # above this the village list waits for a narrower area


def _today() -> dt.date:
    return dt.date.today()


def load_query_params() -> None:
    """Once per session: take the filters from the URL."""
    if st.session_state.get("_filters_loaded"):
        return
    st.session_state["_filters_loaded"] = True
    for key, param in PARAMS.items():
        if param in st.query_params:
            st.session_state[key] = st.query_params[param]


def _save_query_params() -> None:
    wanted = {}
    for key, param in PARAMS.items():
        value = st.session_state.get(key)
        if value not in (None, "", ALL) and not (key == "lang" and value == "th"):
            wanted[param] = str(value)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _select(key: str, label: str, options: list[str], labels: dict[str, str]) -> str | None:
    """A selectbox whose first choice is "All"; a stale value (not offered) falls back to All."""
    choices = [ALL, *options]
    if st.session_state.get(key) not in choices:
        st.session_state[key] = ALL
    value = st.sidebar.selectbox(
        label, choices, key=key, format_func=lambda c: t("filters.all") if c == ALL else labels.get(c, c)
    )
    return None if value == ALL else value


def _names(frame: pd.DataFrame, code: str, level: str) -> dict[str, str]:
    column = f"{level}_name_en" if lang() == "en" and f"{level}_name_en" in frame else f"{level}_name"
    pairs = frame[[code, column]].drop_duplicates(code)
    return dict(zip(pairs[code], pairs[column], strict=True))


def _reset() -> None:
    for key in PARAMS:
        if key != "lang":
            st.session_state.pop(key, None)


def sidebar_filters() -> Scope:
    """Draw the language switch and the filters; return the scope they select."""
    load_query_params()
    st.sidebar.segmented_control(
        t("lang.label"),
        ["th", "en"],
        key="lang",
        format_func=lambda c: {"th": "ไทย", "en": "English"}[c],
        default=st.session_state.get("lang", "th"),
    )
    if st.session_state.get("lang") not in ("th", "en"):
        st.session_state["lang"] = "th"
    st.sidebar.header(t("filters.header"))
    villages: pd.DataFrame = cached(scope_options)
    years = sorted({str(y) for y in villages["fiscal_year"].dropna().astype(int)}, reverse=True)
    fy = _select("f_fy", t("filters.fiscal_year"), years, {y: y for y in years})
    if fy:
        villages = villages[villages["fiscal_year"].astype(str) == fy]
    province = _select(
        "f_province",
        t("filters.province"),
        sorted(villages["province_code"].unique()),
        _names(villages, "province_code", "province"),
    )
    if province:
        villages = villages[villages["province_code"] == province]
    district = _select(
        "f_district",
        t("filters.district"),
        sorted(villages["district_code"].unique()),
        _names(villages, "district_code", "district"),
    )
    if district:
        villages = villages[villages["district_code"] == district]
    tambon = _select(
        "f_tambon",
        t("filters.tambon"),
        sorted(villages["tambon_code"].unique()),
        _names(villages, "tambon_code", "tambon"),
    )
    if tambon:
        villages = villages[villages["tambon_code"] == tambon]
    if len(villages) > MAX_VILLAGE_OPTIONS:  # national scope: offer villages once narrowed
        current = st.session_state.get("f_village")
        villages_offered = villages[villages["village_code"] == current]  # keep a linked village
        st.sidebar.caption(t("filters.village_narrow"))
    else:
        villages_offered = villages
    village_labels = dict(
        zip(
            villages_offered["village_code"],
            villages_offered["village_name"] + " (" + villages_offered["village_code"] + ")",
            strict=True,
        )
    )
    village = _select(
        "f_village", t("filters.village"), list(villages_offered["village_code"]), village_labels
    )
    narrowed = fy or province or district or tambon
    in_scope = (village,) if village else (tuple(villages["village_code"]) if narrowed else ())
    occ = cached(occupations, in_scope)
    occupation = _select("f_occupation", t("filters.occupation"), occ, {o: o for o in occ})
    as_of = _as_of_input()
    st.sidebar.button(t("filters.reset"), on_click=_reset, icon=":material/filter_alt_off:")
    _save_query_params()
    return Scope(
        fiscal_year=int(fy) if fy else None,
        province=province,
        district=district,
        tambon=tambon,
        villages=(village,) if village else (),
        occupation=occupation,
        as_of=as_of,
    )


def _as_of_input() -> dt.date:
    """A text box that takes any date form officers type (BE years, Thai digits and months)."""
    today = _today()
    raw = st.session_state.get("f_as_of")
    if not raw:
        st.session_state["f_as_of"] = ""
    text = st.sidebar.text_input(
        t("filters.as_of"), key="f_as_of", placeholder=fmt_date(today), help=t("filters.as_of_help")
    )
    if not text.strip():
        return today
    try:
        value = parse_date(text)
    except CellError:
        st.sidebar.warning(t("filters.as_of_bad"), icon=":material/event_busy:")
        return today
    st.sidebar.caption(fmt_date(value))
    return value


def describe(scope: Scope) -> str:
    """A one-line description of the scope, with place names, for captions and exports."""
    villages: pd.DataFrame = cached(scope_options)
    names: dict[str, str] = {}
    for level in ("province", "district", "tambon"):
        names.update(_names(villages, f"{level}_code", level))
    names.update(dict(zip(villages["village_code"], villages["village_name"], strict=True)))
    parts = []
    if scope.fiscal_year:
        parts.append(f"{t('filters.fiscal_year')} {scope.fiscal_year}")
    for code, label in (
        (scope.province, "filters.province"),
        (scope.district, "filters.district"),
        (scope.tambon, "filters.tambon"),
    ):
        if code:
            parts.append(
                f"{t(label)}{names.get(code, code)}"
                if lang() == "th"
                else f"{t(label)} {names.get(code, code)}"
            )
    if scope.villages:
        parts.append(", ".join(names.get(v, v) for v in scope.villages))
    if not parts:
        parts.append(t("scope.everywhere"))
    if scope.occupation:
        parts.append(f"{t('filters.occupation')} {scope.occupation}")
    parts.append(f"{t('filters.as_of')} {fmt_date(scope.as_of)}")
    return " · ".join(parts)


def current_scope() -> Scope:
    """The scope the sidebar selected on this run (set by app.py before the page runs)."""
    require_shell()
    return st.session_state["scope"]
