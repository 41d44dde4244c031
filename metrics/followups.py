# STAND-IN: replaced by branch meeting-changes
"""The follow-up list: a stand-in with the real signature that returns an empty frame with the
real columns, so the meeting pack works before the real list is merged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from metrics.scope import Scope

COLUMNS = (
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
)


def followups(con: Any, scope: Scope, *, as_of: dt.date) -> pd.DataFrame:
    """What needs action at ``as_of``, most overdue first (stand-in: nothing)."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})
