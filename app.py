"""แดชบอร์ดสัมมาชีพชุมชน: the entry point.

The picture frame: page config, sign-in and the person's grant, navigation for their role (each
page named, with a Thai title and an icon), the shared sidebar filters narrowed to the grant,
then the chosen page runs, all of it on one version of the store.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import access
from ui.db import one_version
from ui.filters import load_query_params, sidebar_filters, url_params
from ui.i18n import t
from ui.present import apply_styles, presenting
from ui.shell import in_shell, page_links, unknown_page_notice
from ui.versions import version_notice

# A local icon: a ":material/...:" page icon makes every browser fetch it from fonts.gstatic.com.
ICON = Path(__file__).resolve().parent / "ui" / "icon.png"
st.set_page_config(
    page_title=t("app.title"),  # the browser tab, in the session's language
    page_icon=str(ICON),
    layout="wide",
    initial_sidebar_state="collapsed" if presenting() else "auto",
)
# The whole run reads one store version: an import that swaps the file meanwhile shows on the
# next run, never half on this one (ui/db.py).
with one_version():
    load_query_params()
    apply_styles()

    state, who = access.resolve()
    if who is None:  # signed out, or signed in without a grant: no data, no filters
        gate = access.sign_in_page if state == "signed_out" else access.no_access_page
        title = "page.sign_in" if state == "signed_out" else "page.no_access"
        st.navigation([st.Page(gate, title=t(title), icon=":material/lock:", default=True)]).run()
        st.stop()

    PAGES = [
        st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/progress.py", title=t("page.progress"), icon=":material/timeline:"),
        st.Page("pages/income.py", title=t("page.income"), icon=":material/payments:"),
        st.Page("pages/trainers.py", title=t("page.trainers"), icon=":material/school:"),
        st.Page("pages/groups.py", title=t("page.groups"), icon=":material/hub:"),
        st.Page("pages/indicators.py", title=t("page.indicators"), icon=":material/fact_check:"),
        st.Page("pages/data.py", title=t("page.data"), icon=":material/upload_file:"),
    ]
    if who.role == "admin":
        PAGES.append(
            st.Page("pages/access.py", title=t("page.access"), icon=":material/admin_panel_settings:")
        )
    page = st.navigation(PAGES, position="hidden")
    menu = st.sidebar.container()
    refused = access.guard_requested_places()
    access.sidebar_identity(state, who)
    st.session_state["scope"] = access.enforce(sidebar_filters())
    if refused is not None:
        access.refused_notice(refused)
    page_links(PAGES, where=menu, query=url_params())
    unknown_page_notice(PAGES, query=url_params())  # /nosuchpage opens the Overview: say so
    with in_shell():
        version_notice()  # ?version=N: every page says plainly it is not the latest (ui/versions.py)
        page.run()
