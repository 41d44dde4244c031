"""A script run and an import that swaps the store under it (``ui/db.py``).

Each script below is a real Streamlit run (AppTest) that does what another session or the
command line would do at the worst moment, from inside the run:

- an import replaces the store between two queries of one page: the page must read the version
  it started on, whole (not villages of one version and households of the next), and the next
  run the new one;
- another session's import clears the caches while this run holds a cursor: the cursor must
  keep working (closing the connection on release used to close it: "Connection already
  closed" on a page that happened to be querying).

Counts by hand (``tests/sample_parts.py``): district 3017 has 25 villages, district 3414 has
17, 42 in all (FY2560 and FY2561), 20 target households each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_loaders.store.importer import check_path
from data_loaders.store.migrate import SCHEMA_VERSION
from tests.sample_parts import in_district, write_part


def _swap_between_queries() -> None:
    import os
    from pathlib import Path

    import streamlit as st

    from data_loaders.store.importer import check_path
    from metrics.scope import Scope, village_count
    from ui.access import LOCAL
    from ui.db import GRANT_KEY, cached, one_version

    st.session_state[GRANT_KEY] = LOCAL
    swap = os.environ.get("SWAP_IN")
    with one_version():
        first = cached(village_count, Scope())
        if swap and not st.session_state.get("swapped"):
            st.session_state["swapped"] = True
            assert check_path(Path(swap), Path(os.environ["SAMMACHIP_DB"]), commit=True).committed
        # Not cached yet, so it reads the store: the version this run started on.
        in_3414 = cached(village_count, Scope(district="3414"))
        again = cached(village_count, Scope())
    st.write(f"counts {first} {in_3414} {again}")


def _clear_while_reading() -> None:
    import streamlit as st

    from ui.db import clear_after_import, one_version, store_cursor

    with one_version():
        reading = store_cursor()  # this session's query in progress
        clear_after_import()  # another session's import has just finished
        villages = reading.execute("SELECT count(*) FROM villages").fetchone()[0]
    st.write(f"villages {villages}")


@pytest.fixture
def store_3017(tmp_path, monkeypatch) -> Path:
    """A store with district 3017 only (25 villages); ``SWAP_IN`` names district 3414's part."""
    db = tmp_path / "store.duckdb"
    assert check_path(write_part(tmp_path / "a", in_district("3017"), unplaced_reports=True), db, commit=True)
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    monkeypatch.setenv("SWAP_IN", str(write_part(tmp_path / "b", in_district("3414"))))
    return db


def test_a_run_reads_the_version_it_started_on_and_the_next_run_the_new_one(store_3017):
    at = AppTest.from_function(_swap_between_queries, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    # Before the swap: 25 villages, none in 3414; after it, in the same run: still 25 and 0
    # (a torn read would give 17 for 3414, the new file's count).
    assert at.markdown[0].value == "counts 25 0 25"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == "counts 42 17 42"  # 25 + 17; 3414's 17


def test_an_import_elsewhere_does_not_close_the_store_under_a_running_query(sample_store, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_function(_clear_while_reading, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == "villages 42"  # 32 of FY2560 + 10 of FY2561


# --- the one layout check (data_loaders/store/layout.py) -------------------------------------------

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _marked_store(tmp_path: Path, version: int) -> Path:
    """The empty tables of this code's layout (5), marked as layout ``version``."""
    import duckdb

    from data_loaders.store.store import ensure_schema

    db = tmp_path / "marked.duckdb"
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    return db


@pytest.mark.parametrize(
    ("version", "lang", "expected"),
    [
        (999, "th", ("รุ่นของฐานข้อมูลไม่ตรงกับโปรแกรม", f"เป็นรุ่น 999 ใหม่กว่าโปรแกรมนี้ (รุ่น {SCHEMA_VERSION})")),
        (
            999,
            "en",
            (
                "layout version does not match",
                f"has layout version 999, newer than this dashboard's {SCHEMA_VERSION}",
            ),
        ),
        (
            0,
            "en",
            ("layout version does not match", "has layout version 0, which this dashboard does not know"),
        ),
    ],
)
def test_the_app_refuses_a_store_it_cannot_read_with_a_notice(tmp_path, monkeypatch, version, lang, expected):
    monkeypatch.setenv("SAMMACHIP_DB", str(_marked_store(tmp_path, version)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    notice = at.error[0].value
    for part in expected:
        assert part in notice, notice
    assert not at.metric  # nothing of the page was drawn


def test_the_app_moves_an_older_store_forward_and_opens_it(tmp_path, monkeypatch):
    """The dashboard writes to its store (first start, imports), so it migrates an older one,
    with the old file kept beside it, and then reads it in this code's layout."""
    import duckdb

    db = _marked_store(tmp_path, 3)
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert (tmp_path / "marked.duckdb.v3.bak").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [
            (str(SCHEMA_VERSION),)
        ]
