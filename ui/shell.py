"""Keep every page inside the app shell (app.py), even on a server's very first request.

Because a folder named ``pages/`` sits beside app.py, Streamlit starts in its legacy multipage
mode. In that mode a deep link (``/income?district=3414``) opened as the server's first request
runs ``pages/income.py`` alone, without app.py's navigation and filters; the mode only switches
when app.py calls ``st.navigation``. A page that finds itself outside the shell switches the
server to ``st.navigation`` mode and reruns, so app.py frames it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

FRAMED = "_framed_by_app"


def use_navigation_mode() -> None:
    """Tell Streamlit this app routes with ``st.navigation``, not the ``pages/`` folder."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


@contextlib.contextmanager
def in_shell() -> Iterator[None]:
    """Mark the page run as framed by app.py (only while it runs)."""
    st.session_state[FRAMED] = True
    try:
        yield
    finally:
        st.session_state[FRAMED] = False


def require_shell() -> None:
    """Rerun through app.py if this page was started without it."""
    if st.session_state.get(FRAMED) and "scope" in st.session_state:
        return
    use_navigation_mode()
    st.rerun()
