"""The rows behind each indicator (drill-through): one row per unit of the indicator's set in
scope (a household, a village or a group, as ``metrics/catalogue.toml`` declares), in or out of
the denominator, with what it adds to the numerator and the denominator and, when it is not in
both, why.

The rows are generated from the same declaration as the counts of
:func:`metrics.indicators.compute` (:func:`metrics.indicators.numerator_amount` and the rest), over
the same scope CTEs, so Σ ``numerator_value`` is the numerator and Σ ``denominator_value`` the
denominator, for any scope, as-of date and grant (``Scope.allowed`` narrows the rows exactly as
the counts).

The columns are a fixed contract (``python -m metrics rows``): :data:`FIXED_COLUMNS`, then the
values the indicator uses (its ``columns``). Personal data, by audience:

- ``"none"`` (the command line): no personal field; ``unit`` is the household id;
- ``"masked"`` (officers, managers, admins on the page): the household head's name, masked
  (:mod:`metrics.privacy`);
- ``"pseudonymous"`` (evaluators): ``unit`` is a pseudonymous key per household (a salted
  SHA-256 of its id, the salt kept by the server), no id and no personal field at all.

Paged in SQL (:func:`rows_page`: the units up to the last one shown picked before their values
are computed, ``LIMIT``/``OFFSET``, and a count, from the area roll-ups where they serve the
scope; never the whole set read to show its first rows); :func:`indicator_rows` without a limit
gives every row, for the downloads.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache
from typing import Any, Literal

import pandas as pd

from common.export import safe_frame
from common.strings import text
from metrics import model, rollups
from metrics.indicators import (
    UNIT_SETS,
    Indicator,
    catalogue,
    denominator_amount,
    in_denominator,
    in_numerator,
    indicator,
    numerator_amount,
    reason_code,
    with_sets,
)
from metrics.privacy import mask_frame
from metrics.scope import Scope, Variant, all_params, bind, variant
from metrics.settings import MetricSettings

Audience = Literal["none", "masked", "pseudonymous"]
AUDIENCES: tuple[str, ...] = ("none", "masked", "pseudonymous")
FIXED_COLUMNS: tuple[str, ...] = (
    "unit",
    "village_code",
    "in_denominator",
    "in_numerator",
    "numerator_value",
    "denominator_value",
    "reason_code",
    "reason",
)
PERSONAL: tuple[str, ...] = ("head_name",)  # shown masked to "masked" only, on household rows
PSEUDONYM_PREFIX = "P"
PSEUDONYM_DIGITS = 16  # hex digits of the salted SHA-256 kept: 64 bits, no collision in millions


def columns(ind: Indicator, audience: Audience = "none") -> tuple[str, ...]:
    """The columns of ``ind``'s rows for ``audience``, in order."""
    personal = PERSONAL if audience == "masked" and ind.unit_set == "households" else ()
    return (*FIXED_COLUMNS, *personal, *ind.columns)


def _unit(ind: Indicator, audience: Audience) -> str:
    key = UNIT_SETS[ind.unit_set][1]
    if audience == "pseudonymous" and ind.unit_set == "households":
        return f"'{PSEUDONYM_PREFIX}' || left(sha256($pseudonym_salt || {key}), {PSEUDONYM_DIGITS})"
    return key


# Per unit set: the scope CTE with one row per unit of the set (and its key and village_code),
# from which the first units are picked before anything is computed for them, and the column
# of the area roll-ups that counts the set's units.
PICK_FROM: dict[str, str] = {"households": "s_households", "villages": "s_villages", "groups": "s_groups"}
STORED_COUNT: dict[str, str] = {"households": "households", "villages": "villages", "groups": "groups"}


@cache
def _select(ind_id: str, which: Variant, audience: Audience, *, pick: bool = False) -> str:
    """The rows of one indicator: the scope CTEs, the sets, and one SELECT over its set whose
    flags and amounts are the very expressions the counts sum (metrics.indicators). With
    ``pick``, only the first ``$pick`` units in the rows' order (village, unit), picked from the
    scope CTE of their set (:data:`PICK_FROM`, one row per unit) before their values are
    computed (household_pick_first.sql's way)."""
    ind = indicator(ind_id)
    cte = UNIT_SETS[ind.unit_set][0]
    personal = PERSONAL if audience == "masked" and ind.unit_set == "households" else ()
    fields = [
        f"{_unit(ind, audience)} AS unit",
        "village_code",
        f"{in_denominator(ind)}::INT AS in_denominator",
        f"{in_numerator(ind)}::INT AS in_numerator",
        f"{numerator_amount(ind)} AS numerator_value",
        f"{denominator_amount(ind)} AS denominator_value",
        f"{reason_code(ind)} AS reason_code",
        *personal,
        *ind.columns,
    ]
    body = "SELECT " + ",\n       ".join(fields) + f"\nFROM {cte}"
    if pick:
        key, source = UNIT_SETS[ind.unit_set][1], PICK_FROM[ind.unit_set]
        first = f"SELECT {key} FROM {source} ORDER BY village_code, {_unit(ind, audience)} LIMIT $pick"
        body += f"\nWHERE {key} IN ({first})"
    return "WITH " + with_sets(which) + "\n" + model.fill(body)


def _params(
    scope: Scope, settings: MetricSettings | None, today: dt.date | None, salt: str
) -> dict[str, Any]:
    return {**all_params(scope, settings, today), "pseudonym_salt": salt}


def _check(ind_id: str, audience: str, salt: str) -> None:
    indicator(ind_id)  # KeyError naming the known ids
    if audience not in AUDIENCES:
        msg = f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}"
        raise ValueError(msg)
    if audience == "pseudonymous" and not salt:
        msg = "pseudonymous rows need a secret salt (a key anyone could guess is no pseudonym)"
        raise ValueError(msg)


def indicator_rows(
    con: Any,
    scope: Scope,
    ind_id: str,
    *,
    lang: str = "en",
    audience: Audience = "none",
    salt: str = "",
    limit: int | None = None,
    offset: int = 0,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The rows of indicator ``ind_id`` in ``scope``, ordered by village and unit: every row, or
    with ``limit`` the ``limit`` rows after the first ``offset`` (in SQL). ``reason`` is the
    words for ``reason_code`` in ``lang``; names masked (``audience``, see the module)."""
    _check(ind_id, audience, salt)
    ind = indicator(ind_id)
    body = _select(ind_id, variant(scope, con), audience, pick=limit is not None)
    text_sql = f"SELECT * FROM (\n{body}\n) ORDER BY village_code, unit"
    params = _params(scope, settings, today, salt)
    if limit is not None:  # the units up to the last one shown picked first
        text_sql += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
        params["pick"] = int(limit) + int(offset)
    frame = con.execute(text_sql, bind(text_sql, params)).df()
    frame.insert(
        FIXED_COLUMNS.index("reason"),
        "reason",
        [None if pd.isna(code) else text(f"rows.reason.{code}", lang) for code in frame["reason_code"]],
    )
    frame = mask_frame(frame)  # the head's name masked; nothing else here is personal
    return frame[list(columns(ind, audience))]


def row_count(
    con: Any,
    scope: Scope,
    ind_id: str,
    *,
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> int:
    """How many rows :func:`indicator_rows` gives (every unit of the set in scope): the area
    roll-ups' count of the set's units where they serve the scope, else counted."""
    column = STORED_COUNT[indicator(ind_id).unit_set]
    stored = rollups.area_sums(con, scope, (column,), settings=settings)
    if stored is not None:
        return int(stored[column] or 0)
    body = _select(ind_id, variant(scope, con), "none")
    text_sql = f"SELECT count(*) FROM (\n{body}\n)"
    return int(con.execute(text_sql, bind(text_sql, _params(scope, settings, today, ""))).fetchone()[0])


def rows_page(
    con: Any,
    scope: Scope,
    ind_id: str,
    *,
    limit: int,
    offset: int = 0,
    lang: str = "en",
    audience: Audience = "none",
    salt: str = "",
    settings: MetricSettings | None = None,
    today: dt.date | None = None,
) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows after ``offset`` and how many rows there are in all: what a page
    shows at national scope without reading millions of rows."""
    page = indicator_rows(
        con,
        scope,
        ind_id,
        lang=lang,
        audience=audience,
        salt=salt,
        limit=limit,
        offset=offset,
        settings=settings,
        today=today,
    )
    return page, row_count(con, scope, ind_id, settings=settings, today=today)


def header(column: str, ind: Indicator, lang: str) -> str:
    """A column's header in ``lang`` (Thai in the downloads): ``unit`` is named by the set."""
    if column == "unit":
        return text(f"rows.unit.{ind.unit_set}", lang)
    return text(f"rows.col.{column}", lang)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with yes/no values as 1 or 0 (empty when unknown) and dates as days, as the
    command line's CSV and the downloads write them."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = [None if pd.isna(v) else v.date() for v in values]
        elif pd.api.types.is_bool_dtype(values) or (
            values.dtype == object
            and len(values.dropna())
            and all(isinstance(v, bool) for v in values.dropna())
        ):
            out[column] = pd.array([None if pd.isna(v) else int(bool(v)) for v in values], dtype="Int64")
    return out


def labelled(frame: pd.DataFrame, ind: Indicator, lang: str) -> pd.DataFrame:
    """``frame`` (rows of ``ind``) as :func:`plain`, with headers in ``lang`` (Thai in the
    downloads): for the page and the downloads."""
    out = plain(frame)
    out.columns = [header(c, ind, lang) for c in frame.columns]
    return out


# shown on the page in one column of words instead (the downloads keep each)
COUNTING_COLUMNS = (
    "in_denominator",
    "in_numerator",
    "numerator_value",
    "denominator_value",
    "reason_code",
    "reason",
)


def on_screen(frame: pd.DataFrame, ind: Indicator, lang: str) -> pd.DataFrame:
    """The rows as the page shows them, narrow enough for a 1280-pixel screen: the unit and its
    village, then whether it counts in words (in both; in the denominator only, and why not the
    numerator; or not counted, and why), then the values the indicator used. The flags, the
    amounts and the reason code are in the downloads (:func:`labelled`)."""
    both, denominator = frame["in_numerator"].astype(bool), frame["in_denominator"].astype(bool)
    reason = frame["reason"].fillna("").astype(str)
    counted = [
        text("rows.status.both", lang)
        if b
        else text("rows.status.denominator", lang, reason=r)
        if d
        else text("rows.status.out", lang, reason=r)
        for b, d, r in zip(both & denominator, denominator, reason, strict=True)
    ]
    rest = [c for c in frame.columns if c not in COUNTING_COLUMNS]
    out = labelled(frame[rest], ind, lang)
    out.insert(min(2, len(out.columns)), text("rows.col.status", lang), counted)
    return out


def add_arguments(cmd: Any) -> None:
    """The options of ``python -m metrics rows`` beyond the scope flags it shares with ``kpis``."""
    cmd.add_argument("indicator_id", metavar="INDICATOR_ID", help=", ".join(i.id for i in catalogue()))
    cmd.add_argument(
        "--lang", choices=("th", "en"), default="en", help="the language of the reason column (default en)"
    )


def print_rows(con: Any, scope: Scope, args: Any) -> int:
    """``python -m metrics rows``: every row of the indicator in scope as CSV on stdout, with
    the contract's column names (no personal field); 2 for an unknown indicator."""
    if args.indicator_id not in {i.id for i in catalogue()}:
        known = ", ".join(i.id for i in catalogue())
        print(f"error: ไม่รู้จักตัวชี้วัด / unknown indicator {args.indicator_id!r}; known: {known}", file=sys.stderr)
        return 2
    frame = plain(indicator_rows(con, scope, args.indicator_id, lang=args.lang, audience="none"))
    safe_frame(frame).to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
    return 0
