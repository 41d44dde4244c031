"""Revisions: how the headline figures moved from one data version to another, and which import
did it.

Every committed import is a data version (:mod:`data_loaders.store.versions`). For each headline
indicator of the catalogue (``headline = true``) this gives its value at version N and at M,
and, for every import in between, the villages it changed (those in the scope and the asker's
grant) and the headline figures it changed (its value before and after): the value is computed at each version in turn, exactly as
``kpis --version`` gives it (the as-of date, when none is given, is each version's own default,
as every program's).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from data_loaders.store.layout import open_store
from data_loaders.store.versions import DataVersion, VersionError, check_version, list_versions
from metrics.changes import default_as_of
from metrics.indicators import IndicatorValue, compute, headline
from metrics.scope import Scope


def _number(value: float | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else value


def headline_at(con: Any, scope: Scope) -> dict[str, IndicatorValue]:
    """The headline indicators for ``scope`` on a connection (of any version), by id; with no
    as-of date, the version's own default (as ``kpis`` uses)."""
    if scope.as_of is None:
        day = default_as_of(con, scope.fiscal_year)
        if day is not None:
            scope = replace(scope, as_of=day)
    return {v.id: v for v in compute(con, scope) if v.id in {i.id for i in headline()}}


def _same(a: IndicatorValue, b: IndicatorValue) -> bool:
    return (_number(a.value), _number(a.numerator), _number(a.denominator)) == (
        _number(b.value),
        _number(b.numerator),
        _number(b.denominator),
    )


def _in_scope(code: str, scope: Scope) -> bool:
    """A village code inside the scope's areas and the asker's grant (``allowed``): the villages
    an import changed are named only where the person may see them."""
    if any(area and not code.startswith(area) for area in (scope.province, scope.district, scope.tambon)):
        return False
    if scope.villages and code not in scope.villages:
        return False
    return scope.allowed is None or any(code.startswith(area) for area in scope.allowed)


def _villages(version: DataVersion, scope: Scope) -> list[str] | None:
    if version.villages_changed is None:
        return None
    return [code for code in version.villages_changed if _in_scope(code, scope)]


def revisions(db: Path, start: int, end: int | None = None, *, scope: Scope | None = None) -> dict[str, Any]:
    """The revisions from version ``start`` to ``end`` (default: the latest) for ``scope``:
    ``{"from", "to", "imports": [{version, committed_at, files, villages_changed}],
    "indicators": [{id, label_th, label_en, unit, value_from, value_to, changed,
    changed_by: [{version, files, villages_changed, value_before, value_after}]}]}``.

    Raises :class:`VersionError` for a version the store cannot give, or ``end`` before ``start``.
    """
    scope = scope or Scope()
    with open_store(db) as con:
        known = list_versions(con)
        end = end if end is not None else (known[-1].version if known else 0)
        for version in (start, end):
            check_version(con, version, db)
    if end < start:
        raise VersionError(
            f"รุ่นปลายทาง ({end}) ต้องไม่ก่อนรุ่นต้นทาง ({start})",
            f"--to ({end}) must not be before --from ({start})",
        )
    between: list[DataVersion] = [v for v in known if start < v.version <= end]
    values: dict[int, dict[str, IndicatorValue]] = {}
    for version in [start, *(v.version for v in between)]:
        with open_store(db, version) as con:
            values[version] = headline_at(con, scope)
    indicators = []
    for item in headline():
        first, last = values[start].get(item.id), values[end].get(item.id)
        if first is None or last is None:
            continue
        changed_by = []
        before = first
        for v in between:
            after = values[v.version][item.id]
            if not _same(before, after):
                changed_by.append(
                    {
                        "version": v.version,
                        "files": list(v.files),
                        "villages_changed": _villages(v, scope),
                        "value_before": _number(before.value),
                        "value_after": _number(after.value),
                    }
                )
            before = after
        indicators.append(
            {
                "id": item.id,
                "label_th": first.label_th,
                "label_en": first.label_en,
                "unit": first.unit,
                "value_from": _number(first.value),
                "value_to": _number(last.value),
                "changed": not _same(first, last) or bool(changed_by),
                "changed_by": changed_by,
            }
        )
    return {
        "from": start,
        "to": end,
        "scope": scope.as_dict(),
        "imports": [{**v.as_dict(), "villages_changed": _villages(v, scope)} for v in between],
        "indicators": indicators,
    }
