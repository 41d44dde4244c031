"""นำเข้าข้อมูล / Data: the template, upload, validation report, confirmed atomic import."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.safe_text import literal
from ui import access
from ui.db import cached, clear_after_import, template_bytes
from ui.i18n import t
from ui.importing import TABLES, InputError, check_upload, read_upload, row_counts, table_label
from ui.page import show_table
from ui.shell import require_shell

require_shell()
st.title(t("page.data"))

st.subheader(t("data.template"))
st.caption(t("data.template_caption"))
access.download_button(
    t("data.template_download"),
    template_bytes(),
    file_name="แบบฟอร์มสัมมาชีพชุมชน.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    scope=None,
    what="template",
    icon=":material/download:",
)


def _problem_table(problems) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.level"): [t(f"level.{p.level}") for p in problems],
            t("col.file"): [p.file for p in problems],
            t("col.sheet"): [p.sheet or "" for p in problems],
            t("col.row"): [str(p.row) if p.row is not None else "-" for p in problems],
            t("col.column"): [p.column or "-" for p in problems],
            t("col.message"): [p.message for p in problems],
        }
    )


def _counts_table(result) -> pd.DataFrame:
    names = [tb.name for tb in TABLES if tb.name in result.rows_in_file]
    return pd.DataFrame(
        {
            t("col.table"): [table_label(n) for n in names],
            t("col.in_file"): [result.rows_in_file[n] for n in names],
            t("col.before"): [result.before.get(n, 0) for n in names],
            t("col.after"): [result.after.get(n, 0) for n in names],
        }
    )


def _import_detail(raw, result, **extra: object) -> dict[str, object]:
    """What the audit log keeps of an import: the file, its hash, row counts and villages."""
    return {
        "file": raw.name,
        "sha256": raw.sha256,
        "rows_in_file": result.rows_in_file,
        "before": result.before,
        "after": result.after,
        "villages": result.covered_villages,
        **extra,
    }


UPLOAD_ROUND = "_upload_round"  # a new uploader key after each import: the page starts afresh
IMPORTED = "_imported"  # what the last import did, shown once on the fresh page

st.subheader(t("data.upload"))
imported = st.session_state.pop(IMPORTED, None)
if imported is not None:
    import_id, changes = imported
    st.success(t("data.imported", id=import_id), icon=":material/check_circle:")
    st.subheader(t("data.changes"))
    show_table(changes)
upload = None
if access.can_import():
    upload_key = f"upload_{st.session_state.get(UPLOAD_ROUND, 0)}"
    upload = st.file_uploader(t("data.upload_help"), type=["xlsx", "zip"], key=upload_key)
else:
    st.info(t("auth.no_import"), icon=":material/block:")
if upload is not None:
    data = upload.getvalue()
    try:
        raw = read_upload(upload.name, data)
    except InputError as exc:
        st.error(t("data.unreadable", error=literal(exc)), icon=":material/error:")
    else:
        areas = access.grant().visible  # the importer refuses rows outside them, in its transaction
        result = check_upload(raw, commit=False, areas=areas)
        outside = result.outside
        st.subheader(t("data.report"))
        problems = result.dataset.problems
        if problems:
            show_table(_problem_table(problems))
        else:
            st.success(t("data.no_problems"))
        if outside:
            st.error(t("auth.import_outside", n=len(outside)), icon=":material/block:")
            refused = st.session_state.setdefault("_audit_refused_imports", set())
            if raw.sha256 not in refused:
                refused.add(raw.sha256)
                access.audit("import_refused", detail=_import_detail(raw, result, outside=outside))
        elif result.dataset.errors:
            st.error(t("data.errors_block", n=len(result.dataset.errors)), icon=":material/block:")
        else:
            st.info(t("data.ready", n=len(result.dataset.warnings)), icon=":material/task_alt:")
            show_table(_counts_table(result))
            confirmed = st.checkbox(t("data.confirm"), key="confirm_import")
            if st.button(t("data.import"), type="primary", disabled=not confirmed, icon=":material/upload:"):
                done = check_upload(raw, commit=True, areas=areas)
                if done.committed:
                    access.audit("import", detail=_import_detail(raw, done, import_id=done.import_id))
                    clear_after_import()
                    st.session_state[IMPORTED] = (done.import_id, _counts_table(done))
                    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
                    st.rerun()
                else:
                    st.error(t("data.errors_block", n=len(done.dataset.errors)), icon=":material/block:")
                    show_table(_problem_table(done.dataset.problems))

if access.store_wide_allowed():  # whole-store counts, not one area's
    st.subheader(t("data.current"))
    counts = cached(row_counts)
    show_table(
        pd.DataFrame(
            {
                t("col.table"): [table_label(tb.name) for tb in TABLES],
                t("col.rows_now"): [counts[tb.name] for tb in TABLES],
            }
        )
    )
