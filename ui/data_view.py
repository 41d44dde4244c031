"""The data page's sections (:mod:`pages.data`): the validation report drawn as groups and
problem tables, the downloads that help an officer fix a file, the confirmed import and its
summary. The page itself only lays them out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.export import csv_bytes
from common.safe_text import literal
from ui import access
from ui.db import cached, clear_after_import
from ui.filters import url_params
from ui.i18n import fmt_date, fmt_int, lang, t
from ui.importing import (
    TABLES,
    Group,
    annotated_name,
    annotated_workbook,
    check_upload,
    column_label,
    earlier_import,
    problem_widths,
    progress_bar,
    row_counts,
    table_label,
    warnings_frame,
)
from ui.page import PAGE_WIDTH, show_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GROUPS_SHOWN = 20  # groups drawn one by one; the rest go in the table with their group number


def _problem_table(problems, report=None) -> pd.DataFrame:
    """One row per problem; with ``report``, the number of the group each one is in."""
    columns = {
        t("col.level"): [t(f"level.{p.level}") for p in problems],
        t("col.file"): [p.file for p in problems],
        t("col.sheet"): [p.sheet or "" for p in problems],
        t("col.row"): [str(p.row) if p.row is not None else "-" for p in problems],
        t("col.column"): [column_label(p.table, p.column) or "-" for p in problems],
        t("col.message"): [p.message for p in problems],
    }
    if report is not None and report.groups:
        groups = [report.group_of(p) for p in problems]
        columns = {t("col.problem_group"): [str(g.number) if g else "" for g in groups], **columns}
    return pd.DataFrame(columns)


def _show_problems(frame: pd.DataFrame) -> None:
    """A problem table whose rows are tall enough for a Thai / English message to wrap onto
    four lines, the message column taking the width the short columns leave (the whole text is
    also in the problem-list download). The short columns fit their longest cell: a level
    ("ข้อผิดพลาด") or a Thai column header wrapped inside a word reads as two words."""
    texts = {c: frame[c].astype(str).tolist() for c in frame.columns}
    widths = problem_widths(texts, message=t("col.message"), budget=PAGE_WIDTH)
    config = {c: st.column_config.TextColumn(width=widths.get(c)) for c in frame.columns}
    show_table(frame, row_height=96, column_config=config)


def _report_rows(report) -> pd.DataFrame:
    """Every problem with its group and role: the problem-list download."""
    rows = report.rows()
    return pd.DataFrame(
        {
            t("col.problem_group"): [r["group"] or "" for r in rows],
            t("col.group_role"): [t(f"grouprole.{r['role']}") if r["role"] else "" for r in rows],
            t("col.level"): [t(f"level.{r['level']}") for r in rows],
            t("col.file"): [r["file"] for r in rows],
            t("col.sheet"): [r["sheet"] or "" for r in rows],
            t("col.row"): [r["row"] if r["row"] is not None else "" for r in rows],
            t("col.column"): [column_label(r["table"], r["column"]) or "" for r in rows],
            t("col.message"): [r["message"] for r in rows],
        }
    )


def _show_group(group) -> None:
    """The root first, then the rows that follow from it, collapsed."""
    icon = ":material/error:" if group.level == "error" else ":material/warning:"
    with st.container(border=True):
        st.markdown(f"{icon} **[{group.number}]** {literal(group.summary(lang()))}")
        st.caption(literal(t("data.group_fix", fix=group.fix(lang()))))
        if group.roots:
            _show_problems(_problem_table(group.roots))
        else:
            st.caption(t("data.group_no_root"))
        with st.expander(t("data.group_dependants", n=f"{group.count:,}")):
            _show_problems(_problem_table(group.dependants))
            if group.unlisted:
                st.caption(t("data.group_unlisted", n=f"{group.unlisted:,}"))


def _show_report(report) -> None:
    """Groups (root cause first, dependants beneath), then every other problem in one table."""
    groups = report.groups
    if groups:
        st.markdown(f"**{t('data.groups', n=len(groups))}**")
        st.caption(t("data.groups_caption"))
        for group in groups[:GROUPS_SHOWN]:
            _show_group(group)
        if len(groups) > GROUPS_SHOWN:
            st.caption(t("data.groups_more", n=len(groups) - GROUPS_SHOWN))
    rest = []  # single problems, and the problems of groups past GROUPS_SHOWN, in report order
    for entry in report.entries:
        if not isinstance(entry, Group):
            rest.append(entry)
        elif entry.number > GROUPS_SHOWN:
            rest.extend(entry.problems)
    if rest:
        if groups:
            st.markdown(f"**{t('data.other_problems')}**")
        _show_problems(_problem_table(rest, report))


def _fix_downloads(raw, report, data: bytes, name: str) -> None:
    """After a failed check: the officer's file with every problem marked, and the problem list."""
    st.caption(t("data.fix_downloads"))
    left, right = st.columns(2)
    access.download_button(
        t("data.annotated_download"),
        lambda: annotated_workbook(raw, report, data),  # built on click: a big file is slow
        file_name=annotated_name(name),
        mime=XLSX,
        scope=None,
        what="annotated_workbook",
        where=left,
        icon=":material/format_color_fill:",
        key="download_annotated",
    )
    access.download_button(
        t("data.report_download"),
        csv_bytes(_report_rows(report)),
        file_name="ผลการตรวจสอบ.csv",
        mime="text/csv",
        scope=None,
        what="validation_report",
        where=right,
        icon=":material/download:",
        key="download_report",
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
IMPORTED = "_imported"  # what the last import did, shown until another file is uploaded


def _warnings_download(problems, *, key: str) -> None:
    """Every warning (not only those shown), masked, as CSV with no live formula."""
    access.download_button(
        t("data.warnings_download"),
        csv_bytes(warnings_frame(problems)),
        file_name="คำเตือน.csv",
        mime="text/csv",
        scope=None,
        what="import_warnings",
        icon=":material/download:",
        key=key,
    )


def _kinds_table(kinds) -> pd.DataFrame:
    return pd.DataFrame(
        {t("col.kind"): [k.label(lang()) for k in kinds], t("col.warnings"): [k.count for k in kinds]}
    )


def show_summary(summary, result_table: pd.DataFrame, warnings: list) -> None:
    """What the import changed, and where to go next (drawn from ``ImportSummary``)."""
    st.success(t("data.imported", id=summary.import_id), icon=":material/check_circle:")
    added, replaced, warned = st.columns(3)
    added.metric(t("data.villages_added"), fmt_int(len(summary.villages_added)))
    replaced.metric(t("data.villages_replaced"), fmt_int(len(summary.villages_replaced)))
    warned.metric(t("data.warnings_total"), fmt_int(summary.warnings))
    st.caption(t("data.villages_caption"))
    st.subheader(t("data.changes"))
    show_table(result_table)
    if summary.kinds:
        st.markdown(f"**{t('data.warning_kinds')}**")
        show_table(_kinds_table(summary.kinds))
        _warnings_download(warnings, key="download_import_warnings")
    st.markdown(f"**{t('data.next')}**")
    query = url_params() or None
    st.page_link(
        "pages/overview.py", label=t("data.link_overview"), icon=":material/dashboard:", query_params=query
    )
    st.page_link(
        "pages/overview.py", label=t("data.link_pack"), icon=":material/co_present:", query_params=query
    )


def identical_notice(raw) -> bool:
    """If these very bytes were imported before, say so and ask; True if the officer goes on."""
    earlier = earlier_import(raw)
    if earlier is None:
        return True
    st.warning(
        t(
            "data.identical",
            id=earlier.import_id,
            when=f"{fmt_date(earlier.local_time.date())} {earlier.local_time:%H:%M}",
            file=literal(earlier.file_name),
        ),
        icon=":material/content_copy:",
    )
    choice = st.radio(
        t("data.identical_choice"),
        ["skip", "again"],
        format_func=lambda c: t(f"data.identical.{c}"),
        horizontal=True,
        key=f"identical_{raw.sha256[:16]}",
    )
    if choice == "skip":
        st.info(t("data.identical_skipped"), icon=":material/block:")
    return choice == "again"


def _checked(raw, *, commit: bool, areas):
    """The check (or the import) with a progress bar naming its phase, removed when done."""
    progress, done = progress_bar()
    try:
        return check_upload(raw, commit=commit, areas=areas, progress=progress)
    finally:
        done()


def _verdict(result, outside) -> None:
    """One line saying whether the file can be imported: above the problems, not below them."""
    if outside:
        st.error(t("auth.import_outside", n=len(outside)), icon=":material/block:")
    elif result.dataset.errors:
        st.error(t("data.errors_block", n=len(result.dataset.errors)), icon=":material/block:")
    elif not result.report.problems:
        st.success(t("data.no_problems"))
    else:
        st.info(t("data.ready", n=len(result.dataset.warnings)), icon=":material/task_alt:")


def check_and_offer(raw, data: bytes, name: str) -> None:
    """Check the upload, give the verdict then the problems, and offer the confirmed import."""
    areas = access.grant().visible  # the importer refuses rows outside them, in its transaction
    result = _checked(raw, commit=False, areas=areas)
    outside = result.outside
    st.subheader(t("data.report"))
    report = result.report
    _verdict(result, outside)
    if outside:
        refused = st.session_state.setdefault("_audit_refused_imports", set())
        if raw.sha256 not in refused:
            refused.add(raw.sha256)
            access.audit("import_refused", detail=_import_detail(raw, result, outside=outside))
    if report.problems:
        _show_report(report)
    if result.dataset.errors:
        _fix_downloads(raw, report, data, name)
        return
    if result.dataset.warnings:
        _warnings_download(result.dataset.problems, key="download_check_warnings")
    if outside:
        return
    show_table(_counts_table(result))
    confirmed = st.checkbox(t("data.confirm"), key="confirm_import")
    if st.button(t("data.import"), type="primary", disabled=not confirmed, icon=":material/upload:"):
        done = _checked(raw, commit=True, areas=areas)
        if done.committed:
            access.audit("import", detail=_import_detail(raw, done, import_id=done.import_id))
            clear_after_import()
            st.session_state[IMPORTED] = (done.summary, _counts_table(done), done.dataset.warnings)
            st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
            st.rerun()
        else:
            st.error(t("data.errors_block", n=len(done.dataset.errors)), icon=":material/block:")
            _show_report(done.report)


def current_counts() -> None:
    """The rows each table of the store holds now (the whole store, not one area)."""
    counts = cached(row_counts)
    show_table(
        pd.DataFrame(
            {
                t("col.table"): [table_label(tb.name) for tb in TABLES],
                t("col.rows_now"): [counts[tb.name] for tb in TABLES],
            }
        )
    )
