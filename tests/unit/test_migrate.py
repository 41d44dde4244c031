"""A store in an older layout is migrated forward with a backup; a newer one is refused."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data_loaders.store.importer import check_path, ensure_database
from data_loaders.store.migrate import SCHEMA_VERSION, StoreVersionError, needs_migration
from data_loaders.store.store import table_checksums

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"


def _version(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0]


def _problem_columns(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("DESCRIBE import_problems").fetchall()]


def _version_1_store(tmp_path: Path) -> Path:
    """The sample loaded, then put in layout 1: ``import_problems`` without ``village_code``."""
    db = tmp_path / "old.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE import_problems DROP COLUMN village_code")
        con.execute("ALTER TABLE import_problems DROP COLUMN household_id")
        con.execute("DROP TABLE fact_households")
        con.execute("DROP TABLE fact_villages")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    return db


def _version_2_store(tmp_path: Path) -> Path:
    """The sample loaded, then put in layout 2: no fact tables."""
    db = tmp_path / "two.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE import_problems DROP COLUMN household_id")
        con.execute("DROP TABLE fact_households")
        con.execute("DROP TABLE fact_villages")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    return db


def _version_3_store(tmp_path: Path) -> Path:
    """The sample loaded, then put in layout 3: fact tables of the layout-3 kind (the state on
    the newest date only, without the dated columns)."""
    db = tmp_path / "three.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE import_problems DROP COLUMN household_id")
        con.execute("DROP TABLE fact_households")
        con.execute("DROP TABLE fact_villages")
        con.execute("CREATE TABLE fact_households (household_id VARCHAR, latest_round VARCHAR)")
        con.execute("CREATE TABLE fact_villages (village_code VARCHAR, days BIGINT, last_dated DATE)")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    return db


def test_the_current_layout_is_version_9():
    assert SCHEMA_VERSION == 9


def test_a_version_8_store_gets_its_area_roll_ups(tmp_path):
    """Layout 9 builds the roll-ups from the facts: the sample's default as-of date is its latest
    survey, 27 May 2018, and its previous meeting the end of the month before, 30 April 2018;
    at the national level they hold the sample's 42 villages and 840 households."""
    db = tmp_path / "eight.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        for table in (
            "rollup_villages",
            "rollup_areas",
            "rollup_stage_changes",
            "rollup_events",
            "rollup_dates",
        ):
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    assert needs_migration(db) == 8
    ensure_database(db)
    assert _version(db) == str(SCHEMA_VERSION)
    with duckdb.connect(str(db), read_only=True) as con:
        dates = con.execute(
            "SELECT as_of::VARCHAR, fiscal_year, previous::VARCHAR FROM rollup_dates ORDER BY 1"
        ).fetchall()
        # the store's newest row is of 27 May 2018 (previous meeting 30 Apr); fiscal year 2560's
        # own newest is of 14 Mar 2018 (previous meeting 28 Feb), built for its 32 villages
        assert dates == [
            ("2018-02-28", 2560, None),
            ("2018-03-14", 2560, "2018-02-28"),
            ("2018-04-30", None, None),
            ("2018-05-27", None, "2018-04-30"),
        ]
        totals = con.execute(
            "SELECT sum(villages), sum(households) FROM rollup_areas "
            "WHERE level = 'national' AND as_of = DATE '2018-05-27'"
        ).fetchone()
        assert totals == (42, 840)


def test_a_version_6_store_gets_an_empty_roster_and_keeps_its_data(tmp_path):
    db = tmp_path / "five.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE roster")
        con.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
        households = con.execute("SELECT count(*) FROM households").fetchone()
    assert needs_migration(db) == 6
    ensure_database(db)
    assert _version(db) == str(SCHEMA_VERSION)
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [r[0] for r in con.execute("DESCRIBE roster").fetchall()]
        assert columns[:5] == ["village_code", "roster_year", "household_id", "members", "annual_income"]
        assert con.execute("SELECT count(*) FROM roster").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM households").fetchone() == households


def test_a_version_4_store_gets_a_household_per_warning(tmp_path):
    db = tmp_path / "four.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE import_problems DROP COLUMN household_id")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    assert needs_migration(db) == 4
    ensure_database(db)
    assert _version(db) == str(SCHEMA_VERSION)
    assert "household_id" in _problem_columns(db)
    # The old warnings keep their village; their household is unknown (not recorded then).
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT count(*) FROM import_problems WHERE household_id IS NOT NULL"
        ).fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM import_problems WHERE village_code IS NULL").fetchone() == (
            0,
        )


def _migrated_like_a_fresh_import(tmp_path: Path, db: Path, version: int) -> duckdb.DuckDBPyConnection:
    """Migrate ``db`` (at ``version``) and check its facts are the ones a fresh import of the
    same files computes; returns a read-only connection to it."""
    fresh = tmp_path / "fresh.duckdb"
    assert check_path(SAMPLE, fresh, commit=True).committed
    assert needs_migration(db) == version
    ensure_database(db)
    assert _version(db) == str(SCHEMA_VERSION)
    assert db.with_name(f"{db.name}.v{version}.bak").exists()
    facts = ("fact_households", "fact_villages")
    with duckdb.connect(str(fresh), read_only=True) as b:
        expected = table_checksums(b, facts)
    con = duckdb.connect(str(db), read_only=True)
    assert table_checksums(con, facts) == expected
    return con


def test_a_version_3_store_gets_its_facts_rebuilt_with_their_dates(tmp_path):
    with _migrated_like_a_fresh_import(tmp_path, _version_3_store(tmp_path), 3) as con:
        columns = {r[0] for r in con.execute("DESCRIBE fact_households").fetchall()}
        assert {"r_baseline_date", "r_follow_12m_income", "attended_5"} <= columns


def _version_7_store(tmp_path: Path) -> Path:
    """The sample loaded, then put in layout 7: fact tables without the cohort months (no
    ``first_day``, no ``<column>_m<months>``)."""
    db = tmp_path / "seven.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        for table in ("fact_households", "fact_villages"):
            for (column,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND (column_name = 'first_day' OR regexp_matches(column_name, '_m[0-9]+$'))",
                [table],
            ).fetchall():
                con.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
        assert "first_day" not in {r[0] for r in con.execute("DESCRIBE fact_villages").fetchall()}
        con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    return db


def test_a_version_7_store_gets_its_facts_at_the_cohort_months(tmp_path):
    with _migrated_like_a_fresh_import(tmp_path, _version_7_store(tmp_path), 7) as con:
        columns = {r[0] for r in con.execute("DESCRIBE fact_villages").fetchall()}
        assert {"first_day", "knowledge_m0", "followed_up_m12", "latest_both_m6"} <= columns
        columns = {r[0] for r in con.execute("DESCRIBE fact_households").fetchall()}
        assert {"followed_up_m3", "practising_m9", "baseline_income_m0"} <= columns


def test_a_version_2_store_gets_its_facts_computed(tmp_path):
    with _migrated_like_a_fresh_import(tmp_path, _version_2_store(tmp_path), 2) as a:
        # one row per household and per village
        assert (
            a.execute("SELECT count(*) FROM fact_households").fetchall()
            == a.execute("SELECT count(*) FROM households").fetchall()
        )
        assert a.execute("SELECT count(*) FROM fact_villages").fetchall() == [
            (42,)
        ]  # the sample's villages: 32 of FY2560 + 10 of FY2561


def test_an_old_store_is_migrated_with_a_backup_and_keeps_its_data(tmp_path):
    db = _version_1_store(tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        before = table_checksums(con)
        warnings_before = con.execute("SELECT count(*) FROM import_problems").fetchall()[0][0]
    old_bytes = hashlib.sha256(db.read_bytes()).hexdigest()
    assert needs_migration(db) == 1

    ensure_database(db)

    assert _version(db) == str(SCHEMA_VERSION)
    assert "village_code" in _problem_columns(db)
    backup = tmp_path / "old.duckdb.v1.bak"
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == old_bytes  # the old file, unchanged
    assert _version(backup) == "1"
    with duckdb.connect(str(db), read_only=True) as con:
        assert table_checksums(con) == before
        assert con.execute("SELECT count(*) FROM import_problems").fetchall()[0][0] == warnings_before
    assert needs_migration(db) is None


def test_loading_into_an_old_store_migrates_it_first(tmp_path):
    db = _version_1_store(tmp_path)
    result = check_path(SAMPLE, db, commit=True)
    assert result.committed
    assert _version(db) == str(SCHEMA_VERSION)
    with duckdb.connect(str(db), read_only=True) as con:
        # The sample's warnings of the new import now carry their village (hand check: every
        # sample warning is about a row of a table with a village).
        missing = con.execute(
            "SELECT count(*) FROM import_problems WHERE import_id = ? AND row_number IS NOT NULL "
            "AND village_code IS NULL",
            [result.import_id],
        ).fetchall()[0][0]
    assert missing == 0


def test_validate_on_an_old_store_leaves_it_as_it_is(tmp_path):
    db = _version_1_store(tmp_path)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    assert check_path(SAMPLE, db, commit=False).ok
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_a_newer_store_is_refused_with_a_message_and_left_alone(tmp_path):
    db = tmp_path / "new.duckdb"
    assert check_path(SAMPLE, db, commit=True).committed
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreVersionError, match="newer than this dashboard"):
        ensure_database(db)
    out = subprocess.run(
        [sys.executable, "-m", "data_loaders", "load", str(SAMPLE), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 2
    assert f"layout version 99, newer than this dashboard's {SCHEMA_VERSION}" in out.stderr
    assert "Traceback" not in out.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_a_store_without_a_version_is_refused(tmp_path):
    db = tmp_path / "bare.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE villages (village_code VARCHAR)")
    with pytest.raises(StoreVersionError, match="no schema_version"):
        needs_migration(db)
