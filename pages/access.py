"""สิทธิ์และบันทึกการใช้งาน / Access: manage grants and read the audit log (admins only)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from access import store
from common.export import safe_frame
from ui import access
from ui.i18n import fmt_date, t
from ui.page import csv_bytes, show_log, show_table
from ui.shell import require_shell
from ui.subscriptions import subscriptions_section

require_shell()
who = access.grant()
if who.role != "admin":  # navigation offers this page to admins only; a typed URL lands here
    st.error(t("page.no_access"), icon=":material/lock:")
    st.stop()
st.title(t("page.access"))

st.subheader(t("access.grants"))
listing = st.container()  # filled after the forms, so a change shows at once
with st.form("grant_form", clear_on_submit=False):
    email = st.text_input(t("access.email"), key="grant_email")
    role = st.selectbox(
        t("access.role"), store.ROLES, format_func=lambda r: t(f"auth.role.{r}"), key="grant_role"
    )
    areas = st.text_input(t("access.areas"), key="grant_areas")
    if st.form_submit_button(t("access.grant"), icon=":material/person_add:"):
        try:
            done = store.grant(
                email, role, [a for a in areas.replace(" ", ",").split(",") if a], by=who.email
            )
        except store.AccessError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.success(t("access.granted", email=done.email), icon=":material/check_circle:")

grants = store.list_grants()
if grants:
    with st.form("revoke_form"):
        gone = st.selectbox(t("access.email"), [g.email for g in grants], key="revoke_email")
        if st.form_submit_button(t("access.revoke"), icon=":material/person_remove:"):
            if gone == who.email:  # never lock the last door from inside
                st.error(t("access.not_self"), icon=":material/block:")
            else:
                store.revoke(gone, by=who.email)
                st.success(t("access.revoked", email=gone), icon=":material/check_circle:")

grants = store.list_grants()
with listing:
    show_table(
        pd.DataFrame(
            {
                t("access.email"): [g.email for g in grants],
                t("access.role"): [t(f"auth.role.{g.role}") for g in grants],
                t("access.areas_col"): [", ".join(g.areas) or t("auth.all_areas") for g in grants],
            }
        )
    )

subscriptions_section(who.email)

st.subheader(t("access.audit"))
st.caption(t("access.audit_caption"))
left, middle, right, last = st.columns(4)
by_email = left.text_input(t("access.email"), key="audit_email")
action = middle.selectbox(
    t("access.action"),
    [None, *store.ACTIONS],
    format_func=lambda a: t("filters.all") if a is None else a,
    key="audit_action",
)
since = right.date_input(t("access.since"), value=None, key="audit_since")
until = last.date_input(t("access.until"), value=None, key="audit_until")
log = store.read_audit(email=by_email.strip() or None, action=action, since=since, until=until)
local = [pd.Timestamp(x).tz_localize("UTC").tz_convert("Asia/Bangkok").to_pydatetime() for x in log["at_utc"]]
table = pd.DataFrame(
    {
        t("access.when"): [f"{fmt_date(x.date())} {x:%H:%M:%S}" for x in local],
        t("access.email"): log["email"],
        t("access.role"): log["role"].fillna(""),
        t("access.action"): log["action"],
        t("access.scope"): log["scope_json"].fillna(""),
        t("access.detail"): log["detail"].fillna(""),
    }
)
show_log(table, key="audit")  # scopes and details wrap onto more lines, never cut
access.download_button(
    t("access.download"),
    csv_bytes(safe_frame(log)),
    file_name=f"audit_{dt.date.today().isoformat()}.csv",
    mime="text/csv",
    scope=None,
    what="audit_log",
    icon=":material/download:",
)
