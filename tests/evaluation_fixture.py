"""A tiny input for the evaluation measures (tests/unit/test_evaluation.py, tests/app/
test_evaluation_page.py). Every expected value there is worked out by hand from the rows below.
Every household has 1 member, so income per member = annual income.

Village A 30170101 (อ.ชุมพวง, FY 2560), targeting: 20 selected households S01–S20 and 10 others
  N01–N10 on the 2560 roster (30 in all). S01–S17 earn 20,000–36,000 (step 1,000), below the
  38,000 line; S18–S20 earn 40,000, 45,000, 50,000: the 3 non-poor selected. N01 earns 37,000
  (poor, not selected); N02–N10 earn 60,000–100,000 (step 5,000). A 2559 roster (S01 at 99,000)
  is older than the latest year not after 2560, so it is not used. No roster after 2560.
Village B 30170201 (อ.ชุมพวง, FY 2560), comparison: selected T1–T3, others M1–M3 in 2560;
  2561: T1 +6,000, T2 +3,000, T3 +9,000; M1 +2,000, M2 +4,000; M3 gone, M4 new.
Village C 34140101 (อ.ม่วงสามสิบ, FY 2560), attrition and real income: 10 households P01–P10,
  baseline 50,000–140,000 (step 10,000) on 20 Jan 2017; post (1 Jun 2017, baseline + 5,000) for
  all 10; follow_6m (1 Dec 2017, baseline + 10,000) for P01–P09; follow_12m (1 Jun 2018,
  baseline + 11,000) for P01–P05. No roster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_loaders.store.importer import check_path
from tests.builders import write_csv_folder

A, B, C = "30170101", "30170201", "34140101"

S_INCOME = [20_000 + 1_000 * i for i in range(17)] + [40_000, 45_000, 50_000]  # S01..S20
N_INCOME = [37_000] + [60_000 + 5_000 * i for i in range(9)]  # N01..N10
P_BASE = [50_000 + 10_000 * i for i in range(10)]  # P01..P10


def _households() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["household_id", "village_code", "head_name", "national_id", "members", "occupation"]
    ]
    rows += [[f"S{i:02d}", A, f"ทดสอบ เอ{i}", "", "1", "จักสาน"] for i in range(1, 21)]
    rows += [[f"T{i}", B, f"ทดสอบ บี{i}", "", "1", "จักสาน"] for i in range(1, 4)]
    rows += [[f"P{i:02d}", C, f"ทดสอบ ซี{i}", "", "1", "ทอผ้า"] for i in range(1, 11)]
    return rows


def _surveys() -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["household_id", "round", "survey_date", "household_income", "occupation_income", "practising"]
    ]
    for i, base in enumerate(P_BASE, start=1):
        hid = f"P{i:02d}"
        rows.append([hid, "baseline", "2017-01-20", str(base), "", ""])
        rows.append([hid, "post", "2017-06-01", str(base + 5_000), "", "yes"])
        if i <= 9:
            rows.append([hid, "follow_6m", "2017-12-01", str(base + 10_000), "", "yes"])
        if i <= 5:
            rows.append([hid, "follow_12m", "2018-06-01", str(base + 11_000), "", "yes"])
    return rows


def _roster() -> list[list[Any]]:
    rows: list[list[Any]] = [["village_code", "roster_year", "household_id", "members", "annual_income"]]
    rows.append([A, "2559", "S01", "1", "99000"])
    rows += [[A, "2560", f"S{i:02d}", "1", str(v)] for i, v in enumerate(S_INCOME, start=1)]
    rows += [[A, "2560", f"N{i:02d}", "1", str(v)] for i, v in enumerate(N_INCOME, start=1)]
    first = {"T1": 50_000, "T2": 60_000, "T3": 70_000, "M1": 80_000, "M2": 90_000, "M3": 100_000}
    second = {"T1": 56_000, "T2": 63_000, "T3": 79_000, "M1": 82_000, "M2": 94_000, "M4": 50_000}
    rows += [[B, "2560", h, "1", str(v)] for h, v in first.items()]
    rows += [[B, "2561", h, "1", str(v)] for h, v in second.items()]
    return rows


def evaluation_input() -> dict[str, list[list[Any]]]:
    village_header = [
        "village_code",
        "village_name",
        "moo",
        "tambon_name",
        "district_name",
        "province_name",
        "lat",
        "lon",
        "fiscal_year",
        "officer_id",
    ]
    return {
        "officers": [
            ["officer_id", "name", "position", "district_code"],
            ["O1", "สมหญิง ทดสอบ", "", "3017"],
            ["O2", "สมใจ ทดสอบ", "", "3414"],
        ],
        "villages": [
            village_header,
            [A, "บ้านสมมุติเอ", "1", "ชุมพวง", "ชุมพวง", "นครราชสีมา", "15.344", "102.750", "2560", "O1"],
            [B, "บ้านสมมุติบี", "1", "ประสุข", "ชุมพวง", "นครราชสีมา", "15.342", "102.685", "2560", "O1"],
            [C, "บ้านสมมุติซี", "1", "ม่วงสามสิบ", "ม่วงสามสิบ", "อุบลราชธานี", "", "", "2560", "O2"],
        ],
        "households": _households(),
        "income_surveys": _surveys(),
        "roster": _roster(),
    }


def build_store(folder: Path) -> Path:
    """The input imported into ``folder/evaluation.duckdb``."""
    db = folder / "evaluation.duckdb"
    result = check_path(write_csv_folder(folder / "input", evaluation_input()), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return db
