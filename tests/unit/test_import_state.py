"""The import warnings and the import log as they stand (metrics/import_state.py): warnings
summarised by kind in SQL, narrowed by scope and grant like the list, and the latest import of
each file.

The store is the four-village fixture of tests/unit/test_warnings_scope.py (tests/metrics_fixture.py),
whose nine warnings are worked out by hand there:
- 3017: A and B have fewer than 20 households (2 few_households), B has 0 trainers
  (1 few_trainers), H3 of A has no occupation (1 incomplete_household): 4 warnings;
- 3414: C and D have fewer than 20 households (2), C has no lead and D 1 trainer (2
  few_trainers), C has no coordinates (1 no_coordinates): 5 warnings.
"""

from __future__ import annotations

import shutil
from collections import Counter

import duckdb
import pytest

from data_loaders.check.validation_report import WARNING_KINDS, warning_kind
from data_loaders.contract.settings import SAMPLE_DIR
from data_loaders.store.importer import check_path
from metrics import import_state
from metrics.scope import Scope
from sample import national
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import-state")
    path = folder / "w.duckdb"
    assert check_path(write_csv_folder(folder / "fixture", METRICS_INPUT), path, commit=True).committed
    return path


@pytest.fixture
def con(db):
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def _counts(frame) -> dict[str, int]:
    return dict(zip(frame["kind"], frame["warnings"].astype(int), strict=True))


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # the whole store: 4 + 5 by hand (module docstring)
        (Scope(), {"few_households": 4, "few_trainers": 3, "incomplete_household": 1, "no_coordinates": 1}),
        (Scope(allowed=("3017",)), {"few_households": 2, "few_trainers": 1, "incomplete_household": 1}),
        (Scope(district="3414"), {"few_households": 2, "few_trainers": 2, "no_coordinates": 1}),
        (Scope(villages=(C,)), {"few_households": 1, "few_trainers": 1, "no_coordinates": 1}),
        (Scope(allowed=()), {}),
    ],
)
def test_the_summary_counts_each_kind_in_scope(con, scope, expected):
    summary = import_state.warning_summary(con, scope)
    assert _counts(summary) == expected
    # the most frequent first; ties by kind
    assert list(summary["kind"]) == sorted(expected, key=lambda k: (-expected[k], k))


def test_the_summary_names_villages_households_and_files(con):
    rows = import_state.warning_summary(con, Scope(allowed=("3017",))).set_index("kind")
    # few_households: A and B; incomplete_household: H3 of A; the one file, import #1
    assert rows.loc["few_households", "villages"] == 2
    assert rows.loc["few_households", "households"] == 0
    assert rows.loc["incomplete_household", "households"] == 1
    assert list(rows.loc["few_trainers", "files"]) == ["fixture"]
    assert set(rows["import_id"]) == {1}


def test_the_summary_is_bounded(con):
    # 4 kinds in the store; 2 asked for: the 2 most frequent
    assert list(import_state.warning_summary(con, Scope(), limit=2)["kind"]) == [
        "few_households",
        "few_trainers",
    ]


def test_the_warnings_of_one_kind_are_narrowed_and_bounded(con):
    # few_trainers: B (3017), C and D (3414); a grant of 3414 sees C and D, the first one of them alone
    shown = import_state.warnings_of_kind(con, Scope(allowed=("3414",)), "few_trainers")
    assert set(shown["village_code"]) == {C, D}
    assert len(import_state.warnings_of_kind(con, Scope(), "few_trainers", limit=1)) == 1
    every = import_state.warnings_of_kind(con, Scope(), "few_households")
    assert set(every["village_code"]) == {A, B, C, D}


def test_the_log_keeps_the_latest_import_of_each_file(tmp_path):
    # The fixture imported twice from the folder "fixture" (imports #1 and #2), then once from a
    # copy named "again" (#3): two files, newest first; "fixture" as of #2, imported twice.
    folder = write_csv_folder(tmp_path / "fixture", METRICS_INPUT)
    db = tmp_path / "log.duckdb"
    assert check_path(folder, db, commit=True).committed
    assert check_path(folder, db, commit=True).committed
    shutil.copytree(folder, tmp_path / "again")
    assert check_path(tmp_path / "again", db, commit=True).committed
    con = duckdb.connect(str(db), read_only=True)
    try:
        log = import_state.latest_imports(con)
    finally:
        con.close()
    assert log[["import_id", "file_name", "imports"]].values.tolist() == [[3, "again", 1], [2, "fixture", 2]]
    assert list(log["warnings"]) == [9, 9]  # each import stored the fixture's nine warnings


def _kinds_of_import(folder, db) -> Counter:
    result = check_path(folder, db, commit=True)
    assert result.committed
    return Counter(warning_kind(p) for p in result.dataset.warnings)


@pytest.mark.parametrize("which", ["sample", "national"])
def test_the_kind_read_from_the_message_is_the_kind_the_check_gave(tmp_path, which):
    """Every warning of a fresh import, summarised in SQL, falls under the kind its check gave
    it: the counts per kind equal the import's own report."""
    if which == "sample":
        folder = SAMPLE_DIR
    else:
        folder = tmp_path / "national"
        national.generate(folder, years=1, villages=60, seed=11)
    db = tmp_path / "store.duckdb"
    expected = _kinds_of_import(folder, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert _counts(import_state.warning_summary(con, Scope())) == dict(expected)
    finally:
        con.close()
    assert set(expected) <= set(WARNING_KINDS)  # every warning there has a named kind


def test_each_kind_has_words_and_labels():
    assert {kind for kind, _ in import_state.KIND_WORDS} == set(WARNING_KINDS)
    assert import_state.kind_label("few_trainers", "en") == WARNING_KINDS["few_trainers"][1]
    assert import_state.kind_label("households.phone", "th") == "households.phone"
