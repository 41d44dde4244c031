"""Subscriptions on the Access page (admins only): add, list and remove the reports sent by
e-mail (issue 22; the work is :mod:`access.subscriptions`, the sending ``python -m reports
deliver``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import store
from access import subscriptions as subs
from ui.i18n import t
from ui.page import show_table


def subscriptions_section(by: str) -> None:
    """The admin's subscriptions: a form to add one (refused outside the recipient's grant), the
    list with each one's state, and a form to remove one; every change audited by
    :mod:`access.subscriptions`."""
    st.subheader(t("access.subscriptions"))
    st.caption(t("access.subscriptions_caption"))
    listing = st.container()  # filled after the forms, so a change shows at once
    with st.form("subscribe_form", clear_on_submit=False):
        left, right = st.columns(2)
        email = left.text_input(t("access.email"), key="sub_email")
        area = right.text_input(t("access.area"), key="sub_area")
        report = left.selectbox(
            t("access.report"),
            tuple(subs.REPORTS),
            format_func=lambda r: t(f"deliver.report.{r}"),
            key="sub_report",
        )
        fmt = right.selectbox(t("access.format"), ("pdf", "pptx", "xlsx"), key="sub_format")
        day = left.number_input(t("access.day"), 1, subs.MAX_DAY, subs.DEFAULT_DAY, key="sub_day")
        lang = right.selectbox(t("access.lang"), subs.LANGS, key="sub_lang")
        alerts = st.checkbox(t("access.alerts"), key="sub_alerts")
        if st.form_submit_button(t("access.subscribe"), icon=":material/forward_to_inbox:"):
            try:
                done = subs.subscribe(email, report, area, fmt, day=int(day), lang=lang, alerts=alerts, by=by)
            except store.AccessError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.success(t("access.subscribed", email=done.email), icon=":material/check_circle:")
    rows = subs.list_subscriptions()
    if rows:
        with st.form("unsubscribe_form"):
            gone = st.selectbox(
                t("access.unsubscribe"),
                rows,
                format_func=lambda s: f"{s.email} · {t(f'deliver.report.{s.report}')} · {s.area}",
                key="unsub_pick",
            )
            if st.form_submit_button(t("access.unsubscribe"), icon=":material/unsubscribe:"):
                subs.unsubscribe(gone.email, report=gone.report, area=gone.area, by=by)
                st.success(t("access.unsubscribed"), icon=":material/check_circle:")
        rows = subs.list_subscriptions()
    with listing:
        show_table(
            pd.DataFrame(
                {
                    t("access.email"): [s.email for s in rows],
                    t("access.report"): [t(f"deliver.report.{s.report}") for s in rows],
                    t("access.areas_col"): [s.area for s in rows],
                    t("access.format"): [s.format for s in rows],
                    t("access.day"): [s.day for s in rows],
                    t("access.alerts"): ["✓" if s.alerts else "" for s in rows],
                    t("access.status"): [
                        t("access.status_active" if s.active else "access.status_stopped") for s in rows
                    ],
                }
            )
        )
