"""The one filter object every metric takes, and its SQL parameters."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from metrics.settings import DEFAULT_SETTINGS, MetricSettings

SQL_DIR = Path(__file__).resolve().parent / "sql"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of the programme to measure. Frozen and hashable, so it can key a cache.

    ``fiscal_year`` is BE (2560). Codes are official: province 2 digits, district 4, tambon 6,
    village 8. ``occupation`` narrows households (and their surveys and attendance) and groups
    (and their links); villages and trainers stay as they are. ``as_of`` keeps only dated rows
    on or before it (training days and their attendance, surveys, groups, links, reports);
    rows without a date always count. ``today`` is the date overdue plans are judged against
    when there is no ``as_of``.

    ``allowed`` is the grant of the person asking (province and district codes, see
    :func:`metrics.access_scope.narrow`): ``None`` is unrestricted, ``()`` is nothing at all.
    Every query filters by it, even when the other fields ask for "all areas".
    """

    fiscal_year: int | None = None
    province: str | None = None
    district: str | None = None
    tambon: str | None = None
    villages: tuple[str, ...] = field(default=())
    occupation: str | None = None
    as_of: dt.date | None = None
    allowed: tuple[str, ...] | None = None

    def params(self) -> dict[str, Any]:
        """Named DuckDB parameters for :data:`SCOPE_SQL` (values never go into SQL text)."""
        return {
            "fiscal_year": self.fiscal_year,
            "province": self.province,
            "district": self.district,
            "tambon": self.tambon,
            "villages": list(self.villages),
            "occupation": self.occupation,
            "as_of": self.as_of,
            "allowed": None if self.allowed is None else list(self.allowed),
        }

    def as_dict(self) -> dict[str, Any]:
        """The scope as JSON-ready data (dates as ISO strings)."""
        out = self.params()
        out["as_of"] = self.as_of.isoformat() if self.as_of else None
        return out


@cache
def sql(name: str) -> str:
    """A query kept in ``metrics/sql/<name>.sql``; ``{scope}`` stands for the scope CTEs."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    if name == "scope":
        return text
    return text.replace("{scope}", sql("scope"))


def all_params(scope: Scope, settings: MetricSettings, today: dt.date | None = None) -> dict[str, Any]:
    """Scope, settings and the reference date overdue plans are judged against."""
    ref = scope.as_of or today or dt.date.today()
    return {**scope.params(), **settings.params(), "ref_date": ref}


def query(
    con: Any,
    name: str,
    scope: Scope,
    *,
    settings: MetricSettings = DEFAULT_SETTINGS,
    today: dt.date | None = None,
    **extra: Any,
) -> pd.DataFrame:
    """Run ``metrics/sql/<name>.sql`` in ``scope`` and return a DataFrame."""
    text = sql(name)
    return con.execute(text, bind(text, {**all_params(scope, settings, today), **extra})).df()


def bind(text: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters ``text`` uses (DuckDB refuses extra named parameters)."""
    used = set(re.findall(r"\$([a-z_]+)", text))
    return {k: v for k, v in params.items() if k in used}


def village_count(con: Any, scope: Scope) -> int:
    """Target villages in ``scope`` (one count over the villages table)."""
    text = sql("village_count")
    return int(con.execute(text, bind(text, all_params(scope, DEFAULT_SETTINGS))).fetchone()[0])


def first_villages(con: Any, scope: Scope, n: int) -> tuple[str, ...]:
    """The first ``n`` village codes in ``scope``, in code order."""
    text = sql("first_villages")
    rows = con.execute(text, bind(text, {**all_params(scope, DEFAULT_SETTINGS), "n": int(n)})).fetchall()
    return tuple(r[0] for r in rows)


def place_counts(con: Any, scope: Scope) -> dict[str, int]:
    """Villages, tambons, districts and provinces in ``scope``."""
    text = sql("place_counts")
    row = con.execute(text, bind(text, all_params(scope, DEFAULT_SETTINGS))).fetchone()
    return dict(zip(("village", "tambon", "district", "province"), (int(v) for v in row), strict=True))
