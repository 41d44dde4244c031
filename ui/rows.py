"""The rows behind each number, on the Indicators page and behind each Overview card.

One indicator at a time (a select box, opened on ``?indicator=ID`` when a link names one): the
first rows read in SQL (:func:`metrics.rows.rows_page`) with the count, and CSV and Excel
downloads of every row (built on click, logged as exports). Names are masked; an evaluator gets a
pseudonymous key per household and no personal field (:mod:`metrics.rows`).
"""

from __future__ import annotations

import secrets

import streamlit as st

from metrics.indicators import catalogue, indicator
from metrics.raw import MAX_ROWS
from metrics.rows import Audience, indicator_rows, labelled, on_screen, rows_page
from metrics.scope import Scope
from ui import access
from ui.db import cached, lazy
from ui.filters import url_params
from ui.i18n import fmt_int, lang, t
from ui.page import TABLE_ROWS, downloads, show_table, ui_lang

PARAM = "indicator"  # ?indicator=ID opens the rows of that indicator
PICK_KEY = "rows_indicator"
SALT_KEY = "pseudonym_salt"  # .streamlit/secrets.toml: keeps evaluators' keys across restarts


@st.cache_resource(show_spinner=False)
def _process_salt() -> str:
    """A random salt for this server process, when none is configured."""
    return secrets.token_hex(16)


def pseudonym_salt() -> str:
    """The secret salt of evaluators' household keys: ``pseudonym_salt`` in secrets.toml (the
    same keys across restarts), else one random per server process. Read per run."""
    try:
        value = st.secrets.get(SALT_KEY)
    except Exception:  # no secrets file at all
        value = None
    return str(value) if value else _process_salt()


def audience() -> Audience:
    """Masked names for roles that see household rows; pseudonymous keys for the others."""
    return "masked" if access.household_rows_allowed() else "pseudonymous"


def _label(ind_id: str) -> str:
    ind = indicator(ind_id)
    return ind.label_th if lang() == "th" else ind.label_en


def show_link(ind_id: str) -> None:
    """A link from an Overview card to the Indicators page, opened on this indicator's rows."""
    st.page_link(
        "pages/indicators.py",
        label=t("rows.show"),
        icon=":material/table_rows:",
        query_params={**url_params(), PARAM: ind_id},
    )


def _chosen() -> str:
    ids = [i.id for i in catalogue()]
    asked = st.query_params.get(PARAM)
    if asked in ids and st.session_state.get("_rows_from_url") != asked:
        st.session_state["_rows_from_url"] = asked  # once per link: the box stays the user's after
        st.session_state[PICK_KEY] = asked
    return st.selectbox(t("rows.pick"), ids, format_func=_label, key=PICK_KEY)


def rows_section(scope: Scope) -> None:
    """The rows of one indicator: the first rows and the count, and the downloads of all."""
    st.subheader(t("rows.title"))
    st.caption(t("rows.caption"))
    ind_id = _chosen()
    ind = indicator(ind_id)
    who = audience()
    salt = pseudonym_salt() if who == "pseudonymous" else ""
    page, total = cached(rows_page, scope, ind_id, limit=TABLE_ROWS, lang=ui_lang(), audience=who, salt=salt)
    if who == "pseudonymous" and ind.unit_set == "households":
        st.caption(t("rows.pseudonymous"))
    if page.empty:
        st.caption(t("empty.rows"))
    else:
        show_table(on_screen(page, ind, lang()))
        st.caption(t("rows.count", shown=fmt_int(len(page)), total=fmt_int(total)))
    # The downloads, built on click and logged: CSV every row, Excel at most Excel's rows (and
    # says so), headers in the page's language (Thai first), the scope in words.
    words = ui_lang()
    every = lazy(indicator_rows, scope, ind_id, lang=words, audience=who, salt=salt)
    cut = (
        t("rows.title"),
        t("rows.xlsx_cut", max=fmt_int(MAX_ROWS), shown=fmt_int(MAX_ROWS), total=fmt_int(total)),
    )
    downloads(
        lambda: labelled(every(), ind, words),
        stem=f"rows_{ind_id}",
        scope=scope,
        sheet=_label(ind_id),
        key=f"dl_rows_{ind_id}",
        xlsx_rows=MAX_ROWS,
        xlsx_notes=[cut] if total > MAX_ROWS else [],
    )
