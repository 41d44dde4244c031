"""Since last meeting (ตั้งแต่การประชุมครั้งก่อน): what changed between two dates in a scope.

The officer presents at the monthly district meeting (กบอ.). For a pair of dates, the meeting
date ``as_of`` and the previous meeting ``previous`` (default: the end of the calendar month
before ``as_of``), :func:`changes` gives every indicator then and now, the stages villages
completed, the stages that became overdue, new groups and network links, surveys and training
days added, and the imports made in between. Everything reuses the metrics the pages show:
indicators from :func:`metrics.indicators.compute`, stages and overdue plans from
:func:`metrics.progress.village_progress`, at each of the two dates.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import pandas as pd

from metrics.indicators import compute
from metrics.progress import STAGE_COLUMNS, STAGES, village_progress
from metrics.scope import Scope, query, sql, variant


def previous_meeting(as_of: dt.date) -> dt.date:
    """The default previous meeting: the last day of the calendar month before ``as_of``
    (31 May 2017 for any as-of date in June 2017)."""
    return as_of.replace(day=1) - dt.timedelta(days=1)


def latest_date(con: Any, scope: Scope) -> dt.date | None:
    """The latest date in the data for ``scope`` (its own ``as_of`` ignored): the newest survey,
    training day, group founding, link start or report date. None when the scope has none.
    This is the default as-of date: the programme's data are in the past, so "today" would
    make every change read zero."""
    unbounded = replace(scope, as_of=None)
    name = "latest_date_stored" if variant(unbounded, con) == (False, False) else "latest_date"
    value = query(con, name, unbounded).iloc[0, 0]
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _number(value: float | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else value


def _stage_sets(progress: pd.DataFrame) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(done, overdue) as sets of (village_code, stage), built column-wise (no loop over rows)."""
    columns = {column: stage for stage, column in STAGE_COLUMNS.items()}
    long = progress[["village_code", *columns]].melt(id_vars="village_code", var_name="column")
    long = long[long["value"].astype(bool)]
    done = set(zip(long["village_code"], long["column"].map(columns), strict=True))
    overdue_rows = progress[["village_code", "overdue_stages"]].explode("overdue_stages").dropna()
    overdue = set(zip(overdue_rows["village_code"], overdue_rows["overdue_stages"], strict=True))
    return done, overdue


def _stage_order(item: tuple[str, str]) -> tuple[str, int]:
    return item[0], STAGES.index(item[1])


def changes(con: Any, scope: Scope, *, as_of: dt.date, previous: dt.date | None = None) -> dict[str, Any]:
    """What changed in ``scope`` between ``previous`` and ``as_of`` (the period (previous, as_of]).

    Keys (a fixed contract, shared with ``python -m metrics changes --json``; it may be
    extended, never renamed):

    - ``as_of``, ``previous``: ISO dates;
    - ``kpis``: ``{id, now, before, delta}`` for every catalogue indicator, in catalogue order;
      ``now``/``before`` are the values at ``as_of``/``previous`` (share 0–1 or ratio; None when
      the denominator is 0), ``delta = now − before`` (None when either is None);
    - ``stages_completed``: ``{village_code, stage}`` done at ``as_of`` and not at ``previous``;
    - ``newly_overdue``: ``{village_code, stage, due}`` overdue at ``as_of`` (a plan due before
      it whose stage is not done) and not overdue at ``previous``;
    - ``new_groups``: ids of groups founded in the period;
    - ``new_links``: ``{group_id, partner_type}`` of network links that started in the period;
    - ``surveys_added``, ``training_days_added``: income-survey rows and training days dated
      in the period;
    - ``imports`` (extension): ``{import_id, imported_at, file_name, warnings}`` of imports made
      in the period (UTC date; the import log is store-wide, not per scope).

    Rows without a date (a group without a founding date) count at both dates, never as new.
    """
    previous = previous_meeting(as_of) if previous is None else previous
    if previous >= as_of:
        msg = (
            f"วันประชุมครั้งก่อน ({previous.isoformat()}) ต้องอยู่ก่อนวันที่ข้อมูล ({as_of.isoformat()}) / "
            f"the previous meeting ({previous.isoformat()}) must be before the as-of date ({as_of.isoformat()})"
        )
        raise ValueError(msg)
    now_scope, before_scope = replace(scope, as_of=as_of), replace(scope, as_of=previous)

    now_values = compute(con, now_scope)
    before_values = {v.id: v.value for v in compute(con, before_scope)}
    kpis = []
    for v in now_values:
        now, before = _number(v.value), _number(before_values[v.id])
        delta = None if now is None or before is None else _number(v.value - before_values[v.id])
        kpis.append({"id": v.id, "now": now, "before": before, "delta": delta})

    done_now, overdue_now = _stage_sets(village_progress(con, now_scope))
    done_before, overdue_before = _stage_sets(village_progress(con, before_scope))
    plans = query(con, "plans", now_scope)
    due = {
        (code, stage): pd.Timestamp(date).date().isoformat()
        for code, stage, date in zip(plans["village_code"], plans["stage"], plans["due_date"], strict=True)
    }

    events = query(con, "changes_events", now_scope, previous=previous)
    groups = events[events["kind"] == "group"]
    links = events[events["kind"] == "link"]

    text = sql("imports_between")
    imports = con.execute(text, {"previous": previous, "as_of": as_of}).df()

    return {
        "as_of": as_of.isoformat(),
        "previous": previous.isoformat(),
        "kpis": kpis,
        "stages_completed": [
            {"village_code": code, "stage": stage}
            for code, stage in sorted(done_now - done_before, key=_stage_order)
        ],
        "newly_overdue": [
            {"village_code": code, "stage": stage, "due": due[(code, stage)]}
            for code, stage in sorted(overdue_now - overdue_before, key=_stage_order)
        ],
        "new_groups": sorted(groups["key"].tolist()),
        "new_links": [
            {"group_id": g, "partner_type": n}
            for g, n in sorted(zip(links["key"], links["detail"], strict=True))
        ],
        "surveys_added": int((events["kind"] == "survey").sum()),
        "training_days_added": int((events["kind"] == "training_day").sum()),
        "imports": [
            {
                "import_id": int(row.import_id),
                "imported_at": pd.Timestamp(row.imported_at).isoformat(timespec="seconds"),
                "file_name": row.file_name,
                "warnings": int(row.warnings),
            }
            for row in imports.itertuples(index=False)
        ],
    }


def coverage(con: Any, scope: Scope) -> dict[str, int]:
    """What the rates are counted over, to show beside them ("surveyed 40 of 60"):
    ``households`` (target), ``surveyed_after`` (with a survey after baseline: the practising
    and จปฐ. denominators), ``both_rounds`` (baseline and a later survey: the income
    denominator) and ``villages`` (target)."""
    row = query(con, "coverage", scope).iloc[0]
    return {k: int(row[k]) for k in ("households", "surveyed_after", "both_rounds", "villages")}


def change_table(report: dict[str, Any], villages: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """The lists of a :func:`changes` report as one table for the page and exports, one row per
    change: village_code, village_name, district_name, tambon_name, change (``newly_overdue``,
    ``stages_completed``, ``new_groups``, ``new_links``, in that order), stage, due (ISO date),
    group_id, group_name, partner_type (empty where they do not apply).

    ``villages`` is a :func:`metrics.progress.village_progress` frame and ``groups`` a
    :func:`metrics.networks.five_k_scores` frame at the as-of date (for names)."""
    group_village = dict(zip(groups["group_id"], groups["village_code"], strict=True))
    rows = (
        [
            {
                "village_code": r["village_code"],
                "change": "newly_overdue",
                "stage": r["stage"],
                "due": r["due"],
            }
            for r in report["newly_overdue"]
        ]
        + [
            {"village_code": r["village_code"], "change": "stages_completed", "stage": r["stage"]}
            for r in report["stages_completed"]
        ]
        + [
            {"village_code": group_village.get(g), "change": "new_groups", "group_id": g}
            for g in report["new_groups"]
        ]
        + [
            {
                "village_code": group_village.get(r["group_id"]),
                "change": "new_links",
                "group_id": r["group_id"],
                "partner_type": r["partner_type"],
            }
            for r in report["new_links"]
        ]
    )
    columns = ["village_code", "change", "stage", "due", "group_id", "partner_type"]
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    frame = frame.where(frame.notna(), None)
    names = villages[["village_code", "village_name", "district_name", "tambon_name"]]
    out = frame.merge(names, on="village_code", how="left").merge(
        groups[["group_id", "group_name"]], on="group_id", how="left"
    )
    return out[
        [
            "village_code",
            "village_name",
            "district_name",
            "tambon_name",
            "change",
            "stage",
            "due",
            "group_id",
            "group_name",
            "partner_type",
        ]
    ]
