"""Progress per village: eight stages derived from the data, overdue plans, a status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from metrics import model, rollups
from metrics.scope import Scope, query
from metrics.settings import MetricSettings

# The stages, their columns and the statuses are declared once, in metrics/model.py.
STAGE_CODES: tuple[str, ...] = model.STAGE_CODES
STAGE_COLUMNS: dict[str, str] = model.STAGE_COLUMNS
STATUSES: tuple[str, ...] = model.STATUSES


def village_progress(
    con: Any,
    scope: Scope,
    *,
    today: dt.date | None = None,
    settings: MetricSettings | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per target village: the eight stages (booleans), ``stages_done`` (0–8),
    ``progress`` (0–1), ``overdue_stages`` (plans due before the as-of date, default today,
    whose stage is not done), ``status`` (overdue > complete > not_started > in_progress),
    and the village's ``income_increase_pct``; in village-code order, the first ``limit``
    villages only when given (cut in SQL)."""
    # the villages' rows the import kept at the default dates, else derived from the facts
    name = "village_progress_stored" if rollups.serves(con, scope, settings) else "village_progress"
    frame = query(con, name, scope, settings=settings, today=today, limit=limit)
    frame["overdue_stages"] = frame["overdue_stages"].map(list)
    return frame


def training_timeline(con: Any, scope: Scope) -> pd.DataFrame:
    """Training days (1–5) recorded in scope, with village names and activities."""
    return query(con, "training_timeline", scope)


def status_counts(progress: pd.DataFrame) -> dict[str, int]:
    """Villages per status, every status present (0 where none)."""
    counts = progress["status"].value_counts().to_dict() if not progress.empty else {}
    return {status: int(counts.get(status, 0)) for status in STATUSES}
