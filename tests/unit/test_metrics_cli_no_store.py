"""``python -m metrics``: every command that reads the store says the same thing, and exits 2,
when there is no store at ``--db`` (one check in ``metrics.cli.main``)."""

from __future__ import annotations

import pytest

from metrics.cli import main


@pytest.mark.parametrize("command", ["kpis", "rows", "cohorts", "versions"])
def test_a_missing_store_is_named_and_exits_2(command, tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    argv = [command, "--db", str(missing)]
    if command == "rows":
        argv.insert(1, "households_per_trainer")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (f"error: ไม่พบฐานข้อมูล / no store at {missing} (run python -m data_loaders load first)\n")
    assert not missing.exists()  # nothing was created on the way
