"""Sidebar filters, cascading fiscal year → province → district → tambon → village, plus
occupation, the as-of date (default: :func:`metrics.changes.default_as_of`, the latest date
in the data of all areas, said in words under the box) and the previous meeting (default: the
end of the month before). They persist across pages (session state) and live in the URL
(``st.query_params``), so a link opens the same view. The date boxes show their date in the
page's language; the URL holds it as an ISO date (CE), and text that is not a date is cleared,
so it leaves the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from common.params import LANGS, LEVELS, Known, check_params, out_of_scope, parse_as_of
from common.safe_text import clip, literal
from common.strings import default_as_of_words
from metrics.changes import default_as_of, previous_meeting
from metrics.overview import fiscal_years, occupations, place_choices, place_names
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
    "f_previous": "previous",
    "lang": "lang",
    "present": "present",
}
ALL = "__all__"
DATES = ("f_as_of", "f_previous")  # date boxes: shown in the page's language, ISO in the URL
MAX_VILLAGE_OPTIONS = 2_000  # above this the village list waits for a narrower area


def _today() -> dt.date:
    return dt.date.today()


NOTICES = "_url_notices"  # notices about URL values that were not used, shown on this run
SEEN = "_url_seen"  # the filter parameters in the URL when last read or written
WANTED = "_url_wanted"  # the filter values last read from or written to the URL
FROM_URL = "_from_url"  # session keys set from the URL on this run


def _url() -> dict[str, str]:
    """The parameters the filters read, as they are in the URL now (last value of each)."""
    return {param: st.query_params[param] for param in PARAMS.values() if param in st.query_params}


def _known(url: dict[str, str]) -> Known:
    """What the store holds of the values in ``url``: the place codes it names (looked up,
    never a list of every village), every fiscal year and every occupation, each looked up
    only when the URL names one (a first load without them reads none of it)."""
    codes = tuple(sorted({url[level.param] for level in LEVELS if url.get(level.param)}))
    places = cached(place_names, codes) if codes else {}
    return Known(
        fiscal_years=set(cached(fiscal_years)) if url.get("fy") else set(),
        provinces=set(places.get("province", {})),
        districts=set(places.get("district", {})),
        tambons=set(places.get("tambon", {})),
        villages=set(places.get("village", {})),
        occupations=set(cached(occupations)) if url.get("occupation") else set(),
    )


def load_query_params() -> None:
    """Take the filters from the URL, after checking every value (:mod:`common.params`).

    Once per session, and again whenever the URL changed without the dashboard changing it:
    the browser's Back and Forward buttons, or a link pasted into the same tab. A value that
    fails its check is not used; a notice says which and what is shown instead.
    """
    url = _url()
    if st.session_state.get("_filters_loaded") and url == st.session_state.get(SEEN):
        return
    st.session_state["_filters_loaded"] = True
    checked = check_params(url, known=_known(url))
    for key, param in PARAMS.items():
        default = {"lang": "th", "f_as_of": "", "f_previous": "", "present": ""}.get(key, ALL)
        st.session_state[key] = checked.values.get(param, default)
    st.session_state[FROM_URL] = {k for k, p in PARAMS.items() if p in checked.values}
    st.session_state[NOTICES] = list(checked.notices)
    st.session_state[SEEN] = url
    st.session_state[WANTED] = _wanted()


def _wanted() -> dict[str, str]:
    wanted = {}
    for key, param in PARAMS.items():
        value = st.session_state.get(key)
        if key in DATES:  # the date itself, not the words of one language; unreadable: none
            day = parse_as_of(value) if isinstance(value, str) else None
            value = day.isoformat() if day else None
        if value not in (None, "", ALL) and not (key == "lang" and value == "th"):
            wanted[param] = str(value)
    return wanted


def _save_query_params() -> None:
    """Write the filters to the URL when the user changed one (one browser history entry per
    change; nothing is written when only the URL was corrected, so Back needs one press)."""
    wanted = _wanted()
    if wanted != st.session_state.get(WANTED):
        st.query_params.from_dict(wanted)
        st.session_state[SEEN] = wanted
        st.session_state[WANTED] = wanted


def url_params() -> dict[str, str]:
    """The filters as URL parameters (what links to other pages should carry)."""
    return dict(st.session_state.get(WANTED) or {})


def _show_notices() -> None:
    """The notices from checking the URL, Thai first, escaped (they quote what was typed)."""
    for notice in st.session_state.pop(NOTICES, []):
        st.warning(literal(notice.text()), icon=":material/link_off:")


def _select(key: str, label: str, options: list[str], labels: dict[str, str]) -> str | None:
    """A selectbox whose first choice is "All"; a stale value (not offered) falls back to All."""
    choices = [ALL, *options]
    value = st.session_state.get(key)
    if value not in choices:
        if key in st.session_state.get(FROM_URL, ()) and value not in (None, ALL):
            param = PARAMS[key]
            st.session_state.setdefault(NOTICES, []).append(out_of_scope(param, str(value)))
        st.session_state[key] = ALL
    all_label = t("filters.all")  # fixed now: the widget may format its options after this run
    value = st.sidebar.selectbox(
        label, choices, key=key, format_func=lambda c: all_label if c == ALL else labels.get(c, c)
    )
    return None if value == ALL else value


def _labels(choices: list[tuple[str, str, str | None]]) -> dict[str, str]:
    """Each choice's name in the session's language (Thai where there is no English)."""
    english = lang() == "en"
    return {code: (en or th) if english else th for code, th, en in choices}


def _choose(key: str, label: str, places: Scope, level: str) -> str | None:
    """The filter for ``level`` with the choices within ``places`` (and the grant)."""
    choices = cached(place_choices, places, level)
    return _select(key, label, [c for c, _, _ in choices], _labels(choices))


def _language_changed() -> None:
    """Keep every filter through a language switch.

    A selectbox tells the server its choice by the label it shows, and the labels change with
    the language ("ม่วงสามสิบ" becomes "Muang Sam Sip"), so the next click would send a label
    the widget no longer offers and the filter would fall back to All. Setting each filter
    again here makes Streamlit send its value with the new labels to the browser.
    Clicking the chosen language again would unselect it; Thai is kept then.
    """
    if st.session_state.get("lang") not in LANGS:
        st.session_state["lang"] = "th"
    for key in PARAMS:
        if key != "lang" and key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _reset() -> None:
    for key in PARAMS:
        if key not in ("lang", "present"):
            st.session_state.pop(key, None)


def sidebar_filters() -> Scope:
    """Draw the language switch and the filters; return the scope they select."""
    load_query_params()
    if st.session_state.get("lang") not in LANGS:
        st.session_state["lang"] = "th"
    st.sidebar.segmented_control(
        t("lang.label"),
        list(LANGS),
        key="lang",
        format_func=lambda c: {"th": "ไทย", "en": "English"}[c],
        on_change=_language_changed,
    )
    st.sidebar.header(t("filters.header"))
    years = sorted((c for c, _, _ in cached(place_choices, Scope(), "fiscal_year")), reverse=True)
    fy = _select("f_fy", t("filters.fiscal_year"), years, {y: y for y in years})
    chosen = Scope(fiscal_year=int(fy) if fy else None)
    province = _choose("f_province", t("filters.province"), chosen, "province")
    chosen = replace(chosen, province=province)
    district = _choose("f_district", t("filters.district"), chosen, "district")
    chosen = replace(chosen, district=district)
    tambon = _choose("f_tambon", t("filters.tambon"), chosen, "tambon")
    chosen = replace(chosen, tambon=tambon)
    offered = cached(place_choices, chosen, "village", MAX_VILLAGE_OPTIONS + 1)
    if len(offered) > MAX_VILLAGE_OPTIONS:  # national scope: offer villages once narrowed
        current = st.session_state.get("f_village")
        # keep a linked village, if it is in the area ("All" is no village: nothing to look up)
        linked = current not in (None, "", ALL)
        offered = cached(place_choices, replace(chosen, villages=(current,)), "village") if linked else []
        st.sidebar.caption(t("filters.village_narrow"))
    village = _select(
        "f_village",
        t("filters.village"),
        [c for c, _, _ in offered],
        {code: f"{name} ({code})" for code, name, _ in offered},
    )
    places = Scope(
        fiscal_year=int(fy) if fy else None,
        province=province,
        district=district,
        tambon=tambon,
        villages=(village,) if village else (),
    )
    # The places chosen, narrowed to the person's grant by cached(): a person granted one
    # district is offered that district's occupations only, even with every filter on All.
    occ = cached(occupations, places)
    occupation = _select("f_occupation", t("filters.occupation"), occ, {o: o for o in occ})
    scope = replace(places, occupation=occupation)
    # one default for every program (metrics.changes.default_as_of): the places chosen and the
    # grant do not move it, so it is looked up without a scope to narrow
    latest = cached(default_as_of, scope.fiscal_year) or _today()
    why = default_as_of_words(lang(), scope.fiscal_year)
    as_of = _date_input(
        "f_as_of",
        t("filters.as_of"),
        latest,
        help_text=t("filters.as_of_default", why=why, date=fmt_date(latest)),
        blank_note=t("asof.default_caption", date=fmt_date(latest), why=why),
    )
    default_previous = previous_meeting(as_of)
    previous = _date_input(
        "f_previous",
        t("filters.previous"),
        default_previous,
        help_text=t("filters.previous_help", date=fmt_date(default_previous)),
    )
    if previous >= as_of:
        st.sidebar.warning(t("filters.previous_after"), icon=":material/event_busy:")
        previous = default_previous
    st.session_state["previous_meeting"] = previous
    st.sidebar.button(t("filters.reset"), on_click=_reset, icon=":material/filter_alt_off:")
    _save_query_params()
    st.session_state[FROM_URL] = set()
    _show_notices()
    return replace(scope, as_of=as_of)


def _date_input(
    key: str, label: str, default: dt.date, *, help_text: str, blank_note: str | None = None
) -> dt.date:
    """A text box that takes any date form officers type (BE years, Thai digits and months);
    empty means ``default``, which the placeholder shows (and ``blank_note`` says in words).

    What was typed is read before the box is drawn: a date is shown back in the page's language
    ("1 มกราคม 2561" reads "1 Jan 2018" in English), and text that is not a date is cleared,
    with a warning quoting it, so it never stays in the box or the URL.
    """
    typed = st.session_state.get(key) or ""
    value = parse_as_of(typed) if typed.strip() else None
    st.session_state[key] = fmt_date(value) if value else ""
    st.sidebar.text_input(
        label,
        key=key,
        placeholder=fmt_date(default),
        help=f"{help_text} {t('filters.as_of_help')}",
    )
    if typed.strip() and value is None:
        st.sidebar.warning(
            t("filters.date_bad", typed=literal(clip(typed)), date=fmt_date(default)),
            icon=":material/event_busy:",
        )
    elif value is None and blank_note:
        st.sidebar.caption(blank_note)
    return value or default


def previous_meeting_date() -> dt.date:
    """The previous meeting the sidebar selected on this run (set with the scope)."""
    require_shell()
    return st.session_state["previous_meeting"]


def describe(scope: Scope) -> str:
    """A one-line description of the scope, with place names, for captions and exports."""
    # names of just the codes the scope names (not a list of every village in the country)
    wanted = tuple(
        sorted({c for c in (scope.province, scope.district, scope.tambon) if c} | set(scope.villages))
    )
    names: dict[str, str] = {}
    for places in (cached(place_names, wanted) if wanted else {}).values():
        names.update(_labels([(code, th, en) for code, (th, en) in places.items()]))
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
