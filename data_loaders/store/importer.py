"""One call from a path to a checked (and optionally imported) result.

The command line, the dashboard's Data page and the tests all go through :func:`check_path`,
so they report exactly the same problems.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

from data_loaders.check.dataset import Problem
from data_loaders.check.progress import Progress
from data_loaders.contract.settings import SAMPLE_DIR, Targets
from data_loaders.contract.settings import targets as configured_targets
from data_loaders.read.inputs import RawInput
from data_loaders.read.readers import read_input
from data_loaders.store.importlog import EarlierImport, earlier_import
from data_loaders.store.layout import StoreVersionError, check_store
from data_loaders.store.result import ImportResult
from data_loaders.store.store import (
    commit_locked,
    import_dataset,
    import_lock,
    open_read_only,
    store_signature,
)


def check_raw(
    raw: RawInput,
    db: Path,
    *,
    commit: bool,
    targets: Targets | None = None,
    areas: tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate already-read input against the store, importing it if ``commit`` and error-free.

    ``targets`` default to the configured ones (:func:`data_loaders.contract.settings.targets`).
    ``areas`` (province or district codes) refuse any row outside them; ``None``: no limit.
    ``progress`` is called with ``(fraction, phase_key)`` as the work moves on
    (:mod:`data_loaders.check.progress`).
    """
    result = import_dataset(
        raw, db, commit=commit, targets=targets or configured_targets(), areas=areas, progress=progress
    )
    result.dataset.problems.sort(key=_report_order)
    return result


def check_path(
    path: Path,
    db: Path,
    *,
    commit: bool,
    targets: Targets | None = None,
    areas: tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read ``path`` (an .xlsx file or a folder of CSVs) and check it; raises ``InputError``."""
    with read_input(path) as raw:
        return check_raw(raw, db, commit=commit, targets=targets, areas=areas, progress=progress)


def identical_import(db: Path, sha256: str) -> EarlierImport | None:
    """The store's latest import of exactly these bytes (same SHA-256), checked before importing
    them again; None when there is none, or no store yet (an unreadable store is left to the
    import itself to report)."""
    if not db.is_file():
        return None
    try:
        con = open_read_only(db)
    except (duckdb.Error, StoreVersionError):  # the import itself reports an unreadable store
        return None
    try:
        return earlier_import(con, sha256)
    except duckdb.Error:  # a store without an import log
        return None
    finally:
        con.close()


def _report_order(problem: Problem) -> tuple[str, bool, str, int, str]:
    """File, sheet, then row: the order an officer fixes a workbook in; unlocated lines last."""
    unlocated = problem.row is None
    return (problem.file, unlocated, problem.sheet or "", problem.row or 0, problem.column or "")


@lru_cache(maxsize=8)
def _migrated_once(path: str, signature: tuple[int, int]) -> None:
    """The one layout check (:func:`data_loaders.store.layout.check_store`) for a program that writes
    (the dashboard): an older store moves forward (with a backup), once per store version seen;
    a newer or unreadable one raises ``StoreVersionError``. ``signature`` is only the cache key."""
    check_store(Path(path), writes=True)


def ensure_database(db: Path, *, sample_dir: Path = SAMPLE_DIR) -> bool:
    """Build the store from the bundled sample data if it does not exist yet.

    Returns True if it built the store. Safe when several processes start at once: the
    import lock is taken, and the store is checked again under it.
    """
    if db.exists():
        signature = store_signature(db)
        if signature is not None:
            _migrated_once(str(db.resolve()), signature)
        return False
    db = db.resolve()
    with import_lock(db):
        if db.exists():  # another process built it while we waited
            return False
        with read_input(sample_dir) as raw:
            result = commit_locked(raw, db, targets=configured_targets())
    if not result.committed:
        lines = "\n".join(p.line() for p in result.dataset.errors[:20])
        msg = f"the bundled sample data does not import:\n{lines}"
        raise RuntimeError(msg)
    return True
