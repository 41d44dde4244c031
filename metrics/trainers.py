"""Trainer (expert) coverage: team size, the lead, households per trainer, skill match."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.privacy import mask_frame
from metrics.scope import Scope, bind, query, sql_text
from metrics.settings import MetricSettings


def trainer_coverage(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> pd.DataFrame:
    """Per target village: trainers against the target (5), whether a lead is present,
    households per trainer (null with no trainers) and the share of households whose
    occupation a village trainer has as a skill."""
    return query(con, "trainer_coverage", scope, settings=settings)


def villages_without_lead(con: Any, scope: Scope) -> pd.DataFrame:
    """Target villages whose team has no lead (ปราชญ์), with their team size and their tambon
    and district names in Thai and English (``*_name_en``, for the English page): the teams
    counted at import (``villages_without_lead.sql``), whatever the as-of date and occupation."""
    text = sql_text("villages_without_lead")
    return con.execute(text, bind(text, scope.params())).df()


# Skills a village's skills number holds at most (``skill_matrix.sql``: one bit per skill in a
# UHUGEINT); a scope with more takes the (village, skill) rows of ``skill_matrix_pairs.sql``.
MASK_SKILLS = 128


def skill_matrix(con: Any, scope: Scope) -> pd.DataFrame:
    """Long table (occupation, skill, households, is_match) for a skills × occupations heatmap.

    Each village's skills as one number (``skill_matrix.sql``); with more than
    :data:`MASK_SKILLS` skills in scope, or no cell at all (where the number of skills is not
    known), the same cells from one row per village and skill (``skill_matrix_pairs.sql``)."""
    frame = query(con, "skill_matrix", scope)
    if frame.empty or int(frame["vocabulary"].iloc[0]) > MASK_SKILLS:
        return query(con, "skill_matrix_pairs", scope)
    return frame.drop(columns="vocabulary")


def trainer_list(con: Any, scope: Scope, *, reveal: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Trainers in scope; names and phone numbers masked unless ``reveal``. ``limit``: only
    the first rows (by village, role, id), cut in SQL before the names are joined."""
    text = sql_text("trainers")
    params = {**scope.params(), "limit": None if limit is None else int(limit)}
    return mask_frame(con.execute(text, bind(text, params)).df(), reveal=reveal)


def trainer_count(con: Any, scope: Scope) -> int:
    """How many trainers are in scope (the rows :func:`trainer_list` returns): over the villages
    in scope alone (``trainer_count.sql``), whatever the as-of date and occupation."""
    text = sql_text("trainer_count")
    return int(con.execute(text, bind(text, scope.params())).fetchone()[0])
