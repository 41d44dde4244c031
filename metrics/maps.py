"""What the map shows for a scope: villages, or aggregates when there are too many.

Up to ``village_threshold`` villages with coordinates (or any number inside one district),
each village is a mark. Above it, one mark stands for the villages of a tambon, a district
or a province, the finest level that needs at most ``max_objects`` marks, at the mean of
their points, with the share of its villages in each status. Never more than
``max_objects`` marks are returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import duckdb
import pandas as pd

from metrics.progress import village_progress
from metrics.scope import SQL_DIR, Scope
from metrics.settings import MetricSettings

Level = Literal["village", "tambon", "district", "province"]
LEVELS: tuple[Level, ...] = ("tambon", "district", "province")
VILLAGE_THRESHOLD = 1_500
MAX_OBJECTS = 5_000


@dataclass(frozen=True, slots=True)
class MapMarks:
    """The marks of one map: ``level`` says what a mark stands for; ``villages`` is how many
    villages with coordinates are in scope (all marks together)."""

    level: Level
    frame: pd.DataFrame
    villages: int


def choose_level(
    counts: dict[str, int],
    scope: Scope,
    *,
    village_threshold: int = VILLAGE_THRESHOLD,
    max_objects: int = MAX_OBJECTS,
) -> Level:
    """Villages when few (or zoomed to a district), else the finest level within ``max_objects``."""
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
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
) -> MapMarks:
    """The marks for ``scope`` (see the module docstring), at most ``max_objects`` of them."""
    progress = village_progress(con, scope, today=today, settings=settings)
    return marks_for(progress, scope, village_threshold=village_threshold, max_objects=max_objects)


def marks_for(
    progress: pd.DataFrame,
    scope: Scope,
    *,
    village_threshold: int = VILLAGE_THRESHOLD,
    max_objects: int = MAX_OBJECTS,
) -> MapMarks:
    """The marks from a :func:`metrics.progress.village_progress` frame a page already has
    (aggregated by DuckDB over the frame, so the progress query is not run twice)."""
    local = duckdb.connect()
    try:
        local.register("vp_frame", progress.drop(columns=["overdue_stages"], errors="ignore"))
        levels = _text("map_levels")
        row = local.execute(levels).fetchone()
        counts = dict(zip(("village", "tambon", "district", "province"), row, strict=True))
        level = choose_level(counts, scope, village_threshold=village_threshold, max_objects=max_objects)
        frame = local.execute(_text("map_marks"), {"level": level, "max_objects": max_objects}).df()
    finally:
        local.close()
    return MapMarks(level, frame, int(counts["village"] or 0))


def _text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
