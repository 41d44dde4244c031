"""Rules that look at more than one cell of a row, or at the official code lists, as SQL over
the staged table (``stg_<table>``). Official names and codes are looked up in Python once per
*distinct* code, never per row.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from common.formats import PLACE_CODE_DIGITS
from data_loaders.check.causes import Cause
from data_loaders.check.dataset import Dataset, TableData
from data_loaders.contract.template import (
    TEMPLATE_EXAMPLE_DISTRICT,
    TEMPLATE_EXAMPLE_VILLAGE,
    template_example_message,
)
from data_loaders.reference import geo, points

Bad = set[tuple[int, str]]
# A village code is its tambon's code and then its หมู่ (common.formats.PLACE_CODE_DIGITS).
TAMBON_DIGITS = PLACE_CODE_DIGITS["tambon"]
MOO_DIGITS = PLACE_CODE_DIGITS["village"] - TAMBON_DIGITS
TAMBON_OF_VILLAGE = f"substr(village_code, 1, {TAMBON_DIGITS})"
TAMBON_OF_V = f"substr(v.village_code, 1, {TAMBON_DIGITS})"
MOO_OF_VILLAGE = f"substr(village_code, {TAMBON_DIGITS + 1}, {MOO_DIGITS})"


def check_rows(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData, bad: Bad) -> None:
    """Every multi-cell and official-code rule of ``target``'s table."""
    name = target.table.name
    if target.table.has_village_code:
        _village_codes(con, data, target)
    if name == "villages":
        _villages(con, data, target, bad)
    elif name == "officers":
        _officer_districts(con, data, target)
    elif name == "households":
        for (row_number,) in _rows(con, target, "occupation IS NULL"):
            data.add(
                "warning",
                target.at(row_number, "occupation"),
                "ยังไม่ระบุอาชีพที่เลือก (ข้อมูลไม่ครบ) / occupation is blank: the household is incomplete",
                name,
                kind="incomplete_household",
            )
    elif name == "income_surveys":
        _practising(con, data, target)


def _rows(
    con: duckdb.DuckDBPyConnection, target: TableData, where: str, columns: str = "_row"
) -> list[tuple]:
    return con.execute(f"SELECT {columns} FROM {target.staged} WHERE {where} ORDER BY _row").fetchall()


def _places(con: duckdb.DuckDBPyConnection, target: TableData) -> None:
    """``places``: the official place of every distinct tambon code the table names."""
    codes = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT {TAMBON_OF_VILLAGE} FROM {target.staged} WHERE village_code IS NOT NULL"
        ).fetchall()
    ]
    found = [(code, geo.tambon(code)) for code in codes]
    fields = ("tambon_code", "tambon_th", "tambon_en", "district_code", "district_th", "district_en")
    fields += ("province_code", "province_th", "province_en")
    places = {f: pa.array([getattr(p, f) for _, p in found if p], type=pa.string()) for f in fields}
    places["abolished"] = pa.array([p.abolished for _, p in found if p], type=pa.bool_())
    con.register("_places", pa.table(places))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE places AS SELECT * FROM _places")
    finally:
        con.unregister("_places")


def _village_codes(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    """The template's example rows, unknown tambon codes (both blanked, so they stay out of the
    reference checks) and หมู่ 00."""
    name = target.table.name
    examples = con.execute(
        f"SELECT _row FROM {target.staged} WHERE village_code = ? ORDER BY _row", [TEMPLATE_EXAMPLE_VILLAGE]
    ).fetchall()
    for (row_number,) in examples:
        data.add("error", target.at(row_number, "village_code"), template_example_message(), name)
    if examples:
        con.execute(
            f"UPDATE {target.staged} SET village_code = NULL WHERE village_code = ?",
            [TEMPLATE_EXAMPLE_VILLAGE],
        )
    _places(con, target)
    unknown = _rows(
        con,
        target,
        f"village_code IS NOT NULL AND {TAMBON_OF_VILLAGE} NOT IN (SELECT tambon_code FROM places)",
        "_row, village_code",
    )
    for row_number, code in unknown:
        data.add(
            "error",
            target.at(row_number, "village_code"),
            f"ไม่พบรหัสตำบล {code[:TAMBON_DIGITS]} ({TAMBON_DIGITS} หลักแรกของรหัสหมู่บ้าน) ในทะเบียนกรมการปกครอง / "
            f"the tambon code {code[:TAMBON_DIGITS]} (first {TAMBON_DIGITS} digits of village_code {code}) is not an official DOPA code",
            name,
            cause=_bad_code(code),
            root=name == "villages",
        )
    if unknown:
        con.execute(
            f"UPDATE {target.staged} SET village_code = NULL "
            f"WHERE {TAMBON_OF_VILLAGE} NOT IN (SELECT tambon_code FROM places)"
        )
    for row_number, code in _rows(
        con, target, f"{MOO_OF_VILLAGE} = '{'0' * MOO_DIGITS}'", "_row, village_code"
    ):
        data.add(
            "error",
            target.at(row_number, "village_code"),
            f"หมู่ที่ในรหัสหมู่บ้าน {code} ต้องไม่เป็น 00 / the village number (last {MOO_DIGITS} digits) of {code} must not be 00",
            name,
            cause=_bad_code(code),
            root=name == "villages",
        )


def _bad_code(code: str) -> Cause:
    """A wrong village code is wrong in every row that types it: one root, the rest follow."""
    return Cause("bad_village_code", "villages", (("village_code", code),))


def _villages(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData, bad: Bad) -> None:
    """Coordinates, official names and codes, abolished tambons, หมู่ที่ against the code."""
    for row_number, lat in _rows(con, target, "lat IS NULL OR lon IS NULL", "_row, lat"):
        if (row_number, "lat") in bad or (row_number, "lon") in bad:
            continue
        data.add(
            "warning",
            target.at(row_number, "lat" if lat is None else "lon"),
            "หมู่บ้านไม่มีพิกัด แผนที่นับไว้ที่จุดของตำบล / "
            "the village has no coordinates: the map counts it at its tambon's point",
            "villages",
            kind="no_coordinates",
        )
    con.execute(
        f"UPDATE {target.staged} AS v SET province_code = p.province_code, district_code = p.district_code, "
        "tambon_code = p.tambon_code, province_name_en = p.province_en, district_name_en = p.district_en, "
        f"tambon_name_en = p.tambon_en FROM places AS p WHERE {TAMBON_OF_V} = p.tambon_code"
    )
    abolished = con.execute(
        f"SELECT v._row, v.village_code, p.tambon_th, p.tambon_en FROM {target.staged} AS v "
        f"JOIN places AS p ON {TAMBON_OF_V} = p.tambon_code WHERE p.abolished ORDER BY v._row"
    ).fetchall()
    for row_number, code, tambon_th, tambon_en in abolished:
        data.add(
            "warning",
            target.at(row_number, "village_code"),
            f"รหัสตำบล {code[:TAMBON_DIGITS]} ({tambon_th}) ถูกยกเลิกแล้ว / tambon code {code[:TAMBON_DIGITS]} ({tambon_en}) has been abolished",
            "villages",
            kind="abolished_tambon",
        )
    moo = _rows(
        con,
        target,
        f"village_code IS NOT NULL AND moo IS NOT NULL AND moo <> CAST({MOO_OF_VILLAGE} AS INTEGER)",
        "_row, village_code, moo",
    )
    for row_number, code, typed in moo:
        data.add(
            "warning",
            target.at(row_number, "moo"),
            f"หมู่ที่ {typed} ไม่ตรงกับรหัสหมู่บ้าน {code} (หมู่ {int(code[TAMBON_DIGITS:])}) / "
            f"moo {typed} does not match village_code {code} (village {int(code[TAMBON_DIGITS:])})",
            "villages",
            kind="moo_mismatch",
        )
    _official_names(con, data, target)
    _far_from_tambon(con, data, target)


def _far_from_tambon(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    """Coordinates more than ``points.FAR_KM`` from the tambon's own point (lat and lon typed in
    the wrong order of magnitude, copied from another village, or the wrong tambon code).

    One join of the whole table to the tambon points; only a tambon's own point counts (never a
    stand-in mean), and only rows with both coordinates and a known tambon code."""
    distance = points.distance_km_sql("v.lat", "v.lon", "p.lat", "p.lon")
    con.register("_tambon_points", points.table())
    try:
        far = con.execute(
            f"SELECT v._row, v.village_code, {distance} AS km, pl.tambon_th, pl.tambon_en "
            f"FROM {target.staged} AS v "
            f"JOIN _tambon_points AS p ON p.tambon_code = {TAMBON_OF_V} AND p.source = 'tambon' "
            "JOIN places AS pl ON pl.tambon_code = p.tambon_code "
            f"WHERE v.lat IS NOT NULL AND v.lon IS NOT NULL AND {distance} > $far ORDER BY v._row",
            {"far": points.FAR_KM},
        ).fetchall()
    finally:
        con.unregister("_tambon_points")
    for row_number, code, km, tambon_th, tambon_en in far:
        data.add(
            "warning",
            target.at(row_number, "lat"),
            f"พิกัดของหมู่บ้าน {code} อยู่ห่างจากที่ตั้งตำบล{tambon_th} {km:,.0f} กม. (เกิน {points.FAR_KM:.0f} กม.) "
            f"ตรวจ lat และ lon อีกครั้ง / the point of village {code} is {km:,.0f} km from the point of "
            f"tambon {tambon_en} (more than {points.FAR_KM:.0f} km): check lat and lon",
            "villages",
            kind="far_from_tambon",
        )


def _official_names(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    """Typed tambon, district and province names against the code's official ones.

    "อ.ชุมพวง" and "Chum Phuang" are stored as "ชุมพวง"; a name that does not match is a
    warning. Each distinct (code, typed name) pair is compared once.
    """
    for column, level in (
        ("tambon_name", "tambon"),
        ("district_name", "district"),
        ("province_name", "province"),
    ):
        pairs = con.execute(
            f"SELECT DISTINCT v.{column}, p.{level}_th, p.{level}_en FROM {target.staged} AS v "
            f"JOIN places AS p ON v.tambon_code = p.tambon_code WHERE v.{column} IS NOT NULL"
        ).fetchall()
        verdicts = [
            (typed, th, en, geo.same_name(typed, th) or geo.same_name(typed, en)) for typed, th, en in pairs
        ]
        matched = pa.table(
            {
                "typed": pa.array([v[0] for v in verdicts if v[3]], type=pa.string()),
                "official": pa.array([v[1] for v in verdicts if v[3]], type=pa.string()),
            }
        )
        mismatched = {(typed, th) for typed, th, _, ok in verdicts if not ok}
        if mismatched:
            rows = con.execute(
                f"SELECT v._row, v.village_code, v.{column}, p.{level}_th, p.{level}_en FROM {target.staged} AS v "
                f"JOIN places AS p ON v.tambon_code = p.tambon_code WHERE v.{column} IS NOT NULL ORDER BY v._row"
            ).fetchall()
            for row_number, code, typed, official_th, official_en in rows:
                if (typed, official_th) not in mismatched:
                    continue
                data.add(
                    "warning",
                    target.at(row_number, column),
                    f'ชื่อ "{typed}" ไม่ตรงกับรหัส {code} (ชื่อทางการ: {official_th}) / '
                    f'"{typed}" does not match the code {code} (official name: {official_en})',
                    "villages",
                    kind="name_mismatch",
                )
        con.register("_matched", matched)
        try:
            con.execute(
                f"UPDATE {target.staged} AS v SET {column} = p.{level}_th FROM places AS p, _matched AS m "
                f"WHERE v.tambon_code = p.tambon_code AND v.{column} = m.typed AND m.official = p.{level}_th"
            )
        finally:
            con.unregister("_matched")


def _officer_districts(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    codes = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT district_code FROM {target.staged} WHERE district_code IS NOT NULL"
        ).fetchall()
    ]
    status = {code: geo.district_status(code) for code in codes}
    for row_number, code in _rows(con, target, "district_code IS NOT NULL", "_row, district_code"):
        if code == TEMPLATE_EXAMPLE_DISTRICT:
            data.add("error", target.at(row_number, "district_code"), template_example_message(), "officers")
        elif status[code] is None:
            data.add(
                "error",
                target.at(row_number, "district_code"),
                f"ไม่พบรหัสอำเภอ {code} ในทะเบียนกรมการปกครอง / district_code {code} is not an official DOPA district code",
                "officers",
            )
        elif status[code] == "abolished":
            data.add(
                "warning",
                target.at(row_number, "district_code"),
                f"รหัสอำเภอ {code} ถูกยกเลิกแล้ว / district_code {code} has been abolished",
                "officers",
                kind="abolished_district",
            )


def _practising(con: duckdb.DuckDBPyConnection, data: Dataset, target: TableData) -> None:
    """``practising`` is ignored at baseline and required after it."""
    for (row_number,) in _rows(con, target, "round = 'baseline' AND practising IS NOT NULL"):
        data.add(
            "warning",
            target.at(row_number, "practising"),
            "รอบก่อนเข้าร่วมไม่ต้องกรอก ยังประกอบอาชีพ จึงไม่นำมาใช้ / practising is ignored at baseline",
            "income_surveys",
            kind="practising_at_baseline",
        )
    con.execute(f"UPDATE {target.staged} SET practising = NULL WHERE round = 'baseline'")
    if "practising" in target.present:
        for row_number, round_code in _rows(
            con, target, "round <> 'baseline' AND practising IS NULL", "_row, round"
        ):
            data.add(
                "error",
                target.at(row_number, "practising"),
                f"รอบ {round_code} ต้องกรอก ยังประกอบอาชีพ (ใช่/ไม่ใช่) / practising (yes/no) is required after baseline (round {round_code})",
                "income_surveys",
            )
    elif con.execute(f"SELECT 1 FROM {target.staged} WHERE round <> 'baseline' LIMIT 1").fetchall():
        data.add(
            "error",
            (target.file, target.sheet, 1, "practising"),
            "ไม่มีคอลัมน์ ยังประกอบอาชีพ ซึ่งต้องมีเมื่อมีรอบสำรวจหลังรอบฐาน (ชื่อที่รับได้: practising, ยังประกอบอาชีพ) / "
            "the column practising is required when there are rounds after baseline (accepted names: practising, ยังประกอบอาชีพ)",
            "income_surveys",
        )
