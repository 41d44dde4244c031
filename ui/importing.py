"""The Data page's way to the importer: read an upload, check it against the store, import it.

Pages never import ``data_loaders``; this glue names the store (the one setting) and hands the
importer the person's areas, so the check and the commit are the same call the command line
makes.
"""

from __future__ import annotations

from pathlib import PurePath

from data_loaders.annotate import annotate
from data_loaders.importer import check_raw
from data_loaders.limits import LIMITS, MB
from data_loaders.readers import InputError, RawInput, read_upload
from data_loaders.report import Group, Report
from data_loaders.schema import TABLES
from data_loaders.settings import db_path
from data_loaders.store import ImportResult, row_counts

__all__ = [
    "TABLES",
    "Group",
    "InputError",
    "Report",
    "annotated_name",
    "annotated_workbook",
    "check_upload",
    "read_upload",
    "row_counts",
    "table_label",
    "upload_limit_mb",
]


def check_upload(raw: RawInput, *, commit: bool, areas: tuple[str, ...] | None) -> ImportResult:
    """Validate ``raw`` against the store (a dry run), or import it when ``commit``."""
    return check_raw(raw, db_path(), commit=commit, areas=areas)


def table_label(name: str) -> str:
    """``หมู่บ้าน (villages)``: a table as the Data page names it."""
    table = next(t for t in TABLES if t.name == name)
    return f"{table.label_th} ({table.name})"


def upload_limit_mb() -> int:
    """The upload limit in MB, as the page states it (``server.maxUploadSize`` is the same)."""
    return LIMITS.max_upload_bytes // MB


def annotated_workbook(raw: RawInput, report: Report, data: bytes) -> bytes:
    """The upload as a workbook with every problem cell filled and commented
    (:mod:`data_loaders.annotate`): the officer's own workbook when it is an .xlsx.

    Built when the button is clicked, on Streamlit's download thread, so it cannot show an
    error on the page: a file it cannot annotate (a CSV longer than Excel's 1,048,576 rows)
    gives a one-cell workbook that says why.
    """
    workbook = data if raw.name.lower().endswith(".xlsx") else None
    try:
        return annotate(raw, report, workbook=workbook)
    except InputError as exc:
        from data_loaders.annotate import refusal_workbook

        return refusal_workbook(str(exc))


def annotated_name(upload_name: str) -> str:
    """``ชุมพวง_2560.xlsx`` → ``ชุมพวง_2560_ตรวจแล้ว.xlsx``."""
    return f"{PurePath(upload_name).stem}_ตรวจแล้ว.xlsx"
