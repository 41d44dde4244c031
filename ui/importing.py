"""The Data page's way to the importer: read an upload, check it against the store, import it.

Pages never import ``data_loaders``; this glue names the store (the one setting) and hands the
importer the person's areas, so the check and the commit are the same call the command line
makes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePath

import pandas as pd
import streamlit as st

from data_loaders.check.annotate import annotate, refusal_workbook
from data_loaders.check.dataset import Problem
from data_loaders.check.progress import Progress
from data_loaders.check.validation_report import (
    Group,
    ValidationReport,
    WarningKind,
    warning_kind,
    warning_kinds,
)
from data_loaders.contract.limits import LIMITS, MB
from data_loaders.contract.privacy import mask_personal_numbers
from data_loaders.contract.schema import TABLES, TABLES_BY_NAME
from data_loaders.contract.settings import db_path
from data_loaders.read.inputs import InputError, RawInput
from data_loaders.read.readers import read_upload
from data_loaders.store.importer import check_raw, identical_import
from data_loaders.store.importlog import EarlierImport
from data_loaders.store.result import ImportResult, ImportSummary
from data_loaders.store.store import row_counts
from figures.fit import column_widths
from ui.i18n import lang, t

__all__ = [
    "TABLES",
    "EarlierImport",
    "Group",
    "ImportSummary",
    "InputError",
    "ValidationReport",
    "WarningKind",
    "annotated_name",
    "annotated_workbook",
    "check_upload",
    "column_label",
    "earlier_import",
    "problem_widths",
    "progress_bar",
    "read_upload",
    "row_counts",
    "table_label",
    "upload_limit_mb",
    "warnings_frame",
]

MESSAGE_MIN = 360  # px the message column of a problem table keeps at least


def check_upload(
    raw: RawInput, *, commit: bool, areas: tuple[str, ...] | None, progress: Progress | None = None
) -> ImportResult:
    """Validate ``raw`` against the store (a dry run), or import it when ``commit``."""
    return check_raw(raw, db_path(), commit=commit, areas=areas, progress=progress)


def earlier_import(raw: RawInput) -> EarlierImport | None:
    """The store's latest import of exactly this file (same SHA-256), if any."""
    return identical_import(db_path(), raw.sha256)


def progress_bar() -> tuple[Progress, Callable[[], None]]:
    """An ``st.progress`` bar naming the importer's phase (:mod:`data_loaders.check.progress`), as
    (the callback to hand the importer, a function that removes the bar)."""
    bar = st.progress(0.0, text=t("import.phase.read"))

    def update(fraction: float, phase: str) -> None:
        bar.progress(max(0.0, min(1.0, fraction)), text=t(f"import.phase.{phase}"))

    return update, bar.empty


def column_label(table: str | None, column: str | None) -> str | None:
    """A problem's column as the officer's workbook heads it: the Thai header (the template's)
    in Thai, the contract's English name in English; a header the contract does not know is
    shown as typed."""
    spec = TABLES_BY_NAME.get(table or "")
    if column is None or spec is None or lang() != "th" or column not in spec.column_names:
        return column
    return spec.column(column).label_th


def problem_widths(columns: Mapping[str, Sequence[str]], *, message: str, budget: int) -> dict[str, int]:
    """Pixel widths for a problem table: every short column as wide as its header and its
    longest cell (so "ข้อผิดพลาด" and a Thai column header never break inside a word), the
    message the rest of ``budget`` (at least ``MESSAGE_MIN``), where it wraps."""
    short = {c: v for c, v in columns.items() if c != message}
    widths = column_widths(short, budget=budget - MESSAGE_MIN)
    widths[message] = max(MESSAGE_MIN, budget - sum(widths.values()))
    return widths


def warnings_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Every warning of ``problems``, with its kind, located and masked: the warnings download
    (the caller writes it with :func:`common.export.csv_bytes`, which leaves no live formula)."""
    warnings = [p for p in problems if p.level == "warning"]
    labels = {k.kind: k.label(lang()) for k in warning_kinds(warnings, first=0)}
    return pd.DataFrame(
        {
            t("col.kind"): [labels[warning_kind(p)] for p in warnings],
            t("col.file"): [p.file for p in warnings],
            t("col.sheet"): [p.sheet or "" for p in warnings],
            t("col.row"): [p.row if p.row is not None else "" for p in warnings],
            t("col.column"): [column_label(p.table, p.column) or "" for p in warnings],
            t("col.message"): [mask_personal_numbers(p.message) for p in warnings],
        }
    )


def table_label(name: str) -> str:
    """``หมู่บ้าน (villages)``: a table as the Data page names it."""
    table = next(t for t in TABLES if t.name == name)
    return f"{table.label_th} ({table.name})"


def upload_limit_mb() -> int:
    """The upload limit in MB, as the page states it (``server.maxUploadSize`` is the same)."""
    return LIMITS.max_upload_bytes // MB


def annotated_workbook(raw: RawInput, report: ValidationReport, data: bytes) -> bytes:
    """The upload as a workbook with every problem cell filled and commented
    (:mod:`data_loaders.check.annotate`): the officer's own workbook when it is an .xlsx.

    Built when the button is clicked, on Streamlit's download thread, so it cannot show an
    error on the page: a file it cannot annotate (a CSV longer than Excel's 1,048,576 rows)
    gives a one-cell workbook that says why.
    """
    workbook = data if raw.name.lower().endswith(".xlsx") else None
    try:
        return annotate(raw, report, workbook=workbook)
    except InputError as exc:
        return refusal_workbook(str(exc))


def annotated_name(upload_name: str) -> str:
    """``ชุมพวง_2560.xlsx`` → ``ชุมพวง_2560_ตรวจแล้ว.xlsx``."""
    return f"{PurePath(upload_name).stem}_ตรวจแล้ว.xlsx"
