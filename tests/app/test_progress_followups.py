"""AppTest: the Progress page's follow-up list shows its first rows and says how many there are
in all, both from one query (metrics.followups.followup_page), within the person's grant.

The store is the four-village fixture (tests/metrics_fixture.py, METRICS_INPUT) on 1 Jun 2018
(2561 BE): 6 lines of work and 9 current warnings, 15 in all; 8 of them in district 3017
(worked out by hand in tests/unit/test_followups_page.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SHOWN = 2  # rows the screen shows at most in these tests (TABLE_ROWS, 300 on a real page)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("progress-followups")
    path = folder / "f.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    return path


def _page(db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    monkeypatch.setattr("ui.progress_view.TABLE_ROWS", SHOWN)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"lang": "en", "as_of": "1/6/2561", **query}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("query", "total"), [({}, 15), ({"district": "3017"}, 8)])
def test_the_list_shows_its_first_rows_and_how_many_in_all(fixture_store, monkeypatch, query, total):
    at = _page(fixture_store, monkeypatch, **query)
    cut = f"Showing the first {SHOWN} of {total} rows: download them all, or narrow the area."
    assert cut in [c.value for c in at.caption]
    # the follow-up table: its two most overdue lines (B's team plan and B's missing lead,
    # 486 days each), the only table of SHOWN rows with a days-overdue column
    tables = [d.value for d in at.dataframe if len(d.value) == SHOWN and "Late (days)" in d.value.columns]
    assert len(tables) == 1
    assert list(tables[0]["Late (days)"]) == [486, 486]
