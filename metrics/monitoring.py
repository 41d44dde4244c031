"""Monitoring, officers and data quality: reports by channel, the officer roll-up (their
KPIs, as the Chum Phuang write-up makes them), completeness checks and import warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from metrics import rollups
from metrics.privacy import mask_frame
from metrics.scope import Scope, all_params, bind, query, sql, sql_text

CHECKS: dict[str, tuple[str, str]] = {
    "household_without_baseline": ("ครัวเรือนที่ไม่มีการสำรวจรอบฐาน", "Households without a baseline survey"),
    "household_without_later_survey": (
        "ครัวเรือนที่ไม่มีการสำรวจหลังอบรม",
        "Households without a survey after baseline",
    ),
    "household_without_occupation": ("ครัวเรือนที่ยังไม่ระบุอาชีพ", "Households without an occupation"),
    "village_without_coordinates": ("หมู่บ้านที่ไม่มีพิกัด", "Villages without coordinates"),
}


def reports(con: Any, scope: Scope, *, reveal: bool = False) -> pd.DataFrame:
    """Monitoring reports in scope (officer names masked unless ``reveal``)."""
    return mask_frame(query(con, "reports", scope), reveal=reveal)


def reports_by_month(con: Any, scope: Scope) -> pd.DataFrame:
    """Reports per month per channel (long format, for stacked bars)."""
    return query(con, "reports_by_month", scope)


def officer_rollup(
    con: Any, scope: Scope, *, today: dt.date | None = None, reveal: bool = False
) -> pd.DataFrame:
    """Per officer: villages owned, mean progress (0–1), villages complete and overdue,
    households, reports in scope, months with a report, and the last report date (one query,
    ``officer_rollup.sql``; each village's part kept by the area roll-ups where they serve the
    scope); names masked unless ``reveal``."""
    villages = "officer_villages_stored" if rollups.serves(con, scope) else "officer_villages"
    text = sql("officer_rollup", scope, con).replace("{village_status}", sql_text(villages))
    out = con.execute(text, bind(text, all_params(scope, None, today))).df()
    for column in ("villages", "complete", "overdue", "households", "reports", "months_reported"):
        out[column] = out[column].astype(int)
    return mask_frame(out, reveal=reveal)


def completeness(
    con: Any, scope: Scope, *, check: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Failing records of every completeness check (check_id, table_name, record_key,
    village_code), or of ``check`` only; the first ``limit`` of them when given."""
    if check is None:
        return query(con, "completeness", scope, limit=limit)
    return query(con, "completeness_rows", scope, limit=limit, check=check)


def completeness_counts(con: Any, scope: Scope) -> pd.DataFrame:
    """Per check: Thai and English label and the number of failing records (0 included),
    counted in SQL."""
    counts = dict(query(con, "completeness_counts", scope).itertuples(index=False))
    return pd.DataFrame(
        [
            {"check_id": c, "label_th": th, "label_en": en, "records": int(counts.get(c, 0))}
            for c, (th, en) in CHECKS.items()
        ]
    )


def completeness_overview(
    con: Any, scope: Scope, *, limit: int
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """:func:`completeness_counts` and, per check, its first ``limit`` failing records (as
    :func:`completeness` with ``check`` and ``limit`` gives them), from one pass over the scope."""
    found = query(con, "completeness_overview", scope, first=int(limit))
    records = dict(zip(found["check_id"], found["records"], strict=True))
    counts = pd.DataFrame(
        [
            {"check_id": c, "label_th": th, "label_en": en, "records": int(records.get(c, 0))}
            for c, (th, en) in CHECKS.items()
        ]
    )
    columns = ["check_id", "table_name", "record_key", "village_code"]
    first = {c: pd.DataFrame(columns=columns) for c in CHECKS}
    for check, rows in zip(found["check_id"], found["first_rows"], strict=True):
        first[check] = pd.DataFrame([{"check_id": check, **row} for row in rows], columns=columns)
    return counts, first


WARNING_COLUMNS: tuple[str, ...] = (
    "import_id",
    "file_name",
    "table_name",
    "file",
    "sheet",
    "row_number",
    "column_name",
    "message",
    "village_code",
    "household_id",
)


def warnings_follow_scope(con: Any) -> bool:
    """Whether the store records the village of each import warning (``import_problems``
    has ``village_code``), so that :func:`validation_warnings` can narrow them to a scope."""
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'import_problems' AND column_name = 'village_code'"
        ).fetchone()[0]
    )


def validation_warnings(con: Any, scope: Scope | None = None) -> pd.DataFrame:
    """The current import warnings (``metrics/sql/current_warnings.sql``: the latest import of
    each file, each warning once), for drill-down.

    With a ``scope``, only warnings about its villages (and, at all areas for a person who sees
    every area, those about no village): the same narrowing as the follow-up list. A store that
    does not record each warning's village (layout 1, before migration) shows none: they could
    name any area.
    """
    if not warnings_follow_scope(con):
        return pd.DataFrame(columns=list(WARNING_COLUMNS))
    if scope is not None:
        return query(con, "validation_warnings_scoped", scope)
    return con.execute(sql("validation_warnings")).df()


def import_history(con: Any, *, limit: int = 50) -> pd.DataFrame:
    """The newest imports first: when (UTC), file, sha256, rows per table (JSON), warnings."""
    return con.execute(
        "SELECT import_id, imported_at, file_name, sha256, rows_json, warnings "
        "FROM import_log ORDER BY import_id DESC LIMIT ?",
        [limit],
    ).df()
