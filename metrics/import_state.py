"""The import log and the import warnings as they stand (issue 18 part 4): the latest import of
each file, and the current warnings summarised by the check that raised them, in SQL, a bounded
number of rows whatever the size of the log. The full list of warnings is read only for a
download (:func:`metrics.monitoring.validation_warnings`).

The store keeps each warning's message, table and column, not the kind the check gave it
(``data_loaders.check.validate.Problem.kind``), so the kind is read back from the message: each
check writes its own fixed English words (:data:`KIND_WORDS`), and a warning no check names goes
by its table and column, as in the import's report (:func:`data_loaders.check.validation_report.warning_kind`).
Every query goes through ``current_warnings_scoped.sql``: the same narrowing to a scope and a
grant as the list and the numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_loaders.check.validation_report import WARNING_KINDS
from metrics.monitoring import warnings_follow_scope
from metrics.scope import Scope, all_params, bind, sql, sql_text

SUMMARY_ROWS = 50  # kinds shown at most (the checks name 15; the rest go by table and column)
FIRST_OF_KIND = 50  # warnings of one kind shown on screen
LATEST_FILES = 50  # files in the import log as it stands

# The words each check writes in the English half of its message (all of them must appear),
# most specific first: the kinds of data_loaders/check/validation_report.py (WARNING_KINDS).
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no_coordinates", ("the village has no coordinates",)),
    ("far_from_tambon", ("km from the point of tambon",)),
    ("abolished_tambon", ("tambon code", "has been abolished")),
    ("abolished_district", ("district_code", "has been abolished")),
    ("moo_mismatch", ("does not match village_code",)),
    ("name_mismatch", ("does not match the code",)),
    ("incomplete_household", ("occupation is blank",)),
    ("practising_at_baseline", ("practising is ignored at baseline",)),
    ("few_households", ("target households, fewer than the target",)),
    ("few_trainers", ("trainers (target",)),
    ("income_jump", ("baht/year differs from round",)),
    ("survey_before_training", ("a survey after baseline is dated",)),
    ("rows_removed", ("this import removes",)),
    ("unknown_sheet", ("is not a known table and was skipped",)),
    ("unknown_column", ("unknown column",)),
)


def _quoted(words: str) -> str:
    return "'" + words.replace("'", "''") + "'"


def kind_case(message: str = "message", table: str = "table_name", column: str = "column_name") -> str:
    """SQL for a warning's kind from its message, table and column (see the module)."""
    whens = " ".join(
        "WHEN " + " AND ".join(f"contains({message}, {_quoted(w)})" for w in words) + f" THEN '{kind}'"
        for kind, words in KIND_WORDS
    )
    fallback = f"WHEN {table} IS NOT NULL AND {column} IS NOT NULL THEN {table} || '.' || {column}"
    return f"CASE {whens} {fallback} ELSE 'other' END"


def kind_label(kind: str, lang: str = "th") -> str:
    """What a kind is about, in ``lang`` (a table.column kind as it is)."""
    th, en = WARNING_KINDS.get(kind, (kind, kind))
    return th if lang == "th" else en


def _run(con: Any, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    """``metrics/sql/<name>.sql`` over ``scope``, its ``{warning_kind}`` put in."""
    text = sql(name, scope, con).replace("{warning_kind}", kind_case())
    return con.execute(text, bind(text, {**all_params(scope, None), **extra})).df()


def warning_summary(con: Any, scope: Scope, *, limit: int = SUMMARY_ROWS) -> pd.DataFrame:
    """The current warnings in ``scope`` by kind, the most frequent first: ``kind``,
    ``warnings``, ``villages``, ``households`` (distinct ones named), ``files`` (a list of file
    names) and the newest ``import_id``; at most ``limit`` kinds. Empty for a store that does
    not record each warning's village (they could name any area)."""
    columns = ["kind", "warnings", "villages", "households", "files", "import_id"]
    if not warnings_follow_scope(con):
        return pd.DataFrame(columns=columns)
    return _run(con, "warning_summary", scope, kinds=int(limit))[columns]


def warnings_of_kind(con: Any, scope: Scope, kind: str, *, limit: int = FIRST_OF_KIND) -> pd.DataFrame:
    """The first ``limit`` current warnings of ``kind`` in ``scope``, in the full list's order."""
    if not warnings_follow_scope(con):
        return pd.DataFrame()
    return _run(con, "warnings_of_kind", scope, kind=kind, first=int(limit))


def latest_imports(con: Any, *, limit: int = LATEST_FILES) -> pd.DataFrame:
    """The latest import of each file name, newest first: ``import_id``, ``imported_at`` (UTC),
    ``file_name``, ``sha256``, ``rows_json``, ``warnings`` and ``imports`` (times that file
    was imported); at most ``limit`` files."""
    return con.execute(sql_text("latest_imports"), {"limit": int(limit)}).df()
