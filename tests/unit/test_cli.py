"""The fixed command line: ``python -m data_loaders validate|load|sample`` and its exit codes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import set_cell, tiny, write_csv_folder, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_store(tmp_path, monkeypatch):
    """Each command's default store is the test's own, never a store left in the checkout's
    data/ folder (an old one there is refused before the input is read)."""
    monkeypatch.setenv("SAMMACHIP_DB", str(tmp_path / "default.duckdb"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data_loaders", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_validate_good_input_exits_0_and_prints_warnings(tmp_path):
    folder = write_csv_folder(tmp_path / "good", tiny())
    out = run("validate", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert out.returncode == 0, out.stdout + out.stderr
    # tiny has 3 whole-village warnings (see test_store) and nothing else.
    assert out.stdout.count(": warning: ") == 3
    assert "0 errors, 3 warnings" in out.stdout
    assert not (tmp_path / "s.duckdb").exists()  # validate never writes


def test_validate_bad_input_exits_1_with_located_lines(tmp_path):
    bad = tiny()
    set_cell(bad, "households", 4, "members", "0")
    book = write_xlsx(tmp_path / "households.xlsx", bad, sheet_names={"households": "ครัวเรือน"})
    out = run("validate", str(book), "--db", str(tmp_path / "s.duckdb"))
    assert out.returncode == 1
    assert (
        "households.xlsx:ครัวเรือน:4:members: error: จำนวนสมาชิกต้องเป็นจำนวนเต็ม ≥ 1 / "
        'members must be a whole number ≥ 1 (found "0")'
    ) in out.stdout.splitlines()


@pytest.mark.parametrize("args", [("validate", "/no/such/file.xlsx"), ("load",), ("frobnicate", "x")])
def test_unreadable_input_or_bad_usage_exits_2(args):
    assert run(*args).returncode == 2


def test_not_a_workbook_exits_2(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("this is not a zip")
    out = run("validate", str(fake))
    assert out.returncode == 2
    assert "fake.xlsx" in out.stderr


def test_load_prints_rows_and_uses_the_env_store(tmp_path):
    folder = write_csv_folder(tmp_path / "good", tiny())
    db = tmp_path / "env.duckdb"
    out = run("load", str(folder), env={"SAMMACHIP_DB": str(db)})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "  households: 3 (before 0, after 3)" in out.stdout
    assert db.exists()


def test_failed_load_exits_1_and_leaves_store_unchanged(tmp_path):
    db = tmp_path / "s.duckdb"
    assert run("load", str(write_csv_folder(tmp_path / "good", tiny())), "--db", str(db)).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tiny()
    set_cell(bad, "villages", 3, "lon", "200")
    out = run("load", str(write_csv_folder(tmp_path / "bad", bad)), "--db", str(db))
    assert out.returncode == 1
    assert "villages.csv:3:lon: error:" in out.stdout
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_sample_command_regenerates(tmp_path):
    out = run("sample", "--out", str(tmp_path / "s"), "--seed", "2560")
    assert out.returncode == 0
    assert "villages: 42" in out.stdout  # 32 of FY2560 + 10 of FY2561 (sample/districts.py LATER_COHORT)
    assert (tmp_path / "s" / "villages.csv").read_bytes() == (
        ROOT / "sample_data" / "villages.csv"
    ).read_bytes()


# --- issue 9: grouped report, --json, --annotated -------------------------------------------


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli_store")
    db = folder / "s.duckdb"
    assert run("load", str(write_csv_folder(folder / "tiny", tiny())), "--db", str(db)).returncode == 0
    return db


def test_validate_prints_a_group_root_first_and_dependants_indented(tmp_path, tiny_store):
    from tests.report_fixtures import duplicate_household

    book = write_xlsx(tmp_path / "dup.xlsx", duplicate_household())
    out = run("validate", str(book), "--db", str(tiny_store))
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    start = lines.index(
        "[1] รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้ / "
        "one duplicate household ID (H2), and 3 rows that depend on it"
    )
    assert lines[start + 1].startswith("dup.xlsx:households:4:household_id: error: รหัสซ้ำกับแถว 3")
    assert [line[:40] for line in lines[start + 2 : start + 5]] == [
        f"    dup.xlsx:attendance:{row}:household_id: note: "[:40] for row in (3, 4, 5)
    ]
    # The summary line is the same contract as before: notes are not counted.
    assert "ข้อผิดพลาด 1 รายการ, คำเตือน 1 รายการ / 1 errors, 1 warnings" in lines


def test_validate_json_and_annotated_workbook(tmp_path, tiny_store):
    import json

    import openpyxl

    from tests.report_fixtures import duplicate_household

    book = write_xlsx(tmp_path / "dup.xlsx", duplicate_household())
    before = book.read_bytes()
    target = tmp_path / "marked.xlsx"
    out = run("validate", str(book), "--db", str(tiny_store), "--json", "--annotated", str(target))
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    assert (report["errors"], report["warnings"], report["annotated"]) == (1, 1, str(target))
    assert [(g["kind"], g["dependants"]) for g in report["groups"]] == [("duplicate_key", 3)]
    assert len(report["problems"]) == 5  # 1 root, 3 dependants, 1 warning
    marked = openpyxl.load_workbook(target)
    assert marked["households"]["A4"].comment.text.startswith("ข้อผิดพลาด / error: รหัสซ้ำกับแถว 3")
    assert book.read_bytes() == before  # the input is never written
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("name", ["marked.csv", "dup.xlsx", "missing/marked.xlsx"])
def test_annotated_needs_a_new_xlsx_path(tmp_path, tiny_store, name):
    book = write_xlsx(tmp_path / "dup.xlsx", tiny("households"))
    before = book.read_bytes()
    out = run("validate", str(book), "--db", str(tiny_store), "--annotated", str(tmp_path / name))
    assert out.returncode == 2
    assert out.stderr.startswith("error: --annotated")
    assert book.read_bytes() == before
