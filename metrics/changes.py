# STAND-IN: replaced by branch meeting-changes
"""Since last meeting: a stand-in with the real signature that returns empty, correctly shaped
results, so the meeting pack works before the real computation is merged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from metrics.scope import Scope


def changes(con: Any, scope: Scope, *, as_of: dt.date, previous: dt.date) -> dict[str, Any]:
    """What changed between ``previous`` and ``as_of`` (stand-in: nothing)."""
    return {
        "as_of": as_of.isoformat(),
        "previous": previous.isoformat(),
        "kpis": [],
        "stages_completed": [],
        "newly_overdue": [],
        "new_groups": [],
        "new_links": [],
        "surveys_added": 0,
        "training_days_added": 0,
    }
