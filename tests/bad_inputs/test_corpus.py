"""The bad-input corpus: every file gives its exit code and exact message, and changes nothing.

For each case of ``expected.toml``:

- ``python -m data_loaders validate FILE --db STORE`` (a real process) exits with the expected
  code and prints the expected line;
- nothing printed holds a traceback, a replacement character (U+FFFD), a full national ID or a
  phone number;
- ``load`` of the same file leaves the store's content as it was (``table_checksums``) unless
  the file is valid, and leaves no ``.importing`` working file behind.

STORE holds ``tests.builders.tiny()``. Regenerate the files with ``make_corpus.py``.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import duckdb
import pytest

from data_loaders.cli import main as cli_main
from data_loaders.store.importer import check_path
from data_loaders.store.store import table_checksums
from tests.bad_inputs.make_corpus import big_cases
from tests.builders import tiny, write_csv_folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FILES_REL = "tests/bad_inputs/files"
FILES = ROOT / FILES_REL
CASES: dict[str, dict[str, Any]] = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))

# 13 digits in a row, or in the 1-4-5-2-1 groups of a Thai ID card; a mobile or landline number.
NATIONAL_ID = re.compile(r"(?<!\d)\d(?:[ -]?\d){12}(?!\d)")
PHONE = re.compile(r"(?<!\d)0\d{1,2}[ -]?\d{3}[ -]?\d{3,4}(?!\d)")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding tiny(), built once; tests copy it before any load."""
    base = tmp_path_factory.mktemp("corpus-store")
    folder = write_csv_folder(base / "tiny", tiny())
    db = base / "store.duckdb"
    result = check_path(folder, db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return db


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return big_cases(tmp_path_factory.mktemp("corpus-big"))


def checksums(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return table_checksums(con)
    finally:
        con.close()


def assert_clean(text: str) -> None:
    assert "Traceback" not in text
    assert "\ufffd" not in text
    assert NATIONAL_ID.search(text) is None, NATIONAL_ID.search(text)
    assert PHONE.search(text) is None, PHONE.search(text)


def case_paths(name: str, spec: dict[str, Any], store: Path, big: dict[str, Path]) -> tuple[str, str]:
    """The input and --db as given on the command line (relative to the project where committed)."""
    if spec.get("big"):
        source = str(big[name])
    else:
        source = f"{FILES_REL}/{spec.get('input', name)}"
    db = f"{FILES_REL}/{spec['db']}" if "db" in spec else str(store)
    return source, db


def skip_unless_ready(spec: dict[str, Any]) -> None:
    if spec.get("needs_lead"):
        pytest.skip("needs the lead's wiring of the new import (see needs_lead in expected.toml)")


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_exit_code_and_message(name: str, store: Path, big: dict[str, Path]) -> None:
    spec = CASES[name]
    skip_unless_ready(spec)
    source, db = case_paths(name, spec, store, big)
    out = subprocess.run(
        [sys.executable, "-m", "data_loaders", "validate", source, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    printed = out.stdout + out.stderr
    assert out.returncode == spec["exit"], printed
    assert spec["message"].replace("{files}", FILES_REL) in printed.splitlines(), printed
    assert_clean(printed)


@pytest.mark.parametrize("name", sorted(CASES))
def test_load_changes_nothing_unless_valid(
    name: str, store: Path, big: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = CASES[name]
    skip_unless_ready(spec)
    monkeypatch.chdir(ROOT)
    source, db = case_paths(name, spec, store, big)
    if "db" not in spec:  # a copy: a valid file really imports
        shutil.copyfile(store, tmp_path / "store.duckdb")
        db = str(tmp_path / "store.duckdb")
    db_path = Path(db)
    before = checksums(db_path) if "db" not in spec else None
    before_bytes = db_path.read_bytes() if db_path.is_file() else None
    listing = sorted(p.name for p in db_path.iterdir()) if db_path.is_dir() else None
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli_main(["load", source, "--db", db])
    printed = stdout.getvalue() + stderr.getvalue()
    assert code == spec["exit"], printed
    assert_clean(printed)
    if before is not None and code != 0:
        assert checksums(db_path) == before
    if "db" in spec:  # a bad --db is never written to
        if before_bytes is not None:
            assert db_path.read_bytes() == before_bytes
        if listing is not None:
            assert sorted(p.name for p in db_path.iterdir()) == listing
    leftovers = [
        p.name for p in db_path.parent.iterdir() if p.name.endswith((".importing", ".importing.wal"))
    ]
    assert leftovers == []


def test_the_corpus_covers_at_least_40_files() -> None:
    committed = [name for name, spec in CASES.items() if not spec.get("big")]
    assert len(committed) >= 40
    for name, spec in CASES.items():
        if not spec.get("big"):
            assert (FILES / spec.get("input", name)).exists(), name
