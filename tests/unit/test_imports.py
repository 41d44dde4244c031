"""Issue 17 (imports): an identical file is noticed before it is imported again, an import says
what it changed, warnings are summarised by kind, and the command line shows its progress.

Fixtures are ``tests.builders.tiny`` (villages A = 30170101 and B = 30170201, officer O1) and
small files made from it; every expected value is worked out by hand beside its assertion.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data_loaders.check.dataset import Problem
from data_loaders.check.validation_report import FIRST_OF_KIND, warning_kinds
from data_loaders.read.readers import read_input
from data_loaders.store.importer import check_path, identical_import
from tests.builders import A, set_cell, tiny, write_csv_folder

ROOT = Path(__file__).resolve().parents[2]
VILLAGE_HEADER = tiny("villages")["villages"][0]


def _village(code: str, tambon: str, lat: str = "", lon: str = "") -> list[str]:
    """A village row of district ชุมพวง (3017), moo taken from the code, officer O1."""
    return [
        code,
        f"บ้านทดสอบ {code[-2:]}",
        str(int(code[6:])),
        tambon,
        "ชุมพวง",
        "นครราชสีมา",
        lat,
        lon,
        "2560",
        "O1",
    ]


@pytest.fixture
def store(tmp_path) -> Path:
    """A store holding tiny(): import #1."""
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), db, commit=True).committed
    return db


def _sha(folder: Path) -> str:
    with read_input(folder) as raw:
        return raw.sha256


# --- the same file twice ----------------------------------------------------------------------


def test_an_identical_file_is_found_with_the_earlier_imports_id_and_date(store, tmp_path):
    same = write_csv_folder(tmp_path / "again", tiny())  # the same names and bytes as import #1
    earlier = identical_import(store, _sha(same))
    assert earlier is not None
    assert (earlier.import_id, earlier.file_name) == (1, "base")
    with duckdb.connect(str(store), read_only=True) as con:
        logged = con.execute("SELECT imported_at FROM import_log WHERE import_id = 1").fetchone()[0]
    assert earlier.imported_at == logged
    # Bangkok is UTC+7 all year: the local time is 7 hours on.
    assert earlier.local_time.replace(tzinfo=None) - earlier.imported_at == dt.timedelta(hours=7)
    # One cell changed: another file, never flagged.
    changed = tiny()
    set_cell(changed, "households", 2, "members", "5")
    assert identical_import(store, _sha(write_csv_folder(tmp_path / "changed", changed))) is None
    # No store yet: nothing to compare with.
    assert identical_import(tmp_path / "none.duckdb", _sha(same)) is None


def test_the_latest_import_of_the_same_bytes_is_named(store, tmp_path):
    other = tiny()
    set_cell(other, "households", 2, "members", "5")
    folder = write_csv_folder(tmp_path / "other", other)
    assert check_path(folder, store, commit=True).import_id == 2
    assert check_path(write_csv_folder(tmp_path / "base", tiny()), store, commit=True).import_id == 3
    # tiny() was imported as #1 and #3: the later one is named; the other file is #2.
    assert identical_import(store, _sha(tmp_path / "base")).import_id == 3
    assert identical_import(store, _sha(folder)).import_id == 2


# --- what an import changed -------------------------------------------------------------------


def _three_villages(tmp_path: Path) -> Path:
    """A replaced (it is in the store), 30170102 and 30170301 new: a villages sheet only."""
    rows = tiny("villages")["villages"][:2]  # the header and A as it is
    rows += [
        _village("30170102", "ชุมพวง", "15.344", "102.750"),
        _village("30170301", "ท่าลาด", "15.243", "102.720"),
    ]
    return write_csv_folder(tmp_path / "three", {"villages": rows})


def test_the_summary_counts_villages_added_and_replaced_rows_and_warnings(store, tmp_path):
    summary = check_path(_three_villages(tmp_path), store, commit=True).summary
    assert summary.committed and summary.import_id == 2
    assert summary.villages_added == ("30170102", "30170301")
    assert summary.villages_replaced == (A,)
    # Only the villages table is sent: 3 rows in the file, 2 in the store before (A, B),
    # 4 after (A replaced, B untouched, two new).
    (villages,) = summary.tables
    assert (villages.table, villages.in_file, villages.before, villages.after, villages.change) == (
        "villages",
        3,
        2,
        4,
        2,
    )
    # Whole-village warnings for the three covered villages: A has 2 households (< 20), the
    # new two have none → 3 "few households"; A has 5 trainers with a lead, the new two none
    # → 2 "few trainers". B is not covered, so not checked again.
    assert summary.warnings == 5
    assert [(k.kind, k.count) for k in summary.kinds] == [("few_households", 3), ("few_trainers", 2)]


def test_a_dry_run_says_what_it_would_add_and_replace(store, tmp_path):
    result = check_path(_three_villages(tmp_path), store, commit=False)
    summary = result.summary
    assert not summary.committed and summary.import_id is None
    assert (summary.villages_added, summary.villages_replaced) == (("30170102", "30170301"), (A,))


def test_progress_moves_forward_through_the_phases_to_done(store, tmp_path):
    heard: list[tuple[float, str]] = []
    check_path(_three_villages(tmp_path), store, commit=True, progress=lambda f, p: heard.append((f, p)))
    phases = list(dict.fromkeys(p for _, p in heard))
    assert phases == ["prepare", "check", "replace", "references", "warnings", "facts", "save", "done"]
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


# --- warnings by kind -------------------------------------------------------------------------


def _warning(row: int, kind: str | None, column: str = "lat") -> Problem:
    return Problem("warning", "villages.csv", None, row, column, f"w{row}", "villages", kind=kind)


def test_warnings_are_counted_by_kind_with_the_first_20_of_each():
    # 25 far-from-tambon warnings (rows 2–26), 2 few-trainers (rows 30, 31), one error (not a
    # warning, left out) and one warning of no named kind (table.column stands for it).
    problems = [_warning(r, "far_from_tambon") for r in range(2, 27)]
    problems += [_warning(30, "few_trainers", "village_code"), _warning(31, "few_trainers", "village_code")]
    problems += [Problem("error", "villages.csv", None, 40, "lon", "e", "villages")]
    problems += [_warning(41, None, "moo")]
    kinds = warning_kinds(problems)
    assert [(k.kind, k.count, k.more) for k in kinds] == [
        ("far_from_tambon", 25, 5),  # 20 listed, 5 more
        ("few_trainers", 2, 0),
        ("villages.moo", 1, 0),
    ]
    assert FIRST_OF_KIND == 20
    assert [p.row for p in kinds[0].first] == list(range(2, 22))  # rows 2–21, in report order
    assert kinds[0].label() == "พิกัดห่างจากที่ตั้งตำบลเกินกำหนด / point far from its tambon"
    assert kinds[2].label("en") == "villages.moo"


# --- the command line -------------------------------------------------------------------------


def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "data_loaders", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def _22_villages_without_points(tmp_path: Path) -> Path:
    """22 new villages of ต.ชุมพวง (moo 2–23), without coordinates, households or trainers:
    22 warnings each of three kinds (no coordinates, few households, few trainers)."""
    rows = [VILLAGE_HEADER] + [_village(f"301701{moo:02d}", "ชุมพวง") for moo in range(2, 24)]
    return write_csv_folder(tmp_path / "many", {"villages": rows})


def test_cli_lists_20_warnings_of_each_kind_and_all_with_all_warnings(store, tmp_path):
    folder = _22_villages_without_points(tmp_path)
    out = run("validate", str(folder), "--db", str(store))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    # 3 kinds × 20 lines; each kind says how many more (22 − 20 = 2).
    assert sum(": warning: " in line for line in lines) == 60
    assert (
        lines.count(
            "… และอีก 2 รายการ (--all-warnings แสดงทั้งหมด) / … and 2 more (--all-warnings prints them all)"
        )
        == 3
    )
    assert "คำเตือน: หมู่บ้านไม่มีพิกัด 22 รายการ / warnings: village without coordinates: 22" in lines
    assert "ข้อผิดพลาด 0 รายการ, คำเตือน 66 รายการ / 0 errors, 66 warnings" in lines
    every = run("validate", str(folder), "--db", str(store), "--all-warnings")
    assert every.returncode == 0
    assert sum(": warning: " in line for line in every.stdout.splitlines()) == 66  # 3 × 22
    assert "more (--all-warnings" not in every.stdout


def test_cli_progress_is_plain_lines_when_not_a_terminal(store, tmp_path):
    out = run("validate", str(_three_villages(tmp_path)), "--db", str(store))
    assert out.returncode == 0
    assert "\x1b" not in out.stdout + out.stderr  # no colour, no cursor moves
    # One line per phase, on stderr (stdout stays the report); a check has no facts or save.
    assert out.stderr.splitlines() == [
        "[  0%] อ่านไฟล์ / reading the file",
        "[  3%] เตรียมสำเนาฐานข้อมูล / preparing a working copy of the store",
        "[  8%] ตรวจหัวตารางและทุกเซลล์ / checking every header and cell",
        "[ 60%] แทนที่ข้อมูลของหมู่บ้านในไฟล์ / replacing the villages the file covers",
        "[ 70%] ตรวจรหัสที่อ้างถึงกัน / checking keys and references",
        "[ 82%] ตรวจเทียบเป้าหมาย / checking against the targets",
        "[100%] เสร็จแล้ว / done",
    ]


def test_cli_progress_is_a_bar_on_a_terminal(store, tmp_path):
    """stderr a terminal (a pseudo-terminal here): rich draws the bar with escape codes."""
    main, child = pty.openpty()
    # A plain terminal, whatever the test runner's own settings say about colour or terminals.
    unset = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "CI")
    env = {k: v for k, v in os.environ.items() if k not in unset} | {"TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "data_loaders",
            "validate",
            str(_three_villages(tmp_path)),
            "--db",
            str(store),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=child,
        env=env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=300) == 0
    drawn = b"".join(chunks).decode("utf-8")
    assert "\x1b[" in drawn
    assert "checking every header and cell" in drawn
    assert "[  8%]" not in drawn  # not the plain lines


def test_cli_load_of_an_identical_file_checks_it_and_imports_nothing(store, tmp_path):
    same = write_csv_folder(tmp_path / "base", tiny())  # import #1's bytes
    out = run("load", str(same), "--db", str(store))
    assert out.returncode == 0, out.stdout + out.stderr  # no errors: 0, as validate says
    assert "warning: ไฟล์นี้เหมือนกับที่นำเข้าแล้วทุกไบต์ (ครั้งที่ 1 " in out.stderr
    assert out.stdout.splitlines()[-1].startswith("ไม่ได้นำเข้า / not imported: ไฟล์นี้เหมือนกับ")
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM import_log").fetchone()[0] == 1
    as_json = json.loads(run("load", str(same), "--db", str(store), "--json").stdout)
    assert (as_json["committed"], as_json["identical_to"]["import_id"]) == (False, 1)
    again = run("load", str(same), "--db", str(store), "--again")
    assert again.returncode == 0
    assert "นำเข้าแล้ว (import #2)" in again.stdout
    # tiny() again: both villages were in the store, so both are replaced, none added.
    assert "หมู่บ้านใหม่ 0 หมู่บ้าน, แทนที่ 2 หมู่บ้าน / villages added 0, replaced 2" in again.stdout


def test_cli_a_refused_file_is_never_called_identical(store, tmp_path):
    """Only committed imports are in the log: loading a refused file twice refuses it twice,
    with exit 1 both times (never "identical, not imported" with exit 0)."""
    bad = tiny("households")
    set_cell(bad, "households", 2, "village_code", "30179999")  # no such village in the store
    folder = write_csv_folder(tmp_path / "bad", bad)
    for _ in range(2):
        out = run("load", str(folder), "--db", str(store))
        assert out.returncode == 1
        assert "warning: ไฟล์นี้เหมือนกับ" not in out.stderr


def test_the_warnings_download_is_masked_and_has_no_live_formula():
    """The Data page's "every warning" CSV: a header the officer typed as a formula stays text
    (a leading apostrophe), a national ID quoted in a message is masked, and the kind is named."""
    from common.export import csv_bytes
    from ui.importing import warnings_frame

    warning = Problem(
        "warning",
        "v.csv",
        None,
        2,
        "=HYPERLINK(1)",
        'unknown column "=HYPERLINK(1)" 3100600445635',
        "households",
        kind="unknown_column",
    )
    error = Problem("error", "v.csv", None, 3, "members", "not a warning", "households")
    lines = csv_bytes(warnings_frame([warning, error])).decode("utf-8-sig").splitlines()
    assert lines[0] == "ประเภท,ไฟล์,ชีต,แถว,คอลัมน์,ข้อความ"  # Thai: the default language
    assert len(lines) == 2  # the one warning; the error is not a warning
    row = lines[1]
    assert row.startswith("คอลัมน์ที่ไม่รู้จัก,v.csv,,2,'=HYPERLINK(1),")
    assert "3100600445635" not in row
