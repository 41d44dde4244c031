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
- ``data_quality``: warnings stored by the latest import (store-wide: they name a file and row,
  not a village); ``item`` is "file #row: message"; no due date.

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

from metrics.privacy import mask_frame
from metrics.progress import village_progress
from metrics.scope import Scope, query, sql

KINDS: tuple[str, ...] = ("overdue_stage", "no_lead", "survey_due", "data_quality")
COLUMNS: tuple[str, ...] = (
    "kind",
    "village_code",
    "village_name",
    "district_name",
    "tambon_name",
    "item",
    "due",
    "days_overdue",
    "officer_id",
    "officer_name",
    "households",
)


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def followups(con: Any, scope: Scope, *, as_of: dt.date, reveal: bool = False) -> pd.DataFrame:
    """What needs action in ``scope`` at ``as_of`` (see the module docstring for the rules).

    Columns: kind, village_code, village_name, district_name, tambon_name, item, due (date),
    days_overdue (Int64), officer_id, officer_name, households (survey_due only, else empty).
    """
    at = replace(scope, as_of=as_of)
    plans = query(con, "plans", at)
    due_of = {
        (code, stage): _date(date)
        for code, stage, date in zip(plans["village_code"], plans["stage"], plans["due_date"], strict=True)
    }
    rows: list[dict[str, Any]] = []
    progress = village_progress(con, at)
    for code, stages, leads in zip(
        progress["village_code"], progress["overdue_stages"], progress["leads"], strict=True
    ):
        rows.extend(
            {"kind": "overdue_stage", "village_code": code, "item": s, "due": due_of[(code, s)]}
            for s in stages
        )
        if int(leads) == 0:
            rows.append(
                {"kind": "no_lead", "village_code": code, "item": "lead", "due": due_of.get((code, "team"))}
            )
    surveys = query(con, "followup_surveys", at)
    rows.extend(
        {
            "kind": "survey_due",
            "village_code": r.village_code,
            "item": r.round,
            "due": _date(r.due),
            "households": int(r.households),
        }
        for r in surveys.itertuples(index=False)
    )
    warnings = con.execute(sql("last_import_warnings")).df()
    rows.extend(
        {
            "kind": "data_quality",
            "village_code": None,
            "item": f"{r.sheet or r.file} #{r.row_number}: {r.message}",
            "due": None,
        }
        for r in warnings.itertuples(index=False)
    )
    frame = pd.DataFrame(rows, columns=["kind", "village_code", "item", "due", "households"])
    places = query(con, "village_officers", at)
    frame = frame.merge(places, on="village_code", how="left")
    frame["due"] = frame["due"].astype(object).where(frame["due"].notna(), None)
    frame["days_overdue"] = pd.array(
        [None if d is None else (as_of - d).days for d in frame["due"]], dtype="Int64"
    )
    frame["households"] = frame["households"].astype("Int64")
    frame["_kind"] = frame["kind"].map(KINDS.index)
    frame = frame.sort_values(
        ["days_overdue", "_kind", "village_code", "item"],
        ascending=[False, True, True, True],
        na_position="last",
        kind="stable",
    )
    return mask_frame(frame[list(COLUMNS)].reset_index(drop=True), reveal=reveal)
