"""The village one-pagers on the Progress page (the same code as ``python -m reports village``).

- The village chosen on the page: its A4 page as a PDF and its card for LINE as a PNG, each
  built when its button is clicked (:func:`ui.db.lazy`, within the person's grant).
- A district chosen: every village of the scope as its own PDF, named by village code, in one
  ZIP, built on a button under an ``st.progress`` bar that names the phase. A session keeps
  the last ZIP it built for its store version, scope and language.

All use the page's as-of date; names and phone numbers are masked, as everywhere.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from common.safe_text import literal
from metrics import tables
from metrics.scope import Scope, village_count
from reports.data import NoDataError
from reports.village import village_pdf, village_png, village_zip
from ui import access
from ui.db import cached, lazy, signature, store_cursor
from ui.i18n import fmt_date, fmt_int, lang, t
from ui.pack import phase_text, progress_bar

_BUILT = "_onepagers_zip"  # session state: (what was asked, ZIP bytes)


def village_one_pager(scope: Scope, village: str, label: str) -> None:
    """PDF and PNG buttons for ``village`` (a code in ``scope``; ``label`` names it)."""
    st.subheader(t("onepager.header"))
    st.caption(t("onepager.caption", village=literal(label), date=fmt_date(scope.as_of)))
    one = replace(scope, villages=(village,))
    words = lang()
    left, right, _ = st.columns([1, 1, 1])
    for where, (fmt, builder, mime) in zip(
        (left, right),
        (("pdf", village_pdf, "application/pdf"), ("png", village_png, "image/png")),
        strict=True,
    ):
        access.download_button(
            t(f"onepager.{fmt}"),
            lazy(builder, one, as_of=scope.as_of, lang=words),
            file_name=tables.file_name(f"village_{village}", scope.as_of, fmt),
            mime=mime,
            scope=one,
            what=f"village_{fmt}",
            where=where,
            icon=":material/download:",
            key=f"onepager_{fmt}",
        )


def district_one_pagers(scope: Scope) -> None:
    """With a district chosen, a button that builds every village's one-pager into one ZIP,
    then its download; without one, a hint to choose a district."""
    if not scope.district:
        st.caption(t("onepager.zip_hint"))
        return
    st.caption(t("onepager.zip_caption", n=fmt_int(cached(village_count, scope))))
    wanted = (signature(), scope, lang())
    if st.button(t("onepager.zip_build"), key="onepager_zip_build", icon=":material/folder_zip:"):
        st.session_state["onepager_zip_wanted"] = wanted
    if st.session_state.get("onepager_zip_wanted") != wanted:
        return
    done = st.session_state.get(_BUILT)
    if done is None or done[0] != wanted:
        bar = st.progress(0.0, text=phase_text(0.0, "pages"))
        try:
            data = village_zip(
                store_cursor(), scope, as_of=scope.as_of, lang=lang(), progress=progress_bar(bar)
            )
        except NoDataError:
            st.info(t("empty.scope"), icon=":material/search_off:")
            return
        except (OSError, ValueError, RuntimeError) as exc:
            st.error(t("onepager.failed", error=type(exc).__name__), icon=":material/error:")
            return
        finally:
            bar.empty()
        done = (wanted, data)
        st.session_state[_BUILT] = done
    access.download_button(
        t("onepager.zip_download"),
        done[1],
        file_name=tables.file_name(f"onepagers_{scope.district}", scope.as_of, "zip"),
        mime="application/zip",
        scope=scope,
        what="village_zip",
        icon=":material/download:",
        key="onepager_zip",
    )
