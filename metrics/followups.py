"""The follow-up list (รายการที่ต้องติดตาม): what needs action at a date, most overdue first.

Four kinds of item, each with the village, its district and tambon, a due date and the
responsible officer (พัฒนากร) of the village:

- ``overdue_stage``: a plan whose due date is before ``as_of`` and whose stage is not done
  (the same rule as :func:`metrics.progress.village_progress`); ``item`` is the stage code.
- ``no_lead``: a village without a lead trainer (ปราชญ์สัมมาชีพ); ``item`` is ``"lead"``; due is
  the village's ``team`` plan if it has one (else no date).
- ``survey_due``: households due a follow-up survey, one row per village and round with the
  number of households in ``households``; ``item`` is the round. The rule, from the survey
  rounds: ``follow_6m`` is due 6 calendar months after the household's ``post`` survey and
  ``follow_12m`` 12 months after it; a round is due when that date is on or before ``as_of``
  and the round is not recorded by ``as_of``. Once the 12-month survey is due, a missing
  6-month survey is no longer listed (the 12-month one replaces it). Households without a post
  survey are not listed (the Income page's completeness checks cover them). ``due`` is the
  earliest due date among the village's households.
- ``data_quality``: the current import warnings (``metrics/sql/current_warnings.sql``: the
  latest import of each file, each warning once) about the villages in scope, narrowed by the
  same scope as every number (``current_warnings_scoped.sql``; a warning about no village shows
  only at all areas to a person who sees every area); ``item`` is the message ("Thai / English"),
  with the household it is about (``household_id``, ``head_name`` masked) where there is one, and
  the file (or sheet) and row in ``source_file`` and ``source_row``; no due date.

``days_overdue`` is ``as_of − due`` in days (negative: not yet due; empty without a due date).
Rows are sorted by ``days_overdue`` (largest first, no date last), then kind, village, item.
No household names, national IDs or phones appear; officer names are masked unless
``reveal``.
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


def followups(
    con: Any, scope: Scope, *, as_of: dt.date, reveal: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """What needs action in ``scope`` at ``as_of`` (see the module docstring for the rules),
    in that order; the first ``limit`` items (``None``: all), sorted and cut in SQL.

    Columns: kind, village_code, village_name, district_name(_en), tambon_name(_en), item, due (date),
    days_overdue (Int64), officer_id, officer_name, households (survey_due only, else empty),
    household_id, head_name (masked unless ``reveal``), source_file, source_row (data_quality only).
    """
    frame = query(con, "followups", replace(scope, as_of=as_of), limit=limit)
    frame["due"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in frame["due"]]
    for column in ("days_overdue", "households", "source_row"):
        frame[column] = frame[column].astype("Int64")
    return mask_frame(frame[list(COLUMNS)], reveal=reveal)


def followup_count(con: Any, scope: Scope, *, as_of: dt.date) -> int:
    """How many items :func:`followups` lists in all (the screen shows the first few)."""
    return int(query(con, "followups", replace(scope, as_of=as_of), count=True).iloc[0, 0])
