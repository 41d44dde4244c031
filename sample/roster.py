"""The sample's household roster (ทะเบียนครัวเรือน จปฐ.): every household of each target village in
two จปฐ. survey years, generated from the other sample tables so it agrees with them.

For a village of fiscal year F the roster has year F (the year the households were selected in)
and F + 1 (the year after). Its 20 target households carry their ``household_id`` and members
from ``households``; their income is their baseline survey's in year F and their latest later
survey's in year F + 1 (or the baseline's, grown a little, when they have none). The village's
other households (40–90) have ids of their own (``R<village><nnn>``) and incomes per member drawn
above the target households' on the whole, but not always: the selected households are mostly,
not always, the poorest, as a real selection is. A few of them leave before F + 1 and a few new
ones appear, so the comparison counts only households present in both years.

Generic over whatever villages the generator makes (any fiscal year); its own random stream,
so the other tables do not change when it does. Only the standard library is used.
"""

from __future__ import annotations

import math
import random

Row = dict[str, object]

OTHERS = (40, 90)  # the other households of a village, at least and at most
OTHER_PER_MEMBER = 80_000.0  # median income per member of the other households (baht/year)
OTHER_SPREAD = 0.35  # its log-normal spread
LEAVE_SHARE = 0.04  # other households gone by the second year
NEW_HOUSEHOLDS = (0, 3)  # new households in the second year, at least and at most


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"sammachip-{seed}-{part}")  # noqa: S311 - sample data, not secrets


def _baht(amount: float, step: int = 100) -> int:
    return int(round(max(amount, 0.0) / step) * step)


def _incomes(surveys: list[Row]) -> dict[str, tuple[int, int | None]]:
    """household_id -> (baseline income, latest later round's income or None), baht/year."""
    order = {"baseline": 0, "post": 1, "follow_6m": 2, "follow_12m": 3}
    out: dict[str, tuple[int, int | None]] = {}
    by_household: dict[str, list[Row]] = {}
    for row in surveys:
        by_household.setdefault(str(row["household_id"]), []).append(row)
    for household, rows in by_household.items():
        rows.sort(key=lambda r: order[str(r["round"])])
        base = next((int(r["household_income"]) for r in rows if r["round"] == "baseline"), None)  # type: ignore[call-overload]
        later = [int(r["household_income"]) for r in rows if r["round"] != "baseline"]  # type: ignore[call-overload]
        if base is not None:
            out[household] = (base, later[-1] if later else None)
    return out


def _other_household(rng: random.Random) -> tuple[int, int]:
    """(members, annual income) of a household that was not selected."""
    members = rng.choices(range(1, 8), weights=(2, 5, 6, 5, 3, 2, 1))[0]
    per_member = OTHER_PER_MEMBER * math.exp(rng.gauss(0.0, OTHER_SPREAD))
    return members, _baht(per_member * members)


def rows(seed: int, tables: dict[str, list[Row]]) -> list[Row]:
    """The roster rows for every village in ``tables`` (the generator's rows by table), ordered
    by village, year and household."""
    rng = _rng(seed, "roster")
    incomes = _incomes(tables["income_surveys"])
    households: dict[str, list[Row]] = {}
    for h in tables["households"]:
        households.setdefault(str(h["village_code"]), []).append(h)
    out: list[Row] = []
    for village in sorted(tables["villages"], key=lambda v: str(v["village_code"])):
        code = str(village["village_code"])
        first = int(village["fiscal_year"])  # type: ignore[call-overload]
        second = first + 1
        year1: list[Row] = []
        year2: list[Row] = []
        for h in households.get(code, []):
            hid = str(h["household_id"])
            if hid not in incomes:
                continue
            base, latest = incomes[hid]
            members = int(h["members"])  # type: ignore[call-overload]
            later = latest if latest is not None else _baht(base * (1 + rng.gauss(0.03, 0.04)))
            year1.append(_row(code, first, hid, members, base))
            year2.append(_row(code, second, hid, members, later))
        n_others = rng.randint(*OTHERS)
        for n in range(1, n_others + 1):
            hid = f"R{code}{n:03d}"
            members, income = _other_household(rng)
            year1.append(_row(code, first, hid, members, income))
            if rng.random() >= LEAVE_SHARE:
                year2.append(_row(code, second, hid, members, _baht(income * (1 + rng.gauss(0.02, 0.06)))))
        for n in range(n_others + 1, n_others + 1 + rng.randint(*NEW_HOUSEHOLDS)):
            members, income = _other_household(rng)
            year2.append(_row(code, second, f"R{code}{n:03d}", members, income))
        out += sorted(year1, key=lambda r: str(r["household_id"]))
        out += sorted(year2, key=lambda r: str(r["household_id"]))
    return out


def _row(village: str, year: int, household: str, members: int, income: int) -> Row:
    return {
        "village_code": village,
        "roster_year": year,
        "household_id": household,
        "members": members,
        "annual_income": income,
    }
