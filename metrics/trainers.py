"""Trainer (expert) coverage: team size, the lead, households per trainer, skill match."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.privacy import mask_frame
from metrics.scope import Scope, all_params, bind, query, sql
from metrics.settings import MetricSettings


def trainer_coverage(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> pd.DataFrame:
    """Per target village: trainers against the target (5), whether a lead is present,
    households per trainer (null with no trainers) and the share of households whose
    occupation a village trainer has as a skill."""
    return query(con, "trainer_coverage", scope, settings=settings)


def villages_without_lead(con: Any, scope: Scope) -> pd.DataFrame:
    """Target villages whose team has no lead (ปราชญ์), with their team size and their tambon
    and district names in Thai and English (``*_name_en``, for the English page)."""
    coverage = trainer_coverage(con, scope)
    missing = coverage.loc[
        ~coverage["has_lead"], ["village_code", "village_name", "tambon_name", "district_name", "trainers"]
    ].reset_index(drop=True)
    english = con.execute(
        "SELECT village_code, tambon_name_en, district_name_en FROM villages "
        "WHERE list_contains($codes, village_code)",
        {"codes": list(missing["village_code"])},
    ).df()
    return missing.merge(english, on="village_code", how="left")[
        [
            "village_code",
            "village_name",
            "tambon_name",
            "tambon_name_en",
            "district_name",
            "district_name_en",
            "trainers",
        ]
    ]


def skill_matrix(con: Any, scope: Scope) -> pd.DataFrame:
    """Long table (occupation, skill, households, is_match) for a skills × occupations heatmap."""
    return query(con, "skill_matrix", scope)


def trainer_list(con: Any, scope: Scope, *, reveal: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Trainers in scope; names and phone numbers masked unless ``reveal``. ``limit``: only
    the first rows (by village, role, id), cut in SQL."""
    if limit is None:
        return mask_frame(query(con, "trainers", scope), reveal=reveal)
    text = sql("trainers", scope, con) + "\nLIMIT $limit"
    frame = con.execute(text, bind(text, {**all_params(scope, None), "limit": int(limit)})).df()
    return mask_frame(frame, reveal=reveal)


def trainer_count(con: Any, scope: Scope) -> int:
    """How many trainers are in scope (the rows :func:`trainer_list` returns)."""
    return int(query(con, "trainer_count", scope)["trainers"].iloc[0])
