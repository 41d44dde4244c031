"""A deterministic national data set in the contract, generated as sets in DuckDB.

``generate(out_dir, years=5)`` writes one ``<table>.csv`` per table of the contract for
23,589 target villages a year over all 77 provinces, with the sample's proportions
(``sample.districts``): 20 households, 5 trainers (1 lead), 5 training days, 4 survey
rounds, about one occupational group and two network links a group, 8 plan stages and about
five reports per officer a month. Rows are never built in Python: every table is a
``SELECT`` over ``range()`` joined to the official tambon list (``geothai``), with
pseudo-random values from ``hash(key, salt, seed)``, written with ``COPY ... TO``.

Village codes: the tambons are put in a seed-dependent order; village ``g`` (counted over
all years) lies in tambon ``g mod T`` of that order with หมู่ ``g div T + 1``, so codes are
unique over the years and หมู่ runs from 01 up (never 00). Names are visibly fictional
("บ้านสมมุติ…", surnames "ตัวอย่าง…"/"สมมุติ…"). A village lies within 0.03° in latitude and in
longitude (under 5 km) of its tambon's point (``data_loaders.reference.points``: DOPA's tambon location
points, or a district's mean where a tambon has none; the seed tambons' points are those of
``sample.districts.SEED_TAMBONS``). A tambon missing from that table (only after a ``geothai`` upgrade, before
``scripts/tambon_points.py`` is run again) leaves its villages' ``lat`` and ``lon`` blank.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import geothai
import pandas as pd

from common.formats import BE_OFFSET
from data_loaders.contract.schema import DOMAINS, TABLES
from data_loaders.reference import points
from sample.districts import (
    COMMON_OCCUPATIONS,
    FIRST_NAMES,
    POSITIONS,
    SURNAME_HEADS,
    SURNAME_TAILS,
    VILLAGE_STEMS,
    VILLAGE_TAILS,
)

NATIONAL_VILLAGES = 23_589  # target villages a year (issue 10)
FIRST_FISCAL_YEAR = 2560
VILLAGES_PER_OFFICER = 3  # the sample: 32 villages, 11 officers
NETWORKS = (
    "market",
    "otop",
    "village_fund",
    "baac",
    "savings_group",
    "local_gov",
    "women_network",
    "private",
    "other",
)
CHANNELS = ("line", "photo", "document", "visit", "meeting")

TAMBON_COLUMNS = (
    "tambon_code",
    "tambon_name",
    "district_code",
    "district_name",
    "province_code",
    "province_name",
    "province_name_en",
    "lat",
    "lon",
)
SQL_DIR = Path(__file__).with_name("sql") / "national"


def _list(values: tuple[str, ...]) -> str:
    """A DuckDB list literal of constant strings (never user input)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _tambons() -> list[tuple[str, str, str, str, str, str, str, float | None, float | None]]:
    """Every active tambon: code, names of tambon, district and province, and its point if known."""
    rows = []
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                found = points.point(s.code)
                lat, lon = (found.lat, found.lon) if found else (None, None)
                rows.append((s.code, s.name_th, d.code, d.name_th, p.code, p.name_th, p.name_en, lat, lon))
    return rows


def _macros(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """``u(key, salt)``: a uniform number in [0, 1) from the key; ``pick(list, key, salt)``."""
    con.execute(f"CREATE OR REPLACE MACRO u(k, salt) AS (hash(k, salt, {int(seed)}) % 1000003) / 1000003.0")
    con.execute(
        "CREATE OR REPLACE MACRO pick(xs, k, salt) AS xs[1 + CAST(floor(u(k, salt) * len(xs)) AS BIGINT)]"
    )
    con.execute(
        "CREATE OR REPLACE MACRO between_int(k, salt, lo, hi) AS lo + CAST(floor(u(k, salt) * (hi - lo + 1)) AS BIGINT)"
    )


def _constants() -> dict[str, str]:
    """Text pieces substituted into the SQL files: constant lists from the sample generator."""
    return {
        "FIRST_NAMES": _list(FIRST_NAMES),
        "SURNAME_HEADS": _list(SURNAME_HEADS),
        "SURNAME_TAILS": _list(SURNAME_TAILS),
        "VILLAGE_STEMS": _list(VILLAGE_STEMS),
        "VILLAGE_TAILS": _list(VILLAGE_TAILS),
        "OCCUPATIONS": _list(COMMON_OCCUPATIONS),
        "POSITIONS": _list(POSITIONS),
        "NETWORKS": _list(NETWORKS),
        "CHANNELS": _list(CHANNELS),
        "BE_OFFSET": str(BE_OFFSET),
        "STAGES": _list(tuple(DOMAINS["stage"])),
    }


def _quoted(path: Path) -> str:
    """A file path inside a SQL string literal."""
    return path.as_posix().replace("'", "''")


def _sql(name: str) -> str:
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    for key, value in _constants().items():
        text = text.replace("{" + key + "}", value)
    return text


def build(
    con: duckdb.DuckDBPyConnection,
    *,
    years: int = 1,
    villages: int = NATIONAL_VILLAGES,
    seed: int = 2560,
    first_year: int = FIRST_FISCAL_YEAR,
) -> None:
    """Create one view ``out_<table>`` per contract table (canonical columns, text cells).

    Base tables (``nat_*``) are materialised once; the views only format them.
    """
    if years < 1 or villages < 1:
        msg = "years and villages must be ≥ 1 / ต้องมีอย่างน้อย 1 ปีและ 1 หมู่บ้าน"
        raise ValueError(msg)
    tambons = _tambons()
    if (years * villages - 1) // len(tambons) + 1 > 99:
        msg = f"too many villages for 99 หมู่ per tambon: {years} × {villages} / หมู่บ้านมากเกินไป"
        raise ValueError(msg)
    _macros(con, seed)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE nat_tambon_src (tambon_code VARCHAR, tambon_name VARCHAR, "
        "district_code VARCHAR, district_name VARCHAR, province_code VARCHAR, province_name VARCHAR, "
        "province_name_en VARCHAR, lat DOUBLE, lon DOUBLE)"
    )
    frame = pd.DataFrame(tambons, columns=TAMBON_COLUMNS)  # noqa: F841 - read by the SQL below
    con.execute("INSERT INTO nat_tambon_src SELECT * FROM frame")
    for name, value in (
        ("n_years", years),
        ("n_villages", villages),
        ("first_year", first_year),
        ("per_officer", VILLAGES_PER_OFFICER),
        ("nat_seed", seed),
    ):
        con.execute(f"CREATE OR REPLACE MACRO {name}() AS {int(value)}")
    con.execute(_sql("base"))
    con.execute(_sql("tables"))


def write(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """``COPY`` every ``out_<table>`` view to ``out_dir/<table>.csv``; rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in TABLES:
        path = out_dir / f"{table.name}.csv"
        columns = ", ".join(f'"{c}"' for c in table.column_names)
        con.execute(
            f"COPY (SELECT {columns} FROM out_{table.name}) TO '{_quoted(path)}' "
            "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', NULLSTR '')"
        )
        counts[table.name] = con.execute(f"SELECT count(*) FROM out_{table.name}").fetchone()[0]  # type: ignore[index]
    return counts


def generate(
    out_dir: Path,
    *,
    years: int = 1,
    villages: int = NATIONAL_VILLAGES,
    seed: int = 2560,
    first_year: int = FIRST_FISCAL_YEAR,
    threads: int | None = None,
) -> dict[str, int]:
    """Write the national set (``years`` fiscal years from ``first_year``) into ``out_dir``."""
    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute("SET preserve_insertion_order = true")
        build(con, years=years, villages=villages, seed=seed, first_year=first_year)
        return write(con, Path(out_dir))
    finally:
        con.close()
