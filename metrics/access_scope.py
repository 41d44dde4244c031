"""The one function that narrows a requested scope to the areas a person may see.

A grant's areas are official codes: a province (2 digits) or a district (4 digits). Place codes
nest by prefix (province ``30`` ⊃ district ``3017`` ⊃ tambon ``301701`` ⊃ village ``30170101``),
so "inside the grant" is a prefix test. Every page, export, map and filter list gets its scope
through :func:`narrow` (the dashboard calls it before any query runs), and the narrowed scope
carries the grant in :attr:`metrics.scope.Scope.allowed`, which the scope SQL applies to every
row, so a query can never reach outside the grant even when it asks for "all areas".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from common.formats import PLACE_CODE_DIGITS
from metrics.scope import Scope

__all__ = ["Refused", "inside", "narrow", "reachable"]


@dataclass(frozen=True, slots=True)
class Refused:
    """A requested place outside the grant: which filter (``province``, ``district``,
    ``tambon`` or ``village``) asked for which code. The caller turns it into a notice."""

    level: str
    code: str


def inside(code: str, areas: tuple[str, ...] | None) -> bool:
    """Whether the place ``code`` (any level) lies wholly inside one of ``areas`` (None: all)."""
    if areas is None:
        return True
    return any(code.startswith(area) for area in areas)


def reachable(code: str, areas: tuple[str, ...] | None) -> bool:
    """Whether ``code`` overlaps the grant: inside an area, or containing one (a manager's
    province holds an officer's district, so an officer may pick their own province and sees
    only their district of it). A code that is not a whole place code (``PLACE_CODE_DIGITS``)
    reaches nothing when there is a grant."""
    if areas is None:
        return True
    if not (code.isascii() and code.isdigit() and len(code) in PLACE_CODE_DIGITS.values()):
        return False
    return any(code.startswith(area) or area.startswith(code) for area in areas)


def _own_area(scope: Scope, areas: tuple[str, ...]) -> Scope:
    """``scope`` without its places, showing the grant's own area (the area itself if one)."""
    bare = replace(scope, province=None, district=None, tambon=None, villages=(), allowed=areas)
    if len(areas) != 1:
        return bare
    (area,) = areas
    return replace(bare, province=area[:2], district=area if len(area) == 4 else None)


def narrow(scope: Scope, areas: tuple[str, ...] | None) -> tuple[Scope, Refused | None]:
    """``scope`` limited to ``areas`` (province and district codes; ``None`` is unrestricted,
    ``()`` is nothing), and what was refused, if anything.

    A requested place outside the grant is never shown: the result is the person's own area,
    with a :class:`Refused` naming what was asked, for the page to say so.
    """
    if areas is None:
        return replace(scope, allowed=None), None
    areas = tuple(sorted(set(areas)))
    asked = [("province", scope.province), ("district", scope.district), ("tambon", scope.tambon)]
    asked += [("village", v) for v in scope.villages]
    for level, code in asked:
        if code is not None and not reachable(code, areas):
            return _own_area(scope, areas), Refused(level, code)
    return replace(scope, allowed=areas), None
