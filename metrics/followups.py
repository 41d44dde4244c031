"""The follow-up list (รายการที่ต้องติดตาม): what needs action at a date, most overdue first.

Four kinds of item, each with the village, its district and tambon, a due date and the
responsible officer (พัฒนากร) of the village:

- ``overdue_stage``: a plan past due whose stage is not done; ``item`` is the stage;
- ``no_lead``: a village without a lead trainer (ปราชญ์สัมมาชีพ); ``item`` is ``"lead"``;
- ``survey_due``: households due a 6- or 12-month follow-up survey, per village and round;
- ``data_quality``: the current import warnings about the villages in scope.

The rules are in ``metrics/sql/followups.sql``, one query for the first items and their count. ``days_overdue`` is ``as_of − due`` in days;
rows come most overdue first. No household names, national IDs or phones appear; officer
names are masked unless ``reveal``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd

from metrics import model
from metrics.privacy import mask_frame
from metrics.scope import Scope, query

KINDS: tuple[str, ...] = model.FOLLOWUP_KINDS
COLUMNS: tuple[str, ...] = (
    "kind",
    "village_code",
    "village_name",
    "district_name",
    "district_name_en",
    "tambon_name",
    "tambon_name_en",
    "item",
    "due",
    "days_overdue",
    "officer_id",
    "officer_name",
    "households",
    "household_id",
    "head_name",
    "source_file",
    "source_row",
)


def followup_page(
    con: Any, scope: Scope, *, as_of: dt.date, reveal: bool = False, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """What needs action in ``scope`` at ``as_of`` (see the module docstring for the rules), in
    that order: its first ``limit`` items (``None``: all), and how many there are in all. One
    query: the list is sorted, counted and cut in SQL, and only the items kept are joined to
    their places, officer and household.

    Columns: kind, village_code, village_name, district_name(_en), tambon_name(_en), item, due (date),
    days_overdue (Int64), officer_id, officer_name, households (survey_due only, else empty),
    household_id, head_name (masked unless ``reveal``), source_file, source_row (data_quality only).
    """
    # at least one row is read, which carries the count (a limit of 0 shows none of them)
    rows = None if limit is None else max(int(limit), 1)
    frame = query(con, "followups", replace(scope, as_of=as_of), row_limit=rows)
    total = int(frame["total"].iloc[0]) if len(frame) else 0
    if limit is not None and limit < 1:
        frame = frame.head(0)
    frame["due"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in frame["due"]]
    for column in ("days_overdue", "households", "source_row"):
        frame[column] = frame[column].astype("Int64")
    return mask_frame(frame[list(COLUMNS)], reveal=reveal), total


def followups(
    con: Any, scope: Scope, *, as_of: dt.date, reveal: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """The first ``limit`` items (``None``: all) of :func:`followup_page`."""
    return followup_page(con, scope, as_of=as_of, reveal=reveal, limit=limit)[0]


def followup_count(con: Any, scope: Scope, *, as_of: dt.date) -> int:
    """How many items :func:`followups` lists in all (the screen shows the first few)."""
    return followup_page(con, scope, as_of=as_of, limit=1)[1]
