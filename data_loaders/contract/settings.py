"""Where the data lives and the programme targets that validation warns against.

Settings are read when a function asks for them, never at import time, so tests and the
command line can point the store elsewhere with ``SAMMACHIP_DB``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SAMPLE_DIR = PROJECT_DIR / "sample_data"
DEFAULT_DB = PROJECT_DIR / "data" / "sammachip.duckdb"
DB_ENV = "SAMMACHIP_DB"
# DuckDB's memory limit while importing: past it, big imports spill to disk beside the store.
IMPORT_MEMORY_LIMIT = "1GB"


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The DuckDB store: ``override`` if given, else ``$SAMMACHIP_DB``, else ``data/sammachip.duckdb``."""
    if override:
        return Path(override)
    from_env = os.environ.get(DB_ENV, "").strip()
    return Path(from_env) if from_env else DEFAULT_DB


@dataclass(frozen=True, slots=True)
class Targets:
    """Programme targets used by validation warnings (and later by the metrics).

    ``households_per_village``: target households per village (ครัวเรือนเป้าหมาย, 20).
    ``trainers_per_village``: trainers per village team (ทีมวิทยากร, 5 including the lead).
    ``income_jump_factor``: a survey income above this many times, or below 1/this of, the
    household's previous non-zero round is flagged for checking.
    """

    households_per_village: int = 20
    trainers_per_village: int = 5
    income_jump_factor: float = 10.0


DEFAULT_TARGETS = Targets()
TARGET_ENV = {
    "households_per_village": "SAMMACHIP_TARGET_HOUSEHOLDS",
    "trainers_per_village": "SAMMACHIP_TARGET_TRAINERS",
}


def targets() -> Targets:
    """The programme targets: defaults, overridden by ``SAMMACHIP_TARGET_HOUSEHOLDS`` and
    ``SAMMACHIP_TARGET_TRAINERS`` (read when called, so a district can set its own)."""
    values: dict[str, int] = {}
    for name, env in TARGET_ENV.items():
        raw = os.environ.get(env, "").strip()
        if raw:
            if not raw.isdigit() or int(raw) < 1:
                msg = f"{env} must be a whole number ≥ 1 (found {raw!r})"
                raise ValueError(msg)
            values[name] = int(raw)
    return Targets(**values)
