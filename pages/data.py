"""นำเข้าข้อมูล / Data: the template, upload, validation report, confirmed atomic import."""

from __future__ import annotations

import streamlit as st

from common.safe_text import literal
from ui import access
from ui.data_view import (
    IMPORTED,
    UPLOAD_ROUND,
    XLSX,
    check_and_offer,
    current_counts,
    identical_notice,
    show_summary,
)
from ui.db import template_bytes
from ui.i18n import t
from ui.importing import InputError, read_upload, upload_limit_mb
from ui.shell import require_shell

require_shell()
st.title(t("page.data"))

st.subheader(t("data.template"))
st.caption(t("data.template_caption"))
access.download_button(
    t("data.template_download"),
    template_bytes(),
    file_name="แบบฟอร์มสัมมาชีพชุมชน.xlsx",
    mime=XLSX,
    scope=None,
    what="template",
    icon=":material/download:",
)

st.subheader(t("data.upload"))
upload_key = f"upload_{st.session_state.get(UPLOAD_ROUND, 0)}"
if st.session_state.get(upload_key) is not None:  # another file: the last import's summary goes
    st.session_state.pop(IMPORTED, None)
imported = st.session_state.get(IMPORTED)
if imported is not None:  # kept across reruns (a download's click reruns the page)
    show_summary(*imported)
upload = None
if access.can_import():
    upload = st.file_uploader(
        t("data.upload_help", mb=upload_limit_mb()), type=["xlsx", "zip"], key=upload_key
    )
else:
    st.info(t("auth.no_import"), icon=":material/block:")

if upload is not None:
    data = upload.getvalue()
    try:
        raw = read_upload(upload.name, data)
    except InputError as exc:
        st.error(t("data.unreadable", error=literal(exc)), icon=":material/error:")
    else:
        if identical_notice(raw):
            check_and_offer(raw, data, upload.name)

if access.store_wide_allowed():  # whole-store counts, not one area's
    st.subheader(t("data.current"))
    current_counts()
