"""Import warnings on the Indicators page follow the selected scope, when the store records
the village of each warning; otherwise every warning is shown and the page says so."""

from __future__ import annotations

import duckdb

from data_loaders.importer import check_path
from metrics.monitoring import validation_warnings, warnings_follow_scope
from metrics.scope import Scope
from tests.builders import tiny, write_csv_folder


def _store(tmp_path):
    db = tmp_path / "s.duckdb"
    assert check_path(write_csv_folder(tmp_path / "in", tiny()), db, commit=True).committed
    return db


def _add_warnings(con) -> None:
    import_id = con.execute("SELECT max(import_id) FROM import_log").fetchone()[0]
    file = con.execute("SELECT file_name FROM import_log WHERE import_id = ?", [import_id]).fetchone()[0]
    con.execute("DELETE FROM import_problems")
    rows = [
        ("w-one", "30170101"),  # tambon 301701 (ชุมพวง)
        ("w-two", "30170201"),  # tambon 301702 (ประสุข)
        ("w-file", None),  # about the file as a whole
    ]
    for message, village in rows:
        con.execute(
            "INSERT INTO import_problems (import_id, level, file, sheet, row_number, column_name, "
            "table_name, message, village_code) VALUES (?, 'warning', ?, NULL, 2, NULL, 'villages', ?, ?)",
            [import_id, file, message, village],
        )


def test_without_village_codes_every_warning_is_shown(tmp_path):
    db = _store(tmp_path)
    with duckdb.connect(str(db)) as rw:  # layout 1 (before migration): no village per warning
        rw.execute("ALTER TABLE import_problems DROP COLUMN village_code")
    con = duckdb.connect(str(db), read_only=True)
    assert not warnings_follow_scope(con)
    everything = validation_warnings(con)
    assert validation_warnings(con, Scope(tambon="301702")).equals(everything)
    con.close()


def test_with_village_codes_warnings_follow_the_scope(tmp_path):
    con = duckdb.connect(str(_store(tmp_path)))
    con.execute("ALTER TABLE import_problems ADD COLUMN IF NOT EXISTS village_code VARCHAR")
    _add_warnings(con)
    assert warnings_follow_scope(con)
    assert sorted(validation_warnings(con, Scope())["message"]) == ["w-file", "w-one", "w-two"]
    assert sorted(validation_warnings(con, Scope(tambon="301702"))["message"]) == ["w-file", "w-two"]
    assert sorted(validation_warnings(con, Scope(villages=("30170101",)))["message"]) == ["w-file", "w-one"]
    assert sorted(validation_warnings(con, Scope(district="3414"))["message"]) == ["w-file"]
    con.close()
