"""Data versions on the dashboard: the notice on every page when ``?version=N`` shows data that is
not the latest (or a version the store does not have), and the revisions section of the
Indicators page (:mod:`metrics.revisions`)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from common.formats import format_value
from common.safe_text import literal
from data_loaders.contract.settings import db_path
from data_loaders.store.versions import history_from, list_versions, shown_version
from metrics.revisions import revisions
from metrics.scope import Scope
from ui.db import VERSION_REFUSED, cached, narrowed, signature
from ui.i18n import lang, t

SHOWN_VILLAGES = 5  # villages named per import in the table; the rest are counted


def version_notice() -> None:
    """On every page: a version the URL asked for that the store cannot give, and, when the
    page shows an earlier version, plainly that it is not the latest."""
    refused = st.session_state.pop(VERSION_REFUSED, None)
    if refused is not None:
        st.warning(literal(refused.en if lang() == "en" else refused.th), icon=":material/history:")
    version, latest = cached(shown_version)
    if version != latest:
        st.warning(t("store.old_version", version=version, latest=latest), icon=":material/history:")


@st.cache_data(max_entries=16, show_spinner=False)
def _revisions(store: tuple[Any, ...], start: int, end: int, scope: Scope) -> dict[str, Any]:
    """``store`` (this run's store version) is only the cache key."""
    return revisions(db_path(), start, end, scope=scope)


def _imports_text(changed_by: list[dict[str, Any]], *, files: bool) -> str:
    """Each import that changed a figure: its version, its file (``files``: for those who may
    see the import log) and the villages it changed (only those in the person's scope)."""
    words = []
    for item in changed_by:
        villages = item["villages_changed"] or []
        named = ", ".join(villages[:SHOWN_VILLAGES])
        more = f" +{len(villages) - SHOWN_VILLAGES}" if len(villages) > SHOWN_VILLAGES else ""
        name = f" ({', '.join(item['files'])})" if files else ""
        words.append(f"{item['version']}{name}: {named}{more}")
    return "; ".join(words)


def revisions_section(scope: Scope, *, files: bool) -> None:
    """The headline figures at two data versions and the imports in between that changed them;
    ``files``: name each import's file (for those who may see the import log)."""
    st.subheader(t("ind.revisions"))
    st.caption(t("ind.revisions_caption"))
    start_at = cached(history_from)
    choices = [v.version for v in cached(list_versions) if v.version >= start_at]
    if len(choices) < 2:
        st.info(t("ind.revisions_none"))
        return
    left, right = st.columns(2)
    start = left.selectbox(t("ind.revisions_from"), choices[:-1], index=len(choices) - 2, key="rev_from")
    later = [c for c in choices if c > start]
    end = right.selectbox(t("ind.revisions_to"), later, index=len(later) - 1, key="rev_to")
    result = _revisions(signature(), int(start), int(end), narrowed(scope))
    rows = [
        {
            t("col.indicator"): item["label_en"] if lang() == "en" else item["label_th"],
            t("col.value_from"): format_value(item["value_from"], item["unit"], lang()),
            t("col.value_to"): format_value(item["value_to"], item["unit"], lang()),
            t("col.changed_by"): _imports_text(item["changed_by"], files=files) or "-",
        }
        for item in result["indicators"]
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
