"""AppTest: the Indicators page shows the import warnings as they stand, by kind with counts,
the first warnings of the kind chosen, and the import log as the latest import of each file
(issue 18 part 4). The store is the four-village fixture of tests/unit/test_warnings_scope.py,
whose nine warnings are worked out by hand there: fewer than 20 households in A, B, C, D (4),
fewer than 5 trainers or no lead in B, C, D (3), H3 without an occupation (1), C without
coordinates (1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from common.strings import text
from data_loaders.check.validation_report import WARNING_KINDS
from data_loaders.store.importer import check_path
from metrics.monitoring import CHECKS
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, C

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("indicators-warnings")
    path = folder / "w.duckdb"
    source = write_csv_folder(folder / "fixture", METRICS_INPUT)
    assert check_path(source, path, commit=True).committed
    assert check_path(source, path, commit=True).committed  # the same file again: one log row
    return path


def _page(store: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/indicators.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest, column: str):
    """The first table on the page (a data frame, or a static table) with ``column``."""
    return next(d.value for d in [*at.dataframe, *at.table] if column in d.value.columns)


def test_warnings_by_kind_and_the_log_as_it_stands(store, monkeypatch):
    at = _page(store, monkeypatch)
    kinds = _table(at, text("col.warning_kind", "th"))
    # by hand (module docstring): 4, 3, 1, 1, the most frequent first, ties by kind
    assert kinds[text("col.warning_kind", "th")].tolist() == [
        WARNING_KINDS[k][0]
        for k in ("few_households", "few_trainers", "incomplete_household", "no_coordinates")
    ]
    assert kinds[text("col.warnings", "th")].tolist() == [4, 3, 1, 1]
    # the first kind's warnings on screen: the four villages with fewer than 20 households
    box = at.selectbox(key="warning_kind")
    assert box.value == "few_households"
    shown = _table(at, text("col.message", "th"))
    assert len(shown) == 4 and all("ครัวเรือนเป้าหมาย" in m for m in shown[text("col.message", "th")])
    # another kind chosen: its one warning
    box.set_value("no_coordinates").run()
    shown = _table(at, text("col.message", "th"))
    assert len(shown) == 1 and "หมู่บ้านไม่มีพิกัด" in shown[text("col.message", "th")].iloc[0]
    # the log: one file, imported twice, as of its latest import (#2), with its nine warnings
    log = _table(at, text("col.imports", "th"))
    columns = [text("col.import", "th"), text("col.imports", "th"), text("col.warnings", "th")]
    assert log[columns].values.tolist() == [["2", "2", "9"]]  # a static table: its cells are text
    assert any(b.proto.label == text("ind.download_warnings", "th") for b in at.get("download_button"))


def test_a_district_sees_the_kinds_of_its_own_villages(store, monkeypatch):
    at = _page(store, monkeypatch, district="3414")
    kinds = _table(at, text("col.warning_kind", "th"))
    # 3414: C and D fewer than 20 households (2), C no lead and D one trainer (2), C no coordinates (1)
    assert kinds[text("col.warnings", "th")].tolist() == [2, 2, 1]


def test_the_quality_checks_show_the_first_failing_records_of_the_check_chosen(store, monkeypatch):
    # H3 of A has no occupation and C no coordinates (the warnings above, by hand): one record each
    at = _page(store, monkeypatch)
    counts = _table(at, text("col.check", "th"))
    records = dict(zip(counts[text("col.check", "th")], counts[text("col.records", "th")], strict=True))
    assert records["ครัวเรือนที่ยังไม่ระบุอาชีพ"] == 1 and records["หมู่บ้านที่ไม่มีพิกัด"] == 1
    at.selectbox(key="quality_check").set_value("village_without_coordinates").run()
    shown = _table(at, text("col.key", "th"))
    assert shown[text("col.key", "th")].tolist() == [C]
    at.selectbox(key="quality_check").set_value("household_without_occupation").run()
    assert _table(at, text("col.key", "th"))[text("col.key", "th")].tolist() == ["H3"]


def test_a_check_without_failing_records_says_so_and_keeps_its_download(store, monkeypatch):
    at = _page(store, monkeypatch)
    counts = _table(at, text("col.check", "th"))
    records = dict(zip(counts[text("col.check", "th")], counts[text("col.records", "th")], strict=True))
    # only H3 (no occupation) and C (no coordinates) fail a check (module docstring): the others
    # have no failing record
    clean = [c for c, (th, _en) in CHECKS.items() if records[th] == 0]
    assert "household_without_occupation" not in clean and "village_without_coordinates" not in clean
    at.selectbox(key="quality_check").set_value(clean[0]).run()
    assert not at.exception
    assert text("empty.rows", "th") in [c.value for c in at.caption]
    # both lists still offer every row, under their own widget keys
    buttons = {b.proto.id.rsplit("-", 1)[-1]: b.proto.label for b in at.get("download_button")}
    assert buttons["download_failing"] == text("ind.download_rows", "th")
    assert buttons["download_warnings"] == text("ind.download_warnings", "th")
