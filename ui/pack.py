"""The "meeting pack" download: PowerPoint, PDF and Excel for the current filters, built on click.

The files come from :mod:`reports` (the same code as ``python -m reports meeting``), gathered
once and written three times, behind an ``st.progress`` bar that names the phase (gathering
data, drawing charts, writing each file). A session keeps the last pack it built (about two
megabytes) for its store version, scope and language, so the download buttons that follow
do not build it again.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from metrics.scope import Scope
from reports import build_all
from reports.data import NoDataError
from reports.progress import Progress
from ui import access
from ui.db import signature, store_cursor
from ui.i18n import fmt_date, lang, t

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BUILT = "_pack_built"  # session state: (what was asked, {format: bytes}, file stem, notice)


def phase_text(fraction: float, phase: str) -> str:
    """ "กำลังวาดแผนภูมิ… 45%": the phase in words and how far the whole build is."""
    return t("build.progress", phase=t(f"build.phase.{phase}"), percent=round(fraction * 100))


def progress_bar(bar: Any) -> Progress:
    """A :mod:`reports.progress` callback that moves ``bar`` (an ``st.progress`` element)."""

    def moved(fraction: float, phase: str) -> None:
        bar.progress(fraction, text=phase_text(fraction, phase))

    return moved


def _built(scope: Scope, wanted: tuple[Any, ...]) -> tuple[dict[str, bytes], str, str] | None:
    """The pack for ``wanted`` (store version, scope, language) with its file stem and the
    missing-charts notice: this session's last one if it is that, else built now under a
    progress bar; None (with a message) if it cannot be."""
    done = st.session_state.get(_BUILT)
    if done is not None and done[0] == wanted:
        return done[1], done[2], done[3]
    bar = st.progress(0.0, text=phase_text(0.0, "gather"))
    try:
        files, stem, notice = build_all(store_cursor(), scope, lang=lang(), progress=progress_bar(bar))
    except NoDataError:
        st.info(t("empty.scope"), icon=":material/search_off:")
        return None
    except (OSError, ValueError, RuntimeError) as exc:
        st.error(t("pack.failed", error=type(exc).__name__), icon=":material/error:")
        return None
    finally:
        bar.empty()
    st.session_state[_BUILT] = (wanted, files, stem, notice)
    return files, stem, notice


def meeting_pack_download(scope: Scope, *, key: str) -> None:
    """A button that builds the pack for ``scope``, then its three download buttons."""
    with st.expander(t("pack.download"), icon=":material/co_present:"):
        st.caption(t("pack.download_help", date=fmt_date(scope.as_of)))
        state_key = f"pack_wanted_{key}"
        wanted = (signature(), scope, lang())
        if st.button(t("pack.build"), key=f"pack_build_{key}", icon=":material/slideshow:"):
            st.session_state[state_key] = wanted
        if st.session_state.get(state_key) != wanted:
            return
        built = _built(scope, wanted)
        if built is None:
            return
        files, stem, notice = built
        if notice:
            st.warning(notice, icon=":material/image_not_supported:")
        buttons = (
            ("pptx", "pack.download_pptx", PPTX_MIME),
            ("pdf", "pack.download_pdf", "application/pdf"),
            ("xlsx", "pack.download_xlsx", XLSX_MIME),
        )
        for column, (fmt, label, mime) in zip(st.columns(len(buttons)), buttons, strict=True):
            access.download_button(
                t(label),
                files[fmt],
                file_name=f"{stem}.{fmt}",
                mime=mime,
                scope=scope,
                what=f"meeting_pack_{fmt}",
                where=column,
                icon=":material/download:",
                key=f"pack_{fmt}_{key}",
            )
