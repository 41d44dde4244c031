"""Where the data lives and the programme targets that validation warns against.

Settings are read when a function asks for them, never at import time, so tests and the
command line can point the store elsewhere with ``SAMMACHIP_DB``.
"""

from __future__ import annotations

import math
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


# The จปฐ. (basic minimum needs) income line, baht per person per year: the poverty line of the
# targeting audit and of the above-the-line indicator. 38,000 for the 2560–2564 survey period is
# an assumption (seen only in public chart legends), so it can be set per fiscal year.
JPT_LINE_ENV = "SAMMACHIP_JPT_LINE"


def jpt_lines() -> tuple[float | None, tuple[tuple[int, float], ...]]:
    """The จปฐ. line from ``SAMMACHIP_JPT_LINE`` (read when called): ``(default, by_year)``.

    The value is a comma-separated list: a bare number sets the line of every fiscal year, and
    ``BE:baht`` sets one fiscal year's (``"38000,2565:40000"``). ``(None, ())`` when unset.
    A malformed value is refused with a message naming the variable."""
    raw = os.environ.get(JPT_LINE_ENV, "").strip()
    default: float | None = None
    by_year: dict[int, float] = {}
    for part in (p.strip() for p in raw.split(",") if p.strip()):
        year, sep, amount = part.rpartition(":")
        try:
            value = float(amount.replace("_", ""))
            fiscal = int(year) if sep else None
        except ValueError:
            value, fiscal = -1.0, None
        if value <= 0 or not math.isfinite(value) or (sep and (fiscal is None or not 2400 <= fiscal <= 2700)):
            msg = (
                f"{JPT_LINE_ENV} ต้องเป็นจำนวนเงินบาทต่อคนต่อปี หรือ ปีงบประมาณ พ.ศ.:จำนวนเงิน คั่นด้วยจุลภาค / "
                f"{JPT_LINE_ENV} must be baht per person per year, or BE-fiscal-year:baht pairs, comma "
                f"separated, e.g. 38000,2565:40000 (found {part!r})"
            )
            raise ValueError(msg)
        if fiscal is None:
            default = value
        else:
            by_year[fiscal] = value
    return default, tuple(sorted(by_year.items()))
