"""Start the real dashboard on a free port, against a fresh store built from the sample data."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import serve

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SERVER_PIDS: dict[str, int] = {}  # base URL -> the server's process id (for memory checks)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def running_server(db: Path, log_dir: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port against the store ``db`` (its output in
    ``log_dir/streamlit.log``); yields its base URL."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it (scripts/system-deps.sh)")
        pytest.skip("no /usr/bin/chromium on this machine (run scripts/system-deps.sh)")
    with serve(db, log=log_dir / "streamlit.log", timeout=90, stop_timeout=10) as (url, process):
        SERVER_PIDS[url] = process.pid
        try:
            yield url
        finally:
            SERVER_PIDS.pop(url, None)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a running ``streamlit run app.py`` on a fresh store (built from the
    sample data on its first request)."""
    db = tmp_path_factory.mktemp("e2e") / "store.duckdb"
    with running_server(db, tmp_path_factory.mktemp("log")) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory):
    """The base URL of the dashboard on the four-village store of tests/metrics_fixture.py,
    whose numbers are worked out by hand (tests/unit/test_metrics.py), so a page can be
    checked for what it shows, not only that it draws."""
    from data_loaders.store.importer import check_path
    from tests.builders import write_csv_folder
    from tests.metrics_fixture import METRICS_INPUT

    folder = tmp_path_factory.mktemp("e2e_fixture")
    db = folder / "fixture.duckdb"
    assert check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True).committed
    with running_server(db, folder) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
