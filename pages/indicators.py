"""ตัวชี้วัด / Indicators: the whole catalogue with numerators and denominators, data quality
with drill-down, officers' reporting, warnings from import, the import log, downloads."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from data_loaders.store import import_history
from metrics.indicators import catalogue, compute
from metrics.monitoring import (
    CHECKS,
    completeness,
    completeness_counts,
    officer_rollup,
    reports_by_month,
    validation_warnings,
)
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import fmt_date, fmt_month, fmt_pct, lang, t
from ui.page import chart_section, csv_bytes, has_villages, header, show_table, xlsx_bytes

scope = current_scope()
header("page.indicators", scope)


def _value(v) -> str:
    if v.value is None:
        return "—"
    return fmt_pct(v.value) if v.unit == "share" else f"{v.value:.1f}"


def _target(v) -> str:
    if v.target is None:
        return "—"
    sign = "≥" if v.direction == "at_least" else "≤"
    return f"{sign} {fmt_pct(v.target, digits=0)}" if v.unit == "share" else f"{sign} {v.target:g}"


if has_villages(scope):
    values = cached(compute, scope)
    definitions = {i.id: i for i in catalogue()}
    table = pd.DataFrame(
        {
            t("col.indicator"): [v.label_th if lang() == "th" else v.label_en for v in values],
            t("col.value"): [_value(v) for v in values],
            t("col.target"): [_target(v) for v in values],
            t("col.met"): [{True: "✓", False: "✗", None: "—"}[v.met] for v in values],
            t("col.numerator"): [v.numerator for v in values],
            t("col.denominator"): [v.denominator for v in values],
            t("col.definition"): [
                definitions[v.id].definition_th if lang() == "th" else definitions[v.id].definition_en
                for v in values
            ],
        }
    )
    st.subheader(t("ind.catalogue"))
    st.caption(t("ind.catalogue_caption"))
    show_table(
        table,
        column_config={
            t("col.numerator"): st.column_config.NumberColumn(format="localized"),
            t("col.denominator"): st.column_config.NumberColumn(format="localized"),
            t("col.definition"): st.column_config.TextColumn(width="large"),
        },
    )
    raw = pd.DataFrame([v.as_dict() for v in values])
    raw.insert(0, "scope", json.dumps(scope.as_dict(), ensure_ascii=False))

    st.subheader(t("ind.quality"))
    counts = cached(completeness_counts, scope)
    counts_view = pd.DataFrame(
        {
            t("col.check"): counts["label_th"] if lang() == "th" else counts["label_en"],
            t("col.records"): counts["records"],
        }
    )
    show_table(counts_view)
    failing = cached(completeness, scope)
    labels = {c: (th if lang() == "th" else en) for c, (th, en) in CHECKS.items()}
    with_rows = [c for c in CHECKS if (failing["check_id"] == c).any()]
    options = with_rows + [c for c in CHECKS if c not in with_rows]  # checks with failing rows first
    chosen = st.selectbox(t("ind.quality_pick"), options, format_func=labels.get, key="quality_check")
    rows = failing[failing["check_id"] == chosen]
    if rows.empty:
        st.caption(t("empty.rows"))
    else:
        show_table(
            pd.DataFrame(
                {
                    t("col.table"): rows["table_name"],
                    t("col.key"): rows["record_key"],
                    t("col.village_code"): rows["village_code"],
                }
            )
        )
    st.download_button(
        t("ind.download_rows"),
        lambda: csv_bytes(failing),  # built only when clicked
        file_name="failing_rows.csv",
        mime="text/csv",
        icon=":material/download:",
        key="download_failing",
    )

    st.subheader(t("ind.officers"))
    officers = cached(officer_rollup, scope)
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
            t("col.progress"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
        },
    )
    monthly = cached(reports_by_month, scope)
    # the chart stacks reports by month and channel: sum to that before labelling the months
    monthly = monthly.groupby(["month", "channel"], as_index=False)["reports"].sum()
    monthly["month_label"] = [fmt_month(m) for m in monthly["month"]]
    chart_section(
        t("ind.reports"), t("ind.reports_caption"), None if monthly.empty else charts.reports_bars(monthly)
    )

    st.subheader(t("ind.warnings"))
    warnings = cached(validation_warnings)
    if warnings.empty:
        st.caption(t("empty.rows"))
    else:
        show_table(
            pd.DataFrame(
                {
                    t("col.import"): warnings["import_id"],
                    t("col.file"): warnings["file"],
                    t("col.sheet"): warnings["sheet"].fillna(""),
                    t("col.row"): [str(int(r)) if pd.notna(r) else "-" for r in warnings["row_number"]],
                    t("col.column"): warnings["column_name"].fillna("-"),
                    t("col.message"): warnings["message"],
                }
            )
        )

    st.subheader(t("ind.import_log"))
    log = cached(import_history)
    local = [pd.Timestamp(x).tz_localize("UTC").tz_convert("Asia/Bangkok") for x in log["imported_at"]]
    show_table(
        pd.DataFrame(
            {
                t("col.import"): log["import_id"],
                t("col.imported_at"): [f"{fmt_date(x)} {x:%H:%M}" for x in local],
                t("col.file"): log["file_name"],
                t("col.rows"): [
                    ", ".join(f"{k} {v:,}" for k, v in json.loads(r).items()) for r in log["rows_json"]
                ],
                t("col.warnings"): log["warnings"],
                t("col.sha256"): log["sha256"].str[:16] + "…",
            }
        )
    )

    stamp = (scope.as_of or dt.date.today()).isoformat()
    left, right = st.columns(2)
    left.download_button(
        t("ind.download_csv"),
        csv_bytes(raw),
        file_name=f"indicators_{stamp}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    right.download_button(
        t("ind.download_xlsx"),
        lambda: xlsx_bytes(  # built only when clicked: openpyxl over every failing row is slow
            {
                "indicators": raw,
                "quality": counts,
                "failing_rows": failing,
                "officers": officers,
                "warnings": warnings,
                "import_log": log,
            }
        ),
        file_name=f"indicators_{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
    )
