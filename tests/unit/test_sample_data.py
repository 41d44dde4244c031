"""The bundled sample data: deterministic, importable without errors, and round-trips."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from data_loaders.contract.settings import SAMPLE_DIR
from data_loaders.store.importer import check_path
from data_loaders.store.store import DATA_TABLES, export_folder, table_checksums
from sample.districts import generate


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    result = check_path(SAMPLE_DIR, db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors[:5]]
    return db


def test_committed_sample_data_is_what_the_generator_writes(tmp_path):
    generate(tmp_path, seed=2560)
    assert digest(tmp_path) == digest(SAMPLE_DIR)


def test_other_seed_gives_other_data(tmp_path):
    generate(tmp_path, seed=7)
    assert digest(tmp_path) != digest(SAMPLE_DIR)


def test_sample_data_has_no_errors_and_only_the_intended_warnings():
    result = check_path(SAMPLE_DIR, Path("/nonexistent/never-written.duckdb"), commit=False)
    assert result.dataset.errors == []
    # Intended: 3 households without occupation, 3 short trainer teams, 1 village without coordinates.
    kinds = sorted(p.column for p in result.dataset.warnings)
    assert kinds == [
        "lat",
        "occupation",
        "occupation",
        "occupation",
        "village_code",
        "village_code",
        "village_code",
    ]


def test_sample_covers_the_two_seed_districts(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    rows = con.execute(
        "SELECT district_code, fiscal_year, count(*) FROM villages GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    # sample/districts.py (the seed write-ups): Chum Phuang (3017) 19 target villages, Muang Sam Sip (3414) 13 in FY 2560; the
    # second cohort, FY2561, 6 and 4 (sample/districts.py LATER_COHORT).
    assert rows == [("3017", 2560, 19), ("3017", 2561, 6), ("3414", 2560, 13), ("3414", 2561, 4)]
    per_village = con.execute("SELECT DISTINCT count(*) FROM households GROUP BY village_code").fetchall()
    assert per_village == [(20,)]  # 20 target households in every village
    con.close()


def test_every_csv_row_is_imported(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    for table in DATA_TABLES:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == csv_rows(
            SAMPLE_DIR / f"{table}.csv"
        ), table
    con.close()


def test_export_and_reimport_round_trips(tmp_path, sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    export_folder(con, tmp_path / "export")
    original = table_checksums(con)
    con.close()
    copy_db = tmp_path / "copy.duckdb"
    assert check_path(tmp_path / "export", copy_db, commit=True).committed
    con = duckdb.connect(str(copy_db), read_only=True)
    assert table_checksums(con) == original
    con.close()
