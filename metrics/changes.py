"""Since last meeting (ตั้งแต่การประชุมครั้งก่อน): what changed between two dates in a scope.

The officer presents at the monthly district meeting (กบอ.). For a pair of dates, the meeting
date ``as_of`` and the previous meeting ``previous`` (default: the end of the calendar month
before ``as_of``), :func:`changes` gives every indicator then and now, the stages villages
completed, the stages that became overdue, new groups and network links, surveys and training
days added, and the imports made in between. Everything reuses the metrics the pages show:
indicators from :func:`metrics.indicators.compute` at each of the two dates, and the stage rules
of :func:`metrics.progress.village_progress`, whose states at the two dates are compared in SQL
(``stage_state.sql``, ``stage_changes.sql``): at national scope a meeting compares 118,000
villages, never in Python row by row.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import duckdb
import pandas as pd

from metrics import rollups
from metrics.indicators import compute
from metrics.indicators import coverage as indicator_coverage
from metrics.scope import STORED, Scope, bind, query, query_arrow, sql, sql_text, variant


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
    name = "latest_date_stored" if variant(unbounded, con) == STORED else "latest_date"
    value = query(con, name, unbounded).iloc[0, 0]
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


# The reports default_as_of looks at first, newest first: at five national years the newest
# report that counts is among them, so the 1.7 million reports are not all read.
REPORT_PROBE = 4096


def default_as_of(con: Any, fiscal_year: int | None = None) -> dt.date | None:
    """The one default as-of date of every program: the dashboard's date box, the meeting pack,
    the village one-pagers and every command line (``metrics kpis|changes|villages|households``,
    ``reports meeting|village``) when no date is given.

    It is the latest date in the data of all areas (:func:`latest_date` of the whole store), of
    ``fiscal_year`` when one is chosen. The places, villages, occupation and the person's grant
    do not move it, so a village reads the same days late on every page, in the pack and in its
    one-pager, whatever area is selected; only the fiscal year, a choice of which data to look
    at, does. None when there are no dated rows. Say it in words where it is used
    (:func:`common.strings.default_as_of_words`).

    Read from the stored facts (``fact_villages.last_dated``, ``default_as_of.sql``) and the
    newest reports (``default_as_of_reports.sql``): a few milliseconds at national scale, for
    the same date as :func:`latest_date`; a village without stored facts takes that way.
    """
    scope = Scope(fiscal_year=fiscal_year)
    params = scope.params()
    text = sql_text("default_as_of")
    last_dated, missing, villages, newest_report = con.execute(text, bind(text, params)).fetchone()
    if not villages:  # no village, so no officer whose reports count
        return None
    if missing:  # a village without stored facts: its rows answer (latest_date.sql)
        return latest_date(con, scope)
    # the reports are not in the facts: only one newer than the facts' newest date can move it
    if newest_report is None or (last_dated is not None and newest_report <= last_dated):
        return last_dated
    text = sql_text("default_as_of_reports")
    reports = None
    for probe in (REPORT_PROBE, None):  # the newest reports first; all of them if none of those counts
        reports, probed = con.execute(
            text, bind(text, {**params, "after": last_dated, "probe": probe})
        ).fetchone()
        if reports is not None or probe is None or probed < probe:
            break
    dates = [d for d in (last_dated, reports) if d is not None]
    return max(dates) if dates else None


def _number(value: float | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else value


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _stage_changes(con: Any, now: Scope, before: Scope) -> dict[str, list[tuple]]:
    """Stages completed and plans newly overdue between the two scopes' dates, by kind: the
    stage state of each (``stage_state.sql``, only the villages' done or overdue stages) compared
    in SQL (``stage_changes.sql``), in village and stage order."""
    mem = duckdb.connect()  # the two states are small next to the store: compare them apart
    try:
        mem.register("stages_now", query_arrow(con, "stage_state", now))
        mem.register("stages_before", query_arrow(con, "stage_state", before))
        rows = mem.execute(sql_text("stage_changes")).fetchall()
    finally:
        mem.close()
    out: dict[str, list[tuple]] = {"stages_completed": [], "newly_overdue": []}
    for row in rows:
        out[row[0]].append(row)
    return out


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
      since the previous meeting (after its date in Bangkok time, up to now: not bounded by
      ``as_of``, which dates the data, not its arrival; the import log is store-wide).

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

    if rollups.serves(con, now_scope, previous=previous):  # the pair of dates the import kept
        rows = query(con, "stage_changes_stored", now_scope, previous=previous).itertuples(index=False)
        stages: dict[str, list[tuple]] = {"stages_completed": [], "newly_overdue": []}
        for row in rows:
            stages[row.change].append((row.change, row.village_code, row.stage, _date(row.due)))
        events = query(con, "changes_events_stored", now_scope, previous=previous)
    else:
        stages = _stage_changes(con, now_scope, before_scope)
        events = query(con, "changes_events", now_scope, previous=previous)
    groups = events[events["kind"] == "group"]
    links = events[events["kind"] == "link"]
    counts = dict(zip(events["kind"], events["n"], strict=True))

    text = sql("imports_between")
    imports = con.execute(text, {"previous": previous}).df()

    return {
        "as_of": as_of.isoformat(),
        "previous": previous.isoformat(),
        "kpis": kpis,
        "stages_completed": [
            {"village_code": code, "stage": stage} for _, code, stage, _ in stages["stages_completed"]
        ],
        "newly_overdue": [
            {"village_code": code, "stage": stage, "due": due.isoformat()}
            for _, code, stage, due in stages["newly_overdue"]
        ],
        "new_groups": sorted(groups["key"].tolist()),
        "new_links": [
            {"group_id": g, "partner_type": n}
            for g, n in sorted(zip(links["key"], links["detail"], strict=True))
        ],
        "surveys_added": int(counts["survey"]),
        "training_days_added": int(counts["training_day"]),
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
    denominator) and ``villages`` (target): the catalogue's coverage counts
    (:func:`metrics.indicators.coverage`), so the page and the pack say the same "40 of 60"."""
    cover = indicator_coverage(con, scope)
    surveyed_after, households = cover["practising_share"]
    both_rounds, _ = cover["income_increase_pct"]
    villages, _ = cover["villages_with_group_share"]
    return {
        "households": households,
        "surveyed_after": surveyed_after,
        "both_rounds": both_rounds,
        "villages": villages,
    }


def change_table(con: Any, report: dict[str, Any]) -> pd.DataFrame:
    """The lists of a :func:`changes` report as one table for the page and exports, one row per
    change: village_code, village_name, district_name(_en), tambon_name(_en), change
    (``newly_overdue``, ``stages_completed``, ``new_groups``, ``new_links``, in that order),
    stage, due (ISO date), group_id, group_name, partner_type (empty where they do not apply).
    Names are looked up for the codes the report holds only (``change_names.sql``)."""
    groups = [*report["new_groups"], *(r["group_id"] for r in report["new_links"])]
    codes = [r["village_code"] for r in (*report["newly_overdue"], *report["stages_completed"])]
    text = sql("change_names")
    names = con.execute(text, {"village_codes": codes, "group_ids": groups}).df()
    group_village = dict(zip(names["group_id"], names["village_code"], strict=True))
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
    places = ["village_name", "district_name", "district_name_en", "tambon_name", "tambon_name_en"]
    villages = names[["village_code", *places]].drop_duplicates("village_code")
    out = frame.merge(villages, on="village_code", how="left").merge(
        names[["group_id", "group_name"]].dropna(subset=["group_id"]), on="group_id", how="left"
    )
    return out[["village_code", *places, "change", "stage", "due", "group_id", "group_name", "partner_type"]]
