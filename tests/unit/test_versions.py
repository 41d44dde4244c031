"""Data versions (issue 20 part 2): every committed import is a version, and a version gives the
figures exactly as they were when it was the latest, after later imports replaced its rows.

The tiny input (tests/builders.py), village A = 30170101, B = 30170201:

- import A, version 1: the whole tiny input. H1 60,000 → 66,000 baht, H2 0 → 12,000 (both
  practising at ``post``); H3 has a baseline only.
  income_increase_pct = (66,000 + 12,000 − 60,000 − 0) / (60,000 + 0) = 18,000 / 60,000 = 0.3;
  practising_share = 2 / 2 = 1 (H1 and H2 have a later survey, both practising).
- import B, version 2, a correction of village A's surveys (H1 and H2 only): H1's ``post`` is
  99,000. income = (99,000 + 12,000 − 60,000) / 60,000 = 51,000 / 60,000 = 0.85; practising
  still 2 / 2.
- import C, version 3, village A's surveys again: H1's ``post`` back to 66,000, H2's ``post``
  0 baht and not practising. income = (66,000 + 0 − 60,000) / 60,000 = 6,000 / 60,000 = 0.1;
  practising = 1 / 2 = 0.5.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import duckdb
import openpyxl
import pytest

from data_loaders.store.importer import check_path, ensure_database
from data_loaders.store.layout import open_store
from data_loaders.store.versions import VersionError, list_versions
from metrics.cli import main as metrics_main
from reports.cli import main as reports_main
from tests.builders import A, set_cell, tiny, write_csv_folder


def _village_a_surveys(tmp_path: Path, name: str, *, h1_post: int, h2_post: int, h2_practising: str) -> Path:
    """The income_surveys of village A (H1 and H2, spreadsheet rows 2–5), as a CSV folder."""
    tables = tiny("income_surveys")
    tables["income_surveys"] = tables["income_surveys"][:5]  # header, H1 ×2, H2 ×2 (not H3)
    set_cell(tables, "income_surveys", 3, "household_income", str(h1_post))
    set_cell(tables, "income_surveys", 5, "household_income", str(h2_post))
    set_cell(tables, "income_surveys", 5, "practising", h2_practising)
    return write_csv_folder(tmp_path / name, tables)


def _import(path: Path, db: Path) -> int:
    result = check_path(path, db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return result.import_id


def _run(main, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _kpis(db: Path, *extra: str) -> tuple[str, dict[str, dict]]:
    code, out, err = _run(metrics_main, ["kpis", "--db", str(db), "--json", *extra])
    assert code == 0, err
    return out, {i["id"]: i for i in json.loads(out)["indicators"]}


def _pack_cells(path: Path) -> list[list[list[object]]]:
    """Every sheet's cells from the header row (4) down: the figures, not the scope line."""
    book = openpyxl.load_workbook(path)
    return [[list(row) for row in ws.iter_rows(min_row=4, values_only=True)] for ws in book.worksheets]


@pytest.fixture
def three_versions(tmp_path) -> tuple[Path, str, Path]:
    """A store after imports A, B and C; the ``kpis --json`` output and the XLSX meeting pack
    built while version 1 was the latest."""
    db = tmp_path / "store.duckdb"
    assert _import(write_csv_folder(tmp_path / "a", tiny()), db) == 1
    before, _ = _kpis(db)
    pack = tmp_path / "pack_v1.xlsx"
    code, _, err = _run(reports_main, ["meeting", "--db", str(db), "--out", str(pack)])
    assert code == 0, err
    assert (
        _import(_village_a_surveys(tmp_path, "b", h1_post=99000, h2_post=12000, h2_practising="yes"), db) == 2
    )
    assert _import(_village_a_surveys(tmp_path, "c", h1_post=66000, h2_post=0, h2_practising="no"), db) == 3
    return db, before, pack


def test_version_1_gives_exactly_the_figures_it_gave(three_versions):
    db, before, _ = three_versions
    out, now = _kpis(db)
    assert (now["income_increase_pct"]["value"], now["practising_share"]["value"]) == (0.1, 0.5)
    out, then = _kpis(db, "--version", "1")
    assert out == before  # byte for byte what kpis printed when version 1 was the latest
    income = then["income_increase_pct"]
    assert (income["value"], income["numerator"], income["denominator"]) == (0.3, 18000, 60000)
    practising = then["practising_share"]
    assert (practising["value"], practising["numerator"], practising["denominator"]) == (1, 2, 2)
    _, middle = _kpis(db, "--version", "2")
    assert middle["income_increase_pct"]["value"] == 0.85  # 51,000 / 60,000


def test_the_meeting_pack_of_version_1_is_rebuilt_and_names_its_version(three_versions, tmp_path):
    db, _, pack = three_versions
    again = tmp_path / "pack_again.xlsx"
    code, _, err = _run(reports_main, ["meeting", "--db", str(db), "--version", "1", "--out", str(again)])
    assert code == 0, err
    assert _pack_cells(again) == _pack_cells(pack)
    first, rebuilt = openpyxl.load_workbook(pack), openpyxl.load_workbook(again)
    for ws in first.worksheets:  # every sheet says the version it was built from
        assert "ข้อมูลรุ่นที่ 1" in ws.cell(2, 1).value
        assert "ไม่ใช่รุ่นล่าสุด" not in ws.cell(2, 1).value
    for ws in rebuilt.worksheets:  # and, rebuilt later, that it is not the latest
        assert "ข้อมูลรุ่นที่ 1 (ไม่ใช่รุ่นล่าสุด (รุ่นล่าสุดคือ 3))" in ws.cell(2, 1).value


def test_versions_json_lists_every_import(three_versions):
    db, _, _ = three_versions
    code, out, _ = _run(metrics_main, ["versions", "--db", str(db), "--json"])
    assert code == 0
    listed = json.loads(out)
    assert [set(v) for v in listed] == [{"version", "committed_at", "files", "villages_changed"}] * 3
    assert [(v["version"], v["files"], v["villages_changed"]) for v in listed] == [
        (1, ["a"], ["30170101", "30170201"]),  # the whole tiny input: both villages
        (2, ["b"], [A]),  # village A's surveys only
        (3, ["c"], [A]),
    ]
    assert listed[0]["committed_at"].endswith("+00:00")


def test_revisions_name_the_import_that_changed_each_headline_figure(three_versions):
    db, _, _ = three_versions
    code, out, err = _run(metrics_main, ["revisions", "--db", str(db), "--from", "1", "--to", "3", "--json"])
    assert code == 0, err
    result = json.loads(out)
    assert (result["from"], result["to"]) == (1, 3)
    assert [(i["version"], i["villages_changed"]) for i in result["imports"]] == [(2, [A]), (3, [A])]
    by_id = {i["id"]: i for i in result["indicators"]}
    income = by_id["income_increase_pct"]
    assert (income["value_from"], income["value_to"], income["changed"]) == (0.3, 0.1, True)
    assert [
        (c["version"], c["files"], c["value_before"], c["value_after"]) for c in income["changed_by"]
    ] == [
        (2, ["b"], 0.3, 0.85),
        (3, ["c"], 0.85, 0.1),
    ]
    practising = by_id["practising_share"]
    assert [
        (c["version"], c["villages_changed"], c["value_before"], c["value_after"])
        for c in practising["changed_by"]
    ] == [
        (3, [A], 1, 0.5)  # only C made H2 stop practising
    ]
    groups = by_id["villages_with_group_share"]  # 1 of 2 villages has a group, in every version
    assert (groups["value_from"], groups["value_to"], groups["changed"], groups["changed_by"]) == (
        0.5,
        0.5,
        False,
        [],
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["kpis", "--version", "9", "--json"],
            "the store store.duckdb has no data version 9 (it has versions 1–3)",
        ),
        (["changes", "--version", "4", "--json"], "has no data version 4"),
        (["revisions", "--from", "2", "--to", "7", "--json"], "has no data version 7"),
        (["revisions", "--from", "3", "--to", "2", "--json"], "--to (2) must not be before --from (3)"),
    ],
)
def test_a_version_the_store_does_not_have_exits_2_saying_which(three_versions, argv, message):
    db, _, _ = three_versions
    code, out, err = _run(metrics_main, [*argv, "--db", str(db)])
    assert (code, out) == (2, "")
    assert message in err
    assert err.startswith("error: ไม่มีข้อมูลรุ่น") or "must not be before" in err


def test_reports_refuse_a_missing_version_with_exit_2(three_versions, tmp_path):
    db, _, _ = three_versions
    code, _, err = _run(
        reports_main, ["meeting", "--db", str(db), "--version", "5", "--out", str(tmp_path / "x.xlsx")]
    )
    assert code == 2
    assert "no data version 5" in err
    assert not (tmp_path / "x.xlsx").exists()


def test_replaced_rows_are_kept_in_history_and_unchanged_ones_keep_their_version(three_versions):
    db, _, _ = three_versions
    with duckdb.connect(str(db), read_only=True) as con:
        # B resent village A's 4 survey rows and changed one (H1 post): that one of version 1
        # went to history; C changed H1 post again (B's) and H2 post (version 1's)
        assert con.execute(
            "SELECT household_id, round, added_in, replaced_in FROM history_income_surveys ORDER BY ALL"
        ).fetchall() == [("H1", "post", 1, 2), ("H1", "post", 2, 3), ("H2", "post", 1, 3)]
        # the current rows: the three baselines unchanged since version 1, the two posts of 3
        assert con.execute(
            "SELECT household_id, round, added_in FROM income_surveys ORDER BY ALL"
        ).fetchall() == [
            ("H1", "baseline", 1),
            ("H1", "post", 3),
            ("H2", "baseline", 1),
            ("H2", "post", 3),
            ("H3", "baseline", 1),
        ]


def _layout_5(db: Path) -> None:
    """Put a store of this code back in layout 5: no added_in, no history, no import_villages."""
    with duckdb.connect(str(db)) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        for name in names:
            if name.startswith("history_") or name == "import_villages":
                con.execute(f"DROP TABLE {name}")
            elif "added_in" in {r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()}:
                con.execute(f"ALTER TABLE {name} DROP COLUMN added_in")
        con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def test_a_layout_5_store_keeps_history_from_its_latest_import(tmp_path):
    db = tmp_path / "store.duckdb"
    _import(write_csv_folder(tmp_path / "a", tiny()), db)
    _import(_village_a_surveys(tmp_path, "b", h1_post=99000, h2_post=12000, h2_practising="yes"), db)
    _layout_5(db)
    ensure_database(db)  # a writer moves it forward, with a backup
    assert db.with_name("store.duckdb.v5.bak").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("7",)
        # the rows already there count as the latest import's (2): which import stored each is unknown
        assert con.execute("SELECT DISTINCT added_in FROM income_surveys").fetchall() == [(2,)]
        assert con.execute("SELECT value FROM meta WHERE key = 'history_from'").fetchone() == ("2",)
    _import(_village_a_surveys(tmp_path, "c", h1_post=66000, h2_post=0, h2_practising="no"), db)
    _, v2 = _kpis(db, "--version", "2")
    assert v2["income_increase_pct"]["value"] == 0.85  # 51,000 / 60,000, as when 2 was the latest
    with open_store(db) as con:
        assert [(v.version, v.villages_changed) for v in list_versions(con)] == [
            (1, None),
            (2, None),
            (3, (A,)),
        ]
    with pytest.raises(VersionError, match=re.escape("imported before the store store.duckdb kept history")):
        open_store(db, 1)
