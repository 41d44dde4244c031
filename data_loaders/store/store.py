"""The DuckDB store: schema, atomic imports that replace rows village by village, and the
checks that need the database.

How an import never loses data, and works while the dashboard is running:

1. The store file is copied to a working file beside it (or a new one is made).
2. In one transaction on the working file, the input's rows replace the rows of the villages
   it covers, and every reference and key is checked on that new state.
3. If anything is wrong the working file is thrown away: the store was never touched.
   Otherwise the working file is checkpointed, closed and swapped in with ``os.replace``,
   which is atomic. Readers that still have the old file open keep reading it; new readers
   (see :func:`open_read_only`) see the new one.

Only one import runs at a time (an exclusive lock on ``<store>.lock``). ``validate`` runs the
same steps on a throw-away copy, so validation and loading always agree.

This module orders the steps; each job lives in a module of its own: the file, its lock, the
swap and read-only connections (``snapshot``), replacing by village (``replace``), the checks
on the state an import would produce (``integrity``), the facts pages read (``facts``), the
import log (``importlog``) and layout versions (``migrate``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb

from data_loaders.check.areas import check_areas
from data_loaders.check.integrity import check_references, check_warnings, duplicate_dependants, key_conflicts
from data_loaders.check.progress import Progress, step
from data_loaders.check.validate import check_input
from data_loaders.contract.schema import TABLES, TABLES_BY_NAME
from data_loaders.contract.settings import DEFAULT_TARGETS, Targets
from data_loaders.read.inputs import RawInput
from data_loaders.store import derived, facts, versions
from data_loaders.store.importlog import LOG_DDL, log_import
from data_loaders.store.layout import open_store as open_read_only  # checks the layout first
from data_loaders.store.migrate import (
    SCHEMA_VERSION,
    check_version,
    migrate_connection,
    migrate_file,
    stored_version,
)
from data_loaders.store.replace import (
    create_covered,
    delete_covered,
    insert_input,
    stored_columns,
    warn_dropped,
)
from data_loaders.store.result import ImportResult
from data_loaders.store.snapshot import (
    connect_for_import,
    copy_store,
    cursor,
    fsync_dir,
    import_lock,
    store_signature,
)

DATA_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES)
# The store's public face: what callers import from here, kept where each job lives.
__all__ = [
    "DATA_TABLES",
    "commit_locked",
    "connect_for_import",
    "cursor",
    "ensure_schema",
    "export_folder",
    "import_dataset",
    "import_lock",
    "open_read_only",
    "row_counts",
    "store_signature",
    "stored_columns",
    "table_checksums",
]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the contract (and the import log) if missing; an older store is
    migrated forward in place (callers work on a copy), a newer one refused."""
    version = stored_version(con)
    check_version(version)
    if version is not None and version < SCHEMA_VERSION:
        migrate_connection(con, version)
    for table in TABLES:
        columns = [f"{c.name} {c.sql_type}" for c in table.columns]
        columns += [f"{name} {sql_type}" for name, sql_type in table.derived]
        con.execute(f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(columns)})")
    for ddl in LOG_DDL:
        con.execute(ddl)
    versions.ensure(con)  # added_in, the history tables, import_villages (data versions)
    facts.create(con)
    if not con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


# --- staging and replacing -------------------------------------------------------------------


# --- checks on the state the import would produce ---------------------------------------------


# --- the store file --------------------------------------------------------------------------


# The covered villages the store already holds (their rows are replaced, not added).
_HELD_SQL = (
    "SELECT village_code FROM covered_villages WHERE village_code IN (SELECT village_code FROM villages)"
)


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per data table."""
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in DATA_TABLES}


def table_checksums(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, str]:
    """A sha256 per table over its rows in a fixed order: equal checksums, equal content (a data
    table's content is its contract's columns, not the version that stored each row)."""
    sums = {}
    for name in tables:
        columns = ", ".join(stored_columns(TABLES_BY_NAME[name])) if name in TABLES_BY_NAME else "*"
        rows = con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()
        sums[name] = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()
    return sums


def _run(
    work: Path,
    raw: RawInput,
    *,
    commit: bool,
    targets: Targets,
    areas: tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check the input and apply it to the working copy; commit only when asked and all is well."""
    con = connect_for_import(work)
    try:
        ensure_schema(con)
        dataset = check_input(raw, con, progress=progress)
        dataset.areas = areas  # messages name no stored village outside them
        result = ImportResult(dataset)
        result.before = row_counts(con)
        result.rows_in_file = {name: d.row_count for name, d in dataset.tables.items()}
        step(progress, "replace")
        con.begin()
        result.covered_villages = create_covered(con, dataset)
        held = {r[0] for r in con.execute(_HELD_SQL).fetchall()}
        result.villages_added = [v for v in result.covered_villages if v not in held]
        result.villages_replaced = [v for v in result.covered_villages if v in held]
        if areas is not None:
            result.outside = check_areas(con, dataset, areas)
        version = versions.next_version(con)  # this import's data version (its import_id)
        dropped = delete_covered(con, dataset, version=version)
        # Broken cells were staged as blanks, which these checks skip, so they add no noise.
        key_conflicts(con, dataset)
        insert_input(con, dataset, version=version)
        warn_dropped(dataset, dropped)
        step(progress, "references")
        check_references(con, dataset, result.before)
        step(progress, "warnings")
        check_warnings(con, dataset, targets)
        duplicate_dependants(con, dataset)
        result.after = row_counts(con)
        if commit and result.ok:
            step(progress, "facts")
            # the facts pages read, for the villages this import replaced (data_loaders/store/facts.py)
            facts.refresh_after_import(con, "covered_villages")
            step(progress, "save")
            result.import_id = log_import(con, dataset, result)
            versions.record_villages(con, "covered_villages", result.import_id)
            # the tables derived from the facts for this version (the metrics' area roll-ups)
            derived.rebuild(con)
            con.commit()
            con.execute("CHECKPOINT")
            result.committed = True
        else:
            con.rollback()
    finally:
        con.close()
    return result


def import_dataset(
    raw: RawInput,
    db: Path,
    *,
    commit: bool,
    targets: Targets = DEFAULT_TARGETS,
    areas: tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``raw`` against the store at ``db`` and, if ``commit`` and all is well, import it.

    With ``commit=False`` (validate) the store is only read. A failed import leaves the store
    file exactly as it was. ``progress`` hears of each phase (:mod:`data_loaders.check.progress`).
    """
    db = db.resolve()
    if not commit:
        with tempfile.TemporaryDirectory(prefix="sammachip-") as tmp:
            step(progress, "prepare")
            work = Path(tmp) / "check.duckdb"
            copy_store(db, work)
            result = _run(work, raw, commit=False, targets=targets, areas=areas, progress=progress)
            step(progress, "done")
            return result
    with import_lock(db):
        return commit_locked(raw, db, targets=targets, areas=areas, progress=progress)


def commit_locked(
    raw: RawInput,
    db: Path,
    *,
    targets: Targets = DEFAULT_TARGETS,
    areas: tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """The import itself; the caller holds :func:`import_lock` for ``db``."""
    step(progress, "prepare")
    migrate_file(db)  # an older store moves forward first, with a backup beside it
    work = db.with_name(f".{db.name}.{os.getpid()}.importing")
    for leftover in (work, work.with_name(work.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        copy_store(db, work)
        result = _run(work, raw, commit=True, targets=targets, areas=areas, progress=progress)
        if result.committed:
            os.replace(work, db)
            db.with_name(db.name + ".wal").unlink(missing_ok=True)
            fsync_dir(db.parent)
        step(progress, "done")
        return result
    finally:
        for leftover in (work, work.with_name(work.name + ".wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(work.with_name(work.name + ".tmp"), ignore_errors=True)


def _export_cell(value: Any) -> Any:
    """A stored value written back in the contract's canonical form."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_folder(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write every data table as ``<table>.csv`` in canonical form, re-importable as it is."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        columns = ", ".join(table.column_names)
        order = ", ".join(table.key)
        rows = con.execute(f"SELECT {columns} FROM {table.name} ORDER BY {order}").fetchall()
        with open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            writer.writerows([_export_cell(v) for v in row] for row in rows)
        counts[table.name] = len(rows)
    return counts
