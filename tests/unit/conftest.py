"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_loaders.store.importer import check_path
from metrics import (
    rollup_build,  # noqa: F401  the stores the tests build keep the area roll-ups, as the app's do
)
from tests.builders import tiny, write_csv_folder


@pytest.fixture
def loaded(tmp_path) -> Path:
    """A store holding the whole tiny input of tests/builders.py (import #1)."""
    db = tmp_path / "store.duckdb"
    result = check_path(write_csv_folder(tmp_path / "tiny", tiny()), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return db
