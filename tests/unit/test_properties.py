"""Property tests: normalising and validating never raise anything but a reported problem."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_loaders.check.normalise import CellError, parse_cell, parse_date
from data_loaders.check.validate import check_input
from data_loaders.contract.schema import TABLES
from data_loaders.read.inputs import RawInput, RawSheet
from data_loaders.store.store import import_dataset

ALL_COLUMNS = [c for t in TABLES for c in t.columns]

# Text that looks like what officers type: Thai letters and digits, Latin, punctuation.
thaiish = st.text(
    alphabet=st.sampled_from(list("๐๑๒๓๔๕๖๗๘๙0123456789กขคมยรลวสหอะาิีเแโไ่้็์ .,/-:;บาทมีค.พ.ศ✓xyYN")),
    max_size=30,
)
cells = st.one_of(
    st.none(),
    st.text(max_size=40),
    thaiish,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)


@given(column=st.sampled_from(ALL_COLUMNS), raw=cells)
@settings(max_examples=3000, deadline=None)
def test_parse_cell_returns_or_reports(column, raw):
    try:
        parse_cell(column, raw)
    except CellError as exc:
        assert " / " in exc.message  # Thai / English


@given(raw=thaiish)
@settings(max_examples=1000, deadline=None)
def test_a_parsed_date_is_always_plausible(raw):
    try:
        value = parse_date(raw)
    except CellError:
        return
    assert 1990 <= value.year <= 2100


@given(
    table=st.sampled_from(TABLES),
    rows=st.lists(st.lists(cells, max_size=12), max_size=6),
    extra_header=st.text(max_size=10),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_validation_and_dry_run_import_never_crash(tmp_path_factory, table, rows, extra_header):
    header = [*table.column_names, extra_header]
    raw = RawInput(
        "fuzz.xlsx",
        "0" * 64,
        [
            RawSheet(
                "fuzz.xlsx",
                table.label_th,
                table.sheet_aliases[0],
                header,
                [(i + 2, r) for i, r in enumerate(rows)],
            )
        ],
    )
    check_input(raw)  # alone, in a throw-away in-memory database
    db = tmp_path_factory.mktemp("fuzz") / "never-written.duckdb"
    result = import_dataset(raw, db, commit=False)
    for problem in result.dataset.problems:
        assert problem.line().startswith("fuzz.xlsx:")
    assert not db.exists()
