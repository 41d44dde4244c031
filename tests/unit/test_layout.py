"""One layout check for every program (``data_loaders/store/layout.py``).

Each command line is run against tiny stores built here: the empty tables of this code's layout
(5), with ``meta.schema_version`` then set to 999 (newer), 3 (the previous real layout) or 0 (a
layout no migration step knows). A reader refuses all three with exit 2 and a Thai and English
message, before reading anything; a writer (``load``, ``upgrade``) moves layout 3 forward with a
backup and refuses the others.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from access.cli import main as access_main
from data_loaders.cli import main as loaders_main
from data_loaders.store.layout import check_store, open_store
from data_loaders.store.migrate import SCHEMA_VERSION, StoreVersionError
from data_loaders.store.store import ensure_schema
from metrics.cli import main as metrics_main
from reports.cli import main as reports_main
from tests.builders import tiny, write_csv_folder

ROOT = Path(__file__).resolve().parents[2]

NEWER = f"has layout version 999, newer than this dashboard's {SCHEMA_VERSION}; update the dashboard"
NEWER_TH = "เป็นรุ่น 999 ใหม่กว่าโปรแกรมนี้"
OLDER = (
    f"has layout version 3, older than this dashboard's {SCHEMA_VERSION}; run `python -m data_loaders load`"
)
OLDER_TH = "เป็นรุ่น 3 เก่ากว่าโปรแกรมนี้"
UNKNOWN = "has layout version 0, which this dashboard does not know"


def _store(folder: Path, version: int) -> Path:
    """An empty store of this code's layout, then marked ``version``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "tiny.duckdb"
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    return db


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


# Every program that only reads the store, as (name, its main, its arguments for a store).
READERS: list[tuple[str, Callable[[list[str]], int], Callable[[Path, Path], list[str]]]] = [
    ("metrics kpis", metrics_main, lambda db, tmp: ["kpis", "--db", str(db)]),
    ("metrics changes", metrics_main, lambda db, tmp: ["changes", "--db", str(db), "--as-of", "2561-03-12"]),
    ("metrics villages", metrics_main, lambda db, tmp: ["villages", "--db", str(db)]),
    (
        "reports meeting",
        reports_main,
        lambda db, tmp: ["meeting", "--db", str(db), "--out", str(tmp / "p.pdf")],
    ),
    (
        "reports village",
        reports_main,
        lambda db, tmp: ["village", "--village", "30170111", "--db", str(db), "--out", str(tmp / "v.pdf")],
    ),
    ("access list", access_main, lambda db, tmp: ["list", "--db", str(db)]),
    ("reports deliver", reports_main, lambda db, tmp: ["deliver", "--dry-run", "--db", str(db)]),
    ("validate", loaders_main, lambda db, tmp: ["validate", str(tmp), "--db", str(db)]),
]


@pytest.mark.parametrize(("name", "main", "args"), READERS, ids=[r[0] for r in READERS])
@pytest.mark.parametrize(
    ("version", "expected"),
    [(999, (NEWER, NEWER_TH)), (3, (OLDER, OLDER_TH)), (0, (UNKNOWN, "ซึ่งโปรแกรมนี้ไม่รู้จัก"))],
    ids=["newer", "older", "unknown"],
)
def test_every_reader_refuses_a_store_in_another_layout(
    tmp_path, capsys, name, main, args, version, expected
):
    db = _store(tmp_path / "db", version)
    before = _digest(db)
    assert main(args(db, tmp_path)) == 2
    err = capsys.readouterr().err
    for part in expected:
        assert part in err, err
    assert f"the store {db.name} has" in err  # named once: not "the store store"
    assert not (tmp_path / "p.pdf").exists() and not (tmp_path / "v.pdf").exists()
    assert _digest(db) == before  # a reader never migrates
    assert not list(db.parent.glob("*.bak"))


def test_the_older_store_message_names_the_upgrade_for_this_store(tmp_path, capsys):
    db = _store(tmp_path, 3)
    assert metrics_main(["kpis", "--db", str(db)]) == 2
    assert f"python -m data_loaders upgrade --db {db}" in capsys.readouterr().err


def test_a_newer_store_through_python_m_exits_2_without_a_traceback(tmp_path):
    db = _store(tmp_path, 999)
    out = subprocess.run(
        [sys.executable, "-m", "reports", "meeting", "--db", str(db), "--out", str(tmp_path / "p.pptx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SAMMACHIP_DB": str(db)},
        timeout=120,
        check=False,
    )
    assert out.returncode == 2
    assert NEWER in out.stderr and NEWER_TH in out.stderr
    assert "Traceback" not in out.stderr


def test_access_checks_the_configured_store_too(tmp_path, capsys, monkeypatch):
    """Without --db, ``access`` checks the store $SAMMACHIP_DB names (its access list's store)."""
    db = _store(tmp_path, 999)
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    monkeypatch.delenv("SAMMACHIP_ACCESS_DB", raising=False)
    assert access_main(["list"]) == 2
    assert NEWER in capsys.readouterr().err


def test_readers_accept_a_missing_store_and_the_current_layout(tmp_path):
    assert check_store(tmp_path / "absent.duckdb") is None
    db = _store(tmp_path, SCHEMA_VERSION)
    assert check_store(db) is None
    open_store(db).close()


def test_a_file_that_is_not_a_store_is_refused_with_a_message(tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreVersionError, match=r"cannot open the store notes\.duckdb"):
        open_store(db)


def test_load_migrates_an_older_store_first_and_refuses_a_newer_or_unknown_one(tmp_path, capsys):
    folder = write_csv_folder(tmp_path / "tiny", tiny())
    old = _store(tmp_path / "old", 3)
    assert loaders_main(["load", str(folder), "--db", str(old)]) == 0
    assert (old.parent / "tiny.duckdb.v3.bak").exists()
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [
            (str(SCHEMA_VERSION),)
        ]
    capsys.readouterr()
    for version, expected in ((999, NEWER), (0, UNKNOWN)):
        db = _store(tmp_path / str(version), version)
        before = _digest(db)
        assert loaders_main(["load", str(folder), "--db", str(db)]) == 2
        assert expected in capsys.readouterr().err
        assert _digest(db) == before


def test_upgrade_moves_an_older_store_forward_with_a_backup(tmp_path, capsys):
    db = _store(tmp_path, 3)
    old = _digest(db)
    assert loaders_main(["upgrade", "--db", str(db)]) == 0
    backup = tmp_path / "tiny.duckdb.v3.bak"
    assert _digest(backup) == old
    open_store(db).close()  # now readable
    assert loaders_main(["upgrade", "--db", str(db)]) == 0  # again: nothing to do
    assert "already" in capsys.readouterr().out
    assert loaders_main(["upgrade", "--db", str(_store(tmp_path / "new", 999))]) == 2


def test_a_store_named_by_nobody_is_called_the_store_once(tmp_path):
    """``validate`` checks a throw-away copy whose name means nothing: the message said "the
    store store has layout version 999"."""
    from data_loaders.store.migrate import check_version

    with pytest.raises(StoreVersionError) as refused:
        check_version(999)
    assert (
        refused.value.en
        == f"the store has layout version 999, newer than this dashboard's {SCHEMA_VERSION}; update the dashboard"
    )
    assert refused.value.th == f"ฐานข้อมูลนี้เป็นรุ่น 999 ใหม่กว่าโปรแกรมนี้ (รุ่น {SCHEMA_VERSION}) ให้ปรับรุ่นโปรแกรม"


def test_a_writer_that_cannot_write_the_folder_says_how_to_upgrade(tmp_path, monkeypatch):
    """The dashboard on a replica whose store folder is read-only (root ignores permissions, so
    the failed write is stood in for): refused like a reader, with the command, not a traceback."""
    import data_loaders.store.layout as layout

    def read_only(db: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(db))

    monkeypatch.setattr(layout, "migrate_file", read_only)
    db = _store(tmp_path, 3)
    with pytest.raises(StoreVersionError) as refused:
        check_store(db, writes=True)
    assert OLDER in refused.value.en
