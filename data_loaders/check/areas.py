"""An import stays inside the importing person's areas, checked inside the import itself.

``areas`` are province (2-digit) or district (4-digit) codes; ``None`` means no limit. Every row
whose own ``village_code`` (or, for officers, ``district_code``) lies outside them is an error
located at its cell, and so is every village the input covers through a parent row. Because
the check runs in the same transaction that would commit, nothing can slip in between a dry
run and the import.
"""

from __future__ import annotations

import duckdb

from data_loaders.check.dataset import Dataset

MESSAGE = (
    "พื้นที่ {code} อยู่นอกพื้นที่ที่คุณได้รับสิทธิ์ ({areas}) นำเข้าไม่ได้ / "
    "{code} is outside your areas ({areas}); you may not import it"
)
STORED = (
    "ไฟล์อ้างถึงข้อมูลของหมู่บ้านนอกพื้นที่ที่คุณได้รับสิทธิ์ ({areas}) นำเข้าไม่ได้ / "
    "the file refers to records of villages outside your areas ({areas}); you may not import it"
)
_OUTSIDE = "NOT list_bool_or(list_transform($areas, lambda a: starts_with({code}, a)))"


def check_areas(con: duckdb.DuckDBPyConnection, dataset: Dataset, areas: tuple[str, ...]) -> list[str]:
    """Add an error per row outside ``areas``; return the codes outside, sorted."""
    shown = ", ".join(areas) or "-"
    params = {"areas": list(areas) or ["\0"]}  # no area at all: everything is outside
    outside: set[str] = set()
    named: set[str] = set()
    for name, data in dataset.tables.items():
        column = (
            "village_code" if data.table.has_village_code else "district_code" if name == "officers" else None
        )
        if column is None:
            continue
        rows = con.execute(
            f"SELECT _row, {column} FROM {data.staged} WHERE {column} IS NOT NULL "
            f"AND {_OUTSIDE.format(code=column)} ORDER BY _row",
            params,
        ).fetchall()
        for row_number, code in rows:
            outside.add(code)
            named.add(code)
            dataset.add("error", data.at(row_number, column), MESSAGE.format(code=code, areas=shown), name)
    covered = con.execute(
        f"SELECT village_code FROM covered_villages WHERE {_OUTSIDE.format(code='village_code')} ORDER BY 1",
        params,
    ).fetchall()
    hidden = False
    for (code,) in covered:
        outside.add(code)
        if code not in named and not hidden:
            # found through a stored parent row (a household of another area): never named
            hidden = True
            dataset.add("error", (dataset.name, None, None, None), STORED.format(areas=shown))
    return sorted(outside)
