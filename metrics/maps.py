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
from functools import cache
from typing import Any, Literal

import pandas as pd

from data_loaders.reference import points
from metrics import rollups
from metrics.progress import STATUSES
from metrics.scope import Scope, all_params, bind, sql, sql_text
from metrics.settings import MetricSettings

Level = Literal["village", "tambon", "district", "province"]
LEVELS: tuple[Level, ...] = ("tambon", "district", "province")
VILLAGE_THRESHOLD = 1_500
MAX_OBJECTS = 5_000
OWN_SHARE = 0.9  # village marks only while at least this share of placeable villages has a point


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
    """The marks for ``scope`` (see the module docstring), at most ``max_objects`` of them.

    Two queries in the store, each one pass over the scope's villages: the counts the level is
    chosen by (``map_counts.sql``), then the marks at that level (``map_marks.sql``); 118,000
    villages at national scope never leave DuckDB."""
    if rollups.serves(con, scope, settings):
        # the rows the import kept at the default dates; the query reads no scope CTEs, so no
        # variant of them is looked up (metrics.scope.sql)
        rows = sql_text("map_villages_stored")
    else:
        rows = sql("map_villages", scope, con)  # derived from the facts
    params = {**all_params(scope, settings, today), **_points()}
    text = sql_text("map_counts").replace("{rows}", rows)
    found = con.execute(text, bind(text, params)).fetchall()[0]
    placed = dict(zip(("village", "tambon", "district", "province"), found[3:7], strict=True))
    counts = {**placed, "village": found[2], "placed": placed["village"]}
    level = choose_level(
        counts, scope, village_threshold=village_threshold, max_objects=max_objects, own_share=own_share
    )
    if level == "village":  # village marks stand at their own points: no tambon point is read
        params.update(point_codes=[], point_lats=[], point_lons=[])
    text = sql_text("map_marks").replace("{rows}", rows)
    frame = con.execute(text, bind(text, {**params, "level": level, "max_objects": max_objects})).df()
    total, by_status, at_tambon = int(found[0]), found[1] or {}, int(found[7])
    shown = int(counts["village"] if level == "village" else counts["placed"])
    return MapMarks(
        level,
        frame,
        shown,
        at_tambon=0 if level == "village" else at_tambon,
        unplaced=total - shown,
        statuses={status: int(by_status.get(status, 0)) for status in STATUSES},
    )


@cache
def _points() -> dict[str, list[Any]]:
    """The tambon points (:func:`data_loaders.reference.points.table`) as the parameters of
    ``map_placed.sql``: codes, latitudes and longitudes, in the same order."""
    table = points.table()
    return {
        "point_codes": table["tambon_code"].to_pylist(),
        "point_lats": table["lat"].to_pylist(),
        "point_lons": table["lon"].to_pylist(),
    }
