"""Whether an import stays inside the importer's areas, checked from a dry run's result.

The importer (``data_loaders.importer.check_raw(raw, db, commit=False)``) reports the villages
an input covers; each row with a ``village_code`` keeps its sheet row. An input that touches a
village outside the grant is refused as a whole, with every such row named, and nothing is
written (the caller commits only when this returns no problems).
"""

from __future__ import annotations

from data_loaders.store import ImportResult
from data_loaders.validate import Problem
from metrics.access_scope import inside

# Shown when a file's other rows are fine but it reaches a village through a parent row.
_VILLAGE_MSG = (
    "พื้นที่ {code} อยู่นอกพื้นที่ที่คุณได้รับสิทธิ์ ({areas}) นำเข้าไม่ได้ / "
    "{code} is outside your areas ({areas}); you may not import it"
)


def outside_villages(result: ImportResult, areas: tuple[str, ...] | None) -> list[str]:
    """The villages ``result`` covers (its rows' and its villages sheet's), and the districts of
    its officers rows, outside ``areas``."""
    codes = set(result.covered_villages)
    for data in result.dataset.tables.values():
        codes.update(str(r.get("village_code") or r.get("district_code")) for r in data.rows)
    codes.discard("None")
    return sorted(c for c in codes if not inside(c, areas))


def outside_areas(result: ImportResult, areas: tuple[str, ...] | None) -> list[Problem]:
    """Errors for every row (and covered village) of ``result`` outside ``areas`` (None: all)."""
    if areas is None:
        return []
    shown = ", ".join(areas) or "-"
    problems: list[Problem] = []
    named: set[str] = set()
    for name, data in result.dataset.tables.items():
        for row in data.rows:
            column_name = "village_code" if row.get("village_code") else "district_code"
            code = row.get(column_name)  # officers carry only their district
            if code and not inside(str(code), areas):
                named.add(str(code))
                file, sheet, number, column = data.at(row.get("_row"), column_name)
                problems.append(
                    Problem(
                        "error",
                        file,
                        sheet,
                        number,
                        column,
                        _VILLAGE_MSG.format(code=code, areas=shown),
                        name,
                    )
                )
    for code in result.covered_villages:
        if code not in named and not inside(code, areas):
            problems.append(
                Problem(
                    "error",
                    result.dataset.name,
                    None,
                    None,
                    None,
                    _VILLAGE_MSG.format(code=code, areas=shown),
                )
            )
    return problems
