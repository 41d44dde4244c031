"""Keep every page inside the app shell (app.py), even on a server's very first request.

app.py routes with ``st.navigation``. Because a folder named ``pages/`` sits beside app.py,
Streamlit starts in its legacy multipage mode ("MPA v1", documented for apps with a ``pages/``
folder), and stays there until a script calls ``st.navigation``. In that mode a deep link
(``/income?district=3414``) opened as the server's first request (and every run under
Streamlit's ``AppTest``, which starts each run afresh) runs ``pages/income.py`` alone,
without app.py's navigation, sign-in and filters.

A page therefore begins with :func:`require_shell`. If app.py is not framing it, the page runs
app.py itself, in this same script run, and stops: app.py calls ``st.navigation`` (the public
call that ends the legacy mode for the whole server), which resolves the requested URL to
this same page and runs it framed. Only public Streamlit calls are used: ``st.navigation``,
``Page.run`` and ``st.stop``; no private attribute is patched.
"""

from __future__ import annotations

import contextlib
import runpy
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import streamlit as st

from common import strings
from common.safe_text import clip, literal
from ui.i18n import t

FRAMED = "_framed_by_app"
APP = Path(__file__).resolve().parents[1] / "app.py"


@contextlib.contextmanager
def in_shell() -> Iterator[None]:
    """Mark the page run as framed by app.py (only while it runs)."""
    st.session_state[FRAMED] = True
    try:
        yield
    finally:
        st.session_state[FRAMED] = False


def require_shell() -> None:
    """Run app.py around this page if this page was started without it, then stop."""
    if st.session_state.get(FRAMED) and "scope" in st.session_state:
        return
    runpy.run_path(str(APP), run_name="__app_shell__")
    st.stop()


def page_links(pages: Sequence[Any], *, where: Any, query: Mapping[str, str]) -> None:
    """The page menu: one ``st.page_link`` per page, carrying the filters in its link.

    app.py hides ``st.navigation``'s own menu because Streamlit drops a URL's query parameters
    when its menu switches pages; putting them back from the script would push a second
    browser history entry for one click, and Back would need two presses. A page link that
    carries them makes one entry, with the filters already in it.
    """
    with where:
        for page in pages:
            st.page_link(page, query_params=dict(query) or None)


def requested_page() -> str:
    """The page name the browser's address asks for ("" for the app's root): the last part of
    its path, after the server's base path. Read from ``st.context.url``, which holds the
    address the browser was at when this run started."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlsplit(url).path).strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path.rsplit("/", 1)[-1]


def unknown_page_notice(pages: Sequence[Any], *, query: Mapping[str, str]) -> None:
    """Say so when the address names no page (``/nosuchpage``): ``st.navigation`` quietly runs
    the default page (the first of ``pages``, the Overview) in its place. Thai first; a link to
    the Overview carries the filters. Nothing is shown once the address is the Overview's own."""
    asked = requested_page()
    if not asked or asked in {page.url_path for page in pages}:
        return
    path = literal(clip("/" + asked, limit=40))
    notice = " / ".join(strings.text("page.not_found", lang, path=path) for lang in ("th", "en"))
    st.warning(notice, icon=":material/link_off:")
    st.page_link(
        pages[0], label=t("page.to_overview"), query_params=dict(query) or None, icon=":material/dashboard:"
    )
