"""The national generator (``python -m data_loaders sample --scale national``) on a tiny scale."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import geothai
import pytest

from data_loaders.check.normalise import national_id_checksum_ok
from data_loaders.contract.schema import TABLES
from data_loaders.reference import points
from sample import national

ROOT = Path(__file__).resolve().parents[2]
N, YEARS = 12, 2  # 12 villages a year, fiscal years 2560 and 2561


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("national")
    national.generate(out, villages=N, years=YEARS, seed=7)
    return out


@pytest.fixture(scope="module")
def con(folder: Path) -> duckdb.DuckDBPyConnection:
    """Every CSV as a text view of the same name (as an officer's file would be read)."""
    c = duckdb.connect()
    for t in TABLES:
        path = (folder / f"{t.name}.csv").as_posix()
        c.execute(
            f"CREATE VIEW {t.name} AS SELECT * FROM read_csv('{path}', all_varchar = true, header = true)"
        )
    return c


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]  # type: ignore[index]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_same_seed_same_bytes_other_seed_other_bytes(folder, tmp_path):
    again = national.generate(tmp_path / "again", villages=N, years=YEARS, seed=7)
    assert again["villages"] == N * YEARS
    assert _digest(tmp_path / "again") == _digest(folder)
    national.generate(tmp_path / "other", villages=N, years=YEARS, seed=8)
    assert _digest(tmp_path / "other") != _digest(folder)


def test_headers_are_the_contract_columns(folder):
    for t in TABLES:
        first = (folder / f"{t.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert first == ",".join(t.column_names)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("villages", N * YEARS),  # 12 a year × 2 years = 24
        ("households", N * YEARS * 20),  # 24 villages × 20 = 480
        ("plans", N * YEARS * 8),  # 24 villages × 8 stages = 192
    ],
)
def test_fixed_row_counts(con, table, expected):
    assert _one(con, f"SELECT count(*) FROM {table}") == expected


def test_per_village_counts_are_in_the_sample_ranges(con):
    # training days 3..5 (5 unless training stopped early); attendance = 20 households × days
    assert _one(
        con,
        "SELECT min(n) >= 3 AND max(n) <= 5 FROM (SELECT count(*) n FROM training_days GROUP BY village_code)",
    )
    assert _one(con, "SELECT count(*) FROM attendance") == 20 * _one(
        con, "SELECT count(*) FROM training_days"
    )
    # trainers 3..5 per village, at most one lead
    assert _one(
        con,
        "SELECT min(n) >= 3 AND max(n) <= 5 AND max(leads) <= 1 FROM "
        "(SELECT village_code, count(*) n, count(*) FILTER (role = 'lead') leads FROM trainers GROUP BY 1)",
    )
    # surveys: 1..4 rounds per household, baseline always
    assert _one(con, "SELECT count(*) FROM income_surveys WHERE round = 'baseline'") == N * YEARS * 20
    assert _one(con, "SELECT max(n) FROM (SELECT count(*) n FROM income_surveys GROUP BY household_id)") <= 4
    # groups 3..15 members; links 0..4 per group, of distinct types
    assert _one(
        con,
        "SELECT min(n) >= 3 AND max(n) <= 15 FROM (SELECT count(*) n FROM group_members GROUP BY group_id)",
    )
    assert (
        _one(con, "SELECT count(*) FROM (SELECT group_id FROM network_links GROUP BY 1 HAVING count(*) > 4)")
        == 0
    )
    assert _one(con, "SELECT count(*) - count(DISTINCT (group_id, network)) FROM network_links") == 0


def test_every_village_code_is_a_real_tambon_and_a_valid_moo(con):
    rows = con.execute("SELECT village_code, moo, tambon_name, fiscal_year FROM villages").fetchall()
    assert len({r[0] for r in rows}) == len(rows)  # codes differ between years too
    assert {r[3] for r in rows} == {"2560", "2561"}
    for code, moo, tambon_name, _ in rows:
        assert len(code) == 8 and code.isdigit()
        place = geothai.subdistrict(code[:6])
        assert place is not None, code
        assert place.name_th == tambon_name
        assert 1 <= int(code[6:]) <= 99 and int(moo) == int(code[6:])


def test_every_village_lies_within_5_km_of_its_tambon_point(con):
    # Jitter: at most 0.03° in latitude and in longitude, i.e. √(3.34² + 3.34²) ≈ 4.7 km.
    rows = con.execute("SELECT village_code, lat, lon FROM villages").fetchall()
    assert len(rows) == N * YEARS
    for code, lat, lon in rows:
        p = points.point(code[:6])
        assert p is not None and lat and lon, code  # every village has coordinates
        assert abs(float(lat) - p.lat) <= 0.03 and abs(float(lon) - p.lon) <= 0.03, code
        assert points.distance_km(float(lat), float(lon), p.lat, p.lon) < 5.0, code
    assert len({(lat, lon) for _, lat, lon in rows}) == len(rows)  # no two villages on one spot


def test_names_are_fictional(con):
    assert _one(con, "SELECT bool_and(village_name LIKE 'บ้านสมมุติ%') FROM villages")
    assert _one(
        con, "SELECT bool_and(head_name LIKE '% ตัวอย่าง%' OR head_name LIKE '% สมมุติ%') FROM households"
    )


@pytest.mark.parametrize(
    ("child", "columns", "parent", "parent_columns"),
    [(t.name, r.columns, r.parent, r.parent_columns) for t in TABLES for r in t.references],
)
def test_every_reference_resolves(con, child, columns, parent, parent_columns):
    on = " AND ".join(f"c.{a} = p.{b}" for a, b in zip(columns, parent_columns, strict=True))
    not_blank = " AND ".join(f"coalesce(c.{a}, '') <> ''" for a in columns)
    orphans = _one(
        con,
        f"SELECT count(*) FROM {child} c WHERE {not_blank} AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {on})",
    )
    assert orphans == 0


def test_keys_are_unique(con):
    for t in TABLES:
        key = ", ".join(t.key)
        assert _one(con, f"SELECT count(*) - count(DISTINCT ({key})) FROM {t.name}") == 0, t.name


def test_national_ids_have_valid_check_digits(con):
    ids = [
        r[0]
        for r in con.execute("SELECT national_id FROM households WHERE national_id IS NOT NULL").fetchall()
    ]
    assert len(ids) > N * YEARS * 20 * 0.9  # about 98% have one
    assert all(national_id_checksum_ok(i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_training_and_plans_fall_in_their_fiscal_year(con):
    rows = con.execute(
        "SELECT v.fiscal_year, d.date FROM training_days d JOIN villages v USING (village_code) "
        "UNION ALL SELECT v.fiscal_year, p.due_date FROM plans p JOIN villages v USING (village_code)"
    ).fetchall()
    for fiscal_year, day in rows:
        ce = int(fiscal_year) - 543  # FY 2560 runs from 1 Oct 2016 to 30 Sep 2017
        assert dt.date(ce - 1, 10, 1) <= dt.date.fromisoformat(day) <= dt.date(ce, 9, 30)


def test_too_many_villages_for_99_moo_is_refused():
    # 7,436 active tambons × 99 หมู่ = 736,164 village codes at most
    with pytest.raises(ValueError, match="99"):
        national.build(duckdb.connect(), villages=400_000, years=2)


def test_cli_writes_and_the_current_import_accepts_it(tmp_path):
    env = {**os.environ, "SAMMACHIP_DB": str(tmp_path / "unused.duckdb")}
    out = tmp_path / "nat"
    gen = subprocess.run(
        [
            sys.executable,
            "-m",
            "data_loaders",
            "sample",
            "--scale",
            "national",
            "--villages",
            "6",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert gen.returncode == 0, gen.stderr
    assert "villages: 6" in gen.stdout
    load = subprocess.run(
        [sys.executable, "-m", "data_loaders", "load", str(out), "--db", str(tmp_path / "n.duckdb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert load.returncode == 0, load.stdout[-2000:] + load.stderr
    assert "0 errors" in load.stdout
