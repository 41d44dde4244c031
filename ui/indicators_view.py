"""The Indicators page's sections (pages/indicators.py draws them in order): the catalogue with
numerators and denominators, data quality with drill-down, officers' reporting, the import
warnings and the import log, and the evaluators' workbook of every table in scope."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import streamlit as st

from common.safe_text import literal
from common.strings import one_language
from figures import charts
from metrics import tables
from metrics.import_state import kind_label, latest_imports, warning_summary, warnings_of_kind
from metrics.indicators import compute
from metrics.monitoring import (
    CHECKS,
    completeness,
    completeness_overview,
    import_history,
    officer_rollup,
    reports_by_month,
    validation_warnings,
    warnings_follow_scope,
)
from metrics.raw import MAX_VILLAGES
from metrics.scope import Scope
from reports.evaluators import evaluators_workbook
from ui import access
from ui.db import cached, lazy
from ui.filters import describe
from ui.i18n import fmt_date, fmt_int, fmt_month, lang, t
from ui.page import TABLE_ROWS, chart_section, csv_bytes, cut_note, downloads, show_log, show_table, ui_lang


def catalogue_section(scope: Scope) -> pd.DataFrame:
    """Every indicator with its numerator, denominator and definition, and its downloads;
    returns the values as numbers (for the evaluators' workbook)."""
    values = cached(compute, scope)
    rows = tables.indicator_rows(values, lang=ui_lang())
    table = rows[list(tables.INDICATOR_COLUMNS)].rename(
        columns={c: t(f"col.{c}") for c in tables.INDICATOR_COLUMNS}
    )
    st.subheader(t("ind.catalogue"))
    st.caption(t("ind.catalogue_caption"))
    # The definitions are sentences: they are read below the table, not cut in a cell.
    show_table(
        table.drop(columns=[t("col.definition")]),
        column_config={
            c: st.column_config.TextColumn(alignment="right")
            for c in (t("col.numerator"), t("col.denominator"))
        },
    )
    with st.expander(t("ind.definitions")):
        st.markdown(
            "\n".join(
                f"- **{literal(label)}**: {literal(definition)}"
                for label, definition in zip(
                    table[t("col.indicator")], table[t("col.definition")], strict=True
                )
            )
        )
    raw = pd.DataFrame([v.as_dict() for v in values])
    downloads(
        tables.indicator_download(rows, lang=ui_lang()),
        stem="indicators",
        scope=scope,
        sheet=t("ind.catalogue"),
        key="dl_indicators",
    )
    return raw


def quality_section(scope: Scope) -> tuple[pd.DataFrame, Callable[[], pd.DataFrame], bool]:
    """The completeness checks, the failing records of one (for those who may see rows) and
    their download; returns the counts, the failing rows read on click, and whether rows are
    shown to this person."""
    st.subheader(t("ind.quality"))
    # the counts and the first failing records of every check in one pass (switching the check
    # reads nothing more)
    counts, first = cached(completeness_overview, scope, limit=TABLE_ROWS)
    counts_view = pd.DataFrame(
        {
            t("col.check"): counts["label_th"] if lang() == "th" else counts["label_en"],
            t("col.records"): counts["records"],
        }
    )
    show_table(counts_view)
    rows_allowed = access.household_rows_allowed()
    # every failing record is read only for a download, when clicked (a national scope has
    # hundreds of thousands); the screen reads the first rows of the check chosen
    failing = lazy(completeness, scope) if rows_allowed else pd.DataFrame
    if not rows_allowed:
        st.info(t("auth.aggregates_only"), icon=":material/visibility_off:")
    else:
        labels = {c: (th if lang() == "th" else en) for c, (th, en) in CHECKS.items()}
        with_rows = list(counts.loc[counts["records"] > 0, "check_id"])
        options = with_rows + [c for c in CHECKS if c not in with_rows]  # checks with failing rows first
        chosen = st.selectbox(t("ind.quality_pick"), options, format_func=labels.get, key="quality_check")
        rows = first[chosen]
        shown = pd.DataFrame(
            {
                t("col.table"): rows["table_name"],
                t("col.key"): rows["record_key"],
                t("col.village_code"): rows["village_code"],
            }
        )
        total = int(counts.loc[counts["check_id"] == chosen, "records"].iloc[0])
        _first_and_all(
            shown, total, failing, t("ind.download_rows"), scope, name="failing_rows", key="download_failing"
        )
    return counts, failing, rows_allowed


def officers_section(scope: Scope) -> pd.DataFrame:
    """Officers' reporting and the reports by month; returns every officer's row."""
    st.subheader(t("ind.officers"))
    everyone = cached(officer_rollup, scope)
    officers = everyone.head(TABLE_ROWS)  # 8,600 officers at national scope: the first are shown
    show_table(
        pd.DataFrame(
            {
                t("col.officer"): officers["officer_id"] + " " + officers["officer_name"].fillna(""),
                t("col.villages"): officers["villages"],
                t("col.progress"): officers["mean_progress"] * 100,
                t("col.complete"): officers["complete"],
                t("col.overdue"): officers["overdue"],
                t("col.households"): officers["households"],
                t("col.reports"): officers["reports"],
                t("col.months"): officers["months_reported"],
                t("col.last_report"): [fmt_date(d) for d in officers["last_report"]],
            }
        ),
        column_config={
            t("col.progress"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100),
            # Short headers for one- and two-digit counts (the full ones as tooltips).
            t("col.complete"): st.column_config.NumberColumn(
                label=t("col.complete_short"), help=t("col.complete")
            ),
            t("col.months"): st.column_config.NumberColumn(label=t("col.months_short"), help=t("col.months")),
        },
    )
    cut_note(len(officers), len(everyone))
    monthly = cached(reports_by_month, scope)  # by month and channel, summed in SQL
    monthly["month_label"] = [fmt_month(m) for m in monthly["month"]]
    chart_section(
        t("ind.reports"),
        t("ind.reports_caption"),
        None if monthly.empty else charts.reports_bars(monthly, lang=lang()),
    )
    return everyone


def warnings_and_log(scope: Scope) -> tuple[Callable[[], pd.DataFrame], Callable[[], pd.DataFrame]]:
    """The import warnings and the import log as they stand, for those who may see the whole
    store: the warnings in scope by kind (counted in SQL), the first of one kind, the full list
    in a download read on click, and the latest import of each file. Returns the full warnings
    and the import history, read on click (for the evaluators' workbook)."""
    # The import log covers the whole store; warnings too until the store records their village.
    warnings: Callable[[], pd.DataFrame] = pd.DataFrame
    log: Callable[[], pd.DataFrame] = pd.DataFrame
    if access.store_wide_allowed():
        st.subheader(t("ind.warnings"))
        st.caption(t("ind.warnings_caption"))
        if not cached(warnings_follow_scope):
            st.caption(t("ind.warnings_all_areas"))
        warnings = lazy(validation_warnings, scope)
        _warning_kinds(scope, warnings)
        st.subheader(t("ind.import_log"))
        st.caption(t("ind.import_log_caption"))
        _import_log(cached(latest_imports))
        log = lazy(import_history)
    return warnings, log


def _warning_kinds(scope: Scope, every: Callable[[], pd.DataFrame]) -> None:
    """The warnings in scope by kind, the first ones of the kind chosen, and all in a download."""
    summary = cached(warning_summary, scope)
    if summary.empty:
        st.caption(t("empty.rows"))
        return
    labels = {k: kind_label(k, lang()) for k in summary["kind"]}
    show_table(
        pd.DataFrame(
            {
                t("col.warning_kind"): [labels[k] for k in summary["kind"]],
                t("col.warnings"): summary["warnings"],
                t("col.villages"): summary["villages"],
                t("col.households_named"): summary["households"],
                t("col.files"): [", ".join(f) for f in summary["files"]],
                t("col.import"): summary["import_id"],
            }
        )
    )
    chosen = st.selectbox(
        t("ind.warnings_pick"), list(summary["kind"]), format_func=labels.get, key="warning_kind"
    )
    first = cached(warnings_of_kind, scope, chosen, limit=TABLE_ROWS)
    shown = pd.DataFrame(
        {
            t("col.import"): first["import_id"],
            t("col.file"): first["file"],
            t("col.sheet"): first["sheet"].fillna(""),
            t("col.row"): [str(int(r)) if pd.notna(r) else "-" for r in first["row_number"]],
            t("col.column"): first["column_name"].fillna("-"),
            t("col.message"): [one_language(m, lang()) for m in first["message"]],
        }
    )
    total = int(summary.loc[summary["kind"] == chosen, "warnings"].iloc[0])
    _first_and_all(
        shown, total, every, t("ind.download_warnings"), scope, name="warnings", key="download_warnings"
    )


def _first_and_all(
    shown: pd.DataFrame,
    total: int,
    every: Callable[[], pd.DataFrame],
    label: str,
    scope: Scope,
    *,
    name: str,
    key: str,
) -> None:
    """The first rows of a long list (``shown``, in words; "no rows" when there are none), a
    note when there are ``total`` in all, and a button for every row as ``<name>.csv``
    (``every``, read on click; logged as ``name``; the button's widget key ``key``)."""
    if shown.empty:
        st.caption(t("empty.rows"))
    else:
        show_table(shown)
        cut_note(len(shown), total)
    access.download_button(
        label,
        lambda: csv_bytes(every()),
        file_name=f"{name}.csv",
        mime="text/csv",
        scope=scope,
        what=name,
        icon=":material/download:",
        key=key,
    )


def _import_log(log: pd.DataFrame) -> None:
    """The latest import of each file, in Bangkok time."""
    local = [pd.Timestamp(x).tz_localize("UTC").tz_convert("Asia/Bangkok") for x in log["imported_at"]]
    show_log(  # long cells wrap, never cut (the file name, the rows per table)
        pd.DataFrame(
            {
                t("col.import"): log["import_id"],
                t("col.imported_at"): [f"{fmt_date(x)} {x:%H:%M}" for x in local],
                t("col.file"): log["file_name"],
                t("col.imports"): log["imports"],
                t("col.rows"): [
                    ", ".join(f"{k} {fmt_int(v)}" for k, v in json.loads(r).items()) for r in log["rows_json"]
                ],
                t("col.warnings"): log["warnings"],
                t("col.sha256"): log["sha256"].str[:16] + "…",
            }
        ),
        key="imports",
    )


def all_tables_download(
    scope: Scope,
    *,
    raw: pd.DataFrame,
    counts: pd.DataFrame,
    failing: Callable[[], pd.DataFrame],
    everyone: pd.DataFrame,
    warnings: Callable[[], pd.DataFrame],
    log: Callable[[], pd.DataFrame],
    rows_allowed: bool,
) -> None:
    # The raw tables in scope (masked, Bangkok time) and this page's summaries, read on click.
    access.download_button(
        t("download.all_tables"),
        lazy(
            evaluators_workbook,
            scope,
            scope_words=describe(scope),
            lang=ui_lang(),
            household_rows=rows_allowed,
            summaries={
                "indicators": raw,
                "quality": counts,
                "failing_rows": failing,
                "officer_summary": everyone,
                "warnings": warnings,
                "import_log": log,
            },
        ),
        file_name=tables.file_name("indicators_all_tables", scope.as_of, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        scope=scope,
        what="indicators_all_tables",
        icon=":material/table:",
        help=t("raw.help", date=fmt_date(scope.as_of), max=fmt_int(MAX_VILLAGES)),
    )
