"""The long tables' downloads, built when clicked without a Streamlit session (the progress
table and the follow-up list): every row in scope, labels in the language asked for.

Expected values are hand-worked from tests/metrics_fixture.py (see test_metrics.py and
test_changes.py for the same villages on the screen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics import tables
from metrics.followups import followups
from metrics.progress import village_progress
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D
from ui.meeting import followup_table

TODAY = dt.date(2026, 11, 22)  # after every plan's due date


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("downloads")
    path: Path = folder / "metrics.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True).committed
    connection = open_read_only(path)
    yield connection
    connection.close()


def test_the_progress_download_has_every_village_with_its_stages_in_words(con):
    # The screen reads at most 300 rows; the download reads what fetch gives, here all four.
    build = tables.progress_download(lambda: village_progress(con, Scope(), today=TODAY), lang="en")
    got = build()
    assert list(got.columns[:5]) == ["Village", "District", "Tambon", "Status", "Progress (%)"]
    assert len(got) == 4
    first = got.iloc[0]
    # A: 6 of 8 stages; its follow-up plan (30 Jun 2017) is overdue and not done
    assert first["Village"] == f"บ้านสมมุติเอ ({A})"
    assert first["Status"] == "Overdue: Follow-up"
    assert first["Progress (%)"] == pytest.approx(75.0)
    assert first["Follow-up"] == tables.LATE
    assert first["Team"] == tables.DONE
    # D has done nothing and has no plan due: not started, no marks
    last = got.iloc[3]
    assert last["Village"].endswith(f"({D})") and last["Progress (%)"] == pytest.approx(0.0)
    assert set(last.iloc[5:]) == {""}


def test_the_follow_up_download_names_places_in_the_language_asked(con):
    frame = followups(con, Scope(), as_of=dt.date(2018, 6, 1))
    english = followup_table(frame, lang="en")
    thai = followup_table(frame, lang="th", screen=True)
    # B's overdue team stage comes first (486 days; test_changes works it out)
    row = english.iloc[0]
    assert (row["Kind"], row["Village"], row["Late (days)"]) == ("Overdue stage", f"บ้านสมมุติบี ({B})", 486)
    assert row["District"] == "Chum Phuang"
    assert "District" not in thai.columns and "อำเภอ" not in thai.columns  # the screen leaves it out
    assert thai.iloc[0, 1] == f"บ้านสมมุติบี ({B})"  # the screen names a village with its code too
    assert len(english) == len(frame)
    assert C in set(frame["village_code"])  # C's missing lead trainer is listed too
