"""What the map shows for a scope: villages, or aggregates when there are too many.

Up to ``village_threshold`` villages with coordinates (or any number inside one district),
each village is a mark. Above it, one mark stands for the villages of a tambon, a district
or a province, the finest level that needs at most ``max_objects`` marks, at the mean of
their points, with the share of its villages in each status. Never more than
``max_objects`` marks are returned.

A village without coordinates is never drawn as a village of its own, but in tambon, district
and province marks it counts at its tambon's point (``data_loaders.reference.points``), so an aggregate
stands for all its villages. When fewer than ``own_share`` of the villages that can be placed
have coordinates of their own, the map uses aggregates even where villages would fit, rather
than leave most villages off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import pandas as pd

from data_loaders.reference import points
from metrics import rollups
from metrics.progress import STATUSES
from metrics.scope import Scope, query_arrow, sql_text
from metrics.settings import MetricSettings

Level = Literal["village", "tambon", "district", "province"]
LEVELS: tuple[Level, ...] = ("tambon", "district", "province")
VILLAGE_THRESHOLD = 1_500
MAX_OBJECTS = 5_000
OWN_SHARE = 0.9  # village marks only while at least this share of placeable villages has a point

# The scope's villages with a point for the aggregates: their own coordinates, else (both
# together, never one of each) their tambon's point. at_tambon marks the second kind.
PLACED_SQL = """
CREATE OR REPLACE TEMP VIEW vp_placed AS
SELECT v.* REPLACE (
           CASE WHEN v.lat IS NULL OR v.lon IS NULL THEN p.lat ELSE v.lat END AS lat,
           CASE WHEN v.lat IS NULL OR v.lon IS NULL THEN p.lon ELSE v.lon END AS lon),
       (v.lat IS NULL OR v.lon IS NULL) AND p.lat IS NOT NULL AS at_tambon
FROM vp_own AS v LEFT JOIN tambon_points AS p ON p.tambon_code = v.tambon_code
"""


@dataclass(frozen=True, slots=True)
class MapMarks:
    """The marks of one map: ``level`` says what a mark stands for; ``villages`` is how many
    villages in scope the marks stand for (all marks together), ``at_tambon`` how many of
    those lack coordinates and are placed at their tambon's point (0 for village marks), and
    ``unplaced`` how many villages in scope are on no mark; ``statuses`` counts the villages in
    scope by status (every status, 0 where none: the map's legend)."""

    level: Level
    frame: pd.DataFrame
    villages: int
    at_tambon: int = 0
    unplaced: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def choose_level(
    counts: dict[str, int],
    scope: Scope,
    *,
    village_threshold: int = VILLAGE_THRESHOLD,
    max_objects: int = MAX_OBJECTS,
    own_share: float = OWN_SHARE,
) -> Level:
    """Villages when few (or zoomed to a district), else the finest level within ``max_objects``.

    ``counts["village"]`` is the villages with coordinates of their own; ``counts["placed"]``
    (default: the same) those that aggregates can place, counting tambon points. Village marks
    need at least ``own_share`` of the placeable villages to have their own coordinates."""
    placed = counts.get("placed", counts["village"])
    if counts["village"] >= own_share * placed:
        if counts["village"] <= min(village_threshold, max_objects):
            return "village"
        if (scope.district or scope.tambon or scope.villages) and counts["village"] <= max_objects:
            return "village"
    return next((lv for lv in LEVELS if counts[lv] <= max_objects), "province")


def map_marks(
    con: Any,
    scope: Scope,
    *,
    village_threshold: int = VILLAGE_THRESHOLD,
    max_objects: int = MAX_OBJECTS,
    own_share: float = OWN_SHARE,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> MapMarks:
    """The marks for ``scope`` (see the module docstring), at most ``max_objects`` of them."""
    # the villages' rows the import kept at the default dates, else derived from the facts
    name = "village_progress_stored" if rollups.serves(con, scope, settings) else "village_progress"
    progress = query_arrow(con, name, scope, today=today, settings=settings)
    return marks_for(
        progress, scope, village_threshold=village_threshold, max_objects=max_objects, own_share=own_share
    )


def marks_for(
    progress: Any,
    scope: Scope,
    *,
    village_threshold: int = VILLAGE_THRESHOLD,
    max_objects: int = MAX_OBJECTS,
    own_share: float = OWN_SHARE,
) -> MapMarks:
    """The marks from the rows of ``village_progress.sql`` (a DataFrame or an Arrow table),
    aggregated by DuckDB apart from the store (118,000 villages at national scope never
    become Python objects).

    ``map_levels.sql`` and ``map_marks.sql`` read ``vp_frame``: the villages' own coordinates
    for village marks, the view with tambon points filled in (``vp_placed``) for aggregates."""
    local = duckdb.connect()
    try:
        local.register("vp_own", progress)
        by_status = dict(local.execute("SELECT status, count(*) FROM vp_own GROUP BY status").fetchall())
        local.register("tambon_points", points.table())
        local.execute(PLACED_SQL)
        names = ("village", "tambon", "district", "province")
        local.execute("CREATE OR REPLACE TEMP VIEW vp_frame AS SELECT * FROM vp_own")
        own = dict(zip(names, local.execute(sql_text("map_levels")).fetchone(), strict=True))  # type: ignore[arg-type]
        local.execute("CREATE OR REPLACE TEMP VIEW vp_frame AS SELECT * FROM vp_placed")
        placed = dict(zip(names, local.execute(sql_text("map_levels")).fetchone(), strict=True))  # type: ignore[arg-type]
        counts = {**placed, "village": own["village"], "placed": placed["village"]}
        level = choose_level(
            counts, scope, village_threshold=village_threshold, max_objects=max_objects, own_share=own_share
        )
        if level == "village":
            local.execute("CREATE OR REPLACE TEMP VIEW vp_frame AS SELECT * FROM vp_own")
        frame = local.execute(sql_text("map_marks"), {"level": level, "max_objects": max_objects}).df()
        at_tambon = local.execute("SELECT count(*) FILTER (WHERE at_tambon) FROM vp_placed").fetchone()[0]  # type: ignore[index]
    finally:
        local.close()
    shown = int(counts["village"] if level == "village" else counts["placed"])
    return MapMarks(
        level,
        frame,
        shown,
        at_tambon=0 if level == "village" else int(at_tambon),
        unplaced=sum(by_status.values()) - shown,
        statuses={status: by_status.get(status, 0) for status in STATUSES},
    )
