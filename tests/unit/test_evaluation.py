"""The evaluation measures (issue 20, part 3) on the hand-made input of tests/evaluation_fixture.py:
targeting, attrition, real income, the comparison, the roster's validation, the command line and
the meeting pack's sheets. Expected values are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from data_loaders.reference import cpi
from data_loaders.store.importer import check_path
from data_loaders.store.store import table_checksums
from metrics import evaluation
from metrics.cli import main as metrics_main
from metrics.indicators import compute
from metrics.scope import Scope
from metrics.settings import current
from reports.data import gather
from reports.xlsx_pack import build_xlsx
from tests.builders import tiny, write_csv_folder
from tests.evaluation_fixture import A, B, C, build_store

ROOT = Path(__file__).resolve().parents[2]
SMALL_CPI = ((2017, 100.0), (2018, 110.0))


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("evaluation"))


@pytest.fixture
def con(store_file: Path):
    connection = duckdb.connect(str(store_file), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def _default_line(monkeypatch):
    monkeypatch.delenv("SAMMACHIP_JPT_LINE", raising=False)


# --- targeting --------------------------------------------------------------------------------


def _counts(frame, village: str) -> tuple[int, ...]:
    row = frame.loc[frame["village_code"] == village].iloc[0]
    keys = ("roster_year", "roster_households", *evaluation.TARGETING_KEYS[1:])
    return tuple(int(row[k]) for k in keys)


def test_targeting_finds_the_three_non_poor_selected_households(con):
    frame = evaluation.targeting(con, Scope())
    # A, roster 2560 (2559 is older; nothing after): 30 households, k = 20 selected.
    # Lowest incomes per member: S01–S17 20,000–36,000, then N01 37,000, S18 40,000, S19 45,000
    # (20th lowest = 45,000); S20 50,000 is above it: 19 of 20 among the poorest.
    # Above the 38,000 line: S18, S19, S20 = 3. Below it and not selected: N01 = 1.
    assert _counts(frame, A) == (2560, 30, 20, 19, 3, 1)
    # B, roster 2560: T1–T3 (50,000, 60,000, 70,000) are the 3 lowest of 6 (k = 3): all among
    # the poorest, all above the line; M1–M3 (80,000–100,000) are not below it.
    assert _counts(frame, B) == (2560, 6, 3, 3, 3, 0)
    # C has no roster. Worst first: A has 1 selected outside the poorest, B none.
    assert list(frame["village_code"]) == [A, B]


@pytest.mark.parametrize("value", ["2560:46000", "46000", "30000,2560:46000"])
def test_the_poverty_line_is_a_setting_per_fiscal_year(con, monkeypatch, value):
    monkeypatch.setenv("SAMMACHIP_JPT_LINE", value)
    frame = evaluation.targeting(con, Scope(), settings=current())
    # Line 46,000 for FY 2560: above it only S20 (50,000; 40,000 and 45,000 are not); below it
    # and not selected: N01 (37,000). B: T1–T3 (50,000–70,000) all above it.
    assert _counts(frame, A) == (2560, 30, 20, 19, 1, 1)
    assert _counts(frame, B) == (2560, 6, 3, 3, 3, 0)


def test_a_line_for_another_year_leaves_the_default(con, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_JPT_LINE", "2565:46000")
    assert current().jpt_default == 38_000  # 2560 keeps the default line
    assert _counts(evaluation.targeting(con, Scope(), settings=current()), A) == (2560, 30, 20, 19, 3, 1)


@pytest.mark.parametrize("value", ["abc", "2560:", "-5", "25:40000"])
def test_a_malformed_poverty_line_is_refused_with_its_name(monkeypatch, value):
    monkeypatch.setenv("SAMMACHIP_JPT_LINE", value)
    with pytest.raises(ValueError, match="SAMMACHIP_JPT_LINE"):
        current()


def test_grants_narrow_the_measures_like_the_indicators(con):
    # A grant of district 3414 only: A and B (3017) are outside it.
    only = Scope(allowed=("3414",))
    assert evaluation.targeting(con, only).empty
    assert evaluation.comparison(con, only) is None
    assert list(evaluation.attrition(con, only)["target"]) == [10, 10, 10]  # C's P01–P10
    assert evaluation.attrition(con, Scope(allowed=())).loc[:, "target"].tolist() == [0, 0, 0]


# --- attrition --------------------------------------------------------------------------------


def test_attrition_with_known_dropouts(con):
    frame = evaluation.attrition(con, Scope(district="3414")).set_index("round")
    assert list(frame.index) == ["post", "follow_6m", "follow_12m"]
    # post: all 10 surveyed, 0% missing (low); retained mean (50,000 + … + 140,000) / 10 = 95,000.
    assert (frame.loc["post", "target"], frame.loc["post", "surveyed"]) == (10, 10)
    assert frame.loc["post", "missing_share"] == 0
    assert frame.loc["post", "band"] == "low"
    assert frame.loc["post", "baseline_mean_retained"] == pytest.approx(95_000)
    assert (
        frame.loc["post", "baseline_mean_lost"] != frame.loc["post", "baseline_mean_lost"]
    )  # NaN: none lost
    # follow_6m: P10 lost, 1/10 = 10% (check); retained 810,000 / 9 = 90,000, lost 140,000;
    # gap 140,000 / 90,000 − 1 = 0.5556: called out.
    six = frame.loc["follow_6m"]
    assert (six["surveyed"], six["missing_share"], six["band"]) == (9, pytest.approx(0.1), "check")
    assert (six["baseline_mean_retained"], six["baseline_mean_lost"]) == (
        pytest.approx(90_000),
        pytest.approx(140_000),
    )
    assert six["gap"] == pytest.approx(140 / 90 - 1)
    assert evaluation.gap_is_large(six["gap"])
    # follow_12m: P06–P10 lost, 50% (high); retained 350,000 / 5 = 70,000; lost 600,000 / 5 = 120,000.
    twelve = frame.loc["follow_12m"]
    assert (twelve["surveyed"], twelve["missing_share"], twelve["band"]) == (5, pytest.approx(0.5), "high")
    assert (twelve["baseline_mean_retained"], twelve["baseline_mean_lost"]) == (
        pytest.approx(70_000),
        pytest.approx(120_000),
    )


def test_attrition_counts_every_target_household_due_or_not(con):
    # The whole store: 20 (A) + 3 (B) + 10 (C) = 33 target households in every round; post has
    # the 10 of C: 23 / 33 missing (high).
    frame = evaluation.attrition(con, Scope()).set_index("round")
    assert frame["target"].tolist() == [33, 33, 33]
    assert frame.loc["post", "missing_share"] == pytest.approx(23 / 33)
    assert frame.loc["post", "band"] == "high"


def test_attrition_on_an_earlier_date(con):
    # As of 1 Jan 2018 the 12-month round (1 Jun 2018) is not surveyed yet: 10 of 10 missing,
    # and the lost are all ten: mean baseline 95,000.
    frame = evaluation.attrition(con, Scope(district="3414", as_of=dt.date(2018, 1, 1))).set_index("round")
    assert (frame.loc["follow_12m", "surveyed"], frame.loc["follow_12m", "band"]) == (0, "high")
    assert frame.loc["follow_12m", "baseline_mean_lost"] == pytest.approx(95_000)


def test_attrition_by_district_and_village(con):
    by_district = evaluation.attrition(con, Scope(), by="district")
    # 3017: A and B, 23 households, none surveyed after baseline; 3414: C as above.
    post = by_district.loc[by_district["round"] == "post"].set_index("district_code")
    assert (post.loc["3017", "target"], post.loc["3017", "surveyed"]) == (23, 0)
    assert (post.loc["3414", "target"], post.loc["3414", "surveyed"]) == (10, 10)
    by_village = evaluation.attrition(con, Scope(district="3414"), by="village")
    assert by_village[["village_code", "round", "surveyed"]].values.tolist() == [
        [C, "post", 10],
        [C, "follow_6m", 9],
        [C, "follow_12m", 5],
    ]


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, "low"), (0.049, "low"), (0.05, "check"), (0.2, "check"), (0.2001, "high"), (None, None)],
)
def test_bands(share, expected):
    assert evaluation.band(share) == expected


# --- real income ------------------------------------------------------------------------------


def test_real_income_with_a_small_price_index(con, monkeypatch):
    monkeypatch.setattr(cpi, "series", lambda: SMALL_CPI)
    real = evaluation.real_income(con, Scope(district="3414"))
    # Σ baseline = 950,000. Latest: P01–P05 follow_12m (2018) = 350,000 + 5 × 11,000 = 405,000;
    # P06–P09 follow_6m (2017) = 460,000 + 4 × 10,000 = 500,000; P10 post (2017) = 145,000.
    # Nominal: (1,050,000 − 950,000) / 950,000 = 0.105263.
    assert real.nominal_increase == pytest.approx(100_000 / 950_000)
    # Real, in 2017 prices: 405,000 × 100 / 110 = 368,181.82; + 500,000 + 145,000 = 1,013,181.82;
    # (1,013,181.82 − 950,000) / 950,000 = 0.066507.
    assert real.real_increase == pytest.approx((405_000 / 1.1 + 645_000 - 950_000) / 950_000)
    assert real.households == 10


def test_nominal_increase_equals_the_income_indicator(con):
    for scope in (Scope(), Scope(district="3414"), Scope(as_of=dt.date(2018, 1, 1))):
        indicator = next(v for v in compute(con, scope) if v.id == "income_increase_pct")
        assert evaluation.real_income(con, scope).nominal_increase == pytest.approx(indicator.value)


def test_a_year_without_a_price_index_is_refused_never_extrapolated(con, monkeypatch):
    monkeypatch.setattr(cpi, "series", lambda: SMALL_CPI[:1])  # 2017 only; P01–P05 surveyed in 2018
    with pytest.raises(evaluation.MissingPriceIndex) as refused:
        evaluation.real_income(con, Scope(district="3414"))
    assert refused.value.years == [2018]
    assert "2561" in refused.value.th and "ไม่ประมาณค่า" in refused.value.th
    assert "2018" in refused.value.en and "never extrapolated" in refused.value.en
    shown = evaluation.real_income(con, Scope(district="3414"), refuse=False)
    assert (shown.real_increase, shown.missing_years) == (None, (2018,))
    assert shown.nominal_increase == pytest.approx(100_000 / 950_000)


# --- comparison -------------------------------------------------------------------------------


def test_a_two_year_roster_gives_a_known_difference_in_differences(con):
    found = evaluation.comparison(con, Scope())
    assert found is not None
    # B, 2560 → 2561, households on both rosters: selected T1 +6,000, T2 +3,000, T3 +9,000
    # (mean 6,000); others M1 +2,000, M2 +4,000 (mean 3,000; M3 left, M4 is new).
    # A has no roster after 2560; C has none: they add nobody.
    assert (found.selected_change, found.others_change, found.difference) == (6_000, 3_000, 3_000)
    assert (found.n_selected, found.n_others) == (3, 2)
    # Any resample's difference lies between 3,000 − 4,000 = −1,000 and 9,000 − 2,000 = 7,000.
    assert -1_000 <= found.ci_low <= 3_000 <= found.ci_high <= 7_000
    assert evaluation.comparison(con, Scope()) == found  # the seed is fixed


def test_no_comparison_without_a_second_roster_year(con):
    assert evaluation.comparison(con, Scope(villages=(A,))) is None
    assert evaluation.comparison(con, Scope(district="3414")) is None


# --- the roster in the data contract --------------------------------------------------------------


def test_a_roster_with_bad_rows_gets_located_thai_errors_and_nothing_is_stored(store_file, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(store_file, db)
    with duckdb.connect(str(db), read_only=True) as before_con:
        before = table_checksums(before_con)
    bad = {
        "roster": [
            ["village_code", "roster_year", "household_id", "members", "annual_income"],
            [A, "2560", "S01", "1", "20000"],  # row 2: fine
            [A, "2560", "P01", "1", "50000"],  # row 3: P01 is a target household of C
            [A, "2560", "X01", "0", "1000"],  # row 4: members 0
            [A, "2560", "X02", "2", "-5"],  # row 5: a negative income
            [A, "2560", "S01", "1", "20000"],  # row 6: row 2's key again
        ]
    }
    result = check_path(write_csv_folder(tmp_path / "bad", bad), db, commit=True)
    assert not result.committed
    errors = {(p.row, p.column): p.message for p in result.dataset.errors}
    assert sorted(errors) == [(3, "household_id"), (4, "members"), (5, "annual_income"), (6, "village_code")]
    assert all(p.file == "roster.csv" for p in result.dataset.errors)
    assert "ครัวเรือน P01 เป็นครัวเรือนเป้าหมายของหมู่บ้าน 34140101" in errors[(3, "household_id")]
    for message in errors.values():
        th = message.split(" / ", 1)[0]
        assert any("\u0e01" <= ch <= "\u0e4e" for ch in th), message
    with duckdb.connect(str(db), read_only=True) as after:
        assert table_checksums(after) == before


def test_a_roster_year_typed_in_ce_is_stored_in_be_and_a_bad_one_is_named(tmp_path):
    tables = tiny()
    tables["roster"] = [
        ["village_code", "roster_year", "household_id", "members", "annual_income"],
        ["30170101", "2017", "H1", "2", "60000"],  # CE 2017 = BE 2560
        ["30170101", "25x0", "Z1", "2", "60000"],  # row 3: not a year
    ]
    result = check_path(write_csv_folder(tmp_path / "in", tables), tmp_path / "db.duckdb", commit=False)
    (error,) = result.dataset.errors
    assert (error.row, error.column) == (3, "roster_year")
    assert "roster_year must be a 4-digit BE or CE year" in error.message
    del tables["roster"][2]
    assert check_path(
        write_csv_folder(tmp_path / "ok", tables), tmp_path / "db.duckdb", commit=True
    ).committed
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as stored:
        assert stored.execute("SELECT roster_year, household_id FROM roster").fetchall() == [(2560, "H1")]


def test_an_input_without_a_roster_still_loads(tmp_path):
    db = tmp_path / "db.duckdb"
    assert check_path(write_csv_folder(tmp_path / "old", tiny()), db, commit=True).committed
    with duckdb.connect(str(db), read_only=True) as stored:
        assert stored.execute("SELECT count(*) FROM roster").fetchone() == (0,)


def test_the_sample_selects_mostly_but_not_always_the_poorest(tmp_path):
    db = tmp_path / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    with duckdb.connect(str(db), read_only=True) as sample:
        frame = evaluation.targeting(sample, Scope())
        # every sample village has a roster holding its 20 target households
        assert len(frame) == sample.execute("SELECT count(*) FROM villages").fetchone()[0]
        assert set(frame["selected"]) == {20}
        share = frame["selected_in_poorest"].sum() / frame["selected"].sum()
        assert 0.7 < share < 1
        assert evaluation.comparison(sample, Scope()) is not None


# --- the command line and the meeting pack ---------------------------------------------------------


def test_the_command_line_prints_the_agreed_json(store_file, capsys):
    assert metrics_main(["evaluation", "--db", str(store_file), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["targeting", "attrition", "real_income", "comparison"]
    assert payload["targeting"][0] == {
        "village_code": A,
        "selected": 20,
        "selected_in_poorest": 19,
        "selected_above_line": 3,
        "eligible_not_selected": 1,
    }
    assert [r["round"] for r in payload["attrition"]] == ["post", "follow_6m", "follow_12m"]
    post = payload["attrition"][0]
    assert list(post) == [
        "round",
        "target",
        "surveyed",
        "missing_share",
        "band",
        "baseline_mean_retained",
        "baseline_mean_lost",
    ]
    # whole store: 33 targets, 10 surveyed after training; lost = A's and B's 23, without a baseline
    assert (post["target"], post["surveyed"], post["band"], post["baseline_mean_lost"]) == (
        33,
        10,
        "high",
        None,
    )
    assert post["missing_share"] == pytest.approx(23 / 33)
    assert list(payload["real_income"]) == ["nominal_increase", "real_increase"]
    assert payload["real_income"]["nominal_increase"] == pytest.approx(100_000 / 950_000)
    assert list(payload["comparison"]) == [
        "selected_change",
        "others_change",
        "difference",
        "ci_low",
        "ci_high",
        "n_selected",
        "n_others",
    ]
    assert (payload["comparison"]["difference"], payload["comparison"]["n_others"]) == (3_000, 2)


def test_the_command_line_gives_null_without_a_second_roster_year(store_file, capsys):
    assert metrics_main(["evaluation", "--db", str(store_file), "--village", A, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["comparison"] is None
    assert [r["village_code"] for r in payload["targeting"]] == [A]


def test_the_command_line_refuses_a_year_without_a_price_index(store_file, capsys, monkeypatch):
    monkeypatch.setattr(cpi, "series", lambda: SMALL_CPI[:1])
    assert metrics_main(["evaluation", "--db", str(store_file), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2561" in captured.err and "2018" in captured.err and "Traceback" not in captured.err


def test_the_meeting_pack_workbook_has_the_evaluation_sheets(con):
    book = load_workbook(io.BytesIO(build_xlsx(gather(con, Scope(), lang="th"))))
    for name in ("การคัดเลือกครัวเรือน", "การติดตามตกหล่น", "ตกหล่นรายอำเภอ", "ตกหล่นรายหมู่บ้าน"):
        assert name in book.sheetnames
    targeting = book["การคัดเลือกครัวเรือน"]
    # row 5: village A, worst first: 30 on the roster, 20 selected, 19 among the poorest, 3 above
    # the line, 1 poor household not selected
    assert targeting["A5"].value == "บ้านสมมุติเอ (30170101)"
    assert [targeting.cell(5, j).value for j in range(4, 9)] == [30, 20, 19, 3, 1]
    assert "38,000" in targeting["A2"].value and "SAMMACHIP_JPT_LINE" in targeting["A2"].value
    income = book["รายได้แท้จริงและการเทียบ"]
    rows = {r[0]: r[1:4] for r in income.iter_rows(min_row=5, values_only=True)}
    assert rows["ผลต่างของผลต่าง"][1] == 3_000
    assert rows["ครัวเรือนเป้าหมายที่นับ"][2] == 3
    assert "ไม่ใช่หลักฐาน" in income["A2"].value  # the caution
    attrition = book["การติดตามตกหล่น"]
    assert "ติดตาม 6 เดือน" in attrition["A2"].value  # the large retained/lost gap, in words
