"""Publish and sync (``data_loaders/store/publish.py``, ``python -m data_loaders publish|sync``).

The writer's store is the tiny input of ``tests/builders.py`` imported once (import #1) or
twice (import #2: the same rows again, so only the import log tells the two apart). Import ids
count from 1 in a new store, one per committed import, so the names are worked out by hand:
``sammachip-1.duckdb``, then ``sammachip-2.duckdb``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from data_loaders.cli import main
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from data_loaders.store.migrate import SCHEMA_VERSION, StoreVersionError
from data_loaders.store.publish import POINTER, PublishError, last_import, publish, sync
from data_loaders.store.store import ensure_schema
from tests.builders import tiny, write_csv_folder

NEWER = SCHEMA_VERSION + 1


def _writer(tmp_path: Path, imports: int) -> Path:
    """The writer's store after ``imports`` committed imports of the tiny input."""
    db = tmp_path / "writer" / "sammachip.duckdb"
    folder = write_csv_folder(tmp_path / "tiny", tiny())
    for _ in range(imports):
        assert check_path(folder, db, commit=True).committed
    return db


def _import_id(db: Path) -> int | None:
    con = open_store(db)
    try:
        return last_import(con)
    finally:
        con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "published"
    folder.mkdir()
    return folder


def test_publish_names_the_snapshot_by_its_import_and_points_current_at_it(tmp_path):
    db, folder = _writer(tmp_path, 1), _folder(tmp_path)
    done = publish(db, folder)
    assert (done.import_id, done.snapshot, done.copied) == (1, folder / "sammachip-1.duckdb", True)
    assert (folder / POINTER).read_text(encoding="utf-8") == "sammachip-1.duckdb\n"
    assert _import_id(folder / "sammachip-1.duckdb") == 1
    assert sorted(p.name for p in folder.iterdir()) == ["current", "sammachip-1.duckdb"]  # no leftovers


def test_a_second_publish_adds_a_snapshot_and_swaps_the_pointer_atomically(tmp_path):
    folder = _folder(tmp_path)
    publish(_writer(tmp_path, 1), folder)
    first = folder / "sammachip-1.duckdb"
    kept = _digest(first)
    with open(folder / POINTER, encoding="utf-8") as old_pointer:  # a reader of the old pointer
        check_path(tmp_path / "tiny", tmp_path / "writer" / "sammachip.duckdb", commit=True)  # import #2
        done = publish(tmp_path / "writer" / "sammachip.duckdb", folder)
        # the pointer was replaced by a new file (a rename), not rewritten in place: the open
        # one still reads the old name whole
        assert old_pointer.read() == "sammachip-1.duckdb\n"
    assert done.snapshot == folder / "sammachip-2.duckdb"
    assert (folder / POINTER).read_text(encoding="utf-8") == "sammachip-2.duckdb\n"
    assert _digest(first) == kept  # a published snapshot is never rewritten
    assert sorted(p.name for p in folder.iterdir()) == ["current", "sammachip-1.duckdb", "sammachip-2.duckdb"]


def test_publishing_the_same_import_again_copies_nothing(tmp_path):
    db, folder = _writer(tmp_path, 1), _folder(tmp_path)
    publish(db, folder)
    before = (folder / "sammachip-1.duckdb").stat().st_ino
    again = publish(db, folder)
    assert (again.import_id, again.copied) == (1, False)
    assert (folder / "sammachip-1.duckdb").stat().st_ino == before


def test_sync_copies_only_a_newer_snapshot(tmp_path):
    db, folder = _writer(tmp_path, 1), _folder(tmp_path)
    local = tmp_path / "replica" / "store.duckdb"
    local.parent.mkdir()
    publish(db, folder)
    first = sync(folder, local)
    assert (first.import_id, first.before, first.copied) == (1, None, True)
    assert _digest(local) == _digest(folder / "sammachip-1.duckdb")
    inode = local.stat().st_ino
    same = sync(folder, local)  # nothing newer: the file is left as it is
    assert (same.import_id, same.before, same.copied) == (1, 1, False)
    assert local.stat().st_ino == inode
    reader = open_store(local)  # a replica serving the local store while the sync swaps it
    try:
        check_path(tmp_path / "tiny", db, commit=True)  # import #2
        publish(db, folder)
        newer = sync(folder, local)
        assert (newer.import_id, newer.before, newer.copied) == (2, 1, True)
        assert local.stat().st_ino != inode  # swapped in as a new file
        assert last_import(reader) == 1  # the open connection keeps reading the file it had
    finally:
        reader.close()
    assert _import_id(local) == 2  # a new one reads the new file
    (folder / POINTER).write_text("sammachip-1.duckdb\n", encoding="utf-8")  # an older one published
    older = sync(folder, local)
    assert (older.import_id, older.before, older.copied) == (1, 2, False)
    assert _import_id(local) == 2
    assert sorted(p.name for p in local.parent.iterdir()) == ["store.duckdb", "store.duckdb.lock"]


def test_sync_refuses_a_snapshot_of_a_newer_layout_and_leaves_the_local_store(tmp_path):
    db, folder = _writer(tmp_path, 1), _folder(tmp_path)
    local = tmp_path / "replica" / "store.duckdb"
    local.parent.mkdir()
    publish(db, folder)
    sync(folder, local)
    kept = _digest(local)
    newer = folder / "sammachip-2.duckdb"  # as a newer dashboard's writer would publish it
    shutil.copyfile(folder / "sammachip-1.duckdb", newer)
    with duckdb.connect(str(newer)) as con:
        con.execute("INSERT INTO import_log (import_id) VALUES (2)")
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(NEWER)])
    (folder / POINTER).write_text("sammachip-2.duckdb\n", encoding="utf-8")
    with pytest.raises(StoreVersionError, match=f"newer than this dashboard's {SCHEMA_VERSION}"):
        sync(folder, local)
    assert _digest(local) == kept
    assert sorted(p.name for p in local.parent.iterdir()) == ["store.duckdb", "store.duckdb.lock"]


def test_the_command_lines_publish_and_sync(tmp_path, capsys):
    db, folder = _writer(tmp_path, 1), _folder(tmp_path)
    local = tmp_path / "store.duckdb"
    assert main(["publish", "--db", str(db), "--to", str(folder)]) == 0
    assert "published import #1" in capsys.readouterr().out
    assert main(["sync", "--from", str(folder), "--to", str(local)]) == 0
    assert f"{local} now has import #1 (it had none)" in capsys.readouterr().out
    assert main(["sync", "--from", str(folder), "--to", str(local)]) == 0
    assert "already has import #1 (published: #1); nothing copied" in capsys.readouterr().out


def _empty_store(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
    return db


def _not_a_store(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, and long enough to have bytes 8-11\n", encoding="utf-8")
    return path


def _pointer(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "published"
    folder.mkdir()
    (folder / POINTER).write_text(text, encoding="utf-8")
    return folder


# (name, arguments from tmp_path, the English half of the message on stderr)
BAD = [
    (
        "publish to a missing folder",
        lambda tmp: ["publish", "--db", str(_writer(tmp, 1)), "--to", str(tmp / "nowhere")],
        "is not an existing folder; create it first",
    ),
    (
        "publish a missing store",
        lambda tmp: ["publish", "--db", str(tmp / "none.duckdb"), "--to", str(tmp)],
        "no store at {tmp}/none.duckdb",
    ),
    (
        "publish a store with no import",
        lambda tmp: ["publish", "--db", str(_empty_store(tmp)), "--to", str(tmp)],
        "the store empty.duckdb has no committed import yet; there is nothing to publish",
    ),
    (
        "publish a file that is not a store",
        lambda tmp: ["publish", "--db", str(_not_a_store(tmp)), "--to", str(tmp)],
        "is not a dashboard store (not a DuckDB file); it was left untouched",
    ),
    (
        "sync from a missing folder",
        lambda tmp: ["sync", "--from", str(tmp / "nowhere"), "--to", str(tmp / "s.duckdb")],
        "is not an existing folder",
    ),
    (
        "sync from a folder with nothing published",
        lambda tmp: ["sync", "--from", str(tmp), "--to", str(tmp / "s.duckdb")],
        "(no current file); run `python -m data_loaders publish` first",
    ),
    (
        "sync from a pointer naming a path",
        lambda tmp: [
            "sync",
            "--from",
            str(_pointer(tmp, "../../etc/passwd\n")),
            "--to",
            str(tmp / "s.duckdb"),
        ],
        "must hold one line, a name like sammachip-<import_id>.duckdb",
    ),
    (
        "sync from a pointer naming a missing snapshot",
        lambda tmp: [
            "sync",
            "--from",
            str(_pointer(tmp, "sammachip-7.duckdb\n")),
            "--to",
            str(tmp / "s.duckdb"),
        ],
        "names sammachip-7.duckdb, which is not in",
    ),
    (
        "sync over a file that is not a store",
        lambda tmp: ["sync", "--from", str(tmp), "--to", str(_not_a_store(tmp))],
        "is not a dashboard store (not a DuckDB file); it was left untouched",
    ),
]


@pytest.mark.parametrize(("name", "args", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exits_2_with_a_located_message(tmp_path, capsys, name, args, expected):
    assert main(args(tmp_path)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert expected.replace("{tmp}", str(tmp_path)) in captured.err
    assert "Traceback" not in captured.err
    thai, english = captured.err.removeprefix("error: ").split(" / ", 1)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai)  # the Thai half first
    assert english


def test_publish_error_gives_thai_then_english():
    assert str(PublishError("ไทย", "English")) == "ไทย / English"
