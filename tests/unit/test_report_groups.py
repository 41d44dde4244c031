"""Issue 9: problems that follow from one root cause are grouped under it, and none is lost.

Each input is a tiny workbook checked against a store holding ``tests.builders.tiny()``
(villages A = 30170101 and B = 30170201, households H1 H2 in A and H3 in B, training days
A 1-5 and B 1). Rows are spreadsheet rows: the header is row 1. The expected groups are
worked out by hand beside each fixture.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from data_loaders.check.causes import Cause
from data_loaders.check.dataset import Problem
from data_loaders.check.validation_report import INDENT, Group, build_report
from data_loaders.store.importer import check_path
from data_loaders.store.result import ImportResult
from tests.builders import Tables, tiny, write_csv_folder, write_xlsx
from tests.report_fixtures import (
    FIXTURES,
    duplicate_household,
    missing_household,
    unreadable_household,
    wrong_village_code,
)


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report_store")
    db = folder / "db.duckdb"
    assert check_path(write_csv_folder(folder / "tiny", tiny()), db, commit=True).committed
    return db


def checked(tmp_path: Path, store: Path, tables: Tables, name: str = "in") -> ImportResult:
    db = tmp_path / "db.duckdb"
    shutil.copyfile(store, db)
    return check_path(write_xlsx(tmp_path / f"{name}.xlsx", tables), db, commit=False)


def where(problem: Problem) -> str:
    return f"{problem.sheet}:{problem.row}"


def test_one_duplicate_household_with_three_dependent_attendance_rows(tmp_path, tiny_store):
    report = checked(tmp_path, tiny_store, duplicate_household(), "dup").report
    (group,) = report.groups
    assert group.cause == Cause("duplicate_key", "households", (("household_id", "H2"),))
    assert [where(p) for p in group.roots] == ["households:4"]
    assert [where(p) for p in group.dependants] == ["attendance:3", "attendance:4", "attendance:5"]
    assert {p.level for p in group.dependants} == {"note"}
    assert group.count == 3
    assert group.summary("th") == "รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้"
    assert group.summary("en") == "one duplicate household ID (H2), and 3 rows that depend on it"
    assert group.dependants[0].message == (
        "อ้างถึงรหัสครัวเรือน H2 ซึ่งซ้ำกันในชีต households (แถว 3, 4) ต้องระบุว่าแถวนี้หมายถึงแถวใด / "
        "refers to household ID H2, which is given more than once in households (rows 3, 4); "
        "decide which one this row means"
    )
    # Notes are neither errors nor warnings: the counts an officer and the exit code see stay.
    assert report.errors == 1  # the repeat at households:4
    assert report.warnings == 1  # village A has 3 target households (no villages sheet: "-")


def test_a_missing_household_groups_its_orphans(tmp_path, tiny_store):
    report = checked(tmp_path, tiny_store, missing_household(), "orphan").report
    (group,) = report.groups
    assert group.roots == ()
    assert [where(p) for p in group.dependants] == ["attendance:3", "attendance:4"]
    assert group.level == "error"
    assert group.summary() == (
        "ไม่พบรหัสครัวเรือน H9 ในไฟล์หรือฐานข้อมูล และมี 2 แถวที่อ้างถึงรหัสนี้ / "
        "one missing household ID (H9: in neither the file nor the database), and 2 rows that depend on it"
    )


def test_an_unreadable_parent_key_is_the_root_of_its_orphans(tmp_path, tiny_store):
    report = checked(tmp_path, tiny_store, unreadable_household(), "refused").report
    (group,) = report.groups
    assert [where(p) for p in group.roots] == ["households:4"]
    assert "U+202E" in group.roots[0].message
    assert [where(p) for p in group.dependants] == ["attendance:2", "attendance:3"]
    assert group.summary("en") == "one unreadable household ID (H4), and 2 rows that depend on it"


def test_a_wrong_village_code_groups_every_row_of_that_village(tmp_path, tiny_store):
    report = checked(tmp_path, tiny_store, wrong_village_code(), "code").report
    (group,) = report.groups
    assert [where(p) for p in group.roots] == ["villages:4"]
    assert [where(p) for p in group.dependants] == ["households:5", "households:6", "training_days:8"]
    assert group.summary("th") == ("รหัสหมู่บ้านไม่ถูกต้อง 1 รหัส (99990101) และมี 3 แถวของหมู่บ้านนี้ที่ผิดตามไปด้วย")
    assert len(report.singles) == 3  # tiny's whole-village warnings


def test_one_orphan_alone_is_a_single_line_not_a_group():
    cause = Cause("missing_parent", "households", (("household_id", "H9"),))
    lone = Problem("error", "a.csv", None, 3, "household_id", "x / x", "attendance", cause)
    report = build_report([lone])
    assert report.groups == [] and report.entries == (lone,)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_grouping_loses_no_problem(tmp_path, tiny_store, fixture):
    result = checked(tmp_path, tiny_store, fixture())
    report = result.report
    flat = [p for e in report.entries for p in (e.problems if isinstance(e, Group) else (e,))]
    assert Counter(map(id, flat)) == Counter(map(id, result.dataset.problems))
    # The text report: every problem's line exactly once (dependants indented), plus headers.
    lines = list(report.lines())
    located = Counter(line.removeprefix(INDENT) for line in lines if not line.startswith("["))
    assert located == Counter(p.line() for p in result.dataset.problems)
    assert sum(line.startswith("[") for line in lines) == len(report.groups) == 1
    # The download and the JSON list every problem with its group.
    rows = report.rows()
    assert len(rows) == len(result.dataset.problems)
    assert {r["group"] for r in rows if r["role"]} == {1}


def test_json_keeps_every_problem_and_adds_the_groups(tmp_path, tiny_store):
    report = checked(tmp_path, tiny_store, duplicate_household(), "dup").report
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["errors"] == 1 and data["warnings"] == 1
    assert [(p["sheet"], p["row"], p["group"], p["role"]) for p in data["problems"]] == [
        ("households", 4, 1, "root"),
        ("attendance", 3, 1, "dependant"),
        ("attendance", 4, 1, "dependant"),
        ("attendance", 5, 1, "dependant"),
        ("-", None, 0, ""),
    ]
    (group,) = data["groups"]
    assert group["kind"] == "duplicate_key"
    assert group["key"] == {"household_id": "H2"}
    assert (group["roots"], group["dependants"], group["dependant_rows"], group["unlisted"]) == (1, 3, 3, 0)
