"""Income metrics that stay bounded at national scale: the bootstrap's normal limit, the
household table cut in SQL, and the fixed chart sample (on tests/metrics_fixture.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics import income
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("income")
    path = folder / "m.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


def test_normal_limit_width_matches_the_hand_worked_standard_error():
    # 10,000 households, baseline always 100 (no spread), latest 110 ± 10 (variance 100):
    # Σ baseline = 1,000,000 fixed; sd(Σ latest) = √(10,000 × 100) = 1,000;
    # sd(statistic) = 1,000 / 1,000,000 = 0.001, so the 95% interval is 0.10 ± 1.96 × 0.001.
    moments = pd.Series(
        {
            "n": 10_000,
            "mean_base": 100.0,
            "mean_latest": 110.0,
            "var_base": 0.0,
            "var_latest": 100.0,
            "cov": 0.0,
        }
    )
    ci = income._normal_interval(moments, level=0.95, replicates=4000, seed=1)
    assert ci.estimate == pytest.approx(0.10)
    assert ci.low == pytest.approx(0.10 - 1.96 * 0.001, abs=2e-4)
    assert ci.high == pytest.approx(0.10 + 1.96 * 0.001, abs=2e-4)
    assert ci.method == "normal" and ci.households == 10_000


def test_large_scopes_switch_to_the_normal_limit(con, monkeypatch):
    exact = income.increase_interval(con, Scope(), replicates=500)
    assert exact.method == "resample"
    monkeypatch.setattr(income, "EXACT_BOOTSTRAP_MAX", 0)
    normal = income.increase_interval(con, Scope(), replicates=500)
    assert normal.method == "normal"
    assert normal.estimate == pytest.approx(exact.estimate)  # 0.1, the indicator value
    assert normal.households == exact.households == 4


@pytest.mark.parametrize("limit", [0, 1, 3, 100])
def test_household_table_is_cut_in_sql_and_keeps_its_order(con, limit):
    full = income.household_income(con, Scope())
    cut = income.household_income(con, Scope(), limit=limit)
    assert len(full) == income.household_count(con, Scope()) == 5  # H1..H5
    assert list(cut["household_id"]) == list(full["household_id"])[:limit]


def test_chart_rows_are_all_households_with_both_rounds_when_few(con):
    rows = income.income_chart_rows(con, Scope())
    # H1, H2, H4, H5 have a baseline and a later survey; H3 has no later survey
    assert set(rows["household_id"]) == {"H1", "H2", "H4", "H5"}


def test_chart_rows_are_a_fixed_sample_when_many(con):
    first = income.income_chart_rows(con, Scope(), size=2)
    again = income.income_chart_rows(con, Scope(), size=2)
    assert len(first) == 2
    assert list(first["household_id"]) == list(again["household_id"])
    assert set(first["household_id"]) <= {"H1", "H2", "H4", "H5"}


@pytest.mark.parametrize("limit", [0, 2, 11, 50])
def test_trainer_list_is_cut_in_sql_and_keeps_its_order(con, limit):
    from metrics import trainers

    full = trainers.trainer_list(con, Scope())
    assert len(full) == trainers.trainer_count(con, Scope()) == 11  # 5 in A, 5 in C, 1 in D
    cut = trainers.trainer_list(con, Scope(), limit=limit)
    assert list(cut["trainer_id"]) == list(full["trainer_id"])[:limit]


def test_interval_clears_the_catalogue_target_only_when_its_low_end_does():
    # the catalogue's target for income_increase_pct is +3% (0.03): an interval 3.0% to 9% clears
    # it, one from 2.9% does not (its estimate above the target does not matter), none without a low end
    def interval(low: float | None) -> income.Interval:
        return income.Interval(0.06, low, 0.09, households=40, level=0.95, replicates=200, seed=1)

    assert interval(0.03).clears_target
    assert not interval(0.029).clears_target
    assert not interval(None).clears_target


def test_chart_level_is_the_finest_with_few_enough_units_and_labels_follow_the_language():
    # 300 villages in 40 tambons, 5 districts, 1 province: at most 50 rows → tambon; at most 3
    # → none fits, so province
    counts = {"village": 300, "tambon": 40, "district": 5, "province": 1}
    assert income.chart_level(counts, 50) == "tambon"
    assert income.chart_level(counts, 300) == "village"
    assert income.chart_level({**counts, "province": 4}, 3) == "province"
    units = pd.DataFrame(
        {
            "tambon_name": ["ชุมพวง", "ประสุข", "เหล่าบก"],
            "tambon_name_en": ["Chum Phuang", None, "Lao Bok"],
            "mean_latest_income": [60000.0, 52000.0, None],  # เหล่าบก has no household with both
        }
    )
    shown = income.labelled_units(units, "tambon", lang="en")
    assert list(shown["label"]) == ["Chum Phuang", "ประสุข"]  # no English name: the Thai one
    assert list(income.labelled_units(units, "tambon", lang="th")["label"]) == ["ชุมพวง", "ประสุข"]
