"""The "meeting pack" download: PowerPoint and PDF for the current filters, built on click.

The files come from :mod:`reports` (the same code as ``python -m reports meeting``) and are
cached per store version, scope and language, a few at a time (each is about a megabyte).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from metrics.scope import Scope
from reports.data import NoDataError, file_stem, gather
from ui import access
from ui.db import signature, store_cursor
from ui.i18n import fmt_date, lang, t

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_data(max_entries=4, show_spinner=False)
def _pack_files(version: Any, scope: Scope, language: str) -> tuple[bytes, bytes, str]:
    """(pptx, pdf, file stem) for ``scope``; ``version`` (the store's) is only the cache key."""
    from reports.pdf_pack import build_pdf
    from reports.pptx_pack import build_pptx

    pack = gather(store_cursor(), scope, lang=language)
    return build_pptx(pack), build_pdf(pack), file_stem(pack)


def meeting_pack_download(scope: Scope, *, key: str) -> None:
    """A button that builds the pack for ``scope``, then its two download buttons."""
    with st.expander(t("pack.download"), icon=":material/co_present:"):
        st.caption(t("pack.download_help", date=fmt_date(scope.as_of)))  # the page's as-of date
        state_key = f"pack_wanted_{key}"
        wanted = (scope, lang())
        if st.button(t("pack.build"), key=f"pack_build_{key}", icon=":material/slideshow:"):
            st.session_state[state_key] = wanted
        if st.session_state.get(state_key) != wanted:
            return
        try:
            with st.spinner(t("pack.building")):
                pptx, pdf, stem = _pack_files(signature(), scope, lang())
        except NoDataError:
            st.info(t("empty.scope"), icon=":material/search_off:")
            return
        except (OSError, ValueError, RuntimeError) as exc:
            st.error(t("pack.failed", error=type(exc).__name__), icon=":material/error:")
            return
        left, right = st.columns(2)
        access.download_button(
            t("pack.download_pptx"),
            pptx,
            file_name=f"{stem}.pptx",
            mime=PPTX_MIME,
            scope=scope,
            what="meeting_pack_pptx",
            where=left,
            icon=":material/download:",
            key=f"pack_pptx_{key}",
        )
        access.download_button(
            t("pack.download_pdf"),
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            scope=scope,
            what="meeting_pack_pdf",
            where=right,
            icon=":material/download:",
            key=f"pack_pdf_{key}",
        )
