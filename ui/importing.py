"""The Data page's way to the importer: read an upload, check it against the store, import it.

Pages never import ``data_loaders``; this glue names the store (the one setting) and hands the
importer the person's areas, so the check and the commit are the same call the command line
makes.
"""

from __future__ import annotations

from data_loaders.importer import check_raw
from data_loaders.readers import InputError, RawInput, read_upload
from data_loaders.schema import TABLES
from data_loaders.settings import db_path
from data_loaders.store import ImportResult, row_counts

__all__ = ["TABLES", "InputError", "check_upload", "read_upload", "row_counts", "table_label"]


def check_upload(raw: RawInput, *, commit: bool, areas: tuple[str, ...] | None) -> ImportResult:
    """Validate ``raw`` against the store (a dry run), or import it when ``commit``."""
    return check_raw(raw, db_path(), commit=commit, areas=areas)


def table_label(name: str) -> str:
    """``หมู่บ้าน (villages)``: a table as the Data page names it."""
    table = next(t for t in TABLES if t.name == name)
    return f"{table.label_th} ({table.name})"
